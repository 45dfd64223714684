"""Boundary tests of the pure rules: proposal window, reactivation limit, SLA calendar, ranking, IKM."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.rules import ikm, scoring, sla
from app.rules.dates import add_months
from app.rules.reactivation import reactivation_limit
from app.rules.rule_settings import RuleSettings
from app.rules.windows import proposal_window

pytestmark = pytest.mark.clock

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize(("d", "ok", "proposal"), [
    (date(2026, 11, 1), True, date(2026, 11, 1)),
    (date(2026, 11, 11), True, date(2026, 11, 11)),
    (date(2026, 11, 12), False, date(2026, 12, 1)),
    (date(2026, 12, 31), False, date(2027, 1, 1)),
])
def test_proposal_window_default(d, ok, proposal):
    w = proposal_window(d)
    assert (w.in_window, w.proposal_date) == (ok, proposal)


def test_proposal_window_custom_days_and_short_month():
    assert proposal_window(date(2026, 2, 4), start_day=5, end_day=31).proposal_date == date(2026, 2, 5)
    w = proposal_window(date(2026, 2, 28), start_day=5, end_day=31)  # 31 clamps to 28 February
    assert w.in_window
    assert not proposal_window(date(2026, 2, 4), start_day=5, end_day=10).in_window


@pytest.mark.parametrize(("d", "n", "expected"), [
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 30), 1, date(2028, 2, 29)),
    (date(2026, 3, 31), 6, date(2026, 9, 30)),
    (date(2026, 7, 15), 6, date(2027, 1, 15)),  # across the year end
])
def test_add_months_clamps_to_month_end(d, n, expected):
    assert add_months(d, n) == expected


@pytest.mark.parametrize(("off", "req", "rule", "ok"), [
    (date(2026, 1, 15), date(2026, 7, 14), "kurang_dari", True),
    (date(2026, 1, 15), date(2026, 7, 15), "kurang_dari", False),
    (date(2026, 1, 15), date(2026, 7, 15), "paling_lama", True),
    (date(2026, 1, 15), date(2026, 7, 16), "paling_lama", False),
    (date(2025, 8, 31), date(2026, 2, 27), "kurang_dari", True),   # deadline 28 Feb 2026
    (date(2025, 8, 31), date(2026, 2, 28), "kurang_dari", False),
    (date(2027, 8, 31), date(2028, 2, 28), "kurang_dari", True),   # leap: deadline 29 Feb 2028
    (date(2027, 8, 31), date(2028, 2, 29), "kurang_dari", False),
    (date(2027, 8, 31), date(2028, 2, 29), "paling_lama", True),
    (date(2026, 3, 1), date(2026, 2, 1), "kurang_dari", False),   # request before deactivation
])
def test_reactivation_limit_boundaries(off, req, rule, ok):
    assert reactivation_limit(off, req, months=6, rule=rule).allowed is ok


def test_reactivation_limit_months_setting():
    assert reactivation_limit(date(2026, 1, 10), date(2026, 3, 9), months=2).allowed
    assert not reactivation_limit(date(2026, 1, 10), date(2026, 3, 10), months=2).allowed


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=1, max_value=24))
def test_add_months_properties(d, n):
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day <= d.day


CAL = sla.WorkCalendar()


def test_working_days_skip_weekend_and_national_holidays():
    assert CAL.add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)  # Friday → Monday
    assert CAL.add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)  # 17 August
    assert CAL.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)  # Christmas, weekend
    assert not CAL.is_working_day(date(2026, 3, 21)) and CAL.is_holiday(date(2026, 1, 1))


def test_extra_holidays_cuti_bersama():
    cal = sla.WorkCalendar.from_settings(RuleSettings(extra_holidays=["2026-11-09"]))
    assert cal.add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 10)


def test_office_minutes_roll_over_evening_weekend_holiday():
    assert CAL.add_office_minutes(datetime(2026, 11, 3, 9, 0, tzinfo=WIB), 45) == datetime(2026, 11, 3, 9, 45,
                                                                                         tzinfo=WIB)
    assert CAL.add_office_minutes(datetime(2026, 11, 3, 15, 50, tzinfo=WIB), 45) == datetime(2026, 11, 4, 8, 35,
                                                                                          tzinfo=WIB)
    assert CAL.add_office_minutes(datetime(2026, 11, 6, 15, 45, tzinfo=WIB), 30) == datetime(2026, 11, 9, 8, 15,
                                                                                          tzinfo=WIB)
    assert CAL.add_office_minutes(datetime(2026, 8, 14, 18, 0, tzinfo=WIB), 30) == datetime(2026, 8, 18, 8, 30,
                                                                                         tzinfo=WIB)
    assert CAL.add_office_minutes(datetime(2026, 11, 3, 6, 0, tzinfo=WIB), 30) == datetime(2026, 11, 3, 8, 30,
                                                                                        tzinfo=WIB)


def test_sla_months_moves_to_working_day():
    start = datetime(2026, 5, 17, 9, 0, tzinfo=WIB)  # +3 months = 17 August (holiday) → 18 August
    assert sla.due_at(start, unit="months", value=3, calendar=CAL) == datetime(2026, 8, 18, 9, 0, tzinfo=WIB)


def _cand(key, score, desil, dep, day):
    return scoring.Candidate(key, score, desil, dep, datetime(2026, 1, day, tzinfo=UTC))


def test_ranking_tie_breakers_and_quota():
    cands = [_cand("A", 7, 3, 2, 5), _cand("B", 7, 2, 0, 9), _cand("C", 7, 2, 4, 9), _cand("D", 7, 2, 4, 8),
             _cand("E", 8, None, 0, 30), _cand("F", 7, None, 9, 1), _cand("G", 7, 2, 4, 8)]
    ranked = scoring.rank(cands, free_slots=3)
    assert [r.candidate.key for r in ranked] == ["E", "D", "G", "C", "B", "A", "F"]
    assert [r.decision for r in ranked] == ["layak"] * 3 + ["daftar_tunggu"] * 4
    assert scoring.rank(reversed(cands), free_slots=3) == ranked  # deterministic whatever the input order
    assert [r.decision for r in scoring.rank(cands, free_slots=0)] == ["daftar_tunggu"] * 7


def test_scoring_boundary_at_cutoff():
    codes = [i.code for i in scoring.INDICATOR_SETS["kepmensos_262_2022"].indicators]
    assert len(codes) == 9
    five = {c: i < 5 for i, c in enumerate(codes)}
    four = {c: i < 4 for i, c in enumerate(codes)}
    assert scoring.score(five).eligible and not scoring.score(four).eligible
    with pytest.raises(ValidationError, match="tidak dikenal"):
        scoring.score({**five, "mobil": True})


@pytest.mark.parametrize(("value", "grade"), [(88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"),
                                              (65.00, "C"), (64.99, "D"), (25.0, "D")])
def test_ikm_grade_boundaries(value, grade):
    assert ikm.grade(value)[0] == grade


def test_ikm_compute():
    all4 = dict.fromkeys(ikm.CODES, 4)
    all3 = dict.fromkeys(ikm.CODES, 3)
    assert ikm.compute([all4]).ikm == 100.0
    r = ikm.compute([all4, all3])
    assert r.ikm == 87.5 and r.grade == "B" and r.respondents == 2
    with pytest.raises(ValidationError):
        ikm.compute([{**all4, "biaya": 5}])
    with pytest.raises(ValidationError):
        ikm.compute([])


@pytest.mark.parametrize("kw", [
    {"proposal_window_start_day": 12, "proposal_window_end_day": 11}, {"desil_min": 6, "desil_max": 5},
    {"reactivation_rule": "kira-kira"}, {"indicator_set": "bps_14"}, {"indicator_weights": {"mobil": 2}},
    {"office_hours_start": "16:00", "office_hours_end": "08:00"}, {"extra_holidays": ["17-08-2026"]},
    {"sla": {"pbi-baru": {"unit": "jam", "value": 1}}}, {"jamkesda_quota_period": "minggu"},
])
def test_settings_refuse_nonsense(kw):
    with pytest.raises(ValidationError):
        RuleSettings(**kw)


def test_quota_period_by_year_or_month():
    assert RuleSettings().quota_period_of(date(2026, 11, 23)) == "2026"
    assert RuleSettings(jamkesda_quota_period="bulan").quota_period_of(date(2026, 1, 5)) == "2026-01"


_cands = st.lists(st.builds(
    scoring.Candidate, key=st.text(alphabet="ABCDEFGH0123456789", min_size=3, max_size=6),
    score=st.integers(min_value=0, max_value=9).map(float), desil=st.one_of(st.none(), st.integers(1, 10)),
    dependants=st.integers(0, 8), received_at=st.datetimes(min_value=datetime(2026, 1, 1),
                                                           max_value=datetime(2026, 1, 3)).map(
        lambda d: d.replace(tzinfo=UTC))), max_size=15, unique_by=lambda c: c.key)


@given(_cands, st.randoms(), st.integers(0, 20))
def test_ranking_ignores_input_order_and_fills_exactly_the_free_slots(cands, rnd, slots):
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    a, b = scoring.rank(cands, free_slots=slots), scoring.rank(shuffled, free_slots=slots)
    assert a == b
    assert sum(1 for r in a if r.decision == "layak") == min(slots, len(cands))
    scores = [r.candidate.score for r in a]
    assert scores == sorted(scores, reverse=True)


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)), st.integers(1, 2000))
def test_office_minutes_end_inside_office_hours_on_a_working_day(start, minutes):
    end = CAL.add_office_minutes(start.replace(tzinfo=WIB), minutes)
    assert CAL.is_working_day(end.date())
    assert (8, 0) <= (end.hour, end.minute) <= (16, 0)
    assert end > start.replace(tzinfo=WIB)
