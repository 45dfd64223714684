"""Deactivation only of participants; the quarterly reconciliation: who may run it, its reminder, and the
BPJS participant roster it reconciles (SOP Cirebon step 7, SPEC §5)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from app.db.models import AuditEntry, RosterEntry, RosterImport
from app.errors import PermissionDenied, ValidationError
from app.services import cases, reconcile, roster
from tests.clock import WIB, pin_clock
from tests.services.helpers import at, kk, nik

pytestmark = pytest.mark.clock

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]
ROSTER_HEADER = "NIK;NAMA PESERTA;TGL LAHIR;NOKA;STATUS;SEGMEN"


def _roster_file(tmp_path, name, rows):
    p = tmp_path / name
    p.write_text("\n".join([ROSTER_HEADER, *rows]) + "\n", encoding="utf-8")
    return p


def _row(i, status="AKTIF", name=None):
    return f"{nik(i)};{name or f'Peserta {i}'};01-01-1980;{i:013d};{status};PBPU Pemda"


def _deactivation(office, staff, i=1):
    return cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(i),
                           name=f"Peserta {i}", no_kk=kk(i), received=ALL, now=at(2026, 11, 6, 10))


# --------------------------------------------------------------------------- deactivation of a non-participant


def test_non_participant_is_refused_at_intake_unless_recorded_as_such(office, staff, tmp_path):
    roster.import_roster(office, actor=staff.supervisor, path=_roster_file(tmp_path, "r.csv", [_row(1), _row(2)]))
    c = _deactivation(office, staff, i=9)
    with pytest.raises(ValidationError, match="Penonaktifan ditolak: NIK ini bukan peserta PBI-APBD"):
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": "mampu"})
    same = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert (same.current_step, same.version, same.status) == ("penerimaan", c.version, "draft")  # nothing written
    # the office refuses it with a reason …
    refused = cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version,
                           reason="Bukan peserta PBI-APBD")
    assert refused.status == "ditolak"
    # … or records it anyway, explicitly: the case carries the flag and the note
    c = _deactivation(office, staff, i=8)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": "ganda", "bukan_peserta_catatan": "Kartu KIS PBI-APBD ditunjukkan"})
    assert c.current_step == "penerbitan_surat"
    assert c.data["kepesertaan"] == {"status": "bukan_peserta", "detail": "Kartu KIS PBI-APBD ditunjukkan"}
    assert "BUKAN peserta PBI-APBD" in c.data["routes"][-1]["message"]


def test_participant_on_the_roster_goes_on(office, staff, tmp_path):
    roster.import_roster(office, actor=staff.supervisor, path=_roster_file(tmp_path, "r.csv", [_row(1)]))
    c = _deactivation(office, staff, i=1)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, data={"reason_code": "mampu"})
    assert c.current_step == "penerbitan_surat" and c.data["kepesertaan"]["status"] == "peserta"
    assert "daftar peserta BPJS yang diimpor (baris 2)" in c.data["kepesertaan"]["detail"]


def test_inactive_roster_row_is_not_a_participant(office, staff, tmp_path):
    roster.import_roster(office, actor=staff.supervisor,
                         path=_roster_file(tmp_path, "r.csv", [_row(1, status="NONAKTIF"), _row(2)]))
    c = _deactivation(office, staff, i=1)
    with pytest.raises(ValidationError, match="bukan peserta PBI-APBD"):
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": "mampu"})


def test_without_a_roster_the_case_goes_on_flagged_unchecked(office, staff):
    c = _deactivation(office, staff)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, data={"reason_code": "mampu"})
    assert c.data["kepesertaan"]["status"] == "belum_diperiksa"
    assert "belum diimpor" in c.data["routes"][-1]["message"]


# --------------------------------------------------------------------------- who may reconcile


@pytest.mark.parametrize(("role", "may"), [("kasi_linjamsos", True), ("kabid_linjamsos", True),
                                           ("supervisor", True), ("front_office", False), ("back_office", False),
                                           ("manager", False), ("kepala_dinas", False), ("administrator", False)])
def test_reconcile_and_roster_import_per_role(office, staff, tmp_path, role, may):
    actor = getattr(staff, role)
    f = _roster_file(tmp_path, "r.csv", [_row(1)])
    if not may:
        with pytest.raises(PermissionDenied):
            roster.import_roster(office, actor=actor, path=f)
        with pytest.raises(PermissionDenied):
            reconcile.reconcile(office, actor=actor, bpjs_path=f, dukcapil_path=None, period="2026-Q3")
        return
    roster.import_roster(office, actor=actor, path=f)
    rep = reconcile.reconcile(office, actor=actor, bpjs_path=None, dukcapil_path=None, period="2026-Q3")
    assert rep.roster_only == 1 and rep.participants == 1


# --------------------------------------------------------------------------- the quarterly reminder


def test_reminder_due_until_the_quarter_is_reconciled(office, staff, tmp_path):
    sunday = at(2026, 12, 6, 9)
    due = reconcile.due(office, sunday)
    assert due is not None and due.period == "2026-Q3" and due.ended_on == date(2026, 9, 30)
    assert due.label == "Triwulan III 2026 (Juli–September)" and "belum dilakukan" in due.message()
    roster.import_roster(office, actor=staff.kasi_linjamsos, path=_roster_file(tmp_path, "r.csv", [_row(1)]))
    rep = reconcile.reconcile(office, actor=staff.kasi_linjamsos, bpjs_path=None, dukcapil_path=None, now=sunday)
    assert rep.period == "2026-Q3"  # the quarter that ended last, by default
    assert reconcile.due(office, sunday) is None
    assert reconcile.due(office, at(2026, 12, 31, 9)) is None
    nxt = reconcile.due(office, at(2027, 1, 4, 9))
    assert nxt is not None and nxt.period == "2026-Q4" and nxt.ended_on == date(2026, 12, 31)


def test_reminder_follows_office_time_at_the_year_end(office):
    from datetime import datetime

    # 31 December 23:30 WIB is still the fourth quarter; half an hour later (still 31 December in UTC) Q4 is due
    assert reconcile.due(office, datetime(2026, 12, 31, 23, 30, tzinfo=WIB)).period == "2026-Q3"
    assert reconcile.due(office, datetime(2027, 1, 1, 0, 30, tzinfo=WIB)).period == "2026-Q4"


def test_reminder_under_a_pinned_clock(office):
    from datetime import datetime

    with pin_clock(datetime(2027, 4, 2, 10, 0, tzinfo=WIB)):  # early in the second quarter
        assert reconcile.due(office).period == "2027-Q1"


# --------------------------------------------------------------------------- the roster import


def test_roster_import_and_reconciliation_counts_participants_not_entered_here(office, staff, tmp_path):
    dup = _row(2, name="Peserta Dua Lagi")
    s = roster.import_roster(office, actor=staff.kabid_linjamsos,
                             path=_roster_file(tmp_path, "peserta.csv", [_row(1), _row(2), dup, _row(3, "NONAKTIF")]))
    assert (s.rows_total, s.rows_active, s.duplicates) == (4, 3, 1)
    assert "4 baris, 3 peserta aktif" in s.message() and "1 NIK muncul lebih dari sekali" in s.message()
    with office.db.read() as db:
        card = db.exec(select(RosterEntry.card_number).where(RosterEntry.nik == nik(1))).one()
    assert card == "0000000000001"  # identifiers stay text, leading zeros kept
    duk = tmp_path / "dukcapil.csv"
    duk.write_text(f"NIK,NAMA,STATUS,TANGGAL\n{nik(1)},Peserta 1,MENINGGAL,02-10-2026\n", encoding="utf-8")
    out = tmp_path / "laporan.xlsx"
    rep = reconcile.reconcile(office, actor=staff.kabid_linjamsos, bpjs_path=None, dukcapil_path=duk,
                              out_path=out, period="2026-Q3")
    assert (rep.active_here, rep.roster_only, rep.participants, rep.roster_file) == (0, 2, 2, "peserta.csv")
    kinds = [(f.kind, f.nik) for f in rep.findings]
    assert ("meninggal_masih_aktif", nik(1)) in kinds and ("ganda", nik(2)) in kinds
    assert not [k for k, _n in kinds if k == "bpjs_tidak_di_kantor"]  # the roster's participants are the office's
    from openpyxl import load_workbook

    wb = load_workbook(out)
    summary = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Peserta dari daftar BPJS yang diimpor, tidak melalui Loket PBI"] == "2"
    assert summary["Jumlah peserta yang direkonsiliasi"] == "2"
    with office.db.read() as db:
        entry = db.exec(select(AuditEntry).where(AuditEntry.action == "reconcile.run")).one()
    assert entry.entity_id == "2026-Q3" and entry.new_values["roster_only"] == 2


@pytest.mark.parametrize(("text", "message"), [
    (f"{ROSTER_HEADER}\n{_row(1)}\n3.27E+15;Rusak;01-01-1980;0000000000002;AKTIF;PBPU\n", "baris 3: NIK"),
    (f"{ROSTER_HEADER}\n{_row(1)}\n{nik(2)};Nol Hilang;01-01-1980;1234;AKTIF;PBPU\n", "baris 3"),
    (f"{ROSTER_HEADER}\n{_row(1)}\n{nik(2)};Tgl;31-02-1980;;AKTIF;PBPU\n", "tanggal lahir"),
    ("NAMA;STATUS\nBudi;AKTIF\n", "NIK"),
    (f"{ROSTER_HEADER}\n", "hanya berisi baris judul"),
])
def test_malformed_roster_is_refused_with_nothing_written(office, staff, tmp_path, text, message):
    roster.import_roster(office, actor=staff.supervisor, path=_roster_file(tmp_path, "lama.csv", [_row(5)]))
    p = tmp_path / "rusak.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        roster.import_roster(office, actor=staff.supervisor, path=p)
    with office.db.read() as s:
        assert s.exec(select(func.count()).select_from(RosterImport)).one() == 1
        assert s.exec(select(func.count()).select_from(RosterEntry)).one() == 1
    assert roster.current(office).file_name == "lama.csv"  # the previous roster stays current
