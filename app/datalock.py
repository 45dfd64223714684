"""The data folder's locks: the app, a restore and a second window refuse each other.

Two lock files in the data folder, each locked by the operating system (``flock`` on Linux and macOS,
``LockFileEx`` on Windows, also honoured over a network share). The OS drops a lock when its process ends,
however it ends (a crash, a kill, a power cut), so a stale lock never blocks the office.

* ``loket-pbi.lock`` — *using* the data: every open office holds it shared (the window, each command,
  the automatic backup); a restore holds it exclusively. So a restore never starts while anything has the
  data open, and nothing opens the data while a restore runs.
* ``jendela.lock`` — the window holds it exclusively: a second window on the same data folder (on this PC or,
  through a network share, on another) is refused instead of two programs writing one SQLite file.

Locks belong to an open file handle, not to the process: two offices opened in one process each hold their
own shared lock, and a restore in the same process is refused while one of them is still open.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.errors import LoketError

USE_LOCK = "loket-pbi.lock"
WINDOW_LOCK = "jendela.lock"


class DataFolderBusy(LoketError):
    """The data folder is locked by someone else (a restore, the app, or another window)."""


def _lock_fd(fd: int, *, exclusive: bool) -> bool:
    """Lock the open file ``fd`` without waiting; False when another handle holds a conflicting lock."""
    if sys.platform == "win32":
        return _win_lock(fd, exclusive=exclusive)
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:  # e.g. EWOULDBLOCK under another name, or a file system without locks
        import errno

        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _unlock_fd(fd: int) -> None:
    if sys.platform == "win32":
        _win_unlock(fd)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _LockFileEx = _kernel32.LockFileEx
    _LockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                            ctypes.POINTER(_Overlapped)]
    _LockFileEx.restype = wintypes.BOOL
    _UnlockFileEx = _kernel32.UnlockFileEx
    _UnlockFileEx.argtypes = [wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                              ctypes.POINTER(_Overlapped)]
    _UnlockFileEx.restype = wintypes.BOOL
    _LOCKFILE_FAIL_IMMEDIATELY, _LOCKFILE_EXCLUSIVE_LOCK = 0x1, 0x2
    _ERROR_LOCK_VIOLATION, _ERROR_IO_PENDING = 33, 997

    def _win_lock(fd: int, *, exclusive: bool) -> bool:
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        # One byte far past the end: the lock file's content stays readable to everyone.
        ov = _Overlapped(0, 0, 0xFFFFFFFE, 0, None)
        if _LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(ov)):
            return True
        err = ctypes.get_last_error()
        if err in (_ERROR_LOCK_VIOLATION, _ERROR_IO_PENDING):
            return False
        raise OSError(err, ctypes.FormatError(err))

    def _win_unlock(fd: int) -> None:
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        ov = _Overlapped(0, 0, 0xFFFFFFFE, 0, None)
        _UnlockFileEx(handle, 0, 1, 0, ctypes.byref(ov))


class FolderLock:
    """One held lock on one lock file; :meth:`release` (or the end of the process) lets it go."""

    def __init__(self, path: Path, fd: int, exclusive: bool):
        self.path, self._fd, self.exclusive = path, fd, exclusive

    @property
    def held(self) -> bool:
        return self._fd >= 0

    def release(self) -> None:
        if self._fd < 0:
            return
        fd, self._fd = self._fd, -1
        try:
            _unlock_fd(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()

    def __del__(self) -> None:  # a forgotten lock must not outlive its owner object
        self.release()


def _acquire(path: Path, *, exclusive: bool) -> FolderLock | None:
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        if _lock_fd(fd, exclusive=exclusive):
            return FolderLock(path, fd, exclusive)
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return None


def use_lock(root: Path) -> FolderLock:
    """The shared lock every open office holds; refused while a restore runs."""
    lock = _acquire(Path(root) / USE_LOCK, exclusive=False)
    if lock is None:
        raise DataFolderBusy(f"Pemulihan cadangan sedang berjalan pada folder data {root}. Tunggu sampai "
                             "selesai, lalu buka kembali Loket PBI.")
    return lock


def restore_lock(root: Path) -> FolderLock:
    """The exclusive lock of a restore; refused while anything has the data open."""
    lock = _acquire(Path(root) / USE_LOCK, exclusive=True)
    if lock is None:
        raise DataFolderBusy(f"Folder data {root} sedang dipakai: aplikasi Loket PBI atau perintah lain masih "
                             "membukanya (di PC ini atau PC lain lewat jaringan). Tutup aplikasinya dulu, lalu "
                             "ulangi pemulihan. Data tidak diubah.")
    return lock


def window_lock(root: Path) -> FolderLock:
    """The window's own lock: one window per data folder."""
    lock = _acquire(Path(root) / WINDOW_LOCK, exclusive=True)
    if lock is None:
        raise DataFolderBusy(f"Loket PBI sudah terbuka untuk folder data {root} (di PC ini, atau di PC lain "
                             "lewat jaringan). Dua aplikasi pada satu folder data dapat merusak basis datanya; "
                             "pakai jendela yang sudah terbuka.")
    return lock
