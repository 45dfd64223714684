"""PBI JK APBN proposals hold DTSEN-registered cases only (SOP Pangkalpinang step 7): a poor applicant not in
DTSEN gets the referral and waits at "Menunggu DTSEN"; the next DTSEN import holding the NIK moves the case on
by itself (step log, audit), with the desil check; such a case never enters the APBN proposal batch."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.db.models import AuditEntry, DtsenRecord
from app.errors import ValidationError
from app.services import batches, cases, dtsen
from tests.services.helpers import add_dtsen, advance, at, kk, nik

pytestmark = pytest.mark.clock

ALL = ["ktp", "kk", "sktm"]
HEADER = "ID_DTSEN,NIK,NO_KK,NAMA,TGL_LAHIR,JNS_KEL,ALAMAT,RT,RW,KELURAHAN,KECAMATAN,DESIL"


def _dtsen_file(tmp_path, name, rows):
    lines = [HEADER] + [f"DT{i},{n},{kk(i)},Warga {i},01-01-1980,L,Jl. Melayu {i},001,002,Kejaksaan,Taman Sari,"
                        f"{desil}" for i, (n, desil) in enumerate(rows, start=1)]
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _waiting_case(office, staff, i=1, *, urgent=False):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(i), name=f"Pemohon {i}",
                        no_kk=kk(i), received=ALL, urgent=urgent, now=at(2026, 11, 3, 9))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 5))
    if urgent:  # straight to the manager, who approves; not in DTSEN: the referral comes first
        assert c.current_step == "keputusan_manajer"
        c = advance(office, actor=staff.manager, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 10))
        assert c.current_step == "usulan_dtsen"
        assert "belum terdaftar di DTSEN" in c.data["routes"][-1]["message"]
    else:
        assert c.current_step == "verifikasi_lapangan"
        c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version, data={"field_poor": True},
                          now=at(2026, 11, 3, 10))
    assert c.current_step == "usulan_dtsen"
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version, now=at(2026, 11, 3, 10, 10))
    assert c.current_step == "menunggu_dtsen" and c.current_step_name == "Menunggu DTSEN"
    assert "rujukan_dtsen" in [d["key"] for d in c.data["documents"] if d["status"] == "issued"]
    return c


def test_poor_applicant_not_in_dtsen_waits_and_the_import_moves_the_case_on(office, staff, admin, tmp_path):
    c = _waiting_case(office, staff)
    # nobody can push it on while the NIK is not in DTSEN: it waits, with an Indonesian reason
    with pytest.raises(ValidationError, match="belum terdaftar di DTSEN"):
        advance(office, actor=staff.verifier, case_id=c.id, version=c.version)
    assert cases.get_case(office, actor=staff.verifier, case_id=c.id).current_step == "menunggu_dtsen"
    # an import without the NIK leaves it waiting
    other = dtsen.import_file(office, actor=admin, path=_dtsen_file(tmp_path, "lain.csv", [(nik(50), 2)]))
    assert other.resumed == 0 and "menunggu DTSEN" not in other.message()
    assert cases.get_case(office, actor=staff.verifier, case_id=c.id).current_step == "menunggu_dtsen"
    # the next import holding the NIK (desil 2, within 1–5) moves it on by itself
    summary = dtsen.import_file(office, actor=admin,
                                path=_dtsen_file(tmp_path, "dtsen-des.csv", [(nik(50), 2), (nik(1), 2)]))
    assert summary.resumed == 1 and summary.resumed_refused == 0
    assert "1 berkas yang menunggu DTSEN dilanjutkan." in summary.message()
    c = cases.get_case(office, actor=staff.verifier, case_id=c.id)
    assert c.current_step == "back_office_kesehatan" and c.is_open and c.data["desil"] == 2
    last = cases.step_log(office, actor=staff.verifier, case_id=c.id)[-1]
    assert (last.step, last.action, last.to_step, last.user_id) == ("menunggu_dtsen", "impor_dtsen",
                                                                    "back_office_kesehatan", admin.id)
    assert f"impor DTSEN (dahulu DTKS) #{summary.import_id} (dtsen-des.csv)" in last.reason
    assert "Desil 2 dalam rentang layak 1–5" in last.reason
    with office.db.read() as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == "case.resume")).all()
        assert [(r.entity_id, r.new_values["step"]) for r in rows] == [(str(c.id), "back_office_kesehatan")]
    # from there the standard continues: back office, manager, APBN proposal in the window
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 4, 9))
    c = advance(office, actor=staff.manager, case_id=c.id, version=c.version, now=at(2026, 11, 4, 9, 5))
    assert c.current_step == "usulan_apbn" and c.batch_ready_at is not None
    # importing the same file again moves nothing more
    again = dtsen.import_file(office, actor=admin,
                              path=_dtsen_file(tmp_path, "dtsen-des.csv", [(nik(50), 2), (nik(1), 2)]))
    assert again.resumed == 0


def test_desil_too_high_after_the_referral_closes_as_not_meeting_the_criteria(office, staff, admin, tmp_path):
    c = _waiting_case(office, staff)
    summary = dtsen.import_file(office, actor=admin, path=_dtsen_file(tmp_path, "d.csv", [(nik(1), 8)]))
    assert (summary.resumed, summary.resumed_refused) == (1, 1)
    assert "1 di antaranya ditutup karena desil di luar rentang" in summary.message()
    c = cases.get_case(office, actor=staff.verifier, case_id=c.id)
    assert c.status == "ditolak" and c.outcome == "tidak_memenuhi_kriteria" and c.batch_ready_at is None
    assert "desil 8 di luar rentang layak 1–5" in c.outcome_reason
    assert cases.step_log(office, actor=staff.verifier, case_id=c.id)[-1].action == "impor_dtsen"


def test_urgent_case_approved_by_the_manager_goes_to_the_proposal_once_registered(office, staff, admin, tmp_path):
    c = _waiting_case(office, staff, urgent=True)
    assert c.batch_ready_at is None  # approved, but not proposed while not in DTSEN
    dtsen.import_file(office, actor=admin, path=_dtsen_file(tmp_path, "d.csv", [(nik(1), 3)]))
    c = cases.get_case(office, actor=staff.manager, case_id=c.id)
    assert c.current_step == "usulan_apbn" and c.batch_ready_at is not None


def test_a_case_registered_meanwhile_can_be_moved_by_hand(office, staff):
    c = _waiting_case(office, staff)
    add_dtsen(office, nik(1), desil=4)  # e.g. the extract was imported by another counter
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version, now=at(2026, 11, 5, 9))
    assert c.current_step == "back_office_kesehatan"


def test_not_in_dtsen_never_enters_the_apbn_proposal_batch(office, staff):
    supervisor = staff.supervisor
    # two cases reach the APBN proposal step registered in DTSEN; one's DTSEN row is then gone (a case that
    # reached the step under the old rules, before this check): the batch takes only the registered one
    ids = []
    for i in (1, 2):
        add_dtsen(office, nik(i), desil=2)
        c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(i), name=f"P {i}",
                            no_kk=kk(i), received=ALL, urgent=True, now=at(2026, 11, 3, 9))
        c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 5))
        c = advance(office, actor=staff.manager, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 9))
        assert c.current_step == "usulan_apbn"
        ids.append(c.id)
    with office.db.write() as s:
        s.delete(s.exec(select(DtsenRecord).where(DtsenRecord.nik == nik(2))).one())
    listed = [p for p in batches.closable_periods(office, actor=supervisor, now=at(2026, 12, 2, 9))
              if p.service_code == "pbi-baru"]
    assert [(p.period, p.case_count) for p in listed] == [("2026-11", 1)]
    res = batches.close_batch(office, actor=supervisor, service_code="pbi-baru", period="2026-11",
                              with_letters=False, now=at(2026, 12, 2, 9))
    assert res.batch.record_count == 1
    assert "1 kasus tidak dimasukkan karena NIK-nya belum terdaftar di DTSEN" in res.message
    assert cases.get_case(office, actor=supervisor, case_id=ids[0]).batch_id == res.batch.id
    assert cases.get_case(office, actor=supervisor, case_id=ids[1]).batch_id is None
    # and the step itself cannot be completed for it either
    c = cases.get_case(office, actor=staff.kabid_linjamsos, case_id=ids[1])
    with pytest.raises(ValidationError, match="tidak terdaftar di DTSEN"):
        advance(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version)
