"""Complaints register screen: register (LAPOR! needs its ticket), follow up, answer, close; overdue marked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog

from app.services import cases, complaints
from tests.ui.casedata import new_runner, nik

pytestmark = pytest.mark.clock


def make_view(qtbot, office, actor):
    from ui.session import UiSession
    from ui.views.complaints_view import ComplaintsView

    runner = new_runner()
    v = ComplaintsView(UiSession(office, actor, runner))
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: "pengaduan" in v.summary.text(), timeout=20_000)
    return v


def test_register_follow_up_answer_close(qtbot, office, staff, monkeypatch):
    from ui.views import complaints_view

    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Siti")
    v = make_view(qtbot, office, staff.manager)  # manager may register and handle

    def fill(dialog):
        dialog.channel.setCurrentIndex(dialog.channel.findData("lapor"))
        dialog.topic.setText("Rekomendasi belum terbit")
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # LAPOR! needs the ticket
        dialog.ticket.setText("LAP-2026-8812")
        dialog.case_reg.setText(c.reg_number)
        dialog.name.setText("Siti")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(complaints_view.NewComplaintDialog, "exec", fill)
    v.new_button.click()
    qtbot.waitUntil(lambda: v.table.rowCount() == 1 and v.current() is not None, timeout=20_000)
    assert v.table.item(0, 5).text() == c.reg_number and "LAP-2026-8812" in v.table.item(0, 2).text()
    assert not v.follow_button.isEnabled() and not v.close_button.isEnabled()

    v.text.setPlainText("Dikonfirmasi ke bidang Linjamsos")
    v.follow_button.click()
    qtbot.waitUntil(lambda: v.current() is not None and v.current().status == "ditindaklanjuti", timeout=20_000)
    assert v.text.toPlainText() == "" and "Dikonfirmasi" in v.detail_text.text()
    v.text.setPlainText("Surat terbit 25 November; silakan diambil di loket 1")
    v.answer_button.click()
    qtbot.waitUntil(lambda: v.current() is not None and v.current().status == "dijawab", timeout=20_000)
    assert v.close_button.isEnabled()
    v.close_button.click()
    qtbot.waitUntil(lambda: v.current() is not None and v.current().status == "selesai", timeout=20_000)
    assert complaints.list_complaints(office, actor=staff.manager)[0].status == "selesai"


def test_overdue_marked_and_filtered(qtbot, office, staff, pinned):
    complaints.register(office, actor=staff.front_office, channel="langsung", topic="Antrean lama",
                        received_at=pinned - timedelta(days=30))
    complaints.register(office, actor=staff.front_office, channel="whatsapp", topic="Tanya syarat")
    v = make_view(qtbot, office, staff.front_office)
    assert v.table.rowCount() == 2 and "1</b> lewat tenggat" in v.summary.text()
    assert not v.handle.isVisible()  # front office registers, does not handle
    v.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: v.table.rowCount() == 1, timeout=20_000)
    assert "LEWAT TENGGAT" in v.table.item(0, 7).text()


def test_unknown_case_number_is_refused(qtbot, office, staff, monkeypatch):
    from ui.views import complaints_view

    shown = []
    monkeypatch.setattr(complaints_view, "show_error", lambda parent, exc, tb="": shown.append(str(exc)))

    def fill(dialog):
        dialog.topic.setText("x")
        dialog.case_reg.setText("PBI-2026-99999")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(complaints_view.NewComplaintDialog, "exec", fill)
    v = make_view(qtbot, office, staff.front_office)
    v.new_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "tidak ditemukan" in shown[0] and complaints.list_complaints(office, actor=staff.front_office) == []


def test_office_channels_offered_and_answer_with_letter(qtbot, office, staff, monkeypatch):
    """Every channel the standards name is offered (SIPEPEK, SLRT, website …), with its contact as a tip; the
    complaint is answered with a numbered Surat Jawaban Pengaduan, shown in the detail."""
    from app.documents import examples
    from app.services import office as office_svc
    from ui.views import complaints_view

    for key, title, name, nip_, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=None, first_run=True, position_key=key, position_title=title,
                                 name=name, nip=nip_, rank=rank, acting=acting)
    seen = {}

    def fill(dialog):
        seen["codes"] = [dialog.channel.itemData(i) for i in range(dialog.channel.count())]
        dialog.channel.setCurrentIndex(dialog.channel.findData("sipepek"))
        assert not dialog.ticket.isEnabled()
        dialog.topic.setText("Kartu belum aktif")
        dialog.name.setText("Budi")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(complaints_view.NewComplaintDialog, "exec", fill)
    v = make_view(qtbot, office, staff.manager)
    v.new_button.click()
    qtbot.waitUntil(lambda: v.table.rowCount() == 1 and v.current() is not None, timeout=20_000)
    assert {"sipepek", "slrt", "website", "surat", "layanan_online", "lapor"} <= set(seen["codes"])
    assert v.table.item(0, 2).text() == "SIPEPEK" and "14 hari kerja" in v.detail_text.text()
    v.text.setPlainText("Kartu sudah aktif sejak 1 Desember.")
    assert v.letter_button.isEnabled()
    v.letter_button.click()
    qtbot.waitUntil(lambda: v.current() is not None and v.current().letter_number != "", timeout=20_000)
    number = v.current().letter_number
    assert number in v.detail_text.text() and v.current().status == "dijawab" and not v.letter_button.isEnabled()
