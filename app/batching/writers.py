"""Streamed data files (XLSX + CSV), the manifest, and the atomically written ZIP of a batch.

Memory stays flat whatever the number of rows: openpyxl's write-only mode streams rows to disk, the
CSV is written row by row, and files are hashed in chunks.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from app.batching.cells import TRIGGER_CHARS, clean_text, clean_texts, neutralise_csv
from app.batching.xlsx import XlsxTextWriter
from app.errors import LoketError

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


class ZipCancelled(LoketError):
    """The officer cancelled while the ZIP was being written; nothing was kept."""


class DataFileWriter:
    """Writes the same table to ``<stem>.xlsx`` (one sheet, header row, all text cells) and ``<stem>.csv``.

    Every value is written as text: identifiers (NIK, No KK, noka) never become numbers, dates are
    already formatted ``DD-MM-YYYY`` by the caller. The XLSX is written by :class:`XlsxTextWriter`
    (SpreadsheetML text straight into the file, no cell objects).
    """

    def __init__(self, folder: Path, stem: str, headers: Sequence[str], *, sheet_title: str = "Data"):
        self.xlsx_path = folder / f"{stem}.xlsx"
        self.csv_path = folder / f"{stem}.csv"
        self.rows = 0
        self._closed = False
        header_texts = [clean_text(h) for h in headers]
        self._xlsx = XlsxTextWriter(self.xlsx_path, header_texts, sheet_title=sheet_title)
        try:
            # utf-8-sig: Excel opens a UTF-8 CSV correctly only with the byte-order mark.
            self._csv_fh = self.csv_path.open("w", encoding="utf-8-sig", newline="")
        except BaseException:
            self._xlsx.abort()
            raise
        # Every field quoted: a reader that types quoted fields as text keeps +62… and leading zeros (cells.py).
        self._csv = csv.writer(self._csv_fh, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        self._csv.writerow([neutralise_csv(h) for h in header_texts])

    def write(self, values: Sequence[object]) -> None:
        texts = clean_texts(values)
        self._xlsx.append(texts)
        self._csv.writerow([neutralise_csv(t) if t[:1] in TRIGGER_CHARS else t for t in texts])
        self.rows += 1

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._csv_fh.flush()
            os.fsync(self._csv_fh.fileno())
        finally:
            self._csv_fh.close()
        self._xlsx.close()

    def abort(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._csv_fh.close()
        with contextlib.suppress(Exception):
            self._xlsx.abort()


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
                    encoding="utf-8")


def file_entries(files: Iterable[tuple[str, Path]]) -> list[dict[str, Any]]:
    """``[{"name", "sha256", "size"}]`` for the manifest."""
    return [{"name": name, "sha256": sha256_file(p), "size": p.stat().st_size} for name, p in files]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_zip_atomically(dest: Path, files: Sequence[tuple[str, Path]], *, password: str | None = None,
                         work_dir: Path | None = None, progress: Callable[[int, int], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> str:
    """Write ``files`` (archive name, source path) into ``dest`` so that ``dest`` is either complete or absent.

    With ``password`` every member is encrypted with AES-256 (WinZip AE-2, opened by 7-Zip and WinZip).

    The ZIP is written to a temporary file in ``work_dir`` (the data folder's ``tmp/`` work folder; default:
    ``dest``'s folder), flushed and fsynced, then renamed over ``dest`` (an atomic step on the same file
    system). Returns the SHA-256 of the finished ZIP.
    On any error (disk full, crash of the writer) the temporary file is removed and ``dest`` untouched.
    ``progress(bytes_done, bytes_total)`` is called after each member (the sizes of the source files);
    ``cancelled()`` returning True before a member stops with :class:`ZipCancelled`, ``dest`` untouched.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    total = sum(path.stat().st_size for _name, path in files) if progress else 0
    done = 0
    tmp = (work_dir or dest.parent) / f".{dest.name}.{os.getpid()}.tmp"
    try:
        with tmp.open("wb") as raw:
            if password:
                import pyzipper

                archive = pyzipper.AESZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED,
                                              encryption=pyzipper.WZ_AES)
                archive.setpassword(password.encode("utf-8"))
            else:
                archive = zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
            with archive as zf:
                for name, path in files:
                    if cancelled and cancelled():
                        raise ZipCancelled("Pembuatan ZIP dibatalkan; tidak ada yang berubah.")
                    zf.write(path, arcname=name)
                    if progress:
                        done += path.stat().st_size
                        progress(done, total)
            raw.flush()
            os.fsync(raw.fileno())
        digest = sha256_file(tmp)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
        return digest
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
