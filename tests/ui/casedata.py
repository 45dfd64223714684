"""Test data for the window tests: the service tests' helpers, plus runners drained before the office closes."""

from __future__ import annotations

from tests.services.helpers import Staff, add_dtsen, at, kk, nik

__all__ = ["Staff", "add_dtsen", "at", "kk", "nik", "new_runner", "drain_runners", "settle"]


# ------------------------------------------------------------------ background work in window tests

_RUNNERS: list = []


def new_runner(*, threads: bool = False):
    """A TaskRunner that :func:`drain_runners` waits for at the end of the test (before the office closes).

    By default the work runs at once in the test's thread (``ui.tasks.run_now``) and its callbacks arrive
    with the next event-loop pass, so a test settles with :func:`settle` instead of polling. ``threads=True``
    keeps the real thread pool where the threads are the point (no database call on the GUI thread,
    cancelling a running import, a window that stays responsive).
    """
    from ui.tasks import TaskRunner, run_now

    r = TaskRunner() if threads else TaskRunner(executor=run_now)
    _RUNNERS.append(r)
    return r


def settle(max_rounds: int = 50) -> None:
    """Deliver every queued callback of the synchronous runners, and of the work those callbacks start."""
    from PySide6.QtWidgets import QApplication

    assert QApplication.instance() is not None, "settle() needs the QApplication (ask for qtbot or qapp)"
    for _ in range(max_rounds):
        QApplication.processEvents()
        if not any(r.busy for r in _RUNNERS):
            QApplication.processEvents()
            return
    raise AssertionError("background work still pending after settle()")


def drain_runners() -> None:
    """Let every worker finish and deliver its callbacks while the widgets and the database still exist."""
    from PySide6.QtWidgets import QApplication

    while _RUNNERS:
        r = _RUNNERS.pop()
        r.wait(20_000)
        QApplication.processEvents()
        r.wait(20_000)
        QApplication.processEvents()


def waits_for_cancel(work, progress_keyword: str):
    """``work`` (a core call taking ``cancelled`` and a progress callback named ``progress_keyword``) made slow:
    after each progress report it waits (at most 15 s) until the task is cancelled, as a large file on a slow disk
    would keep the worker busy while the officer presses "Batalkan"."""
    import time

    def slow(*args, cancelled, **kwargs):
        report = kwargs.pop(progress_keyword)

        def reported(*values) -> None:
            report(*values)
            deadline = time.monotonic() + 15
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.02)

        return work(*args, cancelled=cancelled, **{progress_keyword: reported}, **kwargs)

    return slow
