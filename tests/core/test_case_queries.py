"""The window's read-side queries: count, search, month figures, the tanda terima as a letter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.errors import ValidationError
from app.services import case_queries, cases
from tests.services.helpers import advance
from tests.ui.casedata import Staff, at, kk, nik

pytestmark = pytest.mark.clock


@pytest.fixture
def staff(office, admin):
    return Staff(office, admin)


def test_count_and_search(office, staff):
    a = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Siti Aminah",
                        no_kk=kk(1), now=at(2026, 11, 3, 9))
    cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(2), name="Budi Santoso",
                    now=at(2026, 11, 3, 10))
    assert case_queries.count_cases(office, actor=staff.front_office) == 2
    f = case_queries.CaseFilter(open_only=True, counter=a.counter)
    assert case_queries.count_cases(office, actor=staff.front_office, filters=f) == 2
    assert case_queries.count_cases(office, actor=staff.front_office, service_code="pbi-baru") == 1
    assert [r.name for r in case_queries.search_cases(office, actor=staff.front_office, text="aminah")] == \
        ["Siti Aminah"]
    assert [r.id for r in case_queries.search_cases(office, actor=staff.front_office, text=nik(1))] == [a.id]
    assert [r.id for r in case_queries.search_cases(office, actor=staff.front_office, text=nik(1)[-4:])] == [a.id]
    found = case_queries.search_cases(office, actor=staff.front_office, text=a.reg_number.lower())
    assert [r.id for r in found] == [a.id] and "*" in found[0].nik_masked
    with pytest.raises(ValidationError, match="sedikitnya"):
        case_queries.search_cases(office, actor=staff.front_office, text="ab")


def test_month_figures(office, staff):
    cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                    now=at(2026, 11, 3, 9))
    cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(2), name="B",
                    now=at(2026, 10, 3, 9))
    fig = case_queries.month_figures(office, actor=staff.supervisor, start=datetime(2026, 11, 1, tzinfo=UTC),
                                     end=datetime(2026, 12, 1, tzinfo=UTC))
    assert fig.total == 1 and fig.by_service_status == {"pbi-baru": {"draft": 1}}


def test_waiting_for_follows_roles_and_paraf_turn(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="A",
                        received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(2), name="Belum Lengkap")
    assert [r.id for r in case_queries.waiting_for(office, actor=staff.front_office)] == [c.id]
    assert case_queries.waiting_for(office, actor=staff.back_office) == []
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert [r.id for r in case_queries.waiting_for(office, actor=staff.kasi_linjamsos)] == [c.id]
    assert case_queries.waiting_for(office, actor=staff.sekretaris) == []


def test_user_names(office, staff):
    fo = staff.front_office
    assert case_queries.user_names(office, actor=fo, user_ids=[fo.id, None]) == {fo.id: fo.full_name}


def test_page_cases_sorted_and_paged(office, staff):
    for i, name in enumerate(["Citra", "Ani", "Budi", "Dewi", "Eka"], 1):
        cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(i), name=name,
                        now=at(2026, 11, i, 9))
    by_name = case_queries.page_cases(office, actor=staff.front_office, sort="name", descending=False, limit=2)
    assert [r.name for r in by_name] == ["Ani", "Budi"]
    rest = case_queries.page_cases(office, actor=staff.front_office, sort="name", descending=False, limit=2, offset=2)
    assert [r.name for r in rest] == ["Citra", "Dewi"]
    f = case_queries.CaseFilter(opened_from=at(2026, 11, 2, 0), opened_to=at(2026, 11, 4, 0))
    assert [r.name for r in case_queries.page_cases(office, actor=staff.front_office, filters=f)] == ["Budi", "Ani"]
    assert case_queries.count_cases(office, actor=staff.front_office, filters=f) == 2
    assert case_queries.counters(office, actor=staff.front_office) == [office.config.counter]
    with pytest.raises(ValidationError):
        case_queries.page_cases(office, actor=staff.front_office, sort="nik")


def _to_ranking(office, staff, i, met):
    from app.rules.scoring import INDICATOR_SETS

    codes = [ind.code for ind in INDICATOR_SETS["kepmensos_262_2022"].indicators]
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(i), name=f"Warga {i}",
                        now=at(2026, 3, 2, 9))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    for code in [r.code for r in c.checklist]:
        c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code=code,
                                received=True)
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"electricity_va": 900, "dependants": 2})
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    c = advance(office, actor=staff.verifier, case_id=c.id, version=c.version)
    return advance(office, actor=staff.back_office, case_id=c.id, version=c.version,
                         data={"indicators": {code: n < met for n, code in enumerate(codes)}})


def test_jamkesda_standing(office, admin, staff):
    from dataclasses import replace

    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.services import jamkesda, settings

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, jamkesda_quota=1))
    a = _to_ranking(office, staff, 1, met=6)
    b = _to_ranking(office, staff, 2, met=8)
    period = a.data["quota_period"]
    before = case_queries.jamkesda_standing(office, actor=staff.back_office, period=period)
    assert [(r.case_id, r.decision) for r in before] == [(b.id, ""), (a.id, "")]
    jamkesda.rank_period(office, actor=staff.back_office, period=period)
    after = case_queries.jamkesda_standing(office, actor=staff.back_office, period=period)
    assert [(r.case_id, r.decision, r.rank) for r in after] == [(b.id, "layak", 1), (a.id, "daftar_tunggu", 2)]
