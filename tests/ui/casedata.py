"""Test data for the window tests: the service tests' helpers, plus runners drained before the office closes."""

from __future__ import annotations

from tests.services.helpers import Staff, add_dtsen, at, kk, nik

__all__ = ["Staff", "add_dtsen", "at", "kk", "nik", "new_runner", "drain_runners"]


# ------------------------------------------------------------------ background work in window tests

_RUNNERS: list = []


def new_runner():
    """A TaskRunner that :func:`drain_runners` waits for at the end of the test (before the office closes)."""
    from ui.tasks import TaskRunner

    r = TaskRunner()
    _RUNNERS.append(r)
    return r


def drain_runners() -> None:
    """Let every worker finish and deliver its callbacks while the widgets and the database still exist."""
    from PySide6.QtWidgets import QApplication

    while _RUNNERS:
        r = _RUNNERS.pop()
        r.wait(20_000)
        QApplication.processEvents()
        r.wait(20_000)
        QApplication.processEvents()
