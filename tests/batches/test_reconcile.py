"""Quarterly reconciliation: SPEC §5 findings, written to an XLSX that is re-opened and checked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from app.db.models import AuditEntry, BatchItem, Case, Person
from app.errors import PermissionDenied, ValidationError
from app.services import batches, reconcile
from tests.batches.helpers import make_cases

pytestmark = pytest.mark.clock

A, B, C, D, E = ("1971010101900001", "1971010202900002", "1971010303900003", "1971010404900004",
                 "1971010505900005")
X, Y = "1971010606900006", "1971010707900007"


def _accept(office, niks, service, tmt):
    with office.db.write() as s:
        from app.db.models import Batch
        for it in s.exec(select(BatchItem).join(Batch, Batch.id == BatchItem.batch_id)
                         .where(BatchItem.nik.in_(niks), Batch.service_code == service)).all():
            it.feedback_status, it.tmt = "diterima", tmt
            s.add(it)


@pytest.fixture
def participants(office, supervisor):
    make_cases(office, "jamkesda", 5, niks=[A, B, C, D, E])
    batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11")
    _accept(office, [A, B, C, D, E], "jamkesda", date(2026, 12, 1))
    # E is deactivated later (penonaktifan accepted by BPJS)
    with office.db.write() as s:
        from app.db.models import Case
        p = s.exec(select(Person).where(Person.nik == E)).one()
        s.add(Case(reg_number="REG-OFF-E", service_code="penonaktifan", person_id=p.id, status="selesai",
                   batch_ready_at=datetime(2027, 1, 5, tzinfo=UTC), closed_at=datetime(2027, 1, 5, tzinfo=UTC)))
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2027-01",
                        now=datetime(2027, 2, 3, 3, tzinfo=UTC))
    _accept(office, [E], "penonaktifan", date(2027, 2, 1))
    with office.db.read() as s:
        return {p.nik: (p.name, p.birth_date) for p in s.exec(select(Person)).all()}


def test_findings_and_report(office, supervisor, participants, tmp_path):
    assert set(reconcile.active_participants(office)) == {A, B, C, D}
    name_a, born_a = participants[A]
    name_c, born_c = participants[C]
    bpjs = tmp_path / "peserta_bpjs.csv"
    bpjs.write_text(
        "NIK;NAMA;TGL_LAHIR;NOKA;STATUS\n"
        f"{A};{name_a.upper()};{born_a:%d-%m-%Y};0001234567891;AKTIF\n"
        f"{B};Warga Satu;{participants[B][1]:%d-%m-%Y};0001234567892;AKTIF\n"
        f"{C};{name_c};01-01-1950;0001234567893;AKTIF\n"
        f"{X};Orang Luar;01-06-1990;0001234567894;AKTIF\n"
        f"{E};Warga Nonaktif;;0001234567895;AKTIF\n"
        f"{A};{name_a};{born_a:%d-%m-%Y};0001234567891;AKTIF\n"
        "3.27E+15;Rusak;;;AKTIF\n",
        encoding="utf-8-sig",
    )
    duk = tmp_path / "dukcapil.csv"
    duk.write_text(
        "nik,nama,tanggal lahir,status,tanggal peristiwa\n"
        f"{C},{name_c},{born_c:%d-%m-%Y},MENINGGAL,03-02-2027\n"
        f"{Y},Pindahan,,PINDAH,\n",
        encoding="utf-8",
    )
    out = tmp_path / "laporan" / "rekonsiliasi.xlsx"
    rep = reconcile.reconcile(office, actor=supervisor, bpjs_path=bpjs, dukcapil_path=duk, out_path=out,
                              period="2027-Q1")
    got = sorted((f.kind, f.nik) for f in rep.findings)
    assert got == sorted([
        ("bpjs_tidak_di_kantor", X), ("bpjs_tidak_di_kantor", E),
        ("kantor_tidak_di_bpjs", D),
        ("beda_nama", B),
        ("beda_tanggal_lahir", C),
        ("meninggal_masih_aktif", C),
        ("ganda", A),
    ])
    assert [(r.source, r.line) for r in rep.refused] == [("BPJS", 8)]
    dead = next(f for f in rep.findings if f.kind == "meninggal_masih_aktif")
    assert dead.suggested_reason == "meninggal" and "kantor dan BPJS" in dead.detail
    req = reconcile.deactivation_request(dead, reconcile.membership(office))
    assert req == {"service_code": "penonaktifan", "nik": C, "name": name_c, "reason_code": "meninggal",
                   "note": req["note"]}
    # the XLSX: three sheets, one row per finding, NIK as full text (supervisor may export full NIKs)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Temuan", "Baris ditolak"]
    rows = list(wb["Temuan"].iter_rows(values_only=True))
    assert rows[0][:3] == ("No", "Jenis temuan", "NIK")
    assert sorted((r[1], r[2]) for r in rows[1:]) == sorted((f.label, f.nik) for f in rep.findings)
    for row in wb["Temuan"].iter_rows(min_row=2):
        assert row[2].data_type == "s"
    summary = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Peserta aktif di kantor"] == "4" and summary["Data ganda"] == "1"
    assert list(wb["Baris ditolak"].iter_rows(values_only=True))[1][:2] == ("BPJS", "8")
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]
    with office.db.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "reconcile.run")).one()
        assert entry.new_values["findings"]["ganda"] == 1 and entry.new_values["full_nik_export"] is True


def test_same_person_under_two_niks_and_inactive_status(office, supervisor, participants, tmp_path):
    with office.db.write() as s:
        a = s.exec(select(Person).where(Person.nik == A)).one()
        d = s.exec(select(Person).where(Person.nik == D)).one()
        d.name, d.birth_date = a.name.lower() + ".", a.birth_date
        s.add(d)
    bpjs = tmp_path / "b.csv"
    bpjs.write_text(f"nik,nama,status\n{A},,aktif\n{B},,aktif\n{C},,aktif\n{D},,NONAKTIF\n", encoding="utf-8")
    rep = reconcile.reconcile(office, actor=supervisor, bpjs_path=bpjs, dukcapil_path=None)
    got = sorted((f.kind, f.nik) for f in rep.findings)
    assert got == sorted([("ganda", A), ("ganda", D), ("kantor_tidak_di_bpjs", D)])
    assert "NONAKTIF".lower() in next(f.detail for f in rep.findings if f.kind == "kantor_tidak_di_bpjs").lower()


def test_reconcile_needs_supervisor(office, make_user, tmp_path):
    f = tmp_path / "b.csv"
    f.write_text("nik\n1971010101900001\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):
        reconcile.reconcile(office, actor=make_user("front_office"), bpjs_path=f, dukcapil_path=None)


def test_finding_opens_a_deactivation_case(office, supervisor, participants, tmp_path):
    pytest.importorskip("app.services.cases")
    from app.services import cases

    duk = tmp_path / "d.csv"
    duk.write_text(f"nik,status\n{A},pindah\n", encoding="utf-8")
    rep = reconcile.reconcile(office, actor=supervisor, bpjs_path=None, dukcapil_path=duk, period="2027-Q1")
    [moved] = [f for f in rep.findings if f.kind == "pindah_masih_aktif"]
    assert moved.suggested_reason == "pindah_domisili"
    info = reconcile.open_deactivation_case(office, actor=supervisor, finding=moved, period="2027-Q1")
    case = cases.get_case(office, actor=supervisor, case_id=info.id)
    assert case.service_code == "penonaktifan" and case.data["reason_code"] == "pindah_domisili"
    assert case.data["source"]["kind"] == "rekonsiliasi"


# --------------------------------------------------------------------------- which services count: the definitions


def _office_definition(office, code: str, edit) -> None:
    """An office copy of a shipped definition (office.dirs.services), changed by ``edit(text)``."""
    from app.paths import resource_path

    text = resource_path("services", f"{code}.toml").read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    office.dirs.services.mkdir(parents=True, exist_ok=True)
    (office.dirs.services / f"{code}.toml").write_text(changed, encoding="utf-8")


def _without_key(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.startswith("membership =")) + "\n"


def _with_key(value: str):
    def edit(text: str) -> str:
        return text.replace("\nbatch = ", f'\nmembership = "{value}"\nbatch = ', 1)
    return edit


def test_membership_comes_from_the_definitions(office):
    assert reconcile.ReconcileSettings() == reconcile.ReconcileSettings((), ())  # no service named in code
    assert reconcile.membership(office) == reconcile.Membership(("jamkesda",), ("penonaktifan",))


def test_office_definitions_decide_who_is_active(office, supervisor, participants, tmp_path):
    # the office's own copies move "masuk" from jamkesda to pbi-baru: jamkesda acceptances no longer count
    _office_definition(office, "jamkesda", _without_key)
    _office_definition(office, "pbi-baru", _with_key("masuk"))
    assert reconcile.membership(office) == reconcile.Membership(("pbi-baru",), ("penonaktifan",))
    assert reconcile.active_participants(office) == {}
    make_cases(office, "pbi-baru", 1, niks=[X])
    batches.close_batch(office, actor=supervisor, service_code="pbi-baru", period="2026-11")
    _accept(office, [X], "pbi-baru", date(2026, 12, 1))
    assert set(reconcile.active_participants(office)) == {X}
    # jamkesda counts again, but penonaktifan no longer ends a participation: E is active again
    (office.dirs.services / "jamkesda.toml").unlink()
    (office.dirs.services / "pbi-baru.toml").unlink()
    _office_definition(office, "penonaktifan", _without_key)
    assert reconcile.membership(office) == reconcile.Membership(("jamkesda",), ())
    assert set(reconcile.active_participants(office)) == {A, B, C, D, E}
    # … and with no deactivating service a finding opens no case (refused, nothing written)
    finding = reconcile.Finding("pindah_masih_aktif", A, "Warga", "Dukcapil: pindah", "Dukcapil",
                                "pindah_domisili")
    with pytest.raises(ValidationError, match="Tidak ada layanan penonaktifan.*membership"):
        reconcile.open_deactivation_case(office, actor=supervisor, finding=finding, period="2027-Q1")
    with office.db.read() as s:
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "reconcile.open_case")).first() is None
        opened = s.exec(select(Case.service_code).join(Person, Person.id == Case.person_id)
                        .where(Person.nik == A)).all()
    assert opened == ["jamkesda"]


def test_settings_still_name_the_services(office, admin, supervisor, participants):
    from app.services import settings as settings_svc

    settings_svc.save(office, actor=admin, section=reconcile.SECTION,
                      value=reconcile.ReconcileSettings(activating_services=("jamkesda",),
                                                        deactivating_services=("reaktivasi-rekom",)))
    # the settings win over the definitions (penonaktifan no longer ends a participation: E is active)
    assert reconcile.membership(office) == reconcile.Membership(("jamkesda",), ("reaktivasi-rekom",))
    assert set(reconcile.active_participants(office)) == {A, B, C, D, E}
    finding = reconcile.Finding("ganda", A, "Warga", "dua kali", "BPJS", "ganda")
    assert reconcile.deactivation_request(finding, reconcile.membership(office))["service_code"] == "reaktivasi-rekom"
    # a list left empty still comes from the definitions
    settings_svc.save(office, actor=admin, section=reconcile.SECTION,
                      value=reconcile.ReconcileSettings(activating_services=("pbi-baru",)))
    assert reconcile.membership(office) == reconcile.Membership(("pbi-baru",), ("penonaktifan",))
    assert reconcile.active_participants(office) == {}


def test_deactivation_intake_follows_the_definitions(office, supervisor, make_user, participants, tmp_path):
    """The participant check at deactivation intake (engine → roster.participation) uses the same services."""
    from app.services import cases, roster

    roster_file = tmp_path / "r.csv"
    roster_file.write_text(f"NIK;NAMA;STATUS\n{Y};Orang Lain;AKTIF\n", encoding="utf-8")
    roster.import_roster(office, actor=supervisor, path=roster_file)
    front = make_user("front_office")
    everything = ["kk", "ktp", "kis", "surat_pernyataan"]

    def deactivate(nik: str):
        name = participants[nik][0]
        c = cases.open_case(office, actor=front, service_code="penonaktifan", nik=nik, name=name,
                            no_kk=nik[:8] + "0101" + nik[12:], received=everything)
        return cases.advance(office, actor=front, case_id=c.id, version=c.version, data={"reason_code": "mampu"})

    ok = deactivate(A)  # accepted in a jamkesda batch: a participant, though not on the roster
    assert ok.current_step == "penerbitan_surat" and "usulan jamkesda diterima BPJS" in ok.data["kepesertaan"]["detail"]
    _office_definition(office, "jamkesda", _without_key)  # now jamkesda acceptances make no participant
    with pytest.raises(ValidationError, match="bukan peserta PBI-APBD"):
        deactivate(B)
