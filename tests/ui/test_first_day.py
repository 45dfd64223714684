"""The first-day checklist on a new office's main window: each line ticked from the data, each opening the page
where it is done, gone once everything is done."""

from __future__ import annotations

from app.services import users


def test_checklist_lines_tick_from_the_data_and_open_their_settings_page(qtbot, office, admin):
    from tests.ui.casedata import new_runner
    from ui.main_window import MainWindow
    from ui.session import UiSession

    win = MainWindow(UiSession(office, admin, new_runner()), "Dinas Sosial Kota Pangkalpinang")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    panel = win.first_day
    qtbot.waitUntil(lambda: len(panel.lines) == 6, timeout=20_000)
    assert panel.isVisible() and "0 dari 6 selesai" in panel.title()  # a new office: nothing done yet
    assert not panel.is_done("users") and "○" in panel.marks["users"].text()
    assert panel.buttons["users"].text() == "Kerjakan…"
    panel.buttons["users"].click()
    assert win.stack.currentWidget() is win.settings_view
    assert win.settings_view.tabs.currentWidget() is win.settings_view.users
    panel.buttons["dtsen"].click()
    assert win.stack.currentWidget() is win.importer
    users.add_user(office, actor=admin, username="yulia", full_name="Yulia Safitri", password="rahasia-123",
                   roles=["front_office"])
    win.show_page("queue")  # coming back to the queue reads the checklist again
    qtbot.waitUntil(lambda: panel.is_done("users"), timeout=20_000)
    assert "✓" in panel.marks["users"].text() and panel.buttons["users"].text() == "Ubah…"
    assert "1 petugas aktif" in panel.details["users"].text()


def test_no_checklist_for_an_officer(qtbot, office, staff):
    from tests.ui.casedata import new_runner
    from ui.main_window import MainWindow
    from ui.session import UiSession

    win = MainWindow(UiSession(office, staff.front_office, new_runner()), "Dinas Sosial")
    qtbot.addWidget(win)
    assert getattr(win, "first_day", None) is None
