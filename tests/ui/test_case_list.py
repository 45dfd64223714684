"""The case register: lazy pages over the core, filters, sorting, and no database call on the GUI thread."""

from __future__ import annotations

import threading

import pytest

from app.services import case_queries, cases
from tests.ui.casedata import at, new_runner, nik, settle

pytestmark = pytest.mark.clock


@pytest.fixture
def many(office, staff):
    out = []
    for i in range(1, 26):
        code = "penonaktifan" if i % 5 == 0 else "pbi-baru"
        out.append(cases.open_case(office, actor=staff.front_office, service_code=code, nik=nik(i),
                                   name=f"Warga {i:02d}", now=at(2026, 11, 1 + i % 20, 9)))
    return out


def make_view(qtbot, office, actor, threads=False, **kw):
    from ui.session import UiSession
    from ui.views.case_list import CaseListView

    runner = new_runner(threads=threads)
    v = CaseListView(UiSession(office, actor, runner), page_size=10, **kw)
    qtbot.addWidget(v)
    v.resize(1000, 400)
    v.show()
    if threads:
        qtbot.waitUntil(lambda: v.model is not None and v.total is not None and v.model.loading is None,
                        timeout=20_000)
    else:
        settle()
        assert v.model is not None and v.total is not None and v.model.loading is None
    return v


def test_lazy_pages_and_no_database_call_on_the_gui_thread(qtbot, office, staff, many, monkeypatch):
    gui = threading.get_ident()
    threads = []
    real_page, real_count = case_queries.page_cases, case_queries.count_cases

    def page_spy(*a, **kw):
        threads.append(threading.get_ident())
        return real_page(*a, **kw)

    def count_spy(*a, **kw):
        threads.append(threading.get_ident())
        return real_count(*a, **kw)

    monkeypatch.setattr(case_queries, "page_cases", page_spy)
    monkeypatch.setattr(case_queries, "count_cases", count_spy)
    v = make_view(qtbot, office, staff.front_office, threads=True)  # the worker threads are the point here
    m = v.model
    assert len(m.rows) == 10 and m.canFetchMore() and v.total == 25
    assert "dimuat 10" in v.count_label.text()
    m.fetchMore()
    qtbot.waitUntil(lambda: len(m.rows) == 20 and m.loading is None, timeout=20_000)
    m.fetchMore()
    qtbot.waitUntil(lambda: len(m.rows) == 25 and m.loading is None, timeout=20_000)
    assert not m.canFetchMore()
    assert len({r.id for r in m.rows}) == 25  # pages do not overlap
    assert all("*" in r.nik_masked for r in m.rows)
    assert threads and gui not in threads


def test_filters_and_sort(qtbot, office, staff, many):
    v = make_view(qtbot, office, staff.front_office)
    v.service.setCurrentIndex(v.service.findData("penonaktifan"))
    settle()
    assert v.total == 5 and v.model.loading is None
    assert {r.service_code for r in v.model.rows} == {"penonaktifan"}
    assert v.step.isEnabled() and v.step.count() > 1
    v.step.setCurrentIndex(v.step.findData("penerimaan"))
    settle()
    assert v.total == 5 and v.model.loading is None
    v.step.setCurrentIndex(v.step.findData("paraf"))
    settle()
    assert v.total == 0 and v.model.loading is None
    v.service.setCurrentIndex(0)
    settle()
    assert v.total == 25 and v.model.loading is None
    v._sort(2)  # Nama, A→Z
    qtbot.waitUntil(lambda: v.model.loading is None and v.model.rows and v.model.rows[0].name == "Warga 01",
                    timeout=20_000)
    v._sort(2)  # Z→A
    qtbot.waitUntil(lambda: v.model.loading is None and v.model.rows and v.model.rows[0].name == "Warga 25",
                    timeout=20_000)
    v.period.setCurrentIndex(v.period.findData("range"))
    v.date_from.setDate(at(2026, 11, 2).date())
    v.date_to.setDate(at(2026, 11, 3).date())
    settle()
    assert v.total == 4 and v.model.loading is None
def test_open_from_list(qtbot, office, staff, many):
    opened = []
    v = make_view(qtbot, office, staff.front_office, on_open_case=opened.append)
    v.table.doubleClicked.emit(v.model.index(0, 1))
    assert opened == [v.model.rows[0].id]
