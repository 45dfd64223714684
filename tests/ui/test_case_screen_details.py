"""The small things on the case screen that each cost a minute a case: the return preselects the previous step, a
disabled action says why, raw values read as words and Indonesian dates in office time, Ctrl+Enter finishes the
step — and the message to the applicant through WhatsApp from the receipt and when the letter is ready."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog
from sqlmodel import select

from app.db.models import AuditEntry
from app.services import case_letters, cases
from tests.services.helpers import advance, seed_officials
from tests.ui.casedata import at, kk, new_runner, nik

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]
T0 = at(2026, 11, 3, 9)


def detail(qtbot, office, actor, case_id):
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailView

    v = CaseDetailView(UiSession(office, actor, new_runner()), case_id)
    qtbot.addWidget(v)
    v.resize(1000, 640)
    v.show()
    qtbot.waitUntil(lambda: v.loaded is not None, timeout=20_000)
    return v


def _data_rows(v) -> dict[str, str]:
    return {v.data_table.item(r, 0).text(): v.data_table.item(r, 1).text() for r in range(v.data_table.rowCount())}


def test_return_preselects_the_previous_step(qtbot, office, admin, staff, monkeypatch):
    from ui.views import case_detail

    fo, bo = staff.front_office, staff.back_office
    seed_officials(office, admin)
    c = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(1), name="Peserta", no_kk=kk(1),
                        received=ALL, data={"reason_code": "ganda"}, now=T0)
    c = cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=T0)
    c = advance(office, actor=bo, case_id=c.id, version=c.version, now=T0)  # the letter made at its step first
    assert c.current_step == "rekap_bulanan"
    v = detail(qtbot, office, bo, c.id)
    seen = {}

    def exec_(dialog):
        seen["steps"] = [dialog.step.itemData(n) for n in range(dialog.step.count())]
        seen["chosen"] = dialog.step.currentData()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(case_detail.ReasonDialog, "exec", exec_)
    v.return_button.click()
    assert seen["steps"] == ["penerimaan", "penerbitan_surat"] and seen["chosen"] == "penerbitan_surat"


def test_a_disabled_action_says_why(qtbot, office, staff):
    fo = staff.front_office
    c = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name="Belum Lengkap", no_kk=kk(1),
                        received=["ktp", "kk"], now=T0)
    v = detail(qtbot, office, fo, c.id)
    assert v.advance_button.isVisible() and not v.advance_button.isEnabled()
    assert "Persyaratan belum lengkap: SKTM" in v.advance_button.toolTip()
    assert "Persyaratan belum lengkap" in v.no_moves.text() and v.no_moves.isVisible()
    qtbot.keyClick(v, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter repeats why
    assert v.loaded.info.current_step == "pemeriksaan_berkas" and "SKTM" in v.no_moves.text()


def test_ctrl_enter_finishes_the_step(qtbot, office, staff):
    fo = staff.front_office
    c = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(1), name="Peserta", no_kk=kk(1),
                        received=ALL, data={"reason_code": "mampu"}, now=T0)
    v = detail(qtbot, office, fo, c.id)
    assert "Ctrl+Enter" in v.advance_button.toolTip()
    before = v.loaded
    v.activateWindow()
    qtbot.keyClick(v.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: v.loaded is not before and not v.busy, timeout=20_000)
    assert v.loaded.info.current_step == "penerbitan_surat"


def test_raw_values_are_words_and_indonesian_dates_in_office_time(qtbot, office, staff):
    fo = staff.front_office
    c = cases.open_case(office, actor=fo, service_code="reaktivasi-sk", nik=nik(1), name="Reaktivasi", no_kk=kk(1),
                        received=["kartu_jkn", "kk", "identitas", "status_bpjs", "surat_faskes"], now=T0)
    c = cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=T0,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-09-15"})
    v = detail(qtbot, office, fo, c.id)
    rows = _data_rows(v)
    assert rows["Status di BPJS"] == "Nonaktif" and rows["Nonaktif sejak"] == "15 September 2026"
    assert "3 Nov 2026 16.00" not in v.header.text() and "3 Nov 2026 09.00" in v.header.text()  # office time (WIB)
    assert "nonaktif" not in rows.values() and "2026-09-15" not in " ".join(rows.values())
    closed = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(2), name="Selesai", no_kk=kk(2),
                             received=ALL, data={"reason_code": "mampu"}, now=T0)
    closed = cases.reject(office, actor=fo, case_id=closed.id, version=closed.version, reason="Pemohon membatalkan",
                          outcome="tidak_memenuhi_kriteria", now=T0)
    v = detail(qtbot, office, fo, closed.id)
    assert "Ditolak — tidak memenuhi kriteria: Pemohon membatalkan" in v.header.text()
    assert "(tidak_memenuhi_kriteria)" not in v.header.text()


def test_whatsapp_from_the_receipt(qtbot, office, staff, monkeypatch):
    fo = staff.front_office
    c = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name="Siti Aminah", no_kk=kk(1),
                        person={"phone": "0812-7788-1290"}, received=["ktp", "kk"], now=T0)
    case_letters.issue_document(office, actor=fo, case_id=c.id, key="tanda_terima")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    v = detail(qtbot, office, fo, c.id)
    v.tabs.setCurrentIndex(3)
    v.letters_table.selectRow(0)
    assert v.whatsapp_button.isEnabled() and "persyaratan yang kurang" in v.whatsapp_button.toolTip()
    v.whatsapp_button.click()
    dlg = v.whatsapp_dialog
    qtbot.waitUntil(lambda: dlg.open_button.isEnabled(), timeout=20_000)
    assert dlg.phone.text() == "081277881290" and c.reg_number in dlg.text.toPlainText()
    assert "masih kurang: SKTM" in dlg.text.toPlainText() and "+6281277881290" in dlg.status.text()
    dlg.phone.setText("0717 421234")  # an office landline: WhatsApp needs a mobile number
    dlg.phone.editingFinished.emit()
    qtbot.waitUntil(lambda: "bukan nomor HP" in dlg.status.text(), timeout=20_000)
    assert not dlg.open_button.isEnabled()
    dlg.phone.setText("+62 813-1111-2222")
    dlg.phone.editingFinished.emit()
    qtbot.waitUntil(lambda: dlg.open_button.isEnabled(), timeout=20_000)
    dlg.open_button.click()
    assert opened and opened[0].startswith("https://wa.me/6281311112222?text=")
    assert c.reg_number in unquote(opened[0])
    v.session.runner.wait(5000)
    with office.db.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "case.whatsapp")).one()
    assert entry.new_values["kind"] == "receipt"


def test_whatsapp_letter_ready_to_pick_up(qtbot, office, admin, staff, monkeypatch):
    from app.documents import examples
    from app.services import office as office_svc

    for key, title, name, nip_, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip_,
                                 rank=rank, acting=acting)
    fo, bo = staff.front_office, staff.back_office
    c = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(2), name="Budi", no_kk=kk(2),
                        person={"phone": "081234567890"}, received=ALL, data={"reason_code": "mampu"}, now=T0)
    cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=T0)
    letter = case_letters.issue_document(office, actor=bo, case_id=c.id, key="rekomendasi_penonaktifan")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    v = detail(qtbot, office, fo, c.id)
    row = next(n for n, lt in enumerate(v.loaded.letters) if lt.id == letter.id)
    v.letters_table.selectRow(row)
    assert "siap diambil" in v.whatsapp_button.toolTip()
    v.whatsapp_button.click()
    dlg = v.whatsapp_dialog
    qtbot.waitUntil(lambda: dlg.open_button.isEnabled(), timeout=20_000)
    assert letter.title in dlg.text.toPlainText() and "dapat diambil" in dlg.text.toPlainText()
    dlg.open_button.click()
    assert opened[0].startswith("https://wa.me/6281234567890?text=")
