"""Home screen: the officer's queue (what they can act on now, DARURAT first, then by due time), the other views
one click away, search, the new-case buttons and F2, and the columns that fit a 1366-pixel screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from app.services import cases
from tests.services.helpers import advance as step_with_letter
from tests.ui.casedata import at, kk, new_runner, nik

NOW = at(2026, 11, 3, 10)  # Tuesday 10:00 WIB

pytestmark = pytest.mark.clock


def make_view(qtbot, office, actor, *, now=NOW, **kw):
    from ui.session import UiSession
    from ui.views.queue_view import QueueView

    runner = new_runner()
    v = QueueView(UiSession(office, actor, runner), **kw)
    v.clock = lambda: now
    qtbot.addWidget(v)
    v.resize(1100, 700)
    v.show()
    qtbot.waitUntil(lambda: v.counts is not None and v.model is not None and v.model.loading is None, timeout=20_000)
    return v


def _open(office, fo, i, *, when, urgent=False, complete=True, service="penonaktifan"):
    from app.servicedefs import get

    every = [r.code for r in get(office, service).requirements]
    return cases.open_case(office, actor=fo, service_code=service, nik=nik(i), name=f"Pemohon {i}", no_kk=kk(i),
                           received=every if complete else [], urgent=urgent,
                           data={"reason_code": "mampu"} if service == "penonaktifan" else {}, now=when)


def _col(model, key, row):
    return model.data(model.index(row, model.column(key)))


def test_urgent_first_with_its_own_mark_then_due_time(qtbot, office, staff):
    fo = staff.front_office
    late = _open(office, fo, 1, when=NOW - timedelta(days=6))
    soon = _open(office, fo, 2, when=NOW - timedelta(hours=2))
    urgent = _open(office, fo, 3, when=NOW - timedelta(minutes=10), urgent=True)
    waiting = _open(office, fo, 4, when=NOW - timedelta(minutes=5), complete=False)  # waits for the applicant
    opened = []
    v = make_view(qtbot, office, fo, on_open_case=opened.append)
    m = v.model
    assert v.view == "mine" and v.view_buttons["mine"].isChecked()
    assert [r.id for r in m.rows] == [urgent.id, late.id, soon.id]  # the DARURAT one heads, then by due time
    assert _col(m, "urgent", 0) == "DARURAT" and _col(m, "urgent", 1) == ""
    assert isinstance(m.data(m.index(0, m.column("urgent")), Qt.ItemDataRole.DecorationRole), QIcon)  # a shape too
    assert "darurat" in m.data(m.index(0, m.column("urgent")), Qt.ItemDataRole.ToolTipRole).lower()
    assert "Lewat tenggat" in _col(m, "flags", 1) and "Menunggu Anda" in _col(m, "flags", 0)
    assert _col(m, "due", 1).endswith("2026 16.00") or " Okt 2026" in _col(m, "due", 1) or "Nov 2026" in \
        _col(m, "due", 1)
    assert v.view_buttons["mine"].text().endswith("(3)") and v.view_buttons["all"].text().endswith("(4)")
    assert v.view_buttons["others"].text().endswith("(1)") and v.view_buttons["late"].text().endswith("(1)")
    assert "1</b> DARURAT" in v.summary.text()
    v.view_buttons["others"].click()
    qtbot.waitUntil(lambda: v.model.loading is None and [r.id for r in v.model.rows] == [waiting.id], timeout=20_000)
    assert "Menunggu berkas pemohon" in _col(v.model, "flags", 0)
    v.view_buttons["late"].click()
    qtbot.waitUntil(lambda: v.model.loading is None and [r.id for r in v.model.rows] == [late.id], timeout=20_000)
    v.view_buttons["all"].click()
    qtbot.waitUntil(lambda: v.model.loading is None and len(v.model.rows) == 4, timeout=20_000)
    assert v.model.rows[0].id == urgent.id and v.model.rows[-1].id == waiting.id  # no due time: last
    v.table.doubleClicked.emit(v.model.index(1, 2))
    assert opened == [late.id]


def test_overdue_count_is_only_what_is_late_and_mine(qtbot, office, staff):
    fo, bo = staff.front_office, staff.back_office
    for i in range(1, 4):  # late, but now the back office's work
        c = _open(office, fo, i, when=NOW - timedelta(days=6))
        cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=NOW - timedelta(days=6))
    mine = _open(office, fo, 9, when=NOW - timedelta(days=6))
    v = make_view(qtbot, office, fo)
    assert v.counts.late == 1 and v.view_buttons["late"].text().endswith("(1)")
    assert "1</b> lewat tenggat milik Anda" in v.summary.text()
    assert [r.id for r in v.model.rows] == [mine.id]
    back = make_view(qtbot, office, bo)
    assert back.counts.late == 3


def test_paraf_waits_for_the_next_in_the_chain_only(qtbot, office, staff):
    fo, bo = staff.front_office, staff.back_office
    c = _open(office, fo, 1, when=NOW - timedelta(hours=1))
    for who in (fo, bo, bo):  # the step's letter first where the step makes one
        c = step_with_letter(office, actor=who, case_id=c.id, version=c.version, now=NOW - timedelta(minutes=50))
    assert c.current_step == "paraf"
    kasi = make_view(qtbot, office, staff.kasi_linjamsos)
    assert [r.id for r in kasi.model.rows] == [c.id] and "Menunggu Anda" in _col(kasi.model, "flags", 0)
    sekretaris = make_view(qtbot, office, staff.sekretaris)
    assert sekretaris.model.rows == [] and sekretaris.counts.mine == 0 and sekretaris.counts.others == 1
    assert "Tidak ada berkas yang menunggu Anda" in sekretaris.hint.text()


def test_search_by_name_nik_and_registration(qtbot, office, staff):
    fo = staff.front_office
    a = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name="Siti Aminah", now=NOW)
    cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(2), name="Budi Santoso", now=NOW)
    v = make_view(qtbot, office, fo)
    for text in ("aminah", nik(1), a.reg_number):
        v.search.setText(text)
        qtbot.keyClick(v.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "ditemukan" in v.summary.text(), timeout=20_000)
        assert [r.id for r in v.search_model.rows] == [a.id]
        assert v.table.model() is v.search_model
        v.summary.setText("")
    v.back_button.click()
    qtbot.waitUntil(lambda: v.table.model() is v.model and v.model.loading is None, timeout=20_000)
    assert v.mode == "queue"


def test_columns_that_matter_fit_1366_pixels_without_scrolling(qtbot, office, staff):
    from ui.main_window import MainWindow
    from ui.models.case_table import QUEUE_COLUMNS
    from ui.session import UiSession

    fo = staff.front_office
    for i in range(1, 6):
        _open(office, fo, i, when=NOW - timedelta(hours=i), urgent=i == 3,
              service=["penonaktifan", "reaktivasi-sk", "jamkesda"][i % 3])
    win = MainWindow(UiSession(office, fo, new_runner()), "Dinas Sosial Kota Pangkalpinang")
    win.queue.clock = lambda: NOW
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    q = win.queue
    qtbot.waitUntil(lambda: q.counts is not None and q.model is not None and len(q.model.rows) == 5, timeout=20_000)
    header = q.table.horizontalHeader()
    assert [q.model.headerData(n, Qt.Orientation.Horizontal) for n in range(len(QUEUE_COLUMNS))] == \
        ["Darurat", "No. registrasi", "Nama", "Layanan", "Langkah sekarang", "Status", "Tenggat", "Keterangan"]
    assert header.length() <= q.table.viewport().width() + 1
    assert not q.table.horizontalScrollBar().isVisible()
    for n in range(len(QUEUE_COLUMNS)):
        assert header.sectionSize(n) >= 60 and not header.isSectionHidden(n)
    assert win.size().width() == 1366 and win.size().height() == 768  # the layout did not force it larger
    assert win.minimumSizeHint().width() <= 1366 and win.minimumSizeHint().height() <= 768


def test_new_case_buttons_and_f2(qtbot, office, staff):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    runner = new_runner()
    win = MainWindow(UiSession(office, staff.front_office, runner), "Dinas Sosial")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "penonaktifan" in win.queue.new_buttons, timeout=20_000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    assert set(win.queue.new_buttons) == {"pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"}
    qtbot.keyClick(win, Qt.Key.Key_F2)
    menu = win.new_case_menu
    assert menu.isVisible() and len(menu.actions()) == 5
    next(a for a in menu.actions() if a.objectName() == "new_case_penonaktifan").trigger()
    qtbot.waitUntil(lambda: win.wizard is not None, timeout=20_000)
    assert win.wizard.defn.code == "penonaktifan" and win.wizard.isVisible()
    win.wizard.reject()
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(3), name="X")
    win.open_case(c.id)
    dlg = win.detail_windows[c.id]
    qtbot.waitUntil(lambda: dlg.view.loaded is not None, timeout=20_000)
    assert c.reg_number in dlg.view.header.text()
    dlg.close()
    runner.wait(5000)


def test_f2_says_why_for_a_role_that_takes_no_applications(qtbot, office, staff):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    win = MainWindow(UiSession(office, staff.kepala_dinas, new_runner()), "Dinas Sosial")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.keyClick(win, Qt.Key.Key_F2)
    assert "tidak membuka berkas baru" in win.statusBar().currentMessage()


def test_main_window_opens_maximised_then_as_it_was_left(qtbot, office, staff, tmp_path):
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.session import UiSession

    settings = QSettings(str(tmp_path / "jendela.ini"), QSettings.Format.IniFormat)
    session = UiSession(office, staff.front_office, new_runner())
    first = MainWindow(session, "Dinas Sosial", settings)
    qtbot.addWidget(first)
    first.show_as_last_left()
    qtbot.waitUntil(lambda: first.isVisible(), timeout=5000)
    assert first.isMaximized() or first.windowState() & Qt.WindowState.WindowMaximized
    first.showNormal()
    first.setGeometry(40, 40, 1200, 700)
    first.close()
    again = MainWindow(session, "Dinas Sosial", settings)
    qtbot.addWidget(again)
    again.show_as_last_left()
    # as it was left: not maximised, the same height (the offscreen test screen is 800 px wide, so the width
    # is fitted to it, as Qt does on a smaller monitor)
    assert again.restored and not again.isMaximized() and again.size().height() == 700
