"""SOP penonaktifan (Kab. Cirebon): berkas lengkap → surat hari itu juga; tidak lengkap → ditolak dengan
daftar kekurangan. Alasan berkode; rekap kolektif bulanan; paraf Kasi → Kabid → Sekretaris; Kepala Dinas."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services import cases
from tests.services.helpers import advance, at, kk, nik

pytestmark = pytest.mark.clock

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]


def _open(office, staff, received=ALL, now=None, name="Peserta Mampu"):
    return cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1),
                           name=name, no_kk=kk(1), received=received, now=now or at(2026, 11, 6, 10))


def test_complete_file_issued_same_day_and_collected_for_the_month(office, staff):
    c = _open(office, staff)
    with pytest.raises(ValidationError, match="Alasan penonaktifan"):
        advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": "mampu"}, now=at(2026, 11, 6, 10, 5))
    assert c.data["alasan"].startswith("Mampu")
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 6, 10, 30))
    assert "rekomendasi_penonaktifan" in [d["key"] for d in c.data["documents"] if d["status"] == "issued"]
    assert c.current_step == "rekap_bulanan" and c.batch_ready_at == at(2026, 11, 6, 10, 30)
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    for actor in (staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=actor, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.status == "selesai"
    r = cases.receipt(office, actor=staff.front_office, case_id=c.id)
    assert "sekitar 1 bulan" in r.notice


def test_incomplete_file_refused_with_what_is_missing(office, staff):
    c = _open(office, staff, received=["kk", "ktp"])
    with pytest.raises(ValidationError) as err:
        advance(office, actor=staff.front_office, case_id=c.id, version=c.version, data={"reason_code": "ganda"})
    assert "surat tidak dapat diterbitkan" in str(err.value) and "Kartu KIS PBI-APBD" in str(err.value)
    c = cases.refuse_incomplete(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.status == "ditolak" and c.outcome == "berkas_tidak_lengkap"
    assert c.outcome_reason == ("Berkas tidak lengkap. Yang belum ada: Kartu KIS PBI-APBD; "
                                "Surat pernyataan penonaktifan.")


@pytest.mark.parametrize("code", ["meninggal", "pindah_domisili", "mampu", "ganda", "data_tidak_valid"])
def test_reason_codes(office, staff, code):
    c = _open(office, staff)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, data={"reason_code": code})
    assert c.current_step == "penerbitan_surat"


def test_sla_one_working_day_skips_weekend_and_holiday(office, staff):
    # Friday 14 August 2026 10:00 → Monday 17 August is Independence Day → due Tuesday 18 August 10:00
    c = _open(office, staff, now=at(2026, 8, 14, 10))
    assert c.due_at == at(2026, 8, 18, 10)
    assert cases.overdue(office, actor=staff.manager, now=at(2026, 8, 17, 16)) == []
    assert len(cases.overdue(office, actor=staff.manager, now=at(2026, 8, 18, 10, 1))) == 1


def test_month_batch_collects_the_case(office, staff):
    from app.services import batches

    c = _open(office, staff, now=at(2026, 11, 6, 10))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"reason_code": "meninggal"}, now=at(2026, 11, 6, 10, 5))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 6, 10, 30))
    waiting = batches.waiting_cases(office, actor=staff.supervisor, service_code="penonaktifan")
    assert [(w["reg_number"], w["period"]) for w in waiting] == [(c.reg_number, "2026-11")]
    res = batches.close_batch(office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11",
                              with_letters=False)
    assert res.created and res.batch.record_count == 1
    c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert c.batch_id is not None
    # a case already sent cannot be returned to before the batch step
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="kolektif"):
        cases.return_for_revision(office, actor=staff.kasi_linjamsos, case_id=c.id, version=c.version,
                                  to_step="penerbitan_surat", reason="salah alasan")


def test_deactivating_a_jamkesda_participant_moves_the_waitlist_up(office, admin, staff):
    from app.services import jamkesda
    from tests.services.test_jamkesda import set_rules, to_ranking

    set_rules(office, admin, jamkesda_quota=1)
    member = to_ranking(office, staff, 1, met=9)
    waiting = to_ranking(office, staff, 2, met=6)
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026")
    assert [e.decision for e in res.entries] == ["layak", "daftar_tunggu"]
    c = _open(office, staff, name="Warga 1")  # same person (nik(1)) asks to deactivate the KIS PBI-APBD
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, data={"reason_code": "mampu"})
    for actor in (staff.back_office, staff.back_office):
        c = advance(office, actor=actor, case_id=c.id, version=c.version)
    for actor in (staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=actor, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version)
    assert cases.get_case(office, actor=staff.front_office, case_id=waiting.id).current_step == "peringkatan"
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.status == "selesai" and c.data["quota_promoted"] == [waiting.reg_number]
    assert cases.get_case(office, actor=staff.front_office, case_id=member.id).data["left"]["reason_code"] == "mampu"
    assert cases.get_case(office, actor=staff.front_office, case_id=waiting.id).current_step == "pemberitahuan"
