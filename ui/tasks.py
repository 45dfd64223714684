"""One helper to run core work off the GUI thread and get the result back on it.

    runner.run(lambda task: dtsen.import_file(office, actor=a, path=p,
                                              progress=task.report, cancelled=task.is_cancelled),
               on_done=self.show_summary, on_error=self.show_error, on_progress=bar.setValue)

The work function receives a :class:`Task`; it must not touch any widget (it runs in a worker
thread). ``on_done``/``on_error``/``on_progress`` always run on the GUI thread, via Qt signals, and never
inside :meth:`TaskRunner.run` itself: they are queued, so code may store the returned task before its
callbacks can see it.

Tests inject the executor (Picard's ``FakeThreadPool`` idea): ``TaskRunner(executor=run_now)`` runs the work
at once in the calling thread, and the callbacks arrive with the next pass of the event loop — a screen test
settles with ``QApplication.processEvents()`` instead of polling with ``waitUntil``.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Task(QObject):
    """Handle for one piece of background work: progress out, cancellation in.

    The Task lives on the GUI thread; the worker only emits its private signals, which Qt queues
    to the Task's slots, so the callbacks run on the GUI thread.
    """

    _progressed = Signal(int, str)  # percent, message
    _finished = Signal(object)
    _failed = Signal(object, str)  # exception, formatted traceback

    def __init__(self, on_done=None, on_error=None, on_progress=None, on_settled=None) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._on_done, self._on_error, self._on_progress = on_done, on_error, on_progress
        self._on_settled = on_settled
        queued = Qt.ConnectionType.QueuedConnection  # from a worker it would be anyway; in tests it matters
        self._progressed.connect(self._deliver_progress, queued)
        self._finished.connect(self._deliver_done, queued)
        self._failed.connect(self._deliver_error, queued)
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, fraction: float, count: int | None = None, message: str = "") -> None:
        """Progress from the worker (thread-safe: it only emits a signal)."""
        if not message and count is not None:
            message = f"{count:,}".replace(",", ".")
        self._progressed.emit(int(max(0.0, min(1.0, fraction)) * 100), message)

    @Slot(int, str)
    def _deliver_progress(self, percent: int, message: str) -> None:
        if self._on_progress:
            self._on_progress(percent, message)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self.done = True
        if self._on_settled:
            self._on_settled(self)
        if self._on_done and _owner_alive(self._on_done):
            self._on_done(result)

    @Slot(object, str)
    def _deliver_error(self, exc: BaseException, tb: str) -> None:
        self.done = True
        if self._on_settled:
            self._on_settled(self)
        if self._on_error and _owner_alive(self._on_error):
            self._on_error(exc, tb)
        elif self._on_error:
            log.info("background task failed after its screen was closed:\n%s", tb)
        else:
            log.error("unhandled error in background task:\n%s", tb)


def _owner_alive(callback: Callable[..., Any]) -> bool:
    """False when the callback is a method of a widget that was deleted while the work ran (the screen was
    closed): there is nobody left to show the result to, and touching it would crash."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Task], Any], task: Task):
        super().__init__()
        self.fn, self.task = fn, task
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.task)
        except BaseException as exc:  # reported to the GUI thread, never lost
            self.task._failed.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            self.task._finished.emit(result)


def run_now(runnable: QRunnable) -> None:
    """An executor for tests: the work runs at once, in the calling thread (callbacks still come queued)."""
    runnable.run()


class TaskRunner(QObject):
    """Runs work on a thread pool; SQLite serialises the writes itself (BEGIN IMMEDIATE).

    ``executor`` replaces the pool's ``start`` (tests pass :func:`run_now`).
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = 2, *,
                 executor: Callable[[QRunnable], None] | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._start = executor or self.pool.start
        self._live: set[Task] = set()

    def run(self, fn: Callable[[Task], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException, str], None] | None = None,
            on_progress: Callable[[int, str], None] | None = None) -> Task:
        task = Task(on_done, on_error, on_progress, on_settled=self._live.discard)
        self._live.add(task)
        self._start(_Runnable(fn, task))
        return task

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
