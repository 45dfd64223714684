"""The one date/time helper: every time shown or printed is office time (WIB/WITA/WIT), never the machine's
zone or UTC; Indonesian month names come from it alone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app import timeutil
from app.documents import dates

pytestmark = pytest.mark.clock

NEW_YEAR = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)  # 1 January 2027, 00.30 WIB; 01.30 WITA; 02.30 WIT


def test_office_time_in_each_zone():
    assert timeutil.tanggal_angka(NEW_YEAR) == "01-01-2027"
    assert timeutil.tanggal_jam(NEW_YEAR, "WIB") == "01-01-2027 00.30 WIB"
    assert timeutil.tanggal_jam(NEW_YEAR, "WITA") == "01-01-2027 01.30 WITA"
    assert timeutil.tanggal_jam(NEW_YEAR, "WIT", with_zone=False) == "01-01-2027 02.30"
    assert timeutil.jam(NEW_YEAR, "Asia/Makassar") == "01.30"
    assert timeutil.tanggal(NEW_YEAR, "WIB") == "1 Januari 2027"
    assert timeutil.tanggal_angka(date(2026, 3, 5)) == "05-03-2026" == dates.tanggal_angka(date(2026, 3, 5))
    assert timeutil.tanggal_jam(None) == "" and timeutil.tanggal_angka(None) == ""
    with pytest.raises(ValueError, match="naive"):
        timeutil.tanggal_jam(datetime(2026, 12, 31, 23, 30))


def test_month_names_and_stored_text():
    assert [timeutil.nama_bulan(m) for m in (1, 3, 8, 12)] == ["Januari", "Maret", "Agustus", "Desember"]
    assert timeutil.nama_periode(2026, 11) == "November 2026"
    assert timeutil.stored_text("2026-11-03T14:05", "WIB") == "03-11-2026 14.05 WIB"  # typed: office time
    assert timeutil.stored_text("2026-11-03T07:05+00:00", "WITA") == "03-11-2026 15.05 WITA"
    assert timeutil.stored_text("2026-11-03") == "03-11-2026" and timeutil.stored_text("kemarin") == "kemarin"


def test_office_today_is_the_offices_day_not_the_machines(pinned):
    from tests.clock import pin_clock

    with pin_clock(NEW_YEAR):
        assert timeutil.office_today("WIB") == date(2027, 1, 1)
        assert datetime.now(UTC).date() == date(2026, 12, 31)
