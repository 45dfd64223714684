"""Screenshots of the kelurahan–Dinas network at 1366×768 into docs/screenshots/ (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python scripts/network_screenshots.py

Builds a practice network (one Dinas, three kelurahan) in a temporary folder, then plays one round through
the window's own Jaringan page: the kelurahan sends, the Dinas receives, decides, issues a letter and answers.
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

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, runner, ms: int = 400) -> None:
    for _ in range(3):
        runner.wait(60_000)
        loop = QEventLoop()
        QTimer.singleShot(ms // 3, loop.quit)
        loop.exec()
        app.processEvents()


def shot(widget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app import demo
    from app.context import open_office
    from app.network import practice
    from app.services import case_letters, cases, users
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    root = Path(tempfile.mkdtemp(prefix="loket-jaringan-")) / "latihan"
    practice.build_network(root, 3, dinas_cases=60, dtsen_rows=1500, progress=print)
    pw = demo.DEMO_PASSWORD

    # the first-run wizard asks which kind of office this is
    blank = open_office(root.parent / "baru")
    runner = TaskRunner()
    wizard = FirstRunWizard(blank, runner)
    box = wizard.profile_page.kind_box
    box.kind.setCurrentIndex(box.kind.findData("kelurahan"))
    box.name.setText("Kelurahan Kejaksaan")
    box.area.setText("1971011001")
    wizard.profile_page.region_name.setText("Pangkalpinang")
    wizard.profile_page._suggest("Pangkalpinang")
    wizard.resize(700, 720)
    wizard.show()
    settle(app, runner)
    shot(wizard, "50-penyiapan-jenis-kantor")
    wizard.hide()
    blank.close()

    def window(folder: Path, username: str, title: str):
        office = open_office(folder)
        actor = users.login(office, username=username, password=pw)
        r = TaskRunner()
        win = MainWindow(UiSession(office, actor, r), title)
        win.resize(1366, 768)
        win.show()
        win.show_page("network")
        settle(app, r)
        return office, actor, r, win

    kel_dir = root / "kelurahan-kejaksaan"
    kel, kfo, kr, kwin = window(kel_dir, "fo.siti", "Kelurahan Kejaksaan")
    view = kwin.pages["network"]
    view.send()
    settle(app, kr, 1200)
    shot(kwin, "51-jaringan-kirim-ke-dinas")

    dinas, dspv, dr, dwin = window(root / "dinas", "spv.bambang", "Dinas Sosial Kota Pangkalpinang")
    dview = dwin.pages["network"]
    dview.receive()
    settle(app, dr, 1200)
    # the Dinas decides: the first case goes on with its recommendation, one is refused with a reason
    bo = users.login(dinas, username="bo.dewi", password=pw)
    mgr = users.login(dinas, username="mgr.ratna", password=pw)
    mine = [c for c in cases.list_cases(dinas, actor=bo, limit=1000) if c.reg_number.startswith("KEL-1971011001/")]
    done = 0
    for c in mine:
        info = cases.get_case(dinas, actor=bo, case_id=c.id)
        if info.current_step == "back_office_kesehatan" and done == 0:
            info = cases.advance(dinas, actor=bo, case_id=info.id, version=info.version)
            info = cases.advance(dinas, actor=mgr, case_id=info.id, version=info.version)
            case_letters.issue_document(dinas, actor=mgr, case_id=info.id, key="rekomendasi_pbi")
            done += 1
        elif info.current_step == "back_office_kesehatan" and done == 1:
            cases.reject(dinas, actor=bo, case_id=info.id, version=info.version,
                         reason="Pemohon sudah terdaftar sebagai peserta PPU (pekerja penerima upah)")
            done += 1
    dview.refresh()
    settle(app, dr)
    shot(dwin, "52-jaringan-dinas-kelurahan")
    dview.send()
    settle(app, dr, 3000)

    view.receive()
    settle(app, kr, 1500)
    shot(kwin, "53-jaringan-status-berkas-diserahkan")
    for w, r, o in ((kwin, kr, kel), (dwin, dr, dinas)):
        w.close()
        r.wait(20_000)
        o.close()


if __name__ == "__main__":
    main()
