"""Hostile import files, generated (never committed): each is a small, deliberate attack on a reader.

``python -m tests.reliability.hostile_files DIR`` writes them all into ``DIR`` (to try by hand);
tests/reliability/test_hostile_files.py generates them into a temporary folder.

Every file carries the headers of all importers (DTSEN, BPJS feedback, reconciliation lists) and rows
with *valid* NIKs, so the only reason an importer may refuse it is the attack itself, and a reader that
let the attack through would write rows (which the tests would see).

The XLSX attacks start from a real workbook written by openpyxl and change one part of its ZIP.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HEADER = ["NIK", "NO_KK", "NAMA", "TGL_LAHIR", "JNS_KEL", "ALAMAT", "DESIL", "STATUS", "TMT", "TANGGAL_LAHIR"]
# NIKs a fresh office does not have (DTSEN would insert them if the attack got through).
ROWS = [["1971015208810011", "1971011507090012", "Siti Aminah", "12-08-1981", "P", "Jl. Melati 1", "3",
         "DITERIMA", "01-12-2026", "12-08-1981"],
        ["1971011102790013", "1971011507090012", "Budi Santoso", "11-02-1979", "L", "Jl. Melati 1", "3",
         "DITOLAK", "", "11-02-1979"]]


def _csv_text(rows: list[list[str]] | None = None, header: list[str] | None = None) -> str:
    lines = [",".join(header or HEADER)] + [",".join(r) for r in (rows if rows is not None else ROWS)]
    return "\r\n".join(lines) + "\r\n"


def _workbook() -> bytes:
    """A real XLSX (openpyxl, text cells in the shared-string table) with the header and the rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.sharedStrings+xml"/>')


def _replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The workbook with ``parts`` replaced or added (a shared-string table is declared in [Content_Types])."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            body = parts.get(name, src.read(name))
            if name == "[Content_Types].xml" and STRINGS in parts and _STRINGS_TYPE not in body:
                body = body.replace(b"</Types>", _STRINGS_TYPE + b"</Types>")
            dst.writestr(name, body)
        for name, body in parts.items():
            if name not in names:
                dst.writestr(name, body)
    return out.getvalue()


def _sheet_with(cells_row2: str, *, doctype: str = "") -> bytes:
    """A sheet whose first row is the header as inline strings and whose second row is ``cells_row2``."""
    head = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER))
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            f'<row r="1">{head}</row><row r="2">{cells_row2}</row></sheetData></worksheet>').encode()


def _row2(**override: str) -> str:
    """Row 2 as inline strings, with some cells replaced by raw XML (``override`` by column letter)."""
    cells = []
    for i, v in enumerate(ROWS[0]):
        col = chr(65 + i)
        cells.append(override.get(col) or f'<c r="{col}2" t="inlineStr"><is><t>{v}</t></is></c>')
    return "".join(cells)


SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


# ------------------------------------------------------------------------------------------------ XLSX
def malformed_xml() -> bytes:
    sheet = _sheet_with(_row2()).replace(b"</sheetData>", b"<row r=\"3\"><c r=\"A3\"><v>1</c></sheetData>")
    return _replace_parts(_workbook(), {SHEET: sheet})


def entity_expansion() -> bytes:
    """"Billion laughs": ten levels of ten entity references, used in a cell."""
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                                         for i in range(1, 10)]
    doctype = f"<!DOCTYPE worksheet [{''.join(levels)}]>"
    sheet = _sheet_with(_row2(C='<c r="C2" t="inlineStr"><is><t>&lol9;</t></is></c>'), doctype=doctype)
    return _replace_parts(_workbook(), {SHEET: sheet})


def xxe() -> bytes:
    """An external entity (the system's password file) in the shared-string table."""
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
               b'<si><t>&xxe;</t></si></sst>')
    sheet = _sheet_with(_row2(C='<c r="C2" t="s"><v>0</v></c>'))
    return _replace_parts(_workbook(), {SHEET: sheet, STRINGS: strings})


def bad_shared_string_index() -> bytes:
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               b'2006/main" count="1" uniqueCount="1"><si><t>Siti Aminah</t></si></sst>')
    sheet = _sheet_with(_row2(C='<c r="C2" t="s"><v>99999</v></c>'))
    return _replace_parts(_workbook(), {SHEET: sheet, STRINGS: strings})


def text_in_numeric_cell() -> bytes:
    sheet = _sheet_with(_row2(G='<c r="G2"><v>abc</v></c>'))
    return _replace_parts(_workbook(), {SHEET: sheet})


def zip_bomb_ratio() -> bytes:
    """A shared-string table (which openpyxl holds whole in memory) that inflates to 40 MB from about 40 KB."""
    strings = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
               b'2006/main" count="1" uniqueCount="1"><si><t>') + b"A" * (40 * 1024 * 1024) + b"</t></si></sst>"
    return _replace_parts(_workbook(), {STRINGS: strings})


def zip_bomb_total() -> bytes:
    """Members whose declared sizes add up to more than 2 GB (the directory is written by hand: the file is
    small, the promise is what is checked before anything is inflated)."""
    data = bytearray(_workbook())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(SHEET)
    # The central directory entry of the sheet: uncompressed size at offset 24 of the entry.
    sig = b"PK\x01\x02"
    pos = 0
    while (pos := data.find(sig, pos)) != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len].decode() == info.filename:
            struct.pack_into("<I", data, pos + 24, 0xFFFF_FFF0)
            break
        pos += 4
    return bytes(data)


def xlsx_huge_cell() -> bytes:
    """A name cell of 200,000 characters (Excel itself stops at 32,767)."""
    sheet = _sheet_with(_row2(C=f'<c r="C2" t="inlineStr"><is><t>{"A" * 200_000}</t></is></c>'))
    return _replace_parts(_workbook(), {SHEET: sheet})


def aes_zip_xlsx() -> bytes:
    """The workbook's members encrypted with a password (WinZip AES), as a ZIP tool would."""
    import pyzipper

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook())) as src, \
            pyzipper.AESZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as dst:
        dst.setpassword(b"rahasia")
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors, one FAT sector, one directory sector, streams of at
    least 4,096 bytes so no mini stream is needed) holding ``streams``."""
    sector = 512
    bodies = []
    for data in streams.values():
        data = data.ljust(max(4096, -(-len(data) // sector) * sector), b"\x00")
        bodies.append(data)
    fat: list[int] = [0xFFFFFFFD, 0xFFFFFFFE]  # sector 0: the FAT itself; sector 1: the directory
    starts = []
    for data in bodies:
        first = len(fat)
        starts.append(first)
        n = len(data) // sector
        fat += [first + k + 1 for k in range(n - 1)] + [0xFFFFFFFE]
    assert len(fat) <= sector // 4
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e = raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", 0xFFFFFFFF, right, child) + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
        e += struct.pack("<IQ", start, size)
        return e

    names = list(streams)
    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for i, (name, start, data) in enumerate(zip(names, starts, streams.values(), strict=True)):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        directory += entry(name, 2, start, len(data), right=right)
    directory = directory.ljust(sector, b"\x00")
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
    header += struct.pack("<H", 6) + b"\x00" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0,
                                                                0xFFFFFFFE, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    assert len(header) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(bodies)


def password_protected_xlsx() -> bytes:
    """What Excel writes for "Encrypt with Password": an OLE2 container with EncryptionInfo + EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version=\"1.0\"?><encryption/>"
    package = struct.pack("<Q", 9000) + zlib.crc32(b"x").to_bytes(4, "little") * 2250
    return _cfb({"EncryptionInfo": info, "EncryptedPackage": package})


def ole2_container() -> bytes:
    """An old Office document (OLE2, a Word-like stream) under an .xlsx name."""
    return _cfb({"WordDocument": b"\xec\xa5" + b"\x00" * 5000})


# ------------------------------------------------------------------------------------------------ CSV
def huge_header_line() -> bytes:
    """A 50 MB header line (no line break)."""
    return ("NIK,NO_KK,NAMA,DESIL," + "X" * (50 * 1024 * 1024)).encode()


def huge_data_line() -> bytes:
    """A valid header, then a 5 MB line of empty fields."""
    return (_csv_text([]) + "," * (5 * 1024 * 1024) + "\r\n" + _csv_text(header=[])).encode()


def huge_field() -> bytes:
    """A quoted field of 500,000 characters spread over many short lines."""
    return (_csv_text([]) + '1971015208810011,1971011507090012,"' + "Budi\r\n" * 100_000 + '",3\r\n').encode()


def shift_jis() -> bytes:
    """Japanese names in Shift-JIS: not UTF-8, and Windows-1252 would turn them into mojibake. Katakana only
    (``サトウ ハナコ`` = ``ƒTƒgƒE ƒnƒiƒR``): no two high bytes side by side, no byte Windows-1252 lacks."""
    rows = [[*r[:2], name, *r[3:]] for r, name in zip(ROWS, ["サトウ ハナコ", "スズキ ハナコ"], strict=True)]
    return _csv_text(rows).encode("shift_jis")


def terminal_controls() -> bytes:
    """Valid rows whose names carry terminal escape sequences, a bell and C1 controls (accepted, cleaned)."""
    rows = [[*ROWS[0][:2], "Siti\x1b[31m Aminah\x1b[0m\x07", *ROWS[0][3:]],
            [*ROWS[1][:2], "Budi\x1b]0;judul\x07 Santoso\x9b", *ROWS[1][3:]]]
    return _csv_text(rows).encode("utf-8")


#: name → (file name, builder). One per class of hostile file.
REFUSED: dict[str, tuple[str, Callable[[], bytes]]] = {
    "malformed_xml": ("xml_rusak.xlsx", malformed_xml),
    "entity_expansion": ("billion_laughs.xlsx", entity_expansion),
    "xxe": ("xxe.xlsx", xxe),
    "bad_shared_string_index": ("indeks_teks_bersama.xlsx", bad_shared_string_index),
    "text_in_numeric_cell": ("huruf_di_sel_angka.xlsx", text_in_numeric_cell),
    "zip_bomb_ratio": ("zip_bomb_rasio.xlsx", zip_bomb_ratio),
    "zip_bomb_total": ("zip_bomb_total.xlsx", zip_bomb_total),
    "xlsx_huge_cell": ("sel_raksasa.xlsx", xlsx_huge_cell),
    "aes_zip_xlsx": ("zip_aes.xlsx", aes_zip_xlsx),
    "password_protected_xlsx": ("dilindungi_sandi.xlsx", password_protected_xlsx),
    "ole2_container": ("wadah_ole2.xlsx", ole2_container),
    "huge_header_line": ("judul_50mb.csv", huge_header_line),
    "huge_data_line": ("baris_5mb.csv", huge_data_line),
    "huge_field": ("sel_500rb.csv", huge_field),
    "shift_jis": ("shift_jis.csv", shift_jis),
}
ACCEPTED: dict[str, tuple[str, Callable[[], bytes]]] = {
    "terminal_controls": ("kendali_terminal.csv", terminal_controls),
}


# ------------------------------------------------------------------------------------------------ PDF scans
def pdf(*objects: bytes, catalog_extra: bytes = b"", prefix: bytes = b"", suffix: bytes = b"") -> bytes:
    """A small valid PDF (one blank page, a correct xref table) with extra objects numbered from 4 and extra
    entries in the catalog; ``prefix``/``suffix`` are written before the header and after ``%%EOF``."""
    body = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", *objects]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return prefix + bytes(out) + suffix


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def pdf_javascript() -> bytes:
    return pdf(b"<< /S /JavaScript /JS (app.alert\\('x'\\)) >>", catalog_extra=b"/OpenAction 4 0 R ")


def pdf_javascript_hex_escaped() -> bytes:
    """The same, with the names spelled through #xx escapes (/J#61va#53cript)."""
    return pdf(b"<< /S /J#61va#53cript /J#53 (app.alert\\('x'\\)) >>", catalog_extra=b"/Open#41ction 4 0 R ")


def pdf_javascript_in_object_stream() -> bytes:
    """The action dictionary inside a compressed object stream (/ObjStm), where a byte search cannot see it."""
    inner = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"
    header = b"5 0 "
    objstm = _stream(header + inner, b"/Type /ObjStm /N 1 /First %d " % len(header))
    return pdf(objstm, catalog_extra=b"/OpenAction 5 0 R ")


def pdf_launch() -> bytes:
    return pdf(b"<< /S /Launch /F (cmd.exe) >>", catalog_extra=b"/OpenAction 4 0 R ")


def pdf_embedded_file() -> bytes:
    return pdf(_stream(b"MZ not really a program", b"/Type /EmbeddedFile "),
               b"<< /Type /Filespec /F (a.exe) /EF << /F 4 0 R >> >>",
               b"<< /Names [(a.exe) 5 0 R] >>", catalog_extra=b"/Names << /EmbeddedFiles 6 0 R >> ")


def pdf_zip_appended() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("payload.js", "WScript.Echo(1)")
    return pdf(suffix=buf.getvalue())


def pdf_html_prepended() -> bytes:
    """HTML before the header (readers look for %PDF- in the first kilobyte, browsers see a web page)."""
    return pdf(prefix=b"<html><script>alert(1)</script>\n")


def pdf_html_inside() -> bytes:
    """HTML between the objects (a PDF/HTML polyglot that keeps the header at the start)."""
    return pdf(b"<< /Note (x) >>\n<html><body><script>alert(1)</script></body></html>")


def pdf_plain() -> bytes:
    return pdf()


PDF_REFUSED: dict[str, tuple[str, Callable[[], bytes]]] = {
    "pdf_javascript": ("js.pdf", pdf_javascript),
    "pdf_javascript_hex_escaped": ("js_hex.pdf", pdf_javascript_hex_escaped),
    "pdf_javascript_in_object_stream": ("js_objstm.pdf", pdf_javascript_in_object_stream),
    "pdf_launch": ("launch.pdf", pdf_launch),
    "pdf_embedded_file": ("embedded.pdf", pdf_embedded_file),
    "pdf_zip_appended": ("zip_appended.pdf", pdf_zip_appended),
    "pdf_html_prepended": ("html_prepended.pdf", pdf_html_prepended),
    "pdf_html_inside": ("html_inside.pdf", pdf_html_inside),
}


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, build in (*REFUSED.values(), *ACCEPTED.values(), *PDF_REFUSED.values()):
        path = folder / name
        path.write_bytes(build())
        out.append(path)
    return out


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")):
        print(f"{p.stat().st_size:>12,}  {p}")
