"""Who is at the counter: the idle timer behind the automatic screen lock, and hiding every window of the app
while the screen is locked.

An idle counter is one where nobody touched the keyboard or the mouse in any window of the app for the set
number of minutes (settings section ``loket``, ``idle_lock_minutes``). The watcher is one event filter on the
application that notes the time of the last input, and a timer that checks it every few seconds — cheaper than
restarting a timer on every mouse move.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    """Emits ``idle`` once when there was no keyboard or mouse input anywhere in the app for ``limit_ms``."""

    idle = Signal()

    def __init__(self, limit_ms: int, parent: QObject | None = None, *, check_ms: int | None = None):
        super().__init__(parent)
        self.limit_ms = limit_ms
        self.last_input = time.monotonic()
        self.fired = False
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms or max(200, min(15_000, limit_ms // 4)))
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def set_limit_minutes(self, minutes: int) -> None:
        self.limit_ms = int(minutes) * 60_000
        self.timer.setInterval(max(200, min(15_000, self.limit_ms // 4)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in INPUT_EVENTS:
            self.last_input = time.monotonic()
            self.fired = False
        return False

    def idle_ms(self) -> int:
        return int((time.monotonic() - self.last_input) * 1000)

    def check(self) -> None:
        if not self.paused and not self.fired and self.idle_ms() >= self.limit_ms:
            self.fired = True
            self.idle.emit()

    def reset(self) -> None:
        self.last_input = time.monotonic()
        self.fired = False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def clear_clipboard() -> None:
    """A NIK or name copied from a case must not be pasted by the next person at the counter."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()


class HiddenWindows:
    """Every other window of the app out of sight while the screen is locked, and back after the same officer
    unlocks. A question waiting in a modal dialog (``exec()``) is answered "Batal" (rejected): it cannot be
    left open behind the lock screen, and hiding it would end its ``exec()`` anyway."""

    def __init__(self) -> None:
        self.windows: list[QWidget] = []

    def hide_all(self, keep: QWidget) -> None:
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            nxt = QApplication.activePopupWidget()
            popup = None if nxt is popup else nxt
        for w in QApplication.topLevelWidgets():
            if w is keep or not w.isVisible() or w.windowType() == Qt.WindowType.ToolTip:
                continue
            if isinstance(w, QDialog) and w.windowModality() == Qt.WindowModality.ApplicationModal:
                w.reject()
                continue
            w.hide()
            self.windows.append(w)
        clear_clipboard()

    def show_all(self) -> None:
        for w in self.windows:
            if shiboken6.isValid(w):
                w.show()
        self.windows = []

    def forget(self) -> None:
        self.windows = []
