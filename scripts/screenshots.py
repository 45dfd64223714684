"""Take screenshots of every screen with realistic data into docs/screenshots/ (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SAMPLES = ROOT.parent / "shared" / "samples"

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, runner=None, ms: int = 300) -> None:
    if runner is not None:
        runner.wait(20_000)
    for _ in range(5):
        loop = QEventLoop()
        QTimer.singleShot(ms // 5, loop.quit)
        loop.exec()
        app.processEvents()


def shot(widget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.context import open_office
    from app.services import dtsen, setup, users
    from ui.dialogs.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    data = Path(tempfile.mkdtemp(prefix="loket-shots-"))
    office = open_office(data)
    runner = TaskRunner()

    wizard = FirstRunWizard(office, runner)
    p = wizard.profile_page
    p.region_name.setText("Pangkalpinang")
    p._suggest("Pangkalpinang")
    p.address.setText("Jl. Rasakunda No. 1, Kel. Rawa Bangun")
    p.postal_code.setText("33121")
    p.phone.setText("(0717) 421234")
    p.email.setText("dinsos@pangkalpinangkota.go.id")
    p.website.setText("dinsos.pangkalpinangkota.go.id")
    wizard.show()
    settle(app)
    shot(wizard, "01-penyiapan-profil-kantor")
    wizard.next()
    a = wizard.admin_page
    a.username.setText("admin")
    a.full_name.setText("Rina Marlina, S.Kom.")
    a.password.setText("rahasia-123")
    a.confirm.setText("rahasia-123")
    settle(app)
    shot(wizard, "02-penyiapan-administrator")
    wizard.next()
    o = wizard.officials_page
    o.head_name.setText("Drs. H. Ahmad Fauzi, M.Si.")
    o.head_nip.setText("197201031995031001")
    o.head_rank.setText("Pembina Utama Muda (IV/c)")
    settle(app)
    shot(wizard, "03-penyiapan-pejabat")
    setup.first_run(office, wizard.data())
    wizard.hide()

    login = LoginDialog()
    login.set_ready("Dinas Sosial Kota Pangkalpinang")
    login.username.setText("admin")
    login.show()
    settle(app)
    shot(login, "04-masuk")
    login.hide()

    actor = users.login(office, username="admin", password="rahasia-123")
    dtsen.import_file(office, actor=actor, path=SAMPLES / "dtsen_contoh.csv")
    win = MainWindow(UiSession(office, actor, runner), "Dinas Sosial Kota Pangkalpinang")
    win.resize(1100, 680)
    win.show()
    settle(app, runner)
    win.lookup.nik.setText("1971015208810001")
    win.lookup._lookup()
    settle(app, runner)
    shot(win, "05-cek-nik-terdaftar")
    win.lookup.nik.setText("1971015208810009")
    win.lookup._lookup()
    settle(app, runner)
    shot(win, "06-cek-nik-tidak-terdaftar")
    win.lookup.nik.setText("3.27E+15")
    settle(app, runner)
    shot(win, "07-cek-nik-rusak-lembar-kerja")
    win.show_page("import")
    win.importer.start(SAMPLES / "dtsen_contoh.csv")
    settle(app, runner)
    shot(win, "08-impor-dtsen-selesai")
    win.close()
    runner.wait(10_000)
    office.close()


if __name__ == "__main__":
    main()
