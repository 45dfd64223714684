"""SOP reaktivasi-rekom (Kota Bandung): kebutuhan → pemeriksaan dan konfirmasi ke BPJS cabang → konsep surat
(hanya terdaftar DTSEN dan dalam batas reaktivasi) → verifikasi konsep → entri lembar bersama BPJS (rekap
bulanan) → penyerahan."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import case_letters, cases, letters
from tests.services.helpers import add_dtsen, at, kk, make_letters, nik

pytestmark = pytest.mark.clock

ALL = ["kk", "ktp", "kis", "sk_dtsen"]


def _to_confirmation(office, staff, now):
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-rekom", nik=nik(1),
                        name="Peserta", no_kk=kk(1), received=ALL, now=now)
    return cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=now)


def test_full_sop(office, staff):
    add_dtsen(office, nik(1), desil=1)
    now = at(2026, 11, 3, 9)
    c = _to_confirmation(office, staff, now)
    assert c.current_step == "pemeriksaan_konfirmasi"
    with pytest.raises(ValidationError, match="siapa, kapan, jawaban"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)
    c = cases.record_bpjs_confirmation(office, actor=staff.back_office, case_id=c.id, version=c.version,
                                       confirmed_by="Rina (BPJS KC Bandung)", confirmed_at="2026-11-03T09:10",
                                       answer="dapat_direaktivasi", now=now)
    conf = c.data["bpjs_confirmation"]
    assert conf["confirmed_by"] == "Rina (BPJS KC Bandung)" and conf["recorded_by"] == staff.back_office.username
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version,
                      data={"deactivated_on": "2026-06-15"}, now=now)
    assert c.current_step == "konsep_surat"
    assert "rekomendasi_reaktivasi" in [d["key"] for d in c.documents_due]
    c = make_letters(office, staff.back_office, c)  # the KONSEP, no number
    assert letters.list_letters(office, case_id=c.id, letter_type="rekomendasi_reaktivasi") == []
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)
    with pytest.raises(PermissionDenied):  # the Kasi verifies and the number is taken; not the back office
        case_letters.issue_document(office, actor=staff.back_office, case_id=c.id, key="rekomendasi_reaktivasi")
    c = make_letters(office, staff.kasi_linjamsos, c)
    assert len(letters.list_letters(office, case_id=c.id, letter_type="rekomendasi_reaktivasi")) == 1
    c = cases.advance(office, actor=staff.kasi_linjamsos, case_id=c.id, version=c.version, now=now)
    assert c.current_step == "entri_bpjs" and c.batch_ready_at == now
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 35))
    assert c.status == "selesai"
    assert not cases.overdue(office, actor=staff.supervisor, now=at(2026, 11, 3, 12))  # closed cases never overdue


def test_already_active_and_not_reactivatable(office, staff):
    now = at(2026, 11, 3, 9)
    c = _to_confirmation(office, staff, now)
    c = cases.record_bpjs_confirmation(office, actor=staff.back_office, case_id=c.id, version=c.version,
                                       confirmed_by="Rina", confirmed_at="2026-11-03T09:10", answer="sudah_aktif")
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)
    assert c.outcome == "sudah_aktif_otomatis" and c.status == "selesai"


def test_outside_reactivation_limit_no_draft(office, staff):
    add_dtsen(office, nik(1))
    now = at(2026, 11, 3, 9)
    c = _to_confirmation(office, staff, now)
    c = cases.record_bpjs_confirmation(office, actor=staff.back_office, case_id=c.id, version=c.version,
                                       confirmed_by="Rina", confirmed_at="2026-11-03", answer="dapat_direaktivasi")
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version,
                      data={"deactivated_on": "2026-01-10"}, now=now)
    with pytest.raises(ValidationError, match="melewati batas"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)


def test_sla_40_minutes_overdue_query(office, staff):
    now = at(2026, 11, 3, 9)
    c = _to_confirmation(office, staff, now)
    assert c.due_at == at(2026, 11, 3, 9, 40)
    assert cases.overdue(office, actor=staff.supervisor, now=at(2026, 11, 3, 9, 40)) == []
    late = cases.overdue(office, actor=staff.supervisor, now=at(2026, 11, 3, 9, 41))
    assert [x.reg_number for x in late] == [c.reg_number] and late[0].nik_masked != nik(1)
