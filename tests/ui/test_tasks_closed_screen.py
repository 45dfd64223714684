"""A background task whose screen was closed (the widget deleted) while it ran does not call back into it."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QLabel

from tests.ui.casedata import drain_runners, new_runner


def test_result_for_a_deleted_screen_is_dropped_and_a_live_one_gets_it(qtbot):
    runner = new_runner(threads=True)  # the work runs while the screen is deleted: real threads
    gate = threading.Event()

    class Screen(QLabel):
        def show_result(self, value) -> None:
            self.setText(str(value))

    gone, alive = Screen(), Screen()
    qtbot.addWidget(alive)
    runner.run(lambda _t: gate.wait(10) and 1, on_done=gone.show_result)
    runner.run(lambda _t: gate.wait(10) and 2, on_done=alive.show_result)
    shiboken6.delete(gone)  # the page is closed while the work runs
    gate.set()
    drain_runners()
    qtbot.waitUntil(lambda: alive.text() == "2", timeout=5_000)
