"""A streaming reader for CSV and XLSX files whose columns are recognised by header name.

Offices receive the same list in many shapes: comma or semicolon (Excel in an Indonesian locale),
UTF-8 with or without BOM, Windows-1252, UTF-16 "Unicode text", or XLSX; columns in any order,
any case, with spaces or underscores. :func:`open_table` checks all of that up front and refuses a
file with a clear Indonesian message before anything is imported; :meth:`Table.rows` then streams.

Values come back raw: ``str`` for CSV, the cell's own type for XLSX (so a NIK stored as a number
can be recognised as mangled by :func:`app.rules.identifiers.mangled_reason`), except that terminal
control characters (ESC sequences, BEL, C0/C1 controls) are removed from text.

A file may be hostile. Every failure is a :class:`ValidationError` in Indonesian, raised before anything
is written or, while streaming, inside the importer's transaction (so nothing is kept):

* XLSX: the ZIP directory is checked before openpyxl opens it: encrypted members ("dilindungi kata sandi"),
  the sum of the declared uncompressed sizes, the compression ratio of each member (zip bomb) and the size
  of the shared-strings table (read whole into memory by openpyxl). Python's ``zipfile`` never reads more
  than a member's declared size, so the declared sizes bound the work. openpyxl parses with ``defusedxml``
  (a dependency): entity expansion, external entities (XXE) and DTD tricks are refused. Any other error in
  the XML (malformed, a shared-string index out of range, ``<v>abc</v>`` in a numeric cell) is caught.
* A password-protected Office file is an OLE2 container holding ``EncryptedPackage``: it is named as such.
* CSV: a line longer than :data:`MAX_LINE_CHARS` and a field longer than :data:`MAX_FIELD_CHARS` are
  refused; a file that is not UTF-8 (or UTF-16 with BOM) is read as Windows-1252 only when it looks like
  Windows-1252 text (isolated accented letters), never e.g. Shift-JIS read as mojibake.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException

from app.errors import LoketError, ValidationError

DEFAULT_MAX_BYTES = 600 * 1024 * 1024  # a whole city's DTSEN extract is ~200 MB as CSV
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1 << 20
MAX_LINE_CHARS = 1_000_000  # one line of a CSV (a DTSEN row is ~300 characters)
MAX_FIELD_CHARS = 131_072  # one cell, CSV or XLSX (Python's csv default; Excel's own cell limit is 32,767)
MAX_XLSX_UNCOMPRESSED = 2 * 1024 ** 3  # all members of an XLSX together, as declared in its ZIP directory
MAX_SHARED_STRINGS = 300 * 1024 ** 2  # xl/sharedStrings.xml, which openpyxl keeps whole in memory
MAX_XLSX_MEMBERS = 10_000
MAX_RATIO = 250  # uncompressed / compressed size of one member; real sheets are 5-50, zip bombs 1,000+
_RATIO_FROM = 8 * 1024 ** 2  # … checked for members larger than this

# ESC sequences (CSI, OSC) first, then any remaining C0/C1 control character; bidi overrides too.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without terminal control characters: escape sequences are dropped whole, line breaks and tabs
    become a space, every other control character is removed."""
    if text.isprintable():
        return text
    text = _ANSI.sub("", text)
    text = re.sub(r"[\t\n\r\x0b\x0c]", " ", text)
    return _CONTROL.sub("", text)


def _clean_cells(values: list[Any]) -> list[Any]:
    return [strip_controls(v) if isinstance(v, str) else v for v in values]


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


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


#: Windows-1252 characters no name or address here uses (ƒ ˆ ‰ Š ‹ Œ Ž ˜ ™ š › œ ž Ÿ ‚ „ † ‡), but which are
#: the lead bytes of Shift-JIS (0x81-0x9F): katakana ``サトウ`` is ``83 54 83 67 83 45`` = ``ƒTƒgƒE``.
_ODD_CP1252 = tuple(bytes([b]) for b in (0x82, 0x83, 0x84, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8E, 0x98,
                                         0x99, 0x9A, 0x9B, 0x9C, 0x9E, 0x9F))
_UNDEFINED_CP1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def _looks_like_cp1252(high: int, paired: int, undefined: int, odd: int) -> bool:
    """Windows-1252 text in these lists is ASCII with the occasional accented letter, curly quote or dash, each on
    its own (Müller, Nur’aini). Shift-JIS, GBK, EUC or UTF-8 mixed in put high bytes next to each other, or use
    the symbols of 0x80-0x9F that no name has."""
    return undefined == 0 and paired <= max(2, high // 20) and odd <= max(2, high // 10)


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
    high = paired = undefined = odd = 0
    last_high = False
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if chunk.isascii():
                last_high = False
                continue
            for run in _HIGH_RUN.findall(chunk):
                high += len(run)
                paired += len(run) - 1
            if last_high and chunk[0] >= 0x80:
                paired += 1
            last_high = chunk[-1] >= 0x80
            undefined += sum(chunk.count(b) for b in _UNDEFINED_CP1252)
            odd += sum(chunk.count(b) for b in _ODD_CP1252)
    if not _looks_like_cp1252(high, paired, undefined, odd):
        raise ValidationError(
            f"Pengodean karakter berkas {path.name} tidak dapat dipastikan (bukan UTF-8, dan tidak tampak seperti "
            "Windows-1252; mungkin Shift-JIS, GBK atau campuran). Agar nama tidak tersimpan sebagai huruf acak, "
            "berkas ditolak; simpan ulang sebagai 'CSV UTF-8' dari Excel. Tidak ada data yang diimpor."
        )
    return "cp1252"


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
            reader = csv.reader(_bounded_lines(text, self.path), delimiter=self.delimiter)
            line = 0
            for values in reader:
                line = reader.line_num
                if line <= self.header_line:
                    continue
                joined = "".join(values)
                if not joined.strip():  # only blank cells (same as: no cell with text)
                    continue
                if not joined.isprintable():
                    values = _clean_cells(values)
                self._rows_read += 1
                yield line, values
        except csv.Error as exc:
            raise ValidationError(_csv_error(self.path, line + 1, exc)) from exc
        except UnicodeDecodeError as exc:
            raise ValidationError(_undecodable(self.path, self.encoding, line + 1)) from exc
        finally:
            text.close()

    def _xlsx_rows(self) -> Iterator[tuple[int, list[Any]]]:
        from openpyxl import load_workbook

        fh = self.path.open("rb")  # our own handle: openpyxl leaves its file open when it fails
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:
            fh.close()
            raise _xlsx_error(self.path, exc) from exc
        idx = self.header_line
        try:
            ws = wb.worksheets[0]
            self._rows_total = max(0, (ws.max_row or 0) - self.header_line) or None
            for idx, values in enumerate(ws.iter_rows(min_row=self.header_line + 1, values_only=True),  # noqa: B007
                                         start=self.header_line + 1):
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                self._rows_read += 1
                yield idx, _xlsx_cells(values, self.path, idx)
        except LoketError:
            raise
        except Exception as exc:
            raise _xlsx_error(self.path, exc, idx + 1) from exc
        finally:
            wb.close()
            fh.close()


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


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _bounded_lines(text: io.TextIOBase, path: Path) -> Iterator[str]:
    """The lines of ``text``; a line longer than :data:`MAX_LINE_CHARS` is refused before it is held whole."""
    readline = text.readline
    limit = MAX_LINE_CHARS + 1
    number = 0
    while line := readline(limit):
        number += 1
        if len(line) == limit and line[-1] not in "\r\n":
            raise ValidationError(f"Baris {number} berkas {path.name} lebih dari {_n(MAX_LINE_CHARS)} karakter; "
                                  "berkas rusak atau bukan daftar CSV. Tidak ada data yang diimpor.")
        yield line


def _csv_error(path: Path, line: int, exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (f"Sel di sekitar baris {line} berkas {path.name} lebih dari {_n(MAX_FIELD_CHARS)} karakter; "
                "berkas rusak atau bukan daftar CSV. Tidak ada data yang diimpor.")
    return (f"Berkas CSV {path.name} rusak sekitar baris {line} (tanda kutip atau pemisah kolom tidak "
            "seimbang). Tidak ada data yang diimpor.")


def _xlsx_cells(values: tuple[Any, ...], path: Path, line: int) -> list[Any]:
    out = list(values)
    for i, v in enumerate(out):
        if isinstance(v, str):
            if len(v) > MAX_FIELD_CHARS:
                raise ValidationError(f"Sel di baris {line} lembar kerja {path.name} lebih dari "
                                      f"{_n(MAX_FIELD_CHARS)} karakter; berkas ditolak, tidak ada data yang diimpor.")
            if not v.isprintable():
                out[i] = strip_controls(v)
    return out


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and what caused it (openpyxl wraps the XML parser's error in its own ``ValueError``)."""
    out: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in out and len(out) < 10:
        out.append(e)
        e = e.__cause__ or e.__context__
    return out


def _caused_by(exc: BaseException, kinds: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(e, kinds) for e in _chain(exc))


def _xlsx_error(path: Path, exc: BaseException, line: int | None = None) -> ValidationError:
    """The Indonesian sentence for anything openpyxl (or the XML and ZIP layers below it) raised."""
    where = f" (sekitar baris {line})" if line else ""
    nothing = " Tidak ada data yang diimpor."
    if _caused_by(exc, DefusedXmlException):
        return ValidationError(f"{path.name} berisi XML yang berbahaya{where} (definisi entitas, DTD atau rujukan "
                               "ke berkas/alamat luar) dan ditolak. Buka di Excel lalu simpan ulang sebagai .xlsx "
                               "atau 'CSV UTF-8'." + nothing)
    if _caused_by(exc, SyntaxError):  # xml.etree.ElementTree.ParseError, expat's entity-amplification guard
        return ValidationError(f"XML di dalam {path.name} rusak{where}; berkas bukan lembar kerja Excel yang sah. "
                               "Buka di Excel lalu simpan ulang." + nothing)
    if any(isinstance(e, RuntimeError) and "encrypted" in str(e).lower() for e in _chain(exc)):
        return _protected(path)
    if _caused_by(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return ValidationError(f"{path.name} bukan berkas XLSX yang sah atau rusak (arsip ZIP di dalamnya "
                               "terpotong atau tidak utuh)." + nothing)
    if _caused_by(exc, MemoryError):
        return ValidationError(f"{path.name} terlalu besar untuk dibaca{where}. Bagi berkas menjadi beberapa "
                               "bagian." + nothing)
    root = _chain(exc)[-1]  # openpyxl's own "Unable to read workbook" ValueError wraps the real cause
    if isinstance(root, IndexError):
        return ValidationError(f"{path.name} rusak{where}: sel merujuk ke teks bersama yang tidak ada. Buka di "
                               "Excel lalu simpan ulang." + nothing)
    if isinstance(root, (ValueError, TypeError)):
        return ValidationError(f"{path.name} rusak{where}: isi sel tidak sesuai jenisnya (mis. huruf di sel "
                               "angka atau tanggal). Buka di Excel lalu simpan ulang." + nothing)
    return ValidationError(f"{path.name} bukan berkas XLSX yang sah atau rusak{where}; bagian yang diperlukan "
                           "tidak ada atau tidak terbaca. Buka di Excel lalu simpan ulang." + nothing)


def _protected(path: Path) -> ValidationError:
    return ValidationError(f"{path.name} adalah file dilindungi kata sandi (terenkripsi); isinya tidak dapat "
                           "dibaca. Buka di Excel, hapus kata sandinya (File > Info > Protect Workbook) lalu "
                           "simpan ulang dan impor lagi. Tidak ada data yang diimpor.")


def _ole2_error(path: Path) -> ValidationError:
    """An OLE2 compound file: a password-protected Office file, an old .xls, or another old Office document."""
    needles = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
    workbook = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
    excel = False
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            if any(n in data for n in needles):
                return _protected(path)
            excel = excel or any(n in data for n in workbook)
            tail = data[-64:]
    if excel:
        return ValidationError(f"{path.name} berformat Excel lama (.xls). Simpan sebagai .xlsx atau "
                               "'CSV UTF-8' lalu impor lagi.")
    return ValidationError(f"{path.name} adalah dokumen Office lama (wadah OLE2), bukan daftar CSV/XLSX. "
                           "Tidak ada data yang diimpor.")


def _check_xlsx_zip(path: Path) -> None:
    """Refuse an XLSX whose ZIP directory promises more than it may: encrypted members, too many members,
    too much data once decompressed, a compression ratio only a zip bomb has."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ValidationError(f"{path.name} bukan berkas XLSX yang sah atau rusak (direktori arsip ZIP tidak "
                              "terbaca). Tidak ada data yang diimpor.") from exc
    if any(i.flag_bits & 0x1 for i in infos):
        raise _protected(path)
    if len(infos) > MAX_XLSX_MEMBERS:
        raise ValidationError(f"{path.name} berisi {_n(len(infos))} bagian; lembar kerja yang sah tidak sebanyak "
                              "itu. Berkas ditolak, tidak ada data yang diimpor.")
    total = sum(i.file_size for i in infos)
    bomb = (f"{path.name} akan mengembang menjadi {{size}} saat dibuka (arsip ZIP yang dibuat untuk "
            "menghabiskan memori, 'zip bomb', atau lembar kerja yang terlalu besar); berkas ditolak. Bagi berkas "
            "menjadi beberapa bagian. Tidak ada data yang diimpor.")
    if total > MAX_XLSX_UNCOMPRESSED:
        raise ValidationError(bomb.format(size=f"{total / 1024 ** 2:,.0f} MB".replace(",", ".")))
    for i in infos:
        if i.file_size > _RATIO_FROM and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise ValidationError(bomb.format(size=f"{i.file_size / 1024 ** 2:,.0f} MB".replace(",", ".")
                                              + f" dari {max(1, i.compress_size // 1024)} KB"))
        if i.filename.lower().endswith("sharedstrings.xml") and i.file_size > MAX_SHARED_STRINGS:
            raise ValidationError(bomb.format(size=f"{i.file_size / 1024 ** 2:,.0f} MB".replace(",", ".")
                                              + " teks bersama"))


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
        raise _ole2_error(path)
    if head.startswith(b"%PDF"):
        raise ValidationError(f"{path.name} adalah PDF, bukan daftar CSV/XLSX.")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValidationError(f"{path.name} bukan berkas teks CSV maupun XLSX.")
    encoding = _detect_encoding(path, head)
    first = ""
    header_line = 0
    try:
        with path.open("r", encoding=encoding, newline="") as fh:
            for header_line, line in enumerate(_bounded_lines(fh, path), start=1):  # noqa: B007
                if line.strip():
                    first = line
                    break
    except UnicodeDecodeError as exc:
        raise ValidationError(_undecodable(path, encoding, header_line + 1)) from exc
    if not first.strip():
        raise ValidationError(f"Berkas {path.name} tidak berisi baris judul.")
    delimiter = _detect_delimiter(first)
    try:
        headers = _clean_cells(next(csv.reader([first], delimiter=delimiter)))
    except (csv.Error, StopIteration) as exc:
        raise ValidationError(f"Baris judul berkas {path.name} tidak dapat dibaca (sel terlalu panjang atau "
                              "tanda kutip tidak seimbang). Tidak ada data yang diimpor.") from exc
    mapping = _map_headers(headers, columns, path)
    return Table(path, "csv", headers, mapping, encoding=encoding, delimiter=delimiter, size=size,
                 header_line=header_line)


def _open_xlsx(path: Path, columns: list[Column], size: int) -> Table:
    from openpyxl import load_workbook

    _check_xlsx_zip(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise ValidationError(f"{path.name} berisi lembar kerja Excel (XLSX) tetapi berakhiran "
                              f"'{path.suffix}'. Ganti akhiran namanya menjadi .xlsx lalu impor lagi.")
    fh = path.open("rb")  # our own handle: openpyxl leaves its file open when it fails
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:
        fh.close()
        raise _xlsx_error(path, exc) from exc
    headers: list[str] = []
    header_line = 0
    try:
        if not wb.worksheets:
            raise ValidationError(f"{path.name} tidak berisi lembar kerja.")
        ws = wb.worksheets[0]
        for idx, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if any(v is not None and str(v).strip() for v in values):
                headers = ["" if v is None else str(v) for v in _xlsx_cells(values, path, idx)]
                header_line = idx
                break
            if idx > 20:
                break
    except LoketError:
        raise
    except Exception as exc:
        raise _xlsx_error(path, exc, header_line + 1) from exc
    finally:
        wb.close()
        fh.close()
    if not headers:
        raise ValidationError(f"Lembar pertama {path.name} kosong.")
    mapping = _map_headers(headers, columns, path)
    return Table(path, "xlsx", headers, mapping, size=size, header_line=header_line)
