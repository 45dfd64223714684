"""Screenshot of the first-run window's "Pulihkan dari cadangan…" at 1366×768 into docs/screenshots/ (offscreen).

    QT_QPA_PLATFORM=offscreen python scripts/restore_screenshots.py

71 a new PC: the first-run window, its backup checked (with the office's recovery key), the backup's
administrator signing in before the restore. The sign-in dialog is painted over the window where Qt centres it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QColor, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.counter_screenshots import OUT, _office, settle  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui import i18n

    i18n.install("id")
    from app.context import open_office
    from app.services import backup, cases, recovery, users
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    work = Path(tempfile.mkdtemp(prefix="loket-pulih-"))
    os.environ["LOKET_PBI_KEY_DIR"] = str(work / "pc-lama-kunci")
    office, fo, _sup = _office(work / "pc-lama")
    admin = users.login(office, username="admin", password="rahasia-123")
    cases.open_case(office, actor=fo, service_code="penonaktifan", nik="1971015208810001", name="Nurhayati")
    key = recovery.take_recovery_key(office, actor=admin)
    info = backup.make_backup(office, actor=admin, folder=work / "flashdisk")
    office.close()

    os.environ["LOKET_PBI_KEY_DIR"] = str(work / "pc-baru-kunci")  # a new PC: no office key yet
    blank = open_office(work / "pc-baru")
    runner = TaskRunner()
    wizard = FirstRunWizard(blank, runner)
    wizard.resize(1366, 768)
    wizard.show()
    settle(app, runner)
    wizard.check_backup(info.path, recovery_key=key)  # as after the recovery key was typed in
    for _ in range(20):
        settle(app, runner)
        if wizard.admin_dialog is not None:
            break
    dialog = wizard.admin_dialog
    assert dialog is not None, wizard.profile_page.restore_status.text()
    dialog.username.setText("admin")
    dialog.password.setText("rahasia-123")
    dialog.adjustSize()
    settle(app, runner)
    picture = wizard.grab()
    painter = QPainter(picture)
    inner = dialog.grab()
    x, y = (picture.width() - inner.width()) // 2, (picture.height() - inner.height()) // 2
    painter.drawPixmap(x, y, inner)
    painter.setPen(QColor("#555555"))
    painter.drawRect(x - 1, y - 1, inner.width() + 1, inner.height() + 1)  # the dialog's edge (no title bar offscreen)
    painter.end()
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "71-penyiapan-pulihkan-dari-cadangan.png"
    picture.save(str(target))
    print(target)
    dialog.reject()
    wizard.office.close()


if __name__ == "__main__":
    main()
