"""Officer change at the counter: Kunci layar (Ctrl+L and after idle minutes), unlocking with the same password
(failures count towards the lock-out), and Ganti pengguna back to the login without restarting — every window of
the previous officer closed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from sqlmodel import select

from app.db.models import AuditEntry
from app.services import cases, drafts, users
from tests.ui.casedata import kk, new_runner, nik

SECRET_NAME = "Siti Aminah Rahasia"


def _audit(office, *actions):
    with office.db.read() as s:
        return [e.action for e in s.exec(select(AuditEntry).order_by(AuditEntry.id)).all() if e.action in actions]


def _visible_text() -> str:
    """Every text a person could read on screen now: labels, window titles, table cells of visible windows."""
    out = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        out.append(top.windowTitle())
        for w in [top, *top.findChildren(QWidget)]:
            if not w.isVisible():
                continue
            if isinstance(w, QLabel):
                out.append(w.text())
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                m = w.model()
                root = QModelIndex()
                try:
                    columns = m.columnCount(root)
                except TypeError:  # a list model
                    columns = 1
                out += [str(m.data(m.index(r, c, root))) for r in range(m.rowCount(root)) for c in range(columns)]
    return "\n".join(out)


@pytest.fixture
def window(qtbot, office, staff):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    fo = staff.front_office
    case = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name=SECRET_NAME, no_kk=kk(1),
                           received=["ktp", "kk", "sktm"])
    win = MainWindow(UiSession(office, fo, new_runner()), "Dinas Sosial Kota Pangkalpinang")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.queue.model is not None and len(win.queue.model.rows) == 1, timeout=20_000)
    win.open_case(case.id)
    qtbot.waitUntil(lambda: win.detail_windows[case.id].view.loaded is not None, timeout=20_000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    win.case_id = case.id
    return win


def test_ctrl_l_hides_every_window_and_the_same_password_unlocks(qtbot, office, window):
    win = window
    detail = win.detail_windows[win.case_id]
    assert SECRET_NAME in _visible_text()
    QGuiApplication.clipboard().setText("1971010101800001")
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.locked and win.root.currentWidget() is win.lock_screen
    assert not detail.isVisible() and not win.content.isEnabled() and not win.menuBar().isEnabled()
    text = _visible_text()
    assert SECRET_NAME not in text and "1971" not in text  # nothing personal on screen
    assert "Layar terkunci" in text and win.session.actor.full_name in text
    assert QGuiApplication.clipboard().text() == ""  # a copied NIK does not survive the lock
    qtbot.keyClick(win, Qt.Key.Key_F2)  # no shortcut acts behind the lock
    assert win.wizard is None
    qtbot.keyClicks(win.lock_screen.password, "salah-sandi")
    qtbot.keyClick(win.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "salah" in win.lock_screen.status.text(), timeout=20_000)
    assert win.locked
    qtbot.keyClicks(win.lock_screen.password, "rahasia-123")
    qtbot.keyClick(win.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.locked, timeout=20_000)
    assert detail.isVisible() and win.root.currentWidget() is win.content and win.menuBar().isEnabled()
    win.session.runner.wait(5000)
    assert _audit(office, "screen.lock", "login.failed", "screen.unlock") == ["screen.lock", "login.failed",
                                                                              "screen.unlock"]


def test_failed_unlocks_count_towards_the_lock_out(qtbot, office, window):
    win = window
    win.lock("manual")
    for _ in range(users.MAX_FAILED_LOGINS):
        win.lock_screen.password.setText("salah-sandi")
        win.lock_screen.unlock_button.click()
        qtbot.waitUntil(lambda: win.lock_screen.unlock_button.isEnabled(), timeout=20_000)
    assert "dikunci 15 menit" in win.lock_screen.status.text()
    win.lock_screen.password.setText("rahasia-123")
    win.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: win.lock_screen.unlock_button.isEnabled(), timeout=20_000)
    assert "terkunci" in win.lock_screen.status.text() and win.locked
    assert win.lock_screen.switch_button.isEnabled()  # another officer can still sign in


def test_idle_minutes_lock_the_screen_and_input_keeps_it_open(qtbot, office, window):
    win = window
    qtbot.waitUntil(lambda: win.idle is not None, timeout=20_000)
    assert win.idle.limit_ms == 10 * 60_000  # the office's default
    win.idle.limit_ms = 600
    win.idle.timer.setInterval(50)
    win.idle.reset()
    for _ in range(6):  # input anywhere in the app keeps it open
        qtbot.wait(150)
        qtbot.mouseMove(win.queue.table.viewport(), QPoint(10 + _, 10))
        QApplication.processEvents()
    assert not win.locked
    qtbot.waitUntil(lambda: win.locked, timeout=5000)
    assert "tidak ada aktivitas" in win.lock_screen.who.text()
    assert not win.detail_windows[win.case_id].isVisible()


@pytest.fixture
def controller(qtbot, office, staff):
    from ui.main import StartController

    staff.front_office, staff.back_office  # noqa: B018 - both users exist before the window starts
    c = StartController(str(office.dirs.root))
    qtbot.addWidget(c.login)
    c.start()
    qtbot.waitUntil(lambda: c.login.login_button.isEnabled(), timeout=20_000)
    yield c
    c.runner.wait(10_000)
    if c.main_window is not None:
        c.main_window.close()
    QApplication.processEvents()
    if c.office is not None:
        c.office.close()


def _sign_in(qtbot, c, username):
    c.login.username.setText(username)
    c.login.password.setText("rahasia-123")
    c.login.login_button.click()
    qtbot.waitUntil(lambda: c.main_window is not None and c.main_window.isVisible(), timeout=20_000)
    return c.main_window


def test_ganti_pengguna_closes_every_window_of_the_previous_officer(qtbot, office, staff, controller):
    c = controller
    case = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name=SECRET_NAME,
                           no_kk=kk(1))
    win = _sign_in(qtbot, c, staff.front_office.username)
    win.open_case(case.id)
    detail = win.detail_windows[case.id]
    qtbot.waitUntil(lambda: detail.view.loaded is not None, timeout=20_000)
    win.switch_action.trigger()
    qtbot.waitUntil(lambda: c.main_window is None and c.login.isVisible(), timeout=20_000)
    QApplication.processEvents()
    assert c.login.username.text() == "" and c.login.password.text() == ""
    assert SECRET_NAME not in _visible_text()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [c.login]
    again = _sign_in(qtbot, c, staff.back_office.username)
    assert staff.back_office.full_name in again.findChild(QLabel, "user_label").text()
    c.runner.wait(5000)
    assert _audit(office, "login", "logout") == ["login", "logout", "login"]


def test_another_officer_at_the_lock_screen_keeps_the_unsaved_wizard_as_a_draft(qtbot, office, staff, controller):
    c = controller
    fo = staff.front_office
    win = _sign_in(qtbot, c, fo.username)
    qtbot.waitUntil(lambda: "pbi-baru" in win.queue.new_buttons, timeout=20_000)
    win.new_case("pbi-baru")
    qtbot.waitUntil(lambda: win.wizard is not None and win.wizard.isVisible(), timeout=20_000)
    win.wizard.person_page.nik.setText(nik(7))
    win.wizard.person_page.name.setText("Belum Disimpan")
    win.lock("idle")
    assert not win.wizard.isVisible()
    win.lock_screen.switch_button.click()
    qtbot.waitUntil(lambda: c.main_window is None and c.login.isVisible(), timeout=20_000)
    mine = drafts.list_drafts(office, actor=fo)
    assert [d.name for d in mine] == ["Belum Disimpan"]  # kept for its officer, not shown to the next one
    other = _sign_in(qtbot, c, staff.back_office.username)
    assert other.wizard is None
