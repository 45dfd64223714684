"""Engine details shared by every service: NIK masking, queue, referral, allowed moves, timings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import case_letters, cases
from tests.services.helpers import add_dtsen, at, kk, nik

pytestmark = pytest.mark.clock


def test_nik_masked_for_roles_that_do_not_need_it(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A")
    assert c.nik == nik(1)
    seen = cases.get_case(office, actor=staff.kepala_dinas, case_id=c.id)
    assert seen.nik != nik(1) and seen.nik == seen.nik_masked


def test_nik_warning_never_blocks(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        person={"birth_date": "1980-02-01", "sex": "P"})
    assert len(c.data["warnings"]) == 2


def test_invalid_identifiers_refused(office, staff):
    with pytest.raises(ValidationError, match="NIK"):
        cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik="3.27E+15", name="A")
    with pytest.raises(ValidationError):
        cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A", no_kk="123")
    with pytest.raises(ValidationError, match="tidak dikenal"):
        cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        received=["pasfoto"])


def test_today_queue_per_counter(office, staff):
    a = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        counter="Loket 1", now=at(2026, 11, 3, 8, 5))
    cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(2), name="B",
                    counter="Loket 2", now=at(2026, 11, 3, 9))
    cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(3), name="C",
                    counter="Loket 1", now=at(2026, 11, 2, 15))
    q = cases.today_queue(office, actor=staff.front_office, counter="Loket 1", now=at(2026, 11, 3, 12))
    assert [x.reg_number for x in q] == [a.reg_number]
    assert len(cases.today_queue(office, actor=staff.front_office, now=at(2026, 11, 3, 12))) == 2


def test_disdukcapil_referral_for_a_problem_nik(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1), name="A")
    c = cases.refer_to_disdukcapil(office, actor=staff.front_office, case_id=c.id, version=c.version,
                                   problem="tidak_online", note="NIK tidak ditemukan di Dukcapil")
    assert "rujukan_disdukcapil" in [d["key"] for d in c.documents_due]
    with pytest.raises(PermissionDenied):  # the referral is made by the role of the step the case is at
        case_letters.issue_document(office, actor=staff.kepala_dinas, case_id=c.id, key="rujukan_disdukcapil")
    letter = case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="rujukan_disdukcapil")
    c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert "rujukan_disdukcapil" not in [d["key"] for d in c.documents_due]
    issued = [d for d in c.data["documents"] if d["status"] == "issued"]
    assert issued[0]["number"] == letter.number


def test_allowed_moves_for_the_window(office, staff):
    add_dtsen(office, nik(1))
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        no_kk=kk(1), received=["ktp", "kk", "sktm"])
    assert cases.allowed_moves(office, actor=staff.front_office, case_id=c.id)["advance"]
    assert not any(cases.allowed_moves(office, actor=staff.back_office, case_id=c.id).values())
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    moves = cases.allowed_moves(office, actor=staff.back_office, case_id=c.id)
    assert moves == {"advance": True, "paraf": False, "return": True, "reject": True}


def test_reject_needs_a_reason_and_the_step_role(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A")
    with pytest.raises(ValidationError, match="alasan"):
        cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version, reason="  ")
    with pytest.raises(PermissionDenied):
        cases.reject(office, actor=staff.manager, case_id=c.id, version=c.version, reason="x")
    c = cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version, reason="Domisili luar kota")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)


def test_step_timings_against_standard(office, staff):
    add_dtsen(office, nik(1))
    add_dtsen(office, nik(2))
    for i, minutes in ((1, 5), (2, 25)):
        t0 = at(2026, 11, 3, 9)
        c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(i), name="A",
                            received=["ktp", "kk", "sktm"], now=t0)
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      now=t0 + timedelta(minutes=minutes))
    t = cases.step_timings(office, actor=staff.manager, service_code="pbi-baru", start=at(2026, 11, 1),
                           end=at(2026, 11, 30))
    assert [(x.step, x.count, x.average_minutes, x.standard_minutes, x.over_standard) for x in t] == [
        ("pemeriksaan_berkas", 2, 15.0, 10, 1)]


def test_audit_records_every_move(office, staff, admin):
    from sqlmodel import select

    from app.db.models import AuditEntry

    add_dtsen(office, nik(1))
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        received=["ktp", "kk", "sktm"])
    cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    with office.db.read() as s:
        rows = [(r.action, r.username, r.old_values, r.new_values)
                for r in s.exec(select(AuditEntry).where(AuditEntry.entity == "case")).all()]
    assert [r[:2] for r in rows] == [("case.open", staff.front_office.username),
                                                       ("case.advance", staff.front_office.username)]
    assert rows[1][2]["step"] == "pemeriksaan_berkas"
    assert rows[1][3]["step"] == "back_office_kesehatan"


def test_engine_keys_cannot_be_overwritten_by_inputs(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A")
    with pytest.raises(ValidationError, match="score"):
        cases.update_data(office, actor=staff.front_office, case_id=c.id, version=c.version, values={"score": 99})
    with pytest.raises(ValidationError, match="decision"):
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, data={"decision": "layak"})
    c = cases.update_data(office, actor=staff.front_office, case_id=c.id, version=c.version,
                          values={"dependants": 4}, urgent=True)
    assert c.data["dependants"] == 4 and c.urgent


def test_opening_a_case_logs_the_view_of_personal_data(office, staff):
    from sqlmodel import select

    from app.db.models import AuditEntry

    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A")
    cases.get_case(office, actor=staff.front_office, case_id=c.id)  # a refresh: not logged
    cases.get_case(office, actor=staff.kepala_dinas, case_id=c.id, log_view=True)
    with office.db.read() as s:
        views = [(e.username, e.new_values) for e in s.exec(select(AuditEntry).where(AuditEntry.action == "case.view"))]
    assert views == [(staff.kepala_dinas.username, {"reg_number": c.reg_number, "full_nik": False})]
