"""Word → PDF: Microsoft Word through docx2pdf where it exists (Windows/macOS), else LibreOffice headless.

Many files go through one LibreOffice start (≈1 s per start, then a fraction per letter). LibreOffice
runs with its own throw-away profile and ``HOME`` so it neither touches nor waits for the user's
LibreOffice, and the result is trusted only if the PDF file is really there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

NO_CONVERTER = ("Konversi ke PDF tidak tersedia di komputer ini: Microsoft Word maupun LibreOffice tidak "
                "ditemukan. Berkas Word (.docx) tetap dibuat dan dapat dicetak dari Word; pasang LibreOffice "
                "(libreoffice.org) untuk membuat PDF.")

#: files per soffice call at most, and the command-line length that must not be exceeded (Windows: 32 767)
CHUNK = 1000
MAX_COMMAND_CHARS = 30_000 if sys.platform == "win32" else 200_000
#: a second (third …) LibreOffice runs in parallel only for batches at least this large
PARALLEL_FROM = 40
MAX_WORKERS = 4


@dataclass
class PdfResult:
    converter: str | None = None                     # "word", "libreoffice" or None
    done: dict[Path, Path] = field(default_factory=dict)   # docx → pdf
    failed: dict[Path, str] = field(default_factory=dict)  # docx → reason
    message: str = ""
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and self.converter is not None


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None``."""
    env = os.environ.get("LOKET_PBI_SOFFICE")
    if env:
        return env if Path(env).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES", r"C:\Program Files"),
                     os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")):
            candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    for c in candidates:
        if c.exists():
            return str(c)
    return None


def word_available() -> bool:
    """True where docx2pdf can drive Microsoft Word (Windows/macOS with Word installed)."""
    if os.environ.get("LOKET_PBI_NO_WORD"):
        return False
    if sys.platform == "win32":
        try:
            import winreg

            winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, "Word.Application"))
            return True
        except OSError:
            return False
    if sys.platform == "darwin":
        return Path("/Applications/Microsoft Word.app").exists()
    return False


def available_converter() -> str | None:
    if word_available():
        return "word"
    if find_soffice():
        return "libreoffice"
    return None


def _target(docx: Path, outdir: Path | None) -> Path:
    return (outdir or docx.parent) / (docx.stem + ".pdf")


class _OfficersWord:
    """Never close the officer's Word (docx2pdf's issues #36, #60, #84): docx2pdf quits Word after every call
    unless ``keep_active=True``. Every call here keeps it active; at the end, Word is quit only if this
    conversion started it (none was running before) and it holds no document (the officer may have opened
    one in the meantime: Word can hand a double-clicked file to the instance automation started)."""

    def __init__(self) -> None:
        self.client = None
        self.was_running = True
        if sys.platform != "win32":
            return  # macOS: docx2pdf's keep_active leaves Word as it was
        try:
            import win32com.client  # pywin32, a dependency of docx2pdf on Windows
        except ImportError:
            return
        self.client = win32com.client
        try:
            self.client.GetActiveObject("Word.Application")
        except Exception:  # pywintypes.com_error: no Word running
            self.was_running = False
        logger.info("Word %s before the conversion", "was running" if self.was_running else "was not running")

    def finish(self) -> None:
        if self.client is None or self.was_running:
            return
        try:
            word = self.client.GetActiveObject("Word.Application")
        except Exception:
            return  # already gone
        try:
            if word.Documents.Count == 0:
                word.Quit()
                logger.info("Word started for the conversion was closed")
            else:
                logger.info("Word left open: it holds %s document(s) opened meanwhile", word.Documents.Count)
        except Exception as exc:  # Word busy or gone: leaving it running is the safe side
            logger.warning("Word not closed after the conversion: %s", exc)


def _convert_word(files: list[Path], outdir: Path | None, result: PdfResult,
                  progress: Callable[[int, int], None] | None, convert: Callable | None = None,
                  cancel: threading.Event | None = None) -> list[Path]:
    """Convert with Word; returns the files Word could not do (for the LibreOffice fallback).

    The files are copied into one folder per group and each folder is converted in one docx2pdf call, always
    with ``keep_active=True`` (see :class:`_OfficersWord`: the officer's running Word is never closed; a Word
    started here is closed once, at the end).
    """
    if convert is None:
        try:
            from docx2pdf import convert
        except ImportError:
            return files
    officers_word = _OfficersWord()
    try:
        return _convert_word_groups(files, outdir, result, progress, convert, cancel)
    finally:
        officers_word.finish()


def _convert_word_groups(files: list[Path], outdir: Path | None, result: PdfResult,
                         progress: Callable[[int, int], None] | None, convert: Callable,
                         cancel: threading.Event | None) -> list[Path]:
    left: list[Path] = []
    done = 0
    for group in _chunks(files):
        if cancel is not None and cancel.is_set():
            left.extend(group)
            continue
        with tempfile.TemporaryDirectory(prefix="loket-word-") as tmp:
            indir, out = Path(tmp) / "in", Path(tmp) / "out"
            indir.mkdir()
            out.mkdir()
            for f in group:
                shutil.copyfile(f, indir / f.name)
            try:
                convert(str(indir), str(out), keep_active=True)
            except Exception as exc:  # Word missing, busy or refusing (docx2pdf raises various errors): fall back
                logger.warning("Word could not convert %s file(s): %r", len(group), exc)
                left.extend(group)
                continue
            for f in group:
                produced = out / (f.stem + ".pdf")
                if produced.exists() and produced.stat().st_size > 0:
                    target = _target(f, outdir)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(produced), str(target))
                    result.done[f] = target
                else:
                    left.append(f)
        done += len(group)
        if progress:
            progress(done, len(files))
    return left


def _chunks(files: list[Path]) -> list[list[Path]]:
    """Groups with distinct file names (soffice writes every PDF into one folder), each short enough for
    one command line."""
    groups: list[tuple[set[str], list[Path], list[int]]] = []
    for f in files:
        cost = len(str(f)) + 3
        for names, group, length in groups:
            if f.stem not in names and len(group) < CHUNK and length[0] + cost < MAX_COMMAND_CHARS - 2000:
                names.add(f.stem)
                group.append(f)
                length[0] += cost
                break
        else:
            groups.append(({f.stem}, [f], [cost]))
    return [g for _, g, _ in groups]


def _workers(n_files: int) -> int:
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


CANCELLED = "Dibatalkan oleh pengguna sebelum berkas ini diubah ke PDF."


def _kill_tree(proc: subprocess.Popen) -> None:
    """Stop soffice and the soffice.bin it started (killing the wrapper alone leaves the worker running)."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=30)
        else:
            os.killpg(proc.pid, 9)
    except (OSError, subprocess.SubprocessError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def _run_soffice(soffice: str, group: list[Path], workdir: Path, profile: Path, home: Path,
                 timeout_per_file: float, cancel: threading.Event | None = None) -> tuple[Path, str]:
    out = Path(tempfile.mkdtemp(prefix="out", dir=workdir))
    env = dict(os.environ, HOME=str(home), USERPROFILE=str(home), TMPDIR=str(workdir), TMP=str(workdir),
               TEMP=str(workdir))
    env.pop("SAL_USE_VCLPLUGIN", None)
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
           "--nologo", "--nodefault", "--nofirststartwizard", "--norestore",
           "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out), *[str(f) for f in group]]
    if cancel is not None and cancel.is_set():
        return out, CANCELLED
    log = out.with_suffix(".log")
    deadline = time.monotonic() + 60 + timeout_per_file * len(group)
    kwargs: dict = {"start_new_session": True} if sys.platform != "win32" else {
        "creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    try:
        with open(log, "w+b") as logf:
            proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                    **kwargs)
            while True:
                try:
                    code = proc.wait(timeout=0.25)
                    break
                except subprocess.TimeoutExpired:
                    if cancel is not None and cancel.is_set():
                        _kill_tree(proc)
                        return out, CANCELLED
                    if time.monotonic() > deadline:
                        _kill_tree(proc)
                        return out, "LibreOffice tidak selesai dalam batas waktu"
            if code != 0:
                logf.seek(0)
                text = logf.read().decode("utf-8", "replace").strip()
                return out, text[-300:] or f"kode keluar {code}"
    except OSError as exc:
        return out, f"LibreOffice tidak dapat dijalankan: {exc}"
    return out, ""


def _convert_libreoffice(soffice: str, files: list[Path], outdir: Path | None, result: PdfResult,
                         progress: Callable[[int, int], None] | None, timeout_per_file: float,
                         cancel: threading.Event | None = None) -> None:
    """Big batches are split over up to MAX_WORKERS LibreOffice processes (one per core), each with its
    own profile; each process converts its share in as few starts as the command line allows."""
    from concurrent.futures import ThreadPoolExecutor

    workers = _workers(len(files))
    shares = [files[i::workers] for i in range(workers)]
    lock = threading.Lock()
    done_count = [0]

    with tempfile.TemporaryDirectory(prefix="loket-lo-") as tmp:
        tmpdir = Path(tmp)

        def convert_group(root: Path, home: Path, group: list[Path]) -> list[tuple[Path, str]]:
            """Run one soffice start; returns the files it did not convert, with LibreOffice's words."""
            out, reason = _run_soffice(soffice, group, root, root / "profile", home, timeout_per_file, cancel)
            missing = []
            for f in group:
                produced = out / (f.stem + ".pdf")
                if produced.exists() and produced.stat().st_size > 0:
                    target = _target(f, outdir)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(produced), str(target))
                    with lock:
                        result.done[f] = target
                else:
                    missing.append((f, reason or "LibreOffice tidak menghasilkan PDF untuk berkas ini"))
            return missing

        def work(n: int, share: list[Path]) -> None:
            root = tmpdir / f"w{n}"
            home = root / "home"
            home.mkdir(parents=True)
            missing: list[tuple[Path, str]] = []
            for group in _chunks(share):
                missing.extend(convert_group(root, home, group))
                with lock:
                    done_count[0] += len(group)
                    if progress:
                        progress(done_count[0], len(files))
            if missing and not (cancel is not None and cancel.is_set()):
                # LibreOffice now and then skips a file in a long run (exit code 0, no PDF): one more start
                missing = convert_group(root, home, [f for f, _ in missing])
            with lock:
                for f, reason in missing:
                    result.failed[f] = reason

        if workers == 1:
            work(0, files)
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for f in [pool.submit(work, n, share) for n, share in enumerate(shares) if share]:
                    f.result()


def convert_to_pdf(docx_files: Iterable[Path | str], outdir: Path | None = None, *,
                   progress: Callable[[int, int], None] | None = None,
                   timeout_per_file: float = 10.0, prefer: str | None = None,
                   cancel: threading.Event | None = None) -> PdfResult:
    """Convert .docx files to PDF next to each file (or into ``outdir``).

    Uses Word where it exists, LibreOffice otherwise (and for whatever Word could not do). Never raises
    for a missing converter: the result says so in :attr:`PdfResult.message` and the .docx stay.
    ``progress(done, total)`` may be called from worker threads. Setting ``cancel`` stops the running
    LibreOffice processes; what was converted by then is kept, the rest is reported as cancelled.
    """
    files = [Path(f) for f in docx_files]
    result = PdfResult()
    if not files:
        result.converter = available_converter()
        return result
    left = files
    if prefer != "libreoffice" and word_available():
        result.converter = "word"
        left = _convert_word(files, outdir, result, progress, cancel=cancel)
    if left:
        soffice = find_soffice()
        if soffice is None:
            if result.converter is None:
                result.message = NO_CONVERTER
            for f in left:
                result.failed[f] = NO_CONVERTER
            return result
        result.converter = result.converter or "libreoffice"
        _convert_libreoffice(soffice, left, outdir, result, progress, timeout_per_file, cancel)
    if cancel is not None and cancel.is_set():
        result.cancelled = True
        for f in files:
            if f not in result.done:
                result.failed[f] = CANCELLED
        result.message = f"Dibatalkan: {len(result.done)} dari {len(files)} berkas sudah diubah ke PDF."
    elif result.failed:
        result.message = (f"{len(result.failed)} dari {len(files)} berkas gagal diubah ke PDF: "
                          + next(iter(result.failed.values())))
    else:
        result.message = f"{len(result.done)} berkas diubah ke PDF ({result.converter})."
    return result
