"""The precise rules of README's rules section, one test each: exact decimal scores (a score at the cut-off
is eligible), a strict ranking by the published keys, the reactivation limit measured at the application,
stray template braces refused before a number is spent, number patterns checked by what they print, pasted
identifiers cleaned of invisible characters."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from docx import Document
from sqlmodel import select

from app.db.models import BatchItem, Case, Counter, Letter
from app.documents import numbering
from app.errors import ValidationError
from app.rules import identifiers, scoring
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import batches, case_letters, cases, jamkesda, letters, settings
from tests.services.helpers import add_dtsen, at, kk, nik
from tests.services.test_jamkesda import CODES_262, to_ranking

pytestmark = pytest.mark.clock


# ------------------------------------------------------------------ exact decimals
def test_scores_are_exact_decimals_and_the_cutoff_itself_is_eligible():
    weights = {c: "0" for c in CODES_262} | {CODES_262[0]: "0.7", CODES_262[1]: 0.1}  # text and a float
    met = {c: i < 2 for i, c in enumerate(CODES_262)}
    sheet = scoring.score(met, weights=weights, cutoff="0,8")
    assert 0.7 + 0.1 < 0.8  # what binary floats would have decided
    assert sheet.total == Decimal("0.8") and isinstance(sheet.total, Decimal) and sheet.eligible
    assert not scoring.score(met, weights=weights, cutoff="0.81").eligible
    stored = sheet.as_dict()
    assert stored["total"] == "0.8" and stored["cutoff"] == "0.8" and stored["lines"][1]["weight"] == "0.1"
    assert scoring.ScoreSheet.from_dict(stored) == sheet
    assert [scoring.format_score(v) for v in ("7", "7.50", Decimal("78.25"), 0.1, "1E+2")] == [
        "7", "7,5", "78,25", "0,1", "100"]
    with pytest.raises(ValidationError, match="bukan angka"):
        scoring.as_score("tujuh")


def test_decimal_scores_end_to_end_stored_ranked_lettered_and_batched(office, admin, staff, tmp_path):
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    weights = {c: "0.1" for c in CODES_262}  # nine indicators of 0,1
    settings.save(office, actor=admin, section=RULES_SECTION,
                  value=replace(cfg, indicator_weights=weights, indicator_cutoff=Decimal("0.3"), jamkesda_quota=5))
    stored = settings.load(office, RULES_SECTION, RuleSettings)
    assert stored.indicator_cutoff == Decimal("0.3") and stored.indicator_weights[CODES_262[0]] == Decimal("0.1")
    at_cutoff = to_ranking(office, staff, 1, met=3)  # 0,1 + 0,1 + 0,1 = 0,3: exactly the cut-off
    above = to_ranking(office, staff, 2, met=7)
    assert at_cutoff.current_step == "peringkatan" and at_cutoff.data["score"] == "0.3"
    assert above.data["score"] == "0.7" and above.data["score_sheet"]["total"] == "0.7"
    res = jamkesda.rank_period(office, actor=staff.back_office, period="2026", now=at(2026, 3, 10))
    assert [(e.reg_number, e.rank, e.score) for e in res.entries] == [
        (above.reg_number, 1, Decimal("0.7")), (at_cutoff.reg_number, 2, Decimal("0.3"))]
    sheet = jamkesda.score_sheet(office, actor=staff.back_office, case_id=at_cutoff.id)
    assert sheet.total == Decimal("0.3") and sheet.eligible
    with office.db.read() as s:  # the letter: the same exact text, Indonesian comma
        data = case_letters.letter_data(s, office, s.get(Case, at_cutoff.id), "pemberitahuan_jamkesda")
    assert data["keputusan"]["skor"] == "0,3"
    with office.db.write() as s:  # both reach the batch step
        for cid in (at_cutoff.id, above.id):
            c = s.get(Case, cid)
            c.batch_ready_at = datetime(2026, 3, 12, 3, tzinfo=UTC)
            s.add(c)
    from tests.batches.conftest import _officials

    _officials(office, admin)
    closed = batches.close_batch(office, actor=staff.supervisor, service_code="jamkesda", period="2026-03",
                                 with_letters=False)
    with office.db.read() as s:
        rows = {i.case_id: i.row for i in s.exec(select(BatchItem).where(BatchItem.batch_id == closed.batch.id))}
    assert (rows[at_cutoff.id]["skor"], rows[at_cutoff.id]["peringkat"]) == ("0,3", "2")
    assert rows[above.id]["skor"] == "0,7"


# ------------------------------------------------------------------ strict ranking
def test_ranking_is_strict_by_the_published_keys_alone():
    moment = datetime(2026, 1, 5, 2, tzinfo=UTC)
    same = [scoring.Candidate(k, Decimal("5"), 2, 1, moment) for k in ("JKD-3", "JKD-1", "JKD-2")]
    ranked = scoring.rank(same, free_slots=None)
    assert [(r.rank, r.candidate.key) for r in ranked] == [(1, "JKD-1"), (2, "JKD-2"), (3, "JKD-3")]
    assert scoring.TIE_BREAKERS[-1] == "nomor registrasi terkecil" and len(scoring.TIE_BREAKERS) == 5
    keyed = [scoring.Candidate("A", "5.0", None, 9, moment), scoring.Candidate("B", 5, 3, 0, moment),
             scoring.Candidate("C", "5.00", 3, 2, moment), scoring.Candidate("D", "5.01", 9, 0, moment)]
    assert [r.candidate.key for r in scoring.rank(keyed, free_slots=2)] == ["D", "C", "B", "A"]
    with pytest.raises(ValidationError, match="ganda"):
        scoring.rank([same[0], same[0]], free_slots=None)


# ------------------------------------------------------------------ reactivation limit
def test_reactivation_limit_is_measured_at_the_application_not_at_the_check(office, staff):
    add_dtsen(office, nik(1), desil=4)
    applied = at(2026, 11, 2, 9)  # deactivated 3 May: 6 months end on 3 November, applied the day before
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1),
                        name="Peserta Nonaktif", no_kk=kk(1),
                        received=["kartu_jkn", "kk", "identitas", "status_bpjs", "surat_faskes"], now=applied)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=applied,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-05-03"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=applied)
    later = at(2026, 12, 1, 9)  # the officer checks four weeks later: still within, by the application
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=later)
    assert c.current_step == "formulir"
    from app.rules.context import RuleContext
    from app.rules.eligibility import batas_reaktivasi

    ctx = RuleContext("reaktivasi-sk", {"deactivated_on": "2026-05-03", "reported_on": "2026-11-04"},
                      RuleSettings(), today=datetime(2026, 11, 1).date(), applied_on=datetime(2026, 11, 1).date())
    refused = batas_reaktivasi(ctx)  # a recorded report date wins over the opening day
    assert not refused.ok and "lapor ke Dinas 04-11-2026" in refused.message


# ------------------------------------------------------------------ template braces
@pytest.mark.parametrize("broken", ["{{ pemohon.nama }", "{ pemohon.nama }}", "{% if kasus.darurat %",
                                    "Yth. {pemohon.nama}"])
def test_stray_or_half_open_braces_are_refused_before_a_number_is_spent(letter_office, broken):
    office, actor = letter_office
    shipped = letters.resolve_template(office, "rujukan_dtsen")[0]
    own = office.dirs.templates / "rujukan_dtsen.docx"
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(shipped, own)
    doc = Document(str(own))
    doc.add_paragraph(f"Catatan: {broken} selesai.")
    doc.save(str(own))
    from app.documents.examples import example_data

    with pytest.raises(ValidationError, match="tanda kurung isian") as refused:
        letters.issue_letter(office, actor=actor, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    assert broken.split()[0] in str(refused.value) and "Belum ada nomor yang dipakai" in str(refused.value)
    with office.db.read() as s:
        assert s.exec(select(Letter)).all() == [] and s.exec(select(Counter)).all() == []


@pytest.fixture
def letter_office(office, admin):
    from app.documents import examples
    from app.services import office as office_svc

    office_svc.save_profile(office, actor=admin, values=examples.PROFILE)
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)
    return office, admin


# ------------------------------------------------------------------ number patterns
def test_number_patterns_are_checked_by_the_numbers_they_print_when_saved(office, admin):
    cfg = letters.load_settings(office)
    padded = replace(cfg, patterns={**cfg.patterns, "rekomendasi_pbi": "TT/{urut:03}/{unit}/{tahun}"},
                     series={**cfg.series, "rekomendasi_pbi": "pbi"})
    with pytest.raises(ValidationError, match="nomor yang sama") as refused:
        settings.save(office, actor=admin, section=letters.SECTION, value=padded)
    # 'TT/100/…' is printed by both: the pattern texts differ, the numbers do not
    assert "TT/100/{unit}/{tahun}" in str(refused.value)
    assert letters.load_settings(office) == cfg  # nothing stored
    with pytest.raises(ValidationError, match="'rujukan_dtsen'"):
        numbering.LetterSettings(patterns={"tanda_terima": "TT/{urut}/{unit}/{tahun}",
                                           "rekomendasi_pbi": "{urut}/{tahun}",
                                           "rujukan_dtsen": "1{urut}/{tahun}"}).check_before_save()
    apart = numbering.LetterSettings(patterns={"tanda_terima": "TT/{urut}/{unit}/{tahun}",
                                               "rekomendasi_pbi": "REK/{urut}/{tahun}"},
                                     series={"tanda_terima": "tanda_terima", "rekomendasi_pbi": "rek"})
    apart.check_before_save()
    assert apart.pattern_for("rekomendasi_pbi") == "REK/{urut}/{tahun}"  # a distinct prefix: accepted


# ------------------------------------------------------------------ pasted identifiers
def test_pasted_identifiers_lose_invisible_characters_or_the_message_names_them():
    assert identifiers.validate_nik("\ufeff1971\u200b0145\u00a001850003\u202f") == "1971014501850003"
    assert identifiers.validate_kk("1971010101100021\u200d\n") == "1971010101100021"
    assert identifiers.validate_noka("\u20600001234567890") == "0001234567890"
    assert identifiers.validate_nip("19720103\u00a0199503\u00a01\u00a0001") == "197201031995031001"
    with pytest.raises(ValidationError, match="U\\+2212 MINUS SIGN"):
        identifiers.validate_nik("1971014501850003\u2212")
    with pytest.raises(ValidationError, match="'O'"):
        identifiers.validate_nik("19710145O1850003")
