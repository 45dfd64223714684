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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from app.batching.cells import clean_text, is_formula_like, neutralise_csv

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


class DataFileWriter:
    """Writes the same table to ``<stem>.xlsx`` (one sheet, header row, all text cells) and ``<stem>.csv``.

    Every value is written as text: identifiers (NIK, No KK, noka) never become numbers, dates are
    already formatted ``DD-MM-YYYY`` by the caller.
    """

    def __init__(self, folder: Path, stem: str, headers: Sequence[str], *, sheet_title: str = "Data"):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self._WriteOnlyCell = WriteOnlyCell
        self.xlsx_path = folder / f"{stem}.xlsx"
        self.csv_path = folder / f"{stem}.csv"
        self.rows = 0
        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet(title=sheet_title[:31])
        bold = Font(bold=True)
        header_cells = []
        for h in headers:
            c = WriteOnlyCell(self._ws, value=clean_text(h))
            c.font = bold
            header_cells.append(c)
        self._ws.append(header_cells)
        self._ws.freeze_panes = "A2"
        # utf-8-sig: Excel opens a UTF-8 CSV correctly only with the byte-order mark.
        self._csv_fh = self.csv_path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._csv_fh, lineterminator="\r\n")
        self._csv.writerow([neutralise_csv(clean_text(h)) for h in headers])
        self._closed = False

    def _xlsx_cell(self, text: str) -> Any:
        if not text or not is_formula_like(text):
            return text or None
        cell = self._WriteOnlyCell(self._ws, value=text)
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        cell.quotePrefix = True  # Excel's own marker for "typed as text"
        return cell

    def write(self, values: Sequence[object]) -> None:
        texts = [clean_text(v) for v in values]
        self._ws.append([self._xlsx_cell(t) for t in texts])
        self._csv.writerow([neutralise_csv(t) for t in texts])
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
        self._wb.save(self.xlsx_path)

    def abort(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._csv_fh.close()
        # Finish openpyxl's row stream so nothing is left half-open, then drop its temporary file.
        with contextlib.suppress(Exception):
            if not self._ws.closed:
                self._ws.close()
        out = getattr(getattr(self._ws, "_writer", None), "out", None)
        if isinstance(out, str):
            with contextlib.suppress(OSError):
                os.remove(out)


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


def write_zip_atomically(dest: Path, files: Sequence[tuple[str, Path]], *, password: str | None = None) -> str:
    """Write ``files`` (archive name, source path) into ``dest`` so that ``dest`` is either complete or absent.

    With ``password`` every member is encrypted with AES-256 (WinZip AE-2, opened by 7-Zip and WinZip).

    The ZIP is written to a temporary file in the same folder, flushed and fsynced, then renamed over
    ``dest`` (an atomic step on the same file system). Returns the SHA-256 of the finished ZIP.
    On any error (disk full, crash of the writer) the temporary file is removed and ``dest`` untouched.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
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
                    zf.write(path, arcname=name)
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
