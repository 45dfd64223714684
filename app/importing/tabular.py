"""A streaming reader for CSV and XLSX files whose columns are recognised by header name.

Offices receive the same list in many shapes: comma or semicolon (Excel in an Indonesian locale),
UTF-8 with or without BOM, Windows-1252, UTF-16 "Unicode text", or XLSX; columns in any order,
any case, with spaces or underscores. :func:`open_table` checks all of that up front and refuses a
file with a clear Indonesian message before anything is imported; :meth:`Table.rows` then streams.

Values come back raw: ``str`` for CSV, the cell's own type for XLSX (so a NIK stored as a number
can be recognised as mangled by :func:`app.rules.identifiers.mangled_reason`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import ValidationError

DEFAULT_MAX_BYTES = 600 * 1024 * 1024  # a whole city's DTSEN extract is ~200 MB as CSV
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1 << 20


def normalise_header(text: object) -> str:
    t = str(text or "").replace("\ufeff", "").strip().lower()
    t = re.sub(r"[\s_\-./\\()]+", " ", t)
    return t.strip()


@dataclass(frozen=True)
class Column:
    """A column the importer wants: its key and the header names it is known by."""

    key: str
    aliases: tuple[str, ...]
    required: bool = False
    label: str = ""

    def matches(self, header: str) -> bool:
        return header == normalise_header(self.key) or header in {normalise_header(a) for a in self.aliases}


class _CountingReader(io.RawIOBase):
    """Counts bytes read so progress can be reported while a text wrapper streams the file."""

    def __init__(self, raw: io.RawIOBase):
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = self._raw.readinto(b)
        self.count += n or 0
        return n or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


def _detect_encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    decoder = codecs.getincrementaldecoder("cp1252")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
        return "cp1252"
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "Pengodean karakter berkas tidak dikenali (bukan UTF-8 maupun Windows-1252). "
            "Simpan ulang sebagai 'CSV UTF-8' dari Excel."
        ) from exc


def _undecodable(path: Path, encoding: str, line: int) -> str:
    return (f"Berkas {path.name} tidak dapat dibaca sebagai {encoding} sekitar baris {line}: berkas terpotong "
            "atau pengodean karakternya bercampur. Simpan ulang sebagai 'CSV UTF-8' dari Excel; tidak ada data "
            "yang diimpor.")


def _detect_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class Table:
    """An opened, checked file. Iterate :meth:`rows`; read :attr:`progress` while iterating."""

    path: Path
    kind: str  # "csv" or "xlsx"
    headers: list[str]
    mapping: dict[str, int]  # column key → index in the row
    encoding: str = ""
    delimiter: str = ""
    size: int = 0
    header_line: int = 1
    _counter: _CountingReader | None = field(default=None, repr=False)
    _rows_read: int = 0
    _rows_total: int | None = None

    @property
    def progress(self) -> float:
        """0.0 … 1.0, by bytes read (CSV) or rows read (XLSX)."""
        if self.kind == "csv" and self._counter is not None and self.size:
            return min(1.0, self._counter.count / self.size)
        if self._rows_total:
            return min(1.0, self._rows_read / self._rows_total)
        return 0.0

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Yield ``(line number in the file, {key: raw value})`` for every non-empty data row."""
        pick = self.pick
        for line, values in self.raw_rows():
            yield line, pick(values)

    def raw_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """Like :meth:`rows` but each row as the file's own list of cells (index with :attr:`mapping`; a
        short row is not padded). For importers whose hot loop cannot afford a dict per row."""
        if self.kind == "csv":
            return self._csv_rows()
        return self._xlsx_rows()

    def pick(self, values: list[Any]) -> dict[str, Any]:
        """One raw row as ``{key: raw value}`` (``None`` for a cell past the end of a short row)."""
        n = len(values)
        return {k: (values[i] if i < n else None) for k, i in self.mapping.items()}

    def _csv_rows(self) -> Iterator[tuple[int, list[Any]]]:
        raw = open(self.path, "rb", buffering=0)  # noqa: SIM115 - closed below
        self._counter = _CountingReader(raw)
        buffered = io.BufferedReader(self._counter, buffer_size=_CHUNK)
        text = io.TextIOWrapper(buffered, encoding=self.encoding, newline="")
        try:
            reader = csv.reader(text, delimiter=self.delimiter)
            line = 0
            for values in reader:
                line = reader.line_num
                if line <= self.header_line:
                    continue
                if not "".join(values).strip():  # only blank cells (same as: no cell with text)
                    continue
                self._rows_read += 1
                yield line, values
        except csv.Error as exc:
            raise ValidationError(f"Berkas CSV rusak sekitar baris {line + 1}: {exc}.") from exc
        except UnicodeDecodeError as exc:
            raise ValidationError(_undecodable(self.path, self.encoding, line + 1)) from exc
        finally:
            text.close()

    def _xlsx_rows(self) -> Iterator[tuple[int, list[Any]]]:
        from openpyxl import load_workbook

        wb = load_workbook(self.path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            self._rows_total = max(0, (ws.max_row or 0) - self.header_line) or None
            for idx, values in enumerate(ws.iter_rows(min_row=self.header_line + 1, values_only=True),
                                         start=self.header_line + 1):
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                self._rows_read += 1
                yield idx, list(values)
        finally:
            wb.close()


def _map_headers(headers: list[str], columns: list[Column], path: Path) -> dict[str, int]:
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int] = {}
    for col in columns:
        for i, h in enumerate(normalised):
            if h and col.matches(h) and i not in mapping.values():
                mapping[col.key] = i
                break
    missing = [c for c in columns if c.required and c.key not in mapping]
    if missing:
        found = ", ".join(h for h in headers if str(h).strip()) or "(tidak ada)"
        need = "; ".join(f"{c.label or c.key} (mis. {', '.join(c.aliases[:3])})" for c in missing)
        raise ValidationError(
            f"Kolom wajib tidak ditemukan di {path.name}: {need}. Kolom yang ada: {found}. "
            "Periksa baris judul (baris pertama) berkas."
        )
    return mapping


def open_table(path: str | Path, columns: list[Column], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    """Check a file and return a :class:`Table` ready to stream. Raises :class:`ValidationError`."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"Berkas tidak ditemukan: {path}")
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(f"Berkas {path.name} kosong.")
    if size > max_bytes:
        raise ValidationError(
            f"Berkas {path.name} terlalu besar ({size / 1_048_576:.0f} MB; batas {max_bytes / 1_048_576:.0f} MB). "
            "Bagi berkas menjadi beberapa bagian."
        )
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path, columns, size)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            f"{path.name} berformat Excel lama (.xls). Simpan sebagai .xlsx atau 'CSV UTF-8' lalu impor lagi."
        )
    if head.startswith(b"%PDF"):
        raise ValidationError(f"{path.name} adalah PDF, bukan daftar CSV/XLSX.")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValidationError(f"{path.name} bukan berkas teks CSV maupun XLSX.")
    encoding = _detect_encoding(path, head)
    first = ""
    header_line = 0
    try:
        with path.open("r", encoding=encoding, newline="") as fh:
            for header_line, line in enumerate(fh, start=1):  # noqa: B007
                if line.strip():
                    first = line
                    break
    except UnicodeDecodeError as exc:
        raise ValidationError(_undecodable(path, encoding, header_line + 1)) from exc
    if not first.strip():
        raise ValidationError(f"Berkas {path.name} tidak berisi baris judul.")
    delimiter = _detect_delimiter(first)
    headers = next(csv.reader([first], delimiter=delimiter))
    mapping = _map_headers(headers, columns, path)
    return Table(path, "csv", headers, mapping, encoding=encoding, delimiter=delimiter, size=size,
                 header_line=header_line)


def _open_xlsx(path: Path, columns: list[Column], size: int) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except InvalidFileException as exc:
        raise ValidationError(f"{path.name} berisi lembar kerja Excel (XLSX) tetapi berakhiran "
                              f"'{path.suffix}'. Ganti akhiran namanya menjadi .xlsx lalu impor lagi.") from exc
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(f"{path.name} bukan berkas XLSX yang sah atau rusak: {exc}") from exc
    try:
        if not wb.worksheets:
            raise ValidationError(f"{path.name} tidak berisi lembar kerja.")
        ws = wb.worksheets[0]
        headers: list[str] = []
        header_line = 0
        for idx, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if any(v is not None and str(v).strip() for v in values):
                headers = ["" if v is None else str(v) for v in values]
                header_line = idx
                break
            if idx > 20:
                break
    finally:
        wb.close()
    if not headers:
        raise ValidationError(f"Lembar pertama {path.name} kosong.")
    mapping = _map_headers(headers, columns, path)
    return Table(path, "xlsx", headers, mapping, size=size, header_line=header_line)
