"""Every spreadsheet and CSV the app writes neutralises cells that begin with = + - @ (CSV injection).

Each file is written from data that carries such values, then read back: in a CSV no cell may be an active
formula (app/batching/cells.py: it starts with ``=``, or with ``+ - @`` and holds more than a plain number or
plain words) — those carry a leading apostrophe — while a plain name (``-Budi``) or phone number
(``+62-812-0000``) is kept exactly; in an XLSX every cell is a text cell (never a formula), and where it starts
with a trigger Excel's quote-prefix flag is set.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from sqlalchemy import update
from sqlmodel import col, select

from app.batching.cells import FORMULA_TRIGGERS, is_active_formula
from app.db.models import Person
from tests.reliability.figures import record

EVIL = ["=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)"]
LEGIT = ["+62-812-0000", "-Budi", "@Siti", "+62 812 3456 7890", "-1"]  # a phone, names, a number: never changed
CHECKED: dict[str, int] = {}


def _csv_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _check_csv(name: str, data: bytes) -> None:
    cells = _csv_cells(data)
    assert cells
    found = 0
    for c in cells:
        assert not is_active_formula(c), f"{name}: cell {c!r} would run as a formula"
        assert c not in ("'" + v for v in LEGIT), f"{name}: the legitimate value {c[1:]!r} was changed"
        found += any(e in c for e in EVIL) or c.startswith("'")
    assert found, f"{name}: the dangerous values were not in the file at all"
    CHECKED[name] = CHECKED.get(name, 0) + len(cells)


def _check_xlsx(name: str, data: bytes) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))  # not read-only: quotePrefix is a style attribute
    seen = 0
    evil_seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                seen += 1
                assert cell.data_type != "f", f"{name}: {ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    evil_seen += 1
                    assert cell.data_type == "s" and cell.quotePrefix, (
                        f"{name}: {ws.title}!{cell.coordinate} {cell.value!r} is not marked as text")
    assert evil_seen, f"{name}: the dangerous values were not in the file at all"
    CHECKED[name] = CHECKED.get(name, 0) + seen


def _poison_people(office) -> None:
    """Every person gets formulas in name, address and birth place, except that the last two carry a legitimate
    name and phone number that start like a formula."""
    with office.db.write() as s:
        s.exec(update(Person).values(name=EVIL[0], address=EVIL[2], phone=EVIL[1][:20], birth_place=EVIL[3]))
        people = list(s.exec(select(Person).order_by(col(Person.id))).all())
        for person, (name, phone) in zip(people[-2:], [("-Budi", LEGIT[0]), ("@Siti", LEGIT[3])], strict=True):
            person.name, person.phone = name, phone
            s.add(person)


def _assert_legit_kept(name: str, data: bytes) -> None:
    cells = set(_csv_cells(data))
    for value in ("-Budi", "@Siti", LEGIT[0], LEGIT[3]):
        assert value in cells, f"{name}: {value!r} is not in the file as it was"


def test_every_written_spreadsheet_and_csv_is_neutralised(office, admin, tmp_path):
    from app.services import batches, dtsen, privacy, reconcile
    from tests.batches.helpers import make_cases
    from tests.services.helpers import Staff

    staff = Staff(office, admin)
    ids = make_cases(office, "penonaktifan", 3, data={"reason_code": "mampu", "alasan": EVIL[2]})
    _poison_people(office)

    # 1. The monthly batch: data file as XLSX and CSV inside the ZIP.
    result = batches.close_batch(office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11",
                                 with_letters=False)
    with zipfile.ZipFile(result.batch.zip_path) as zf:
        names = zf.namelist()
        xlsx = [n for n in names if n.endswith(".xlsx")]
        csvs = [n for n in names if n.endswith(".csv")]
        assert xlsx and csvs
        for n in xlsx:
            _check_xlsx(f"batch {n}", zf.read(n))
        for n in csvs:
            _check_csv(f"batch {n}", zf.read(n))
            _assert_legit_kept(f"batch {n}", zf.read(n))

    # 2. The reconciliation report: names come from the BPJS list and from the office.
    bpjs = tmp_path / "bpjs.csv"
    bpjs.write_text("NIK,NAMA,STATUS\n1971015208810001,\"=1+1\",AKTIF\n1971011102790003,@cmd,AKTIF\n"
                    "9999999999999999,\"-1+1\",AKTIF\n", encoding="utf-8")
    out = tmp_path / "rekon.xlsx"
    reconcile.reconcile(office, actor=staff.supervisor, bpjs_path=bpjs, dukcapil_path=None, out_path=out)
    _check_xlsx("reconciliation report", out.read_bytes())

    # 3. The DTSEN rejects file: refused rows are written back with their raw cells.
    src = tmp_path / "dtsen.csv"
    src.write_text("NIK,NO_KK,NAMA,DESIL\n=1+1,1971011507090002,Siti,1\n1971015208810001,1971011507090002,"
                   "\"@SUM(A1)\",99\n1971011102790003,1971011507090002,\"+cmd\",x\n", encoding="utf-8")
    summary = dtsen.import_file(office, actor=admin, path=src)
    assert summary.rejected == 3 and summary.rejects_path
    _check_csv("DTSEN rejects file", Path(summary.rejects_path).read_bytes())

    # 4. The personal-data export (XLSX).
    from app.services import cases as cases_svc

    nik = cases_svc.get_case(office, actor=staff.front_office, case_id=ids[0]).nik
    exp = privacy.export_person(office, actor=admin, nik=nik, dest=tmp_path / "pdp.xlsx", fmt="xlsx")
    _check_xlsx("personal-data export", exp.path.read_bytes())

    record("formula_injection", {"files": len(CHECKED), "cells_reread": sum(CHECKED.values()),
                                 "not_neutralised": 0, "writers": sorted({k.split(" ")[0] for k in CHECKED})})
