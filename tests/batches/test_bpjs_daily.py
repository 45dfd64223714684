"""The same-day list for BPJS (seed Bandung step 5): the reaktivasi-rekom cases recommended that day (office
time), as XLSX and CSV with the shared sheet's columns (definition default, office's own order by setting)."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from app.db.models import AuditEntry, Case, Letter, Person
from app.errors import ValidationError
from app.servicedefs import get as get_definition
from app.services import bpjs_daily
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases

pytestmark = pytest.mark.usefixtures("pinned")
DAY = date(2026, 11, 23)


def _recommend(office, case_id: int, at: datetime, serial: int) -> str:
    """The case's product letter as the letters service registers it (issued at ``at``)."""
    number = f"400.9.11/{serial}/Dinsos/XI/2026"
    with office.db.write() as s:
        s.add(Letter(number=number, series="umum", year=2026, serial=serial, classification_code="400.9.11",
                     letter_type="rekomendasi_reaktivasi", case_id=case_id, template_name="t", template_sha256="0",
                     data={}, data_sha256="0", docx_path=f"2026/{serial}.docx", docx_sha256="0", issued_at=at))
    return number


def _rename(office, case_id: int, name: str, phone: str) -> None:
    with office.db.write() as s:
        case = s.get(Case, case_id)
        assert case is not None
        person = s.get(Person, case.person_id)
        assert person is not None
        person.name, person.phone = name, phone
        s.add(person)


def _read_csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _setup(office):
    early, hostile, yesterday, other = make_cases(office, "reaktivasi-rekom", 4)
    _rename(office, hostile, '=HYPERLINK("http://x","klik")', "+62 812-3456-7890")
    # 23 Nov 2026 office time (WIB = UTC+7): 08:15 and 15:40; the third at 23:30 on the 22nd; the fourth case has
    # no recommendation yet
    n1 = _recommend(office, early, datetime(2026, 11, 23, 1, 15, tzinfo=UTC), 11)
    n2 = _recommend(office, hostile, datetime(2026, 11, 23, 8, 40, tzinfo=UTC), 12)
    _recommend(office, yesterday, datetime(2026, 11, 22, 16, 30, tzinfo=UTC), 10)
    return early, hostile, yesterday, other, n1, n2


def test_daily_list_xlsx_and_csv_with_the_definition_columns(office, supervisor, tmp_path):
    early, hostile, _yesterday, _other, n1, n2 = _setup(office)
    res = bpjs_daily.export_daily(office, actor=supervisor, service_code="reaktivasi-rekom", dest=tmp_path, day=DAY)
    assert res.count == 2 and "23 November 2026" in res.message
    assert res.xlsx_path.name == "bpjs-harian_reaktivasi-rekom_2026-11-23.xlsx" and res.csv_path.is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no work folder left
    defn = get_definition(office, "reaktivasi-rekom")
    keys = list(defn.daily_list_columns)
    sheet = load_workbook(res.xlsx_path).active
    assert sheet is not None
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == [h for k, h in res.columns] and [k for k, _h in res.columns] == keys
    body = [dict(zip(keys, r, strict=False)) for r in rows[1:]]
    with office.db.read() as s:
        niks = dict(s.exec(select(Case.id, Person.nik).join(Person, Person.id == Case.person_id)).all())
    assert [(r["nik"], r["nomor_surat"]) for r in body] == [(niks[early], n1), (niks[hostile], n2)]
    assert body[1]["nama"] == '=HYPERLINK("http://x","klik")'  # kept exactly, a text cell
    cell = sheet.cell(row=3, column=keys.index("nama") + 1)
    assert cell.data_type == "s" and cell.quotePrefix  # shown as text, never run
    assert all(isinstance(c.value, str) for r in sheet.iter_rows(min_row=2) for c in r if c.value is not None)
    assert body[0]["tanggal_surat"] == "23-11-2026"

    lines = _read_csv(res.csv_path)
    assert lines[0] == [h for _k, h in res.columns] and len(lines) == 3
    by_key = dict(zip(keys, lines[2], strict=False))
    assert by_key["nama"] == "'" + '=HYPERLINK("http://x","klik")'  # neutralised as the batch CSV does
    assert by_key["no_hp"] == "+62 812-3456-7890"  # a phone number stays as it is
    assert by_key["nik"] == niks[hostile] and len(by_key["nik"]) == 16
    with office.db.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "bpjs_daily.export")).one()
    assert entry.new_values["count"] == 2 and entry.new_values["full_nik_export"] is True


def test_the_office_chooses_and_orders_the_columns(office, admin, supervisor, tmp_path):
    _setup(office)
    settings_svc.save(office, actor=admin, section=bpjs_daily.SECTION,
                      value=bpjs_daily.DailyListSettings(columns={"reaktivasi-rekom": ["nomor_surat", "nama", "nik"]}))
    res = bpjs_daily.export_daily(office, actor=supervisor, service_code="reaktivasi-rekom", dest=tmp_path, day=DAY)
    lines = _read_csv(res.csv_path)
    assert lines[0] == ["Nomor surat", "Nama", "NIK"]
    assert [r[0] for r in lines[1:]] == ["400.9.11/11/Dinsos/XI/2026", "400.9.11/12/Dinsos/XI/2026"]
    with pytest.raises(ValidationError, match="tidak dikenal: warna"):
        bpjs_daily.DailyListSettings(columns={"reaktivasi-rekom": ["nik", "warna"]})


def test_a_day_without_recommendations_gives_an_empty_list(office, supervisor, tmp_path):
    _setup(office)
    res = bpjs_daily.export_daily(office, actor=supervisor, service_code="reaktivasi-rekom", dest=tmp_path,
                                  day=date(2026, 11, 24))
    assert res.count == 0 and "Tidak ada" in res.message and len(_read_csv(res.csv_path)) == 1


def test_only_services_with_a_daily_list(office, supervisor, tmp_path):
    assert bpjs_daily.services_with_daily_list(office) == {"reaktivasi-rekom": "Surat Rekomendasi Reaktivasi PBI JK"}
    with pytest.raises(ValidationError, match="tidak mempunyai daftar harian"):
        bpjs_daily.export_daily(office, actor=supervisor, service_code="penonaktifan", dest=tmp_path, day=DAY)


def test_another_day_but_never_one_still_to_come(office, supervisor, tmp_path, pinned):
    """The list of an earlier day can be made again later; a day after today (office time) is refused, and
    nothing is written."""
    today = pinned.astimezone(pinned.tzinfo).date()
    assert bpjs_daily.today(office) == today
    _setup(office)
    res = bpjs_daily.export_daily(office, actor=supervisor, service_code="reaktivasi-rekom", dest=tmp_path, day=DAY)
    assert res.count == 2 and res.xlsx_path.name == "bpjs-harian_reaktivasi-rekom_2026-11-23.xlsx"
    later = tmp_path / "besok"
    with pytest.raises(ValidationError, match="belum tiba"):
        bpjs_daily.export_daily(office, actor=supervisor, service_code="reaktivasi-rekom", dest=later,
                                day=date.fromordinal(today.toordinal() + 1))
    assert not later.exists()
