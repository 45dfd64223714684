"""Supervisor's dashboard: month figures per service and status, step compliance bars, overdue list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.services import cases
from tests.ui.casedata import new_runner, nik

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]

pytestmark = pytest.mark.clock


def test_dashboard(qtbot, office, staff, pinned):
    """On a Wednesday at 10:00 WIB: a case opened on Monday at 08:00 is late, one opened 20 minutes ago is
    not (the SLA counts office minutes on working days, so the day of the run must not matter)."""
    from ui.session import UiSession
    from ui.views.dashboard_view import DashboardView

    now = pinned
    fo = staff.front_office
    late = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(1), name="Terlambat",
                           received=ALL, data={"reason_code": "mampu"}, now=now - timedelta(hours=50))
    cases.advance(office, actor=fo, case_id=late.id, version=late.version, now=now - timedelta(hours=49))
    quick = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(2), name="Cepat",
                            received=ALL, data={"reason_code": "ganda"}, now=now - timedelta(minutes=20))
    cases.advance(office, actor=fo, case_id=quick.id, version=quick.version, now=now - timedelta(minutes=15))
    cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(3), name="Baru", now=now)
    opened = []
    runner = new_runner()
    v = DashboardView(UiSession(office, staff.supervisor, runner), on_open_case=opened.append)
    qtbot.addWidget(v)
    v.resize(1100, 700)
    v.show()
    qtbot.waitUntil(lambda: v.data is not None, timeout=20_000)
    d = v.data
    assert d.figures.total >= 1  # the month figures themselves are tested in tests/core/test_case_queries.py
    bar = [b for b in d.bars if "Penerimaan" in b.label][0]
    assert bar.count == 2 and bar.within == 1 and bar.share == 0.5
    assert [r.id for r in v.model.rows] == [late.id]
    total_row = v.figures.rowCount() - 1
    assert v.figures.item(total_row, 0).text() == "Jumlah"
    v.overdue.doubleClicked.emit(v.model.index(0, 1))
    assert opened == [late.id]
    assert not v.bars.grab().isNull()
    v.prev_button.click()
    qtbot.waitUntil(lambda: v.data is not d, timeout=20_000)
