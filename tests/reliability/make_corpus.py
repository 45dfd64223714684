"""Write the corpus of malformed import files: ``python -m tests.reliability.make_corpus``.

Every file here is something an office has received or could receive instead of a clean DTSEN,
BPJS-feedback or reconciliation list: wrong headers, wrong encodings and delimiters, empty or binary
files, identifiers a spreadsheet turned into numbers, formula injections. ``test_corpus.py`` feeds
every file to every importer. No file carries a valid NIK, so no importer may accept a single row.
The output is deterministic (fixed dates in the XLSX files) so re-running changes nothing.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent / "corpus"

DTSEN_HEADER = ["ID_DTSEN", "NIK", "NO_KK", "NAMA", "TEMPAT_LAHIR", "TGL_LAHIR", "JNS_KEL", "ALAMAT", "RT", "RW",
                "KODE_WILAYAH", "KELURAHAN", "KECAMATAN", "DESIL"]
FEEDBACK_HEADER = ["NIK", "NAMA", "NOKA", "STATUS", "ALASAN", "TMT"]
BPJS_HEADER = ["NIK", "NAMA", "TANGGAL LAHIR", "NOMOR KARTU", "STATUS", "SEGMEN"]
DUKCAPIL_HEADER = ["NIK", "NAMA", "TANGGAL LAHIR", "STATUS", "TANGGAL", "KETERANGAN"]

#: NIK values that must all be refused, each for its own reason.
BAD_NIKS = [
    "3.27E+15", "1971015208810000.0", "197101520881001", "19710152088100011", "1.971.015.208.810.001",
    "9971015208810001", "1900015208810001", "1971005208810001", "1971013208810001", "1971017208810001",
    "1971015213810001", "1971015208810000", "19710152O8810001", "１９７１０１５２０８８１０００１", "",
    "=HYPERLINK(\"http://x\",\"1971015208810001\")", "+1971015208810001", "-1971015208810001", "@SUM(A1)",
    "1971 0152 0881 0001x", "NIK", "null", "١٩٧١٠١٥٢٠٨٨١٠٠٠١",
]
NAMES = ["Siti Nur'aini", "D'Costa", "Müller", "Ñoño", "王小明", "محمد", "Ἀλέξανδρος", "=cmd|' /C calc'!A0",
         "@SUM(1+1)", "+62 812", "-Nama", "\tTab", "Ol' Man \"Quote\"", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀"]


def _rows(header: list[str], n: int | None = None) -> list[list[str]]:
    out = []
    niks = BAD_NIKS if n is None else BAD_NIKS[:n]
    for i, nik in enumerate(niks):
        row = {h: "" for h in header}
        row.update({"NIK": nik, "NAMA": NAMES[i % len(NAMES)], "NO_KK": "3.27E+15", "DESIL": str(i % 12),
                    "TGL_LAHIR": "31-02-1980", "TANGGAL LAHIR": "99-99-9999", "STATUS": "DITERIMA",
                    "TMT": "01-13-2026", "JNS_KEL": "X", "ALAMAT": "=1+1", "NOKA": "1.23E+12",
                    "NOMOR KARTU": "123", "ID_DTSEN": f"DT{i}", "TANGGAL": "kemarin"})
        out.append([row[h] for h in header])
    return out


def _csv(header: list[str], rows: list[list[str]], *, delimiter: str = ",", newline: str = "\r\n") -> str:
    def cell(v: str) -> str:
        if any(c in v for c in (delimiter, '"', "\n", "\r")):
            return '"' + v.replace('"', '""') + '"'
        return v

    return newline.join(delimiter.join(cell(v) for v in r) for r in [header, *rows]) + newline


def _xlsx(rows: list[list[object]], *, sheets: int = 1, empty_first: bool = False) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.created = wb.properties.modified = datetime(2026, 1, 1)
    ws = wb.active
    if empty_first:
        ws.title = "Kosong"
        ws = wb.create_sheet("Data")
    for r in rows:
        ws.append(r)
    for i in range(1, sheets):
        wb.create_sheet(f"Lembar{i + 1}").append(["catatan"])
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed member times so the corpus is byte-for-byte reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def files() -> dict[str, bytes]:
    f: dict[str, bytes] = {}
    # --- structure: nothing an importer can read
    f["empty.csv"] = b""
    f["bom_only.csv"] = "\ufeff".encode()
    f["blank_lines.csv"] = b"\r\n\r\n   \r\n\t\r\n"
    f["only_commas.csv"] = b",,,,\r\n,,,,\r\n"
    f["only_semicolons.csv"] = b";;;;\r\n;;;\r\n"
    f["binary_garbage.csv"] = bytes((i * 37 + 11) % 256 for i in range(4096))
    f["nul_bytes.csv"] = b"NIK,NAMA\r\n\x00\x00\x00\x00,\x00\r\n"
    f["png_renamed.csv"] = b"\x89PNG\r\n\x1a\n" + bytes(200)
    f["pdf_renamed.csv"] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    f["pdf_renamed.xlsx"] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    f["old_xls_ole.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    f["html_table_as.xls"] = (b"<html><body><table><tr><td>NIK</td><td>NAMA</td></tr><tr><td>3.27E+15</td>"
                              b"<td>Siti</td></tr></table></body></html>")
    f["json_array.csv"] = b'[{"NIK": "3.27E+15", "NAMA": "Siti"}]'
    f["zip_not_xlsx.xlsx"] = _fixed_zip(_zip_with("data.txt", b"NIK,NAMA\r\n"))
    good = _xlsx([DTSEN_HEADER, *_rows(DTSEN_HEADER, 3)])
    f["truncated.xlsx"] = good[: len(good) // 2]
    f["xlsx_renamed.csv"] = good
    f["xlsx_no_rows.xlsx"] = _xlsx([])
    f["header_only_dtsen.csv"] = _csv(DTSEN_HEADER, []).encode()
    f["header_only_feedback.csv"] = _csv(FEEDBACK_HEADER, []).encode()
    f["header_only_dtsen.xlsx"] = _xlsx([DTSEN_HEADER])
    # --- headers: the right data under the wrong names
    f["wrong_headers.csv"] = _csv(["kolom1", "kolom2", "kolom3"], [["3.27E+15", "Siti", "x"]]).encode()
    f["english_headers.csv"] = _csv(["Identity", "Person", "Result"], [["3.27E+15", "Siti", "ok"]]).encode()
    f["no_header_data_first.csv"] = _csv(["3.27E+15", "Siti", "DITERIMA"], [["1.97E+15", "Budi", "DITOLAK"]]).encode()
    f["duplicate_nik_columns.csv"] = _csv(["NIK", "NIK", "NAMA", "STATUS", "DESIL", "NO_KK"],
                                          [["3.27E+15", "1", "Siti", "DITERIMA", "1", "1"]]).encode()
    f["empty_header_names.csv"] = _csv(["", "", "", ""], [["3.27E+15", "Siti", "x", "y"]]).encode()
    f["header_10000_columns.csv"] = (",".join(f"K{i}" for i in range(10000)) + "\r\n" + "1," * 9999 + "1\r\n").encode()
    f["title_rows_above_header.xlsx"] = _xlsx([["DAFTAR PENERIMA"], ["Periode: November 2026"], [],
                                               DTSEN_HEADER, *_rows(DTSEN_HEADER, 5)])
    f["data_on_second_sheet.xlsx"] = _xlsx([DTSEN_HEADER, *_rows(DTSEN_HEADER, 5)], empty_first=True)
    # --- delimiters and line endings
    for fam, header in (("dtsen", DTSEN_HEADER), ("feedback", FEEDBACK_HEADER), ("bpjs", BPJS_HEADER)):
        f[f"tab_delimited_{fam}.csv"] = _csv(header, _rows(header, 6), delimiter="\t").encode()
        f[f"pipe_delimited_{fam}.csv"] = _csv(header, _rows(header, 6), delimiter="|").encode()
    f["cr_only_lines_dtsen.csv"] = _csv(DTSEN_HEADER, _rows(DTSEN_HEADER), newline="\r").encode()
    f["unbalanced_quotes.csv"] = b'NIK,NAMA,STATUS,DESIL,NO_KK\r\n"3.27E+15,Siti,DITERIMA,1,1\r\n1.0,"Budi,x,1,1\r\n'
    f["one_megabyte_field.csv"] = ("NIK,NAMA,STATUS,DESIL,NO_KK\r\n3.27E+15," + "A" * 1_100_000
                                   + ",DITERIMA,1,1\r\n").encode()
    # --- encodings
    for fam, header in (("dtsen", DTSEN_HEADER), ("feedback", FEEDBACK_HEADER), ("dukcapil", DUKCAPIL_HEADER)):
        text = _csv(header, _rows(header))
        f[f"utf16_no_bom_{fam}.csv"] = text.encode("utf-16-le")
        f[f"utf16_bom_{fam}.csv"] = b"\xff\xfe" + text.encode("utf-16-le")
        f[f"cp1252_{fam}.csv"] = text.encode("cp1252", errors="replace")
        f[f"semicolon_bom_{fam}.csv"] = ("\ufeff" + _csv(header, _rows(header), delimiter=";")).encode()
    f["mixed_utf8_latin1.csv"] = _csv(FEEDBACK_HEADER, _rows(FEEDBACK_HEADER, 3)).encode() + "Müller;ß\r\n".encode(
        "latin-1")
    f["utf32.csv"] = _csv(FEEDBACK_HEADER, _rows(FEEDBACK_HEADER, 3)).encode("utf-32")
    # --- rows: identifiers a spreadsheet turned into numbers, injections, impossible values
    for fam, header in (("dtsen", DTSEN_HEADER), ("feedback", FEEDBACK_HEADER), ("bpjs", BPJS_HEADER),
                        ("dukcapil", DUKCAPIL_HEADER)):
        f[f"bad_niks_{fam}.csv"] = _csv(header, _rows(header)).encode("utf-8-sig")
        numeric = [[_num(v) if k == header.index("NIK") else v for k, v in enumerate(r)] for r in _rows(header)]
        numeric += [[3.27e15 if h == "NIK" else 1971015208810001.0 if h == "NO_KK" else "DITERIMA" for h in header],
                    [197101520881000 if h == "NIK" else "x" for h in header]]
        f[f"numbers_as_cells_{fam}.xlsx"] = _xlsx([header, *numeric])
    f["formula_injection_names.csv"] = _csv(FEEDBACK_HEADER, [["=1+1", n, "=2+2", "=DITERIMA", "@x", "-1"]
                                                               for n in NAMES]).encode()
    f["nik_with_spaces_and_letters.csv"] = _csv(["NIK", "NAMA", "STATUS", "DESIL", "NO_KK"],
                                                [[" 1971 0152 0881 000A ", "Siti", "DITERIMA", "1", "1"],
                                                 ["NIK-1971015208810001", "Budi", "DITOLAK", "2", "2"]]).encode()
    f["dates_impossible_feedback.csv"] = _csv(FEEDBACK_HEADER, [["0000000000000000", "Siti", "DITERIMA", "",
                                                                 "31-02-2026", "32/13/2026"]]).encode()
    f["negative_and_huge_numbers.csv"] = _csv(["NIK", "NAMA", "DESIL", "NO_KK", "STATUS"],
                                              [["-1971015208810001", "X", "-5", "9" * 40, "DITERIMA"],
                                               ["1" * 400, "Y", "1e309", "nan", "DITOLAK"]]).encode()
    return f


def _num(v: str) -> object:
    """The value as Excel would store it after guessing it is a number."""
    try:
        return float(v)
    except ValueError:
        return v


def _zip_with(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def main() -> int:
    if HERE.exists():
        shutil.rmtree(HERE)
    HERE.mkdir(parents=True)
    corpus = files()
    for name, data in corpus.items():
        (HERE / name).write_bytes(data)
    print(f"{len(corpus)} berkas rusak ditulis ke {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
