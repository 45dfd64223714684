"""Home screen: today's queue with new / waiting for me / overdue, and the search box."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.services import cases
from app.timeutil import utcnow
from tests.ui.casedata import kk, new_runner, nik


def make_view(qtbot, office, actor, **kw):
    from ui.session import UiSession
    from ui.views.queue_view import QueueView

    runner = new_runner()
    v = QueueView(UiSession(office, actor, runner), **kw)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.model is not None and "berkas hari ini" in v.summary.text(), timeout=20_000)
    return v


def test_queue_marks_overdue_mine_and_new(qtbot, office, staff):
    fo = staff.front_office
    old = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(1), name="Lama Sekali",
                          no_kk=kk(1), received=["kk", "ktp", "kis", "surat_pernyataan"],
                          data={"reason_code": "mampu"}, now=utcnow() - timedelta(days=5))
    new = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(2), name="Baru Datang")
    opened = []
    v = make_view(qtbot, office, fo, on_open_case=opened.append)
    m = v.model
    assert [r.id for r in m.rows] == [old.id, new.id]  # overdue first
    assert "Lewat tenggat" in m.data(m.index(0, 0)) and "Menunggu Anda" in m.data(m.index(0, 0))
    assert "Baru" in m.data(m.index(1, 0))
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "*" in m.data(m.index(0, 3))  # NIK masked in the list
    assert "1</b> lewat tenggat" in v.summary.text()
    v.table.doubleClicked.emit(m.index(1, 2))
    assert opened == [new.id]
    assert set(v.new_buttons) == {"pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"}


def test_search_by_name_nik_and_registration(qtbot, office, staff):
    fo = staff.front_office
    a = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name="Siti Aminah")
    cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(2), name="Budi Santoso")
    v = make_view(qtbot, office, fo)
    for text in ("aminah", nik(1), a.reg_number):
        v.search.setText(text)
        qtbot.keyClick(v.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "ditemukan" in v.summary.text(), timeout=20_000)
        assert [r.id for r in v.model.rows] == [a.id]
        v.summary.setText("")
    v.back_button.click()
    qtbot.waitUntil(lambda: "berkas hari ini" in v.summary.text(), timeout=20_000)
    assert len(v.model.rows) == 2


def test_new_case_button_starts_the_wizard_from_the_main_window(qtbot, office, staff):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    runner = new_runner()
    win = MainWindow(UiSession(office, staff.front_office, runner), "Dinas Sosial")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: "penonaktifan" in win.queue.new_buttons, timeout=20_000)
    win.queue.new_buttons["penonaktifan"].click()
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


def test_paraf_waits_for_the_next_in_the_chain_only(qtbot, office, staff):
    fo, bo = staff.front_office, staff.back_office
    c = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(1), name="Paraf",
                        received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    c = cases.advance(office, actor=fo, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=bo, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=bo, case_id=c.id, version=c.version)
    assert c.current_step == "paraf"
    kasi = make_view(qtbot, office, staff.kasi_linjamsos)
    assert "Menunggu Anda" in kasi.model.data(kasi.model.index(0, 0))
    sekretaris = make_view(qtbot, office, staff.sekretaris)
    assert [r.id for r in sekretaris.model.rows] == [c.id]  # today's case, but not yet their turn
    assert "Menunggu Anda" not in sekretaris.model.data(sekretaris.model.index(0, 0))
    assert "0</b> menunggu Anda" in sekretaris.summary.text()
