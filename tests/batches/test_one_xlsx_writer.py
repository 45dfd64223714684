"""One XLSX writer for every export (app/batching/xlsx.py): batch data files, the reconciliation report and
the personal-data export all go through XlsxTextWriter."""

from __future__ import annotations

import ast
from pathlib import Path

from openpyxl import load_workbook

from app.batching.xlsx import XlsxTextWriter

APP = Path(__file__).resolve().parents[2] / "app"


def test_several_sheets_each_with_its_frozen_bold_header(tmp_path):
    path = tmp_path / "laporan.xlsx"
    x = XlsxTextWriter(path, ["Judul laporan"], sheet_title="Ringkasan", columns=2)
    x.append(["Periode", "2026-Q4"])
    x.append([])
    x.append(["Jumlah", "=1+1"])
    x.add_sheet("Temuan", ["NIK", "Nama"])
    x.append(["0012345678901234", "@SITI"])
    x.close()
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Temuan"]
    summary, findings = wb["Ringkasan"], wb["Temuan"]
    assert [[c.value for c in r] for r in summary.iter_rows()] == [
        ["Judul laporan", None], ["Periode", "2026-Q4"], [None, None], ["Jumlah", "=1+1"]]
    assert summary["B4"].data_type == "s" and summary["B4"].quotePrefix  # shown as text, never run
    assert summary["A1"].font.b and findings["A1"].font.b and findings.freeze_panes == "A2"
    assert findings["A2"].value == "0012345678901234" and findings["A2"].data_type == "s"
    assert findings["B2"].quotePrefix


def test_no_module_of_the_core_writes_xlsx_another_way():
    """openpyxl stays for reading imports; writing a workbook is XlsxTextWriter's alone."""
    offenders = []
    for path in APP.rglob("*.py"):
        if path == APP / "batching" / "xlsx.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in {"openpyxl", "openpyxl.cell"} \
                    and any(a.name in {"Workbook", "WriteOnlyCell"} for a in node.names):
                offenders.append(f"{path.relative_to(APP)}: from {node.module} import …")
            if isinstance(node, ast.Import) and any(a.name == "xlsxwriter" for a in node.names):
                offenders.append(f"{path.relative_to(APP)}: import xlsxwriter")
    assert offenders == []
