"""Watching the inbox folders for package files dropped by a USB copy or a cloud-sync client.

``watchdog`` reports new files at once where the file system sends events; a poll every ``poll_seconds``
catches what network shares and some synced folders never report. Either way ``on_arrival`` is called (from
a background thread, so a window must hand it over to its own thread) once the folder has been quiet for a
moment, so a file still being copied is not taken half-way — and a half-copied file would anyway be refused
as truncated and kept for the next try.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from app.network.envelope import SUFFIX

log = logging.getLogger(__name__)


def has_packages(folders: Iterable[Path]) -> bool:
    for folder in folders:
        try:
            if any(folder.glob(f"*{SUFFIX}")):
                return True
        except OSError:
            continue
    return False


class InboxWatcher:
    def __init__(self, folders: list[Path], on_arrival: Callable[[], None], *, poll_seconds: float = 60.0,
                 quiet_seconds: float = 1.0, use_events: bool = True):
        self.folders = [Path(f) for f in folders]
        self.on_arrival = on_arrival
        self.poll_seconds, self.quiet_seconds, self.use_events = poll_seconds, quiet_seconds, use_events
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._observer = None
        self.events = False  # True once watchdog is delivering file-system events

    def _start_events(self) -> None:
        try:
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:  # polling still works
            return
        wake = self._wake

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:  # noqa: ANN001
                path = str(getattr(event, "dest_path", "") or event.src_path)
                if path.endswith(SUFFIX):
                    wake.set()

        observer = Observer()
        try:
            for folder in self.folders:
                if folder.is_dir():
                    observer.schedule(Handler(), str(folder), recursive=False)
            observer.start()
        except OSError as exc:  # e.g. inotify limits: fall back to polling
            log.warning("pemantauan folder tidak tersedia (%s); memakai pemeriksaan berkala", exc)
            return
        self._observer, self.events = observer, True

    def start(self) -> None:
        if self._thread is not None:
            return
        if self.use_events:
            self._start_events()
        self._thread = threading.Thread(target=self._run, name="inbox-watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            woke = first or self._wake.wait(self.poll_seconds)
            first = False
            if self._stop.is_set():
                break
            if woke:  # let the copy finish: wait until no new event for a moment
                while self._wake.is_set() and not self._stop.is_set():
                    self._wake.clear()
                    self._stop.wait(self.quiet_seconds)
            if has_packages(self.folders):
                try:
                    self.on_arrival()
                except Exception:  # the watcher must keep watching
                    log.exception("penerimaan paket otomatis gagal")

    def poke(self) -> None:
        """Look now (e.g. after the user copied a file in by hand)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(5)
        if self._thread is not None:
            self._thread.join(5)
        self._thread = None
