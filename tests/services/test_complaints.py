"""Pengaduan register (SPEC §1.6) and the satisfaction survey."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import NotFound, PermissionDenied, ValidationError
from app.services import cases, complaints, survey
from tests.services.helpers import at, nik

pytestmark = pytest.mark.clock


def test_lapor_complaint_linked_to_case_followed_up_answered(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A")
    with pytest.raises(ValidationError, match="tiket"):
        complaints.register(office, actor=staff.front_office, channel="lapor", topic="Lambat")
    x = complaints.register(office, actor=staff.front_office, channel="lapor", lapor_ticket="LAP-2026-123",
                            topic="Rekomendasi belum terbit", case_id=c.id, received_at=at(2026, 11, 6, 10))
    assert x.reg_number == "ADU-2026-00001" and x.status == "baru" and x.case_reg_number == c.reg_number
    assert x.channel_label == "SP4N-LAPOR!"
    # 14 working days from Friday 6 November 2026
    assert x.due_at == at(2026, 11, 26, 10)
    x = complaints.follow_up(office, actor=staff.manager, complaint_id=x.id, text="Dicek ke back office",
                             at=at(2026, 11, 9))
    assert x.status == "ditindaklanjuti" and x.follow_up_at == at(2026, 11, 9)
    assert complaints.list_complaints(office, actor=staff.front_office, overdue_at=at(2026, 11, 27))[0].id == x.id
    with pytest.raises(ValidationError):
        complaints.close(office, actor=staff.manager, complaint_id=x.id)
    x = complaints.answer(office, actor=staff.manager, complaint_id=x.id, text="Sudah terbit", at=at(2026, 11, 10))
    assert x.status == "dijawab" and not x.overdue(at(2026, 12, 30))
    assert complaints.list_complaints(office, actor=staff.front_office, overdue_at=at(2026, 11, 27)) == []
    x = complaints.close(office, actor=staff.manager, complaint_id=x.id)
    assert x.status == "selesai"


def test_complaint_permissions_and_channel(office, staff):
    with pytest.raises(ValidationError, match="Kanal"):
        complaints.register(office, actor=staff.front_office, channel="merpati", topic="x")
    with pytest.raises(PermissionDenied):
        complaints.register(office, actor=staff.kepala_dinas, channel="email", topic="x")
    x = complaints.register(office, actor=staff.front_office, channel="whatsapp", topic="Antrian")
    with pytest.raises(PermissionDenied):
        complaints.answer(office, actor=staff.front_office, complaint_id=x.id, text="ok")


def test_survey_ikm(office, staff):
    c1 = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A")
    c2 = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(2), name="B")
    survey.record(office, actor=staff.front_office, case_id=c1.id, answers=dict.fromkeys(
        ("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"), 4),
        now=at(2026, 11, 3, 10))
    survey.record(office, actor=staff.front_office, case_id=c2.id, answers=dict.fromkeys(
        ("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"), 3),
        now=at(2026, 11, 3, 11))
    r = survey.report(office, actor=staff.manager, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert (r.respondents, r.ikm, r.grade) == (2, 87.5, "B")
    with pytest.raises(PermissionDenied):
        survey.report(office, actor=staff.front_office, start=date(2026, 11, 1), end=date(2026, 11, 30))


def test_case_named_by_its_registration_number(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(2), name="B")
    x = complaints.register(office, actor=staff.front_office, channel="langsung", topic="Tanya",
                            case_reg=f" {c.reg_number.lower()} ")
    assert x.case_reg_number == c.reg_number
    with pytest.raises(NotFound, match="PBI-2026-99999"):
        complaints.register(office, actor=staff.front_office, channel="langsung", topic="x", case_reg="PBI-2026-99999")
    assert len(complaints.list_complaints(office, actor=staff.front_office)) == 1
