"""Answers that gate jamkesda (issue 15, SPEC §1.2/§1.7, seed Kota Singkawang).

BPJS's answer per participant decides the path at ``umpan_balik_bpjs``: no answer, no move; a rejection frees
the slot to the waiting list, informs the applicant by letter and never reaches the SK request; the accepted
participants of a period get ONE Surat Permohonan SK Walikota. A person deactivated for death leaves every
waiting list and is never promoted later; their other open cases are flagged.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import col, func, select

from app.db.models import AuditEntry, Case, Letter, StepLog
from app.documents.render import docx_text
from app.errors import PermissionDenied, ValidationError
from app.services import batches, case_letters, cases, feedback, jamkesda
from tests.clock import WIB, pin_clock
from tests.services.helpers import advance, at, kk, nik
from tests.services.test_jamkesda import set_rules, to_ranking

pytestmark = pytest.mark.clock

#: Monday 6 April 2026, 10:00 WIB: the March 2026 batch month has ended.
APRIL = datetime(2026, 4, 6, 10, 0, tzinfo=WIB)


def _get(office, staff, case):
    return cases.get_case(office, actor=staff.back_office, case_id=case.id)


def _to_feedback_step(office, staff, case, when):
    """From the notification step (layak) through the BPJS proposal to the feedback step."""
    c = _get(office, staff, case)
    assert c.current_step == "pemberitahuan", c.current_step
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=when)
    c = advance(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version, now=when)
    assert c.current_step == "umpan_balik_bpjs"
    return c


def _counts(office, case_id):
    with office.db.read() as s:
        logs = s.exec(select(func.count()).select_from(StepLog).where(StepLog.case_id == case_id)).one()
        audits = s.exec(select(func.count()).select_from(AuditEntry)).one()
        row = s.get(Case, case_id)
        assert row is not None
        return logs, audits, row.version, row.current_step, dict(row.data)


def _ranked(office, admin, staff):
    """Quota 2: A (9) and B (8) are layak, C (6) and D (5) wait, in that order."""
    set_rules(office, admin, jamkesda_quota=2)
    a = to_ranking(office, staff, 1, met=9)
    b = to_ranking(office, staff, 2, met=8)
    c = to_ranking(office, staff, 3, met=6)
    d = to_ranking(office, staff, 4, met=5)
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026", now=at(2026, 3, 10))
    assert [(e.reg_number, e.decision) for e in res.entries] == [
        (a.reg_number, "layak"), (b.reg_number, "layak"), (c.reg_number, "daftar_tunggu"),
        (d.reg_number, "daftar_tunggu")]
    return a, b, c, d


def test_feedback_step_waits_for_the_participants_bpjs_answer(office, admin, staff):
    a, _b, _c, _d = _ranked(office, admin, staff)
    a = _to_feedback_step(office, staff, a, at(2026, 3, 11))
    before = _counts(office, a.id)
    with pytest.raises(ValidationError, match="Umpan balik BPJS Kesehatan untuk peserta ini belum ada"):
        advance(office, actor=staff.back_office, case_id=a.id, version=a.version, now=at(2026, 3, 20))
    # the officer's entry needs BPJS's reference, and a rejection its reason
    with pytest.raises(ValidationError, match="nomor referensi BPJS"):
        advance(office, actor=staff.back_office, case_id=a.id, version=a.version, now=at(2026, 3, 20),
                      data={"bpjs_feedback": {"status": "diterima"}})
    with pytest.raises(ValidationError, match="Alasan penolakan"):
        advance(office, actor=staff.back_office, case_id=a.id, version=a.version, now=at(2026, 3, 20),
                      data={"bpjs_feedback": {"status": "ditolak", "reference": "BA-12/KC-SKW/2026"}})
    with pytest.raises(ValidationError, match="belum ada"):
        advance(office, actor=staff.back_office, case_id=a.id, version=a.version, now=at(2026, 3, 20),
                      data={"bpjs_feedback": "ok"})
    assert _counts(office, a.id) == before  # nothing written: no log, no audit, same version, step and data
    # the officer records BPJS's answer with its reference: the case goes on to the SK request step
    a = advance(office, actor=staff.back_office, case_id=a.id, version=a.version, now=at(2026, 3, 20),
                      data={"bpjs_feedback": {"status": "diterima", "reference": "BA-12/KC-SKW/2026",
                                              "tmt": "2026-04-01"}})
    assert a.current_step == "permohonan_sk"
    assert a.data["routes"][-1] == {"step": "umpan_balik_bpjs", "outcome": "diterima",
                                    "message": "Diterima BPJS Kesehatan (referensi BPJS BA-12/KC-SKW/2026, "
                                               "TMT 2026-04-01)."}
    # the SK request step is not completed one by one: only the collective letter completes it
    with pytest.raises(ValidationError, match="belum diterbitkan"):
        advance(office, actor=staff.kepala_dinas, case_id=a.id, version=a.version, now=at(2026, 3, 21))


def test_rejection_frees_the_slot_informs_and_never_reaches_the_sk_request(office, admin, staff, officials,
                                                                          tmp_path):
    a, b, c, d = _ranked(office, admin, staff)
    a = _to_feedback_step(office, staff, a, at(2026, 3, 11))
    b = _to_feedback_step(office, staff, b, at(2026, 3, 11))
    with pin_clock(APRIL):
        # March's batch carries A and B to BPJS (cover letter: Surat Usulan); BPJS answers in its file
        res = batches.close_batch(office, actor=staff.supervisor, service_code="jamkesda", period="2026-03")
        assert res.created and res.batch.record_count == 2
        answer = tmp_path / "umpan_balik_bpjs.csv"
        answer.write_text("NIK;Nama;Status;Alasan;TMT\n"
                          f"{nik(1)};Warga 1;DITERIMA;;01-05-2026\n"
                          f"{nik(2)};Warga 2;DITOLAK;Terdaftar sebagai peserta segmen PPU;\n", encoding="utf-8")
        report = feedback.import_feedback(office, actor=staff.supervisor, path=answer)
        assert (report.accepted, report.rejected) == (1, 1)

        b = _get(office, staff, b)
        b = advance(office, actor=staff.back_office, case_id=b.id, version=b.version)
        # closed as rejected by BPJS, not layak; the slot went to the first on the waiting list
        assert (b.status, b.outcome) == ("ditolak", "ditolak_bpjs") and b.closed_at is not None
        assert "Terdaftar sebagai peserta segmen PPU" in b.outcome_reason
        assert b.data["left"]["reason_code"] == "ditolak_bpjs" and b.data["quota_promoted"] == [c.reg_number]
        c_now = _get(office, staff, c)
        assert (c_now.current_step, c_now.data["decision"], c_now.data["rank"]) == ("pemberitahuan", "layak", 1)
        assert _get(office, staff, d).data["decision"] == "daftar_tunggu"
        with office.db.read() as s:
            promoted = s.exec(select(StepLog).where(StepLog.case_id == c.id, StepLog.action == "rank")).one()
            assert promoted.reason == "Peringkat 1: layak dalam kuota"
            released = s.exec(select(AuditEntry).where(AuditEntry.action == "jamkesda.release",
                                                     AuditEntry.entity_id == str(b.id))).one()
            assert released.new_values["promoted"] == [c.reg_number]
        # the applicant is informed with the rejection letter, BPJS's reason printed
        assert "pemberitahuan_ditolak_bpjs" in [x["key"] for x in b.documents_due]
        # made by the role of the step where BPJS's answer closed the case
        letter = case_letters.issue_document(office, actor=staff.back_office, case_id=b.id,
                                             key="pemberitahuan_ditolak_bpjs")
        text = docx_text(letter.docx_path)
        assert "DITOLAK BPJS KESEHATAN" in text and "Terdaftar sebagai peserta segmen PPU" in text
        assert "berkas umpan balik umpan_balik_bpjs.csv" in text and b.reg_number in text
        assert "pemberitahuan_ditolak_bpjs" not in [x["key"] for x in _get(office, staff, b).documents_due]

        # the accepted one moves on by the imported answer
        a = _get(office, staff, a)
        a = advance(office, actor=staff.back_office, case_id=a.id, version=a.version)
        assert a.current_step == "permohonan_sk"

        # the promoted applicant walks the same path; the officer records BPJS's answer with its reference
        c_now = _to_feedback_step(office, staff, c, datetime(2026, 4, 7, 9, tzinfo=WIB))
        c_now = advance(office, actor=staff.back_office, case_id=c.id, version=c_now.version,
                              data={"bpjs_feedback": {"status": "diterima", "reference": "BA-20/KC-SKW/2026"}})
        assert c_now.current_step == "permohonan_sk"

        # ONE SK request for the period, by its step's role, listing exactly the accepted participants
        assert jamkesda.sk_request_candidates(office, actor=staff.kepala_dinas, period="2026") == [
            a.reg_number, c.reg_number]
        with pytest.raises(PermissionDenied):
            jamkesda.issue_sk_request(office, actor=staff.back_office, period="2026")
        sk = jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026")
        assert sk.reg_numbers == (a.reg_number, c.reg_number)
        text = docx_text(sk.docx_path)
        assert "Warga 1" in text and "Warga 3" in text and "Warga 2" not in text
        assert "Bagian Kesejahteraan Rakyat" in text and "Tahun 2026" in text and "TMT 1 Mei 2026" in text
        for case in (a, c):
            now_ = _get(office, staff, case)
            assert now_.current_step == "arsip"
            entry = [x for x in now_.data["documents"] if x["key"] == "permohonan_sk_walikota"]
            assert [(x["status"], x["number"], x["letter_id"]) for x in entry] == [("issued", sk.number, sk.letter_id)]
        # a second request for the same period is refused, nothing numbered
        with office.db.read() as s:
            letters_before = s.exec(select(func.count()).select_from(Letter)).one()
        with pytest.raises(ValidationError, match=f"sudah diterbitkan dengan nomor {sk.number}"):
            jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026")
        with office.db.read() as s:
            assert s.exec(select(func.count()).select_from(Letter)).one() == letters_before
            assert s.exec(select(func.count()).select_from(Letter).where(
                Letter.letter_type == "permohonan_sk_walikota")).one() == 1
        # the rejected case never got to the SK request
        assert "permohonan_sk" not in _get(office, staff, b).data["path"]
        # archive closes the accepted ones as layak
        a = _get(office, staff, a)
        a = advance(office, actor=staff.back_office, case_id=a.id, version=a.version)
        assert (a.status, a.outcome) == ("selesai", "layak")


def test_sk_request_needs_accepted_participants(office, admin, staff, officials):
    set_rules(office, admin, jamkesda_quota=2)
    with pytest.raises(ValidationError, match="Belum ada peserta periode Tahun 2026"):
        jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026")
    with pytest.raises(ValidationError, match="tidak sah"):
        jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="26")


def _deactivate(office, staff, i, reason_code, *, until_closed=True):
    """A penonaktifan of person ``i`` walked to its end (or left under way after issuing the letter)."""
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(i), name=f"Warga {i}",
                        no_kk=kk(i), received=["kk", "ktp", "kis", "surat_pernyataan"], now=at(2026, 3, 12, 9))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": reason_code}, now=at(2026, 3, 12, 9, 5))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 3, 12, 9, 30))
    if not until_closed:
        return c
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 3, 12, 10))
    for actor in (staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=actor, case_id=c.id, version=c.version, now=at(2026, 3, 12, 11))
    c = advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version, now=at(2026, 3, 12, 12))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 3, 12, 13))
    assert c.status == "selesai"
    return c


def test_death_takes_a_waiting_applicant_off_every_list_and_flags_other_cases(office, admin, staff):
    a, _b, c, d = _ranked(office, admin, staff)
    # C also has an open PBI JK application (another service) when C dies
    other = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(3), name="Warga 3",
                            no_kk=kk(3), now=at(2026, 3, 11))
    dead = _deactivate(office, staff, 3, "meninggal", until_closed=False)
    # while the deactivation is under way, a freed slot is not given to C: D, next after C, moves up
    res = jamkesda.release_participant(office, actor=staff.back_office, case_id=a.id, reason_code="pindah",
                                       now=at(2026, 3, 12, 9, 40))
    assert [(e.reg_number, e.decision) for e in res.entries] == [(d.reg_number, "layak")]
    assert res.held == (f"{c.reg_number} (Meninggal dunia, {dead.reg_number})",)
    assert _get(office, staff, c).data["decision"] == "daftar_tunggu"

    dead = _deactivate_rest(office, staff, dead)
    c_now = _get(office, staff, c)
    assert (c_now.status, c_now.outcome) == ("ditolak", "keluar") and c_now.closed_at is not None
    assert c_now.outcome_reason == f"Keluar dari daftar tunggu: Meninggal dunia (penonaktifan {dead.reg_number})."
    assert c_now.data["left"]["from"] == "daftar_tunggu"
    flagged = _get(office, staff, other)
    assert flagged.is_open and [f["source"] for f in flagged.data["flags"]] == [dead.reg_number]
    assert "Meninggal dunia" in flagged.data["flags"][0]["message"]
    assert dead.data["deactivation_effects"]["withdrawn"] == [c.reg_number]
    assert dead.data["deactivation_effects"]["flagged"] == [other.reg_number]
    with office.db.read() as s:
        assert s.exec(select(StepLog).where(StepLog.case_id == c.id, StepLog.action == "withdraw")).one()
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "case.flag",
                                             AuditEntry.entity_id == str(other.id))).one()
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "jamkesda.withdraw",
                                             col(AuditEntry.entity_id) == str(c.id))).one()
    # later slots never reach the deceased applicant
    res = jamkesda.release_participant(office, actor=staff.back_office, case_id=d.id, reason_code="mampu",
                                       now=at(2026, 3, 20))
    assert res.entries == () and res.held == ()
    assert _get(office, staff, c).data["decision"] == "daftar_tunggu" and not _get(office, staff, c).is_open
    # flags are the application's own data: a step input cannot overwrite them
    with pytest.raises(ValidationError, match="flags"):
        cases.update_data(office, actor=staff.back_office, case_id=other.id, version=flagged.version,
                          values={"flags": []})


def _deactivate_rest(office, staff, c):
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 3, 13, 10))
    for actor in (staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=actor, case_id=c.id, version=c.version, now=at(2026, 3, 13, 11))
    c = advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version, now=at(2026, 3, 13, 12))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 3, 13, 13))
    assert c.status == "selesai"
    return c


def test_a_deactivation_for_another_reason_leaves_the_waiting_list_alone(office, admin, staff):
    _a, _b, c, _d = _ranked(office, admin, staff)
    _deactivate(office, staff, 3, "mampu")
    c_now = _get(office, staff, c)
    assert c_now.is_open and c_now.data["decision"] == "daftar_tunggu" and "flags" not in c_now.data


def test_participants_accepted_after_the_request_need_an_explicit_supplement(office, admin, staff, officials):
    a, b, _c, _d = _ranked(office, admin, staff)
    ok = {"status": "diterima", "reference": "BA-30/KC-SKW/2026"}
    for case in (a, b):
        c = _to_feedback_step(office, staff, case, at(2026, 3, 11))
        if case is a:
            advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 3, 20),
                          data={"bpjs_feedback": ok})
    with pin_clock(APRIL):
        first = jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026")
        assert first.reg_numbers == (a.reg_number,)
        late = _get(office, staff, b)
        advance(office, actor=staff.back_office, case_id=b.id, version=late.version, data={"bpjs_feedback": ok})
        with pytest.raises(ValidationError, match="1 peserta yang diterima sesudahnya dapat dimohonkan dengan surat "
                                                  "susulan"):
            jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026")
        extra = jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026", supplement=True)
        assert extra.reg_numbers == (b.reg_number,) and extra.number != first.number
        text = docx_text(extra.docx_path)
        assert "Tahun 2026 (susulan ke-1)" in text and "Warga 2" in text and "Warga 1" not in text
        assert jamkesda.sk_request_issued(office, actor=staff.back_office, period="2026") == [first.number,
                                                                                              extra.number]
        with pytest.raises(ValidationError, match="sudah diterbitkan"):
            jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026", supplement=True)
