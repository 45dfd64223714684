"""Screenshots of the batch page's long jobs at 1366×768 into docs/screenshots/ (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python scripts/batch_job_screenshots.py

72 a close packing the month's scans into the ZIP, with its bytes on the bar and "Batalkan"; 73 the day asked
for the same-day list for BPJS (today offered, no later day).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.counter_screenshots import _office, settle, shot  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui import i18n

    i18n.install("id")
    from app.batching.model import BatchSettings
    from app.services import batches, users
    from app.services import settings as settings_svc
    from tests.batches.helpers import make_cases
    from tests.batches.test_batch_attachments import _pdf, _scan
    from ui.dialogs.pick_day import DayDialog
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner

    office, _fo, sup = _office(Path(tempfile.mkdtemp(prefix="loket-batchjob-")))
    admin = users.login(office, username="admin", password="rahasia-123")
    ready = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)
    for cid in make_cases(office, "penonaktifan", 40, ready_at=ready):
        _scan(office, cid, "ktp.pdf", _pdf(400_000))
        _scan(office, cid, "surat kematian.pdf", _pdf(900_000))
    settings_svc.save(office, actor=admin, section=batches.SECTION,
                      value=BatchSettings(attachments_in_zip=True, attachments_warn_mb=200))

    # the close waits at its 30th member until the shot is taken (a large ZIP on a slow disk)
    shot_taken = threading.Event()
    real = batches.close_batch

    def slow_close(*args, packing, cancelled, **kwargs):
        seen = {"n": 0}

        def pack(done: int, total: int) -> None:
            packing(done, total)
            seen["n"] += 1
            if seen["n"] == 30:
                shot_taken.wait(20)

        return real(*args, packing=pack, cancelled=cancelled, **kwargs)

    batches.close_batch = slow_close
    runner = TaskRunner()
    win = MainWindow(UiSession(office, sup, runner), "Dinas Sosial Kota Pangkalpinang")
    win.resize(1366, 768)
    win.show()
    win.show_page("batches")
    settle(app, runner, 800)
    view = win.batches
    view.service.setCurrentIndex(max(0, view.service.findData("penonaktifan")))
    settle(app, runner, 600)
    (period,) = [p for p in view.periods if p.service_code == "penonaktifan"]
    view._close_answer(_Yes(), period)
    deadline = time.monotonic() + 30
    while "Mengemas berkas ZIP" not in view.status.text() and time.monotonic() < deadline:
        settle(app, None, 100)
    settle(app, None, 300)
    shot(win, "72-batch-mengemas-zip-batalkan")
    view.cancel_button.click()
    shot_taken.set()
    runner.wait(30_000)
    settle(app, runner, 300)

    dlg = DayDialog(view.tr("Daftar harian BPJS"),
                    view.tr("Daftar kasus yang direkomendasikan pada tanggal (waktu kantor):"),
                    datetime.now(UTC).date(), win)
    dlg.show()
    settle(app, None, 300)
    shot(dlg, "73-daftar-harian-pilih-tanggal")
    dlg.close()
    win.close()
    office.close()


class _Yes:
    """The confirmation box answered "Ya" (the page's own confirmation is shown in screenshot 30)."""

    def clickedButton(self):  # noqa: N802 (Qt name)
        return self

    def button(self, _which):
        return self


if __name__ == "__main__":
    main()
