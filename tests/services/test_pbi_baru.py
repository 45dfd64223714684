"""SOP pbi-baru (Kota Pangkalpinang): pengajuan PBI JK, intake → rekomendasi → usulan APBN (jendela bulanan)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import cases
from tests.services.helpers import add_dtsen, advance, at, kk, nik

pytestmark = pytest.mark.clock

ALL = ["ktp", "kk", "sktm"]


def _open(office, staff, i=1, **kw):
    kw.setdefault("received", ALL)
    return cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(i),
                           name=f"Pemohon {i}", no_kk=kk(i), now=kw.pop("now", at(2026, 11, 3, 9)), **kw)


def test_dtsen_applicant_goes_through_back_office_manager_and_linjamsos_in_window(office, staff):
    add_dtsen(office, nik(1), desil=2)
    c = _open(office, staff)
    assert c.current_step == "pemeriksaan_berkas" and c.complete and c.reg_number == "PBI-2026-00001"
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 8))
    assert c.current_step == "back_office_kesehatan"
    assert c.data["desil"] == 2
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 20))
    assert c.current_step == "keputusan_manajer"
    c = advance(office, actor=staff.manager, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 25))
    assert c.current_step == "usulan_apbn"
    assert [d["key"] for d in c.data["documents"] if d["status"] == "issued"] == ["rekomendasi_pbi"]
    # 3 November is inside the window 1–11: ready for this month's batch at once
    assert c.batch_ready_at == at(2026, 11, 3, 9, 25)
    assert c.data["proposal_window"]["in_window"] is True
    c = advance(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version,
                      now=at(2026, 11, 3, 9, 45))
    assert c.status == "selesai" and c.outcome == "selesai" and c.closed_at is not None
    log = cases.step_log(office, actor=staff.manager, case_id=c.id)
    assert [e.step for e in log] == ["pemeriksaan_berkas", "back_office_kesehatan", "keputusan_manajer", "usulan_apbn"]
    assert log[0].duration_seconds == 8 * 60 and log[0].standard_minutes == 10 and not log[0].over_standard
    assert log[1].duration_seconds == 12 * 60 and not log[1].over_standard  # standard 15 minutes
    assert log[3].duration_seconds == 20 * 60 and log[3].over_standard  # standard 10 minutes

def test_not_in_dtsen_goes_to_field_verification_then_dtsen_referral(office, staff):
    c = _open(office, staff)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "verifikasi_lapangan"
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version, data={"field_poor": True})
    assert c.current_step == "usulan_dtsen"
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version)
    assert c.current_step == "menunggu_dtsen"  # until a DTSEN import holds the NIK (test_menunggu_dtsen.py)
    assert "rujukan_dtsen" in [d["key"] for d in c.data["documents"] if d["status"] == "issued"]


def test_not_poor_closes_with_reason_documents_returned(office, staff):
    c = _open(office, staff)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="Alasan"):
        advance(office, actor=staff.verifier, case_id=c.id, version=c.version, data={"field_poor": False})
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version, data={"field_poor": False},
                      reason="Rumah permanen, kendaraan roda empat")
    assert c.status == "ditolak" and c.outcome == "tidak_memenuhi_kriteria"
    assert c.outcome_reason == "Rumah permanen, kendaraan roda empat"


def test_desil_outside_range_is_verified_in_the_field(office, staff):
    add_dtsen(office, nik(1), desil=6)
    c = _open(office, staff)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "verifikasi_lapangan"
    assert "di luar rentang" in c.data["routes"][0]["message"]


def test_urgent_goes_straight_to_manager(office, staff):
    c = _open(office, staff, urgent=True)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "keputusan_manajer"


def test_incomplete_checklist_is_saved_and_resumed_but_not_advanced(office, staff):
    add_dtsen(office, nik(1))
    c = _open(office, staff, received=["ktp"])
    assert c.missing == ("Fotokopi Kartu Keluarga", "SKTM dari kelurahan, diketahui camat") and c.due_at is None
    with pytest.raises(ValidationError, match="belum lengkap"):
        advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code="kk",
                            received=True)
    c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code="sktm",
                            received=True, now=at(2026, 11, 3, 10))
    assert c.complete and c.due_at == at(2026, 11, 3, 10, 45)  # SLA 45 minutes from complete documents
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "back_office_kesehatan" and c.status == "proses"


@pytest.mark.parametrize(("day", "in_window", "period"), [(1, True, "2026-11"), (11, True, "2026-11"),
                                                          (12, False, "2026-12"), (30, False, "2026-12")])
def test_proposal_window_boundaries(office, staff, day, in_window, period):
    from app.services.batches import period_of

    add_dtsen(office, nik(1))
    c = _open(office, staff, urgent=True, now=at(2026, 11, day, 9))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, day, 9, 5))
    c = advance(office, actor=staff.manager, case_id=c.id, version=c.version, now=at(2026, 11, day, 9, 10))
    assert c.data["proposal_window"]["in_window"] is in_window
    assert period_of(c.batch_ready_at, "WIB") == period
    if not in_window:
        assert c.data["proposal_window"]["proposal_date"] == "2026-12-01"


def test_proposal_window_december_waits_for_january(office, staff):
    add_dtsen(office, nik(1))
    c = _open(office, staff, urgent=True, now=at(2026, 12, 14, 9))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 12, 14, 9, 5))
    c = advance(office, actor=staff.manager, case_id=c.id, version=c.version, now=at(2026, 12, 14, 9, 10))
    assert c.batch_ready_at.astimezone(UTC).date().isoformat() == "2027-01-01"


def test_steps_are_refused_to_other_roles(office, staff):
    add_dtsen(office, nik(1))
    c = _open(office, staff)
    with pytest.raises(PermissionDenied):
        advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    with pytest.raises(PermissionDenied):
        cases.open_case(office, actor=staff.kepala_dinas, service_code="pbi-baru", nik=nik(2), name="X")
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    with pytest.raises(PermissionDenied):  # the administrator holds no step role
        advance(office, actor=staff.administrator, case_id=c.id, version=c.version)


def test_one_open_case_per_person_per_service(office, staff):
    c = _open(office, staff)
    with pytest.raises(ValidationError, match=c.reg_number):
        _open(office, staff)
    cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version, reason="Pemohon membatalkan")
    again = _open(office, staff)
    assert again.reg_number == "PBI-2026-00002"


def test_receipt(office, staff):
    c = _open(office, staff, received=["ktp", "kk"], now=at(2026, 11, 3, 15, 50))
    r = cases.receipt(office, actor=staff.front_office, case_id=c.id)
    assert r.reg_number == c.reg_number and r.received == ("Fotokopi KTP", "Fotokopi Kartu Keluarga")
    assert r.missing == ("SKTM dari kelurahan, diketahui camat",) and r.expected_completion is None
    assert r.nik_masked != c.nik and "27 Tahun 2022" in r.privacy_notice and r.fee == "Tidak dipungut biaya"
    c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code="sktm",
                            received=True, now=at(2026, 11, 3, 15, 50))
    r = cases.receipt(office, actor=staff.front_office, case_id=c.id)
    # 10 minutes left today (office closes 16:00), 35 minutes on Wednesday from 08:00
    assert r.expected_completion == datetime(2026, 11, 4, 8, 35, tzinfo=r.expected_completion.tzinfo)
    assert r.sla.startswith("45 menit")


def test_office_settings_change_desil_range_and_sla(office, admin, staff):
    from dataclasses import replace

    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.services import settings

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION,
                  value=replace(cfg, desil_max=6, sla={"pbi-baru": {"unit": "minutes", "value": 30}}))
    add_dtsen(office, nik(1), desil=6)
    c = _open(office, staff, now=at(2026, 11, 3, 9))
    assert c.due_at == at(2026, 11, 3, 9, 30)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "back_office_kesehatan"
