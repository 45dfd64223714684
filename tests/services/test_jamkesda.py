"""SOP jamkesda (Kota Singkawang): formulir → wawancara → entri → survei → penilaian → peringkatan dalam
kuota → pemberitahuan → usulan ke BPJS → umpan balik → permohonan SK Walikota → arsip."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.errors import PermissionDenied, ValidationError
from app.rules import scoring
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import cases, jamkesda, settings
from tests.services.helpers import add_dtsen, advance, at, kk, nik

pytestmark = pytest.mark.clock

ALL = ["kk_ktp_suami_istri", "sktm", "daftar_isian", "surat_pernyataan", "rekening_listrik",
       "ktp_kk_pemilik_listrik"]
CODES_262 = [i.code for i in scoring.INDICATOR_SETS["kepmensos_262_2022"].indicators]


def answers(n_met: int) -> dict[str, bool]:
    return {c: i < n_met for i, c in enumerate(CODES_262)}


def set_rules(office, admin, **kw):
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, **kw))


def to_ranking(office, staff, i, *, met=7, dependants=0, desil=None, now=None):
    """Intake to the ranking step; returns the case."""
    now = now or at(2026, 3, 2, 9)
    if desil is not None:
        add_dtsen(office, nik(i), desil=desil)
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(i), name=f"Warga {i}",
                        no_kk=kk(i), now=now)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=now)  # form out
    for code in ALL:
        c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code=code,
                                received=True, now=now)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=now,
                      data={"electricity_va": 900, "dependants": dependants})
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version, now=now)
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now,
                      data={"indicators": answers(met)})
    return c


def test_full_sop_to_sk_request_and_batch(office, admin, staff, officials):
    set_rules(office, admin, jamkesda_quota=10)
    c = to_ranking(office, staff, 1, met=7, desil=1)
    assert c.current_step == "peringkatan" and c.data["score"] == "7" and c.data["quota_period"] == "2026"
    with pytest.raises(ValidationError, match="peringkatan"):
        advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026", now=at(2026, 3, 10))
    assert [(e.reg_number, e.rank, e.decision) for e in res.entries] == [(c.reg_number, 1, "layak")]
    c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert c.current_step == "pemberitahuan"
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 3, 10, 10))
    c = advance(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version, now=at(2026, 3, 11))
    assert c.current_step == "umpan_balik_bpjs" and c.batch_ready_at == at(2026, 3, 10, 10)  # reached usulan_bpjs
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version,
                      data={"bpjs_feedback": {"status": "diterima", "reference": "BA-1/KC-SKW/2026"}})
    assert c.current_step == "permohonan_sk"
    sk = jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period="2026")  # collective, once a period
    assert sk.reg_numbers == (c.reg_number,)
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.status == "selesai" and c.outcome == "layak"
    docs = [d["key"] for d in c.data["documents"]]
    # the usulan is collective (monthly batch); the SK request is the period's one letter, recorded on the case
    assert docs == ["tanda_terima", "pemberitahuan_jamkesda", "permohonan_sk_walikota"]
    # SLA: 3 months from complete documents (2 March → 2 June 2026, a Tuesday)
    assert c.due_at.astimezone(UTC).date() == datetime(2026, 6, 2).date()


def test_electricity_above_limit_is_refused(office, staff):
    now = at(2026, 3, 2, 9)
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A",
                        received=ALL, now=now)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=now)
    with pytest.raises(ValidationError, match="1300 VA melebihi batas 900 VA"):
        advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"electricity_va": 1300})


def test_low_score_is_tidak_layak_with_score_sheet(office, staff):
    c = to_ranking(office, staff, 1, met=4)
    assert c.status == "ditolak" and c.outcome == "tidak_layak"
    assert "Skor 4 di bawah batas 5" in c.outcome_reason
    assert "pemberitahuan_jamkesda" in [d["key"] for d in c.documents_due]
    sheet = jamkesda.score_sheet(office, actor=staff.back_office, case_id=c.id)
    assert sheet.total == 4 and not sheet.eligible
    assert [ln.points for ln in sheet.lines] == [1, 1, 1, 1, 0, 0, 0, 0, 0]
    assert sheet.explain()[-1].startswith("Jumlah 4 dari 9")


def test_quota_waitlist_and_moving_up(office, admin, staff):
    set_rules(office, admin, jamkesda_quota=2)
    a = to_ranking(office, staff, 1, met=6)
    b = to_ranking(office, staff, 2, met=9)
    c = to_ranking(office, staff, 3, met=7)
    d = to_ranking(office, staff, 4, met=5)
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026")
    assert [(e.reg_number, e.decision) for e in res.entries] == [
        (b.reg_number, "layak"), (c.reg_number, "layak"), (a.reg_number, "daftar_tunggu"),
        (d.reg_number, "daftar_tunggu")]
    a_now = cases.get_case(office, actor=staff.front_office, case_id=a.id)
    assert a_now.current_step == "peringkatan" and a_now.data["decision"] == "daftar_tunggu"
    assert "pemberitahuan_jamkesda" in [x["key"] for x in a_now.documents_due]
    # ranking again changes nothing: the quota is full
    again = jamkesda.rank_period(office, actor=staff.back_office, period="2026")
    assert again.occupied_before == 2 and [e.decision for e in again.entries] == ["daftar_tunggu"] * 2
    # a participant dies: the first on the waiting list moves up
    res = jamkesda.release_participant(office, actor=staff.back_office, case_id=b.id, reason_code="meninggal")
    assert [(e.reg_number, e.decision) for e in res.entries] == [(a.reg_number, "layak"),
                                                                 (d.reg_number, "daftar_tunggu")]
    assert cases.get_case(office, actor=staff.front_office, case_id=a.id).current_step == "pemberitahuan"
    assert cases.get_case(office, actor=staff.front_office, case_id=b.id).outcome == "keluar"


def test_uhc_priority_has_no_waiting_list(office, admin, staff):
    set_rules(office, admin, jamkesda_quota=1, uhc_priority=True)
    to_ranking(office, staff, 1)
    to_ranking(office, staff, 2)
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026")
    assert [e.decision for e in res.entries] == ["layak", "layak"] and res.quota is None


def test_ties_broken_by_desil_then_dependants_then_date(office, admin, staff):
    set_rules(office, admin, jamkesda_quota=10)
    late = to_ranking(office, staff, 1, met=6, desil=2, dependants=3, now=at(2026, 3, 5))
    early = to_ranking(office, staff, 2, met=6, desil=2, dependants=3, now=at(2026, 3, 4))
    more_dep = to_ranking(office, staff, 3, met=6, desil=2, dependants=5, now=at(2026, 3, 6))
    poorer = to_ranking(office, staff, 4, met=6, desil=1, dependants=0, now=at(2026, 3, 7))
    no_desil = to_ranking(office, staff, 5, met=6, dependants=9, now=at(2026, 3, 1))
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026")
    assert [e.reg_number for e in res.entries] == [poorer.reg_number, more_dep.reg_number, early.reg_number,
                                                   late.reg_number, no_desil.reg_number]


def test_ranking_needs_its_roles(office, staff):
    with pytest.raises(PermissionDenied):
        jamkesda.rank_period(office, actor=staff.front_office, period="2026")
    with pytest.raises(PermissionDenied):
        jamkesda.release_participant(office, actor=staff.verifier, case_id=1, reason_code="meninggal")


def test_146_set_with_custom_weights_and_cutoff(office, admin, staff):
    set_rules(office, admin, indicator_set="kepmensos_146_2013", indicator_weights={"penerangan": 3},
              indicator_cutoff=4)
    codes = [i.code for i in scoring.INDICATOR_SETS["kepmensos_146_2013"].indicators]
    assert len(codes) == 11
    now = at(2026, 3, 2, 9)
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A",
                        received=ALL, now=now)
    for actor in (staff.front_office, staff.front_office, staff.back_office, staff.verifier):
        c = advance(office, actor=actor, case_id=c.id, version=c.version,
                          data={"electricity_va": 450, "dependants": 0})
    with pytest.raises(ValidationError, match="belum lengkap"):
        advance(office, actor=staff.back_office, case_id=c.id, version=c.version,
                      data={"indicators": {"penerangan": True}})
    ans = {code: code in ("penerangan", "air_minum") for code in codes}
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, data={"indicators": ans})
    assert c.data["score"] == "4" and c.current_step == "peringkatan"
