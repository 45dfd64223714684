"""The batch XLSX data file (app/batching/xlsx.py, XlsxWriter): openpyxl reads back exactly what was written."""

from __future__ import annotations

import csv
import random
import zipfile

import pytest
from openpyxl import load_workbook

from app.batching.cells import clean_text
from app.batching.writers import DataFileWriter
from app.batching.xlsx import XlsxTextWriter

TRICKY = ["0012345678901234", "=1+1", "+62 812", "-1", "@kota", "\tx", "\rx", " lead", "trail ", "  ",
          "a & b", "<b>bold</b>", 'kutip "x"', "a\r\nb", "baris\nbaru", "ü日本 😀", "]]>", "&amp;", "x\x01y",
          "1e5", "TRUE", "01-02-1985", "'sudah"]


def test_round_trip_of_tricky_values(tmp_path):
    rng = random.Random(8)
    headers = [f"Kolom {i}" for i in range(30)] + ["=rumus", "A & <B>"]
    rows = [[rng.choice(TRICKY + [""] * 5) for _ in headers] for _ in range(300)]
    rows.append([""] * len(headers))
    rows.append(["x"])  # a short row: the rest stays empty
    w = DataFileWriter(tmp_path, "data", headers, sheet_title="2026-11")
    for r in rows:
        w.write(r)
    w.close()
    expected = [[clean_text(v) for v in r] + [""] * (len(headers) - len(r)) for r in rows]

    wb = load_workbook(tmp_path / "data.xlsx")  # not read-only: styles (quotePrefix, bold) are read
    assert wb.sheetnames == ["2026-11"]
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2"
    got = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_col=len(headers))]
    assert got[0] == headers
    # OOXML stores a carriage return as the escape _x000D_ (Excel and LibreOffice show a line break;
    # openpyxl hands the escape back as it is)
    assert [["" if v is None else v for v in r] for r in got[1:]] == \
        [[v.replace("\r", "_x000D_") for v in r] for r in expected]
    for r in ws.iter_rows():
        for c in r:
            if c.value is None:
                continue
            assert c.data_type == "s", (c.coordinate, c.value)
            assert bool(c.quotePrefix) == c.value.startswith(("=", "+", "-", "@", "\t", "_x000D_")), c.coordinate
            assert bool(c.font.b) == (c.row == 1), c.coordinate

    with (tmp_path / "data.csv").open(encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == headers[:-2] + ["'=rumus", "A & <B>"]
    unquoted = [[v[1:] if v.startswith("'") and v[1:2] in ("=", "+", "-", "@", "\t", "\r") else v for v in r]
                for r in lines[1:]]
    assert [r + [""] * (len(headers) - len(r)) for r in unquoted] == expected


def test_package_parts_and_abort(tmp_path):
    w = XlsxTextWriter(tmp_path / "a.xlsx", ["NIK"], sheet_title="Data")
    w.append(["1"])
    with pytest.raises(ValueError):
        w.append(["1", "2"])
    w.close()
    names = set(zipfile.ZipFile(tmp_path / "a.xlsx").namelist())
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml"} <= names
    w = DataFileWriter(tmp_path, "b", ["NIK"])
    w.write(["1"])
    w.abort()
    w.abort()  # twice is harmless
    assert not (tmp_path / "b.xlsx").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.suffix not in (".xlsx", ".csv")]  # no spill file left
