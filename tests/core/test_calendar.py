"""The one work calendar: weekends, public holidays and cuti bersama (joint leave, the `holidays` package's
government category for Indonesia) are not working days; the office may count joint leave as working days
and add its own non-working days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import holidays
import pytest

from app.rules import sla
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import cases, settings
from tests.clock import WIB
from tests.services.helpers import at, kk, nik

pytestmark = pytest.mark.clock

IDUL_FITRI_2027 = {date(2027, 3, 9): "cuti", date(2027, 3, 10): "libur", date(2027, 3, 11): "libur",
                   date(2027, 3, 12): "cuti", date(2027, 3, 15): "cuti"}


def test_the_installed_holidays_package_lists_cuti_bersama_as_government_days():
    gov = holidays.country_holidays("ID", years=2027, categories=("government",))
    public = holidays.country_holidays("ID", years=2027)
    for day, kind in IDUL_FITRI_2027.items():
        assert (day in gov) == (kind == "cuti") and (day in public) == (kind == "libur"), day


def test_joint_leave_is_a_non_working_day_by_default_and_can_be_switched_off():
    default = sla.WorkCalendar.from_settings(RuleSettings())
    for day in IDUL_FITRI_2027:
        assert not default.is_working_day(day), day
    assert "Cuti Bersama" in default.holiday_name(date(2027, 3, 12))
    assert default.is_working_day(date(2027, 3, 16))
    off = sla.WorkCalendar.from_settings(RuleSettings(joint_leave_non_working=False))
    assert [d for d in IDUL_FITRI_2027 if off.is_working_day(d)] == [date(2027, 3, 9), date(2027, 3, 12),
                                                                     date(2027, 3, 15)]
    own = sla.WorkCalendar.from_settings(RuleSettings(extra_holidays=["2027-01-07"]))
    assert not own.is_working_day(date(2027, 1, 7)) and own.holiday_name(date(2027, 1, 7)) == "Hari libur kantor"
    # 1 working day from Monday 8 March 15:00: the 9th to the 15th are holidays, joint leave or weekend
    start = datetime(2027, 3, 8, 15, 0, tzinfo=WIB)
    assert sla.due_at(start, unit="working_days", value=1, calendar=default) == datetime(2027, 3, 16, 15, 0,
                                                                                         tzinfo=WIB)
    assert sla.due_at(start, unit="working_days", value=1, calendar=off) == datetime(2027, 3, 9, 15, 0, tzinfo=WIB)


def test_case_deadlines_use_the_offices_calendar(office, admin, staff):
    received = ["kk", "ktp", "kis", "surat_pernyataan"]
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="A",
                        no_kk=kk(1), received=received, data={"reason_code": "mampu"}, now=at(2027, 3, 8, 15))
    assert c.due_at == at(2027, 3, 16, 15)
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION,
                  value=replace(cfg, joint_leave_non_working=False, extra_holidays=["2027-03-09"]))
    d = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(2), name="B",
                        no_kk=kk(2), received=received, data={"reason_code": "mampu"}, now=at(2027, 3, 8, 15))
    assert d.due_at == at(2027, 3, 12, 15)  # the 9th is the office's own day off, the 10th and 11th holidays


@pytest.fixture
def staff(office, admin):
    from tests.services.helpers import Staff

    return Staff(office, admin)
