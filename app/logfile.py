"""The program's log: one rotating file in the data folder's ``logs/``, for the window and the commands alike.

A windowed program (``LoketPBI.exe`` built with ``console=False``, or ``pythonw``) has no ``sys.stdout`` and
``sys.stderr``: they are ``None``, and a library that prints or draws a progress bar (docx2pdf's tqdm bar)
fails there. :func:`redirect_stdio_to_log` gives them a stream that writes into the log instead, as
Friture does for its frozen program. Python's warnings go to the log too (``logging.captureWarnings``).

No log line carries a full NIK (UU 27/2022 PDP): the file handler has a :class:`NikMaskFilter` that masks every
run of exactly 16 digits (a NIK or a No KK) in the message, its arguments, the traceback and the stack of every
record, whoever logged it, so a database driver's error text quoting a row (``Key (nik)=(…)``,
``[parameters: …]``) reaches the file as ``197101********01``.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

LOG_NAME = "loket-pbi.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


_SIXTEEN_DIGITS = re.compile(r"(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{2})(?![0-9])")


def mask_niks(text: str) -> str:
    """Every run of exactly 16 digits as ``197101********01`` (region and last two digits kept)."""
    return _SIXTEEN_DIGITS.sub(r"\1********\2", text)


class NikMaskFilter(logging.Filter):
    """Masks full NIKs in a record before any handler formats it (message with its arguments, traceback, stack)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad %-format: logging reports it; still never let digits through
            message = f"{record.msg!s} {record.args!r}"
        masked = mask_niks(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_niks(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_niks(record.stack_info)
        return True


def setup_file_logging(log_dir: Path, level: int = logging.INFO) -> logging.Handler:
    """Add the rotating log file to the root logger (once per folder) and route warnings into it.
    The handler masks full NIKs (:class:`NikMaskFilter`)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    target = str((log_dir / LOG_NAME).resolve())
    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler) and h.baseFilename == target:
            return h
    handler = logging.handlers.RotatingFileHandler(target, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(NikMaskFilter())
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return handler


class LogStream(io.TextIOBase):
    """A text stream that writes whole lines into a logger; carriage-return redraws (progress bars) keep only
    the last state of the line. ``fileno()`` raises ``io.UnsupportedOperation`` like any stream without one."""

    def __init__(self, logger: logging.Logger, level: int) -> None:
        super().__init__()
        self.logger = logger
        self.level = level
        self._buffer = ""
        self._lock = threading.Lock()
        self._inside = threading.local()

    @property
    def encoding(self) -> str:  # a read-only attribute on TextIOBase
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if getattr(self._inside, "active", False):
            return len(text)  # logging itself wrote to stderr (a handler error): never loop
        with self._lock:
            self._buffer += text
            lines = self._buffer.split("\n")
            self._buffer = lines.pop()
        for line in lines:
            self._emit(line)
        return len(text)

    def flush(self) -> None:
        with self._lock:
            rest, self._buffer = self._buffer, ""
        if rest:
            self._emit(rest)

    def _emit(self, line: str) -> None:
        line = line.rsplit("\r", 1)[-1].rstrip()
        if not line:
            return
        self._inside.active = True
        try:
            self.logger.log(self.level, line)
        finally:
            self._inside.active = False


def redirect_stdio_to_log(*, always: bool = False) -> list[str]:
    """Give ``sys.stdout``/``sys.stderr`` a :class:`LogStream` where they are missing (``None``, a windowed
    program) or, with ``always``, in any case. Returns the names of the streams that were replaced."""
    replaced = []
    if always or sys.stdout is None:
        sys.stdout = LogStream(logging.getLogger("stdout"), logging.INFO)
        replaced.append("stdout")
    if always or sys.stderr is None:
        sys.stderr = LogStream(logging.getLogger("stderr"), logging.WARNING)
        replaced.append("stderr")
    return replaced
