"""The table models checked by Qt's own model tester (pytest-qt's ``qtmodeltester``): every index, parent,
row count, header and data role consistent, also while pages are appended and rows replaced."""

from __future__ import annotations

from app.services import case_queries, cases
from tests.ui.casedata import at, new_runner, nik, settle


def _rows_and_context(office, staff, n: int = 7):
    from ui.models.case_table import RowContext
    from ui.session import UiSession
    from ui.views.queue_view import load_row_context

    for i in range(1, n + 1):
        cases.open_case(office, actor=staff.front_office, service_code="penonaktifan" if i % 3 else "pbi-baru",
                        nik=nik(i), name=f"Warga {i:02d}", urgent=i == 2, now=at(2026, 11, 2 + i, 9))
    ctx = load_row_context(UiSession(office, staff.front_office, new_runner()))
    assert isinstance(ctx, RowContext)
    rows = case_queries.page_cases(office, actor=staff.front_office, limit=50)
    assert len(rows) == n
    return rows, ctx


def test_case_table_model(qtbot, qtmodeltester, office, staff):
    from ui.models.case_table import CaseTableModel

    rows, ctx = _rows_and_context(office, staff)
    model = CaseTableModel(ctx)
    qtmodeltester.check(model)  # empty
    model.set_rows(rows, new_ids={rows[0].id})
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows) and model.columnCount() > 5
    model.set_rows(rows[:3])  # replaced while the tester watches
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_paged_case_model_while_pages_arrive(qtbot, qtmodeltester, office, staff):
    from ui.models.case_table import PagedCaseModel

    rows, ctx = _rows_and_context(office, staff)
    model = PagedCaseModel(ctx, new_runner(), page_size=3)
    fetched = []

    def fetch(offset: int, limit: int):
        fetched.append((offset, limit))
        return rows[offset:offset + limit]

    model.reset(fetch)
    settle()
    qtmodeltester.check(model)  # the tester fetches the remaining pages through canFetchMore/fetchMore
    settle()
    while model.canFetchMore():
        model.fetchMore()
        settle()
    assert [r.id for r in model.rows] == [r.id for r in rows]
    assert fetched[:3] == [(0, 3), (3, 3), (6, 3)]
    model.reset(fetch)  # new filters: forget the rows, read page one again
    settle()
    qtmodeltester.check(model)
    assert model.rowCount() >= 3
