"""Approval chain through the case detail screen: only the moves the core allows are offered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services import cases
from tests.ui.casedata import kk, new_runner, nik, settle

pytestmark = pytest.mark.clock

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]




def detail(qtbot, office, actor, case_id):
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailView

    runner = new_runner()
    changed = []
    v = CaseDetailView(UiSession(office, actor, runner), case_id, on_changed=changed.append)
    qtbot.addWidget(v)
    v.show()
    settle()
    assert v.loaded is not None
    v.changed = changed
    return v


def click_and_wait(qtbot, v, button):
    before = v.loaded
    assert button.isVisible() and button.isEnabled()
    button.click()
    settle()
    assert v.loaded is not before and not v.busy
def visible(v):
    return {k for k, b in (("advance", v.advance_button), ("paraf", v.paraf_button), ("return", v.return_button),
                           ("reject", v.reject_button), ("refuse", v.refuse_button)) if b.isVisible()}


def test_penonaktifan_through_the_paraf_chain(qtbot, office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Peserta",
                        no_kk=kk(1), received=ALL, data={"reason_code": "mampu"})
    v = detail(qtbot, office, staff.front_office, c.id)
    assert visible(v) == {"advance", "reject"}
    assert "Persyaratan lengkap" in v.missing.text()
    click_and_wait(qtbot, v, v.advance_button)
    assert v.loaded.info.current_step == "penerbitan_surat" and visible(v) == set()
    assert "Tidak ada tindakan" in v.no_moves.text()
    assert v.changed and v.timeline.rowCount() == 1

    v = detail(qtbot, office, staff.back_office, c.id)
    # the step's letter first: the button to finish the step says why it waits
    assert v.advance_button.isVisible() and not v.advance_button.isEnabled()
    assert "Surat Rekomendasi Penonaktifan" in v.advance_button.toolTip()
    issue = next(b for b in v.issue_buttons if b.objectName() == "issue_rekomendasi_penonaktifan")
    assert issue.parentWidget() is v.advance_button.parentWidget()
    click_and_wait(qtbot, v, issue)
    click_and_wait(qtbot, v, v.advance_button)
    qtbot.keyClicks(v.note, "rekap November")
    click_and_wait(qtbot, v, v.advance_button)
    assert v.loaded.info.current_step == "paraf"
    assert visible(v) == set()  # back office does not initial

    early = detail(qtbot, office, staff.sekretaris, c.id)  # not yet their turn: shown, disabled, and why
    assert "paraf" in visible(early) and not early.paraf_button.isEnabled()
    assert "menunggu paraf Kasi" in early.paraf_button.toolTip() and "menunggu paraf Kasi" in early.no_moves.text()
    for role in ("kasi_linjamsos", "kabid_linjamsos", "sekretaris"):
        v = detail(qtbot, office, getattr(staff, role), c.id)
        assert "paraf" in visible(v) and "menunggu paraf" in v.header.text()
        click_and_wait(qtbot, v, v.paraf_button)
    assert v.loaded.info.current_step == "tanda_tangan"
    v = detail(qtbot, office, staff.kepala_dinas, c.id)
    click_and_wait(qtbot, v, v.advance_button)
    v = detail(qtbot, office, staff.back_office, c.id)
    click_and_wait(qtbot, v, v.advance_button)
    assert v.loaded.info.status == "selesai" and "Berkas sudah ditutup" in v.no_moves.text()
    steps = [v.timeline.item(r, 0).text() for r in range(v.timeline.rowCount())]
    assert steps[0].startswith("Penerimaan") and v.timeline.item(2, 6).text() == "rekap November"
    assert v.timeline.item(0, 2).text() == staff.front_office.full_name


def test_return_for_revision_and_reject_need_a_reason(qtbot, office, staff, monkeypatch):
    from ui.views import case_detail

    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Peserta",
                        no_kk=kk(1), received=ALL, data={"reason_code": "ganda"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    v = detail(qtbot, office, staff.back_office, c.id)
    assert visible(v) == {"advance", "return", "reject"}

    def fill(text, step_index=0):
        def exec_(dialog):
            assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
            dialog.reason.setPlainText(text)
            if dialog.step.count():
                dialog.step.setCurrentIndex(step_index)
            return QDialog.DialogCode.Accepted
        return exec_

    monkeypatch.setattr(case_detail.ReasonDialog, "exec", fill("Surat pernyataan belum ditandatangani"))
    click_and_wait(qtbot, v, v.return_button)
    info = v.loaded.info
    assert info.current_step == "penerimaan" and info.data["returns"][0]["reason"].startswith("Surat pernyataan")
    assert visible(v) == set()

    v = detail(qtbot, office, staff.front_office, c.id)
    monkeypatch.setattr(case_detail.ReasonDialog, "exec", fill("Pemohon membatalkan permohonan"))
    click_and_wait(qtbot, v, v.reject_button)
    assert v.loaded.info.status == "ditolak" and v.loaded.info.outcome_reason == "Pemohon membatalkan permohonan"


def test_checklist_ticked_in_detail_and_incomplete_refused(qtbot, office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Peserta",
                        no_kk=kk(1), received=["kk"], data={"reason_code": "ganda"})
    v = detail(qtbot, office, staff.front_office, c.id)
    assert "refuse" in visible(v) and "Belum ada" in v.missing.text()
    before = v.loaded
    v.checklist.item(1).setCheckState(Qt.CheckState.Checked)
    settle()
    assert v.loaded is not before and not v.busy
    assert [x.code for x in v.loaded.info.checklist if x.received] == ["kk", "ktp"]
    click_and_wait(qtbot, v, v.refuse_button)
    assert v.loaded.info.outcome == "berkas_tidak_lengkap"


def test_conflict_reloads(qtbot, office, staff, monkeypatch):
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Peserta",
                        no_kk=kk(1), received=ALL, data={"reason_code": "ganda"})
    v = detail(qtbot, office, staff.front_office, c.id)
    cases.update_data(office, actor=staff.front_office, case_id=c.id, version=c.version, values={"bukti": "x"})
    shown = []
    from ui.views import case_detail

    monkeypatch.setattr(case_detail, "show_error", lambda parent, exc, tb="": shown.append(exc))
    before = v.loaded
    v.advance_button.click()
    settle()
    assert v.loaded is not before
    assert "muat ulang" in str(shown[0]) and v.loaded.info.data["bukti"] == "x"


def test_due_letters_issued_from_the_detail(qtbot, office, admin, staff):
    from app.documents import examples
    from app.services import office as office_svc

    for key, title, name, nip_, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip_,
                                 rank=rank, acting=acting)
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Peserta",
                        no_kk=kk(1), received=ALL, data={"reason_code": "meninggal"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "penerbitan_surat"  # the step that produces the recommendation
    v = detail(qtbot, office, staff.back_office, c.id)
    keys = [b.objectName() for b in v.issue_buttons]
    assert keys == ["issue_rekomendasi_penonaktifan"]  # the receipt was given at the counter
    before = v.loaded
    v.issue_buttons[0].click()
    settle()
    assert v.loaded is not before and v.letters_table.rowCount() == 1
    assert v.letters_table.item(0, 1).text().startswith("Surat Rekomendasi")
    assert [b.objectName() for b in v.issue_buttons] == []  # once; another copy is a reprint
    v.letters_table.selectRow(0)
    assert v.open_docx.isEnabled()


def test_step_inputs_field_verification_and_bpjs_confirmation(qtbot, office, staff):
    # pbi-baru, not in DTSEN → field verification: the verifier enters the result in the detail
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Bukan DTSEN",
                        no_kk=kk(1), received=["ktp", "kk", "sktm"])
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.current_step == "verifikasi_lapangan"
    v = detail(qtbot, office, staff.verifier, c.id)
    assert v.inputs is not None
    poor = v.inputs.fields["field_poor"]
    poor.setCurrentIndex(poor.findData(True))
    click_and_wait(qtbot, v, v.advance_button)
    assert v.loaded.info.data["field_poor"] is True and v.loaded.info.current_step == "usulan_dtsen"

    # reaktivasi-rekom: back office records the BPJS confirmation and the deactivation date, then moves on
    r = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-rekom", nik=nik(2), name="Rekom",
                        no_kk=kk(2), received=["kk", "ktp", "kis", "sk_dtsen"])
    r = cases.advance(office, actor=staff.front_office, case_id=r.id, version=r.version)
    v = detail(qtbot, office, staff.back_office, r.id)
    assert set(v.inputs.fields) >= {"confirmed_by", "answer"}
    v.inputs.fields["confirmed_by"].setText("Rina (BPJS KC Pangkalpinang)")
    assert not v.advance_button.isEnabled() and "Waktu konfirmasi" in v.advance_button.toolTip()
    qtbot.keyClicks(v.inputs.fields["confirmed_at"], "03-12-2026 09.10")
    ans = v.inputs.fields["answer"]
    ans.setCurrentIndex(ans.findData("sudah_aktif"))
    click_and_wait(qtbot, v, v.advance_button)
    info = v.loaded.info
    assert info.data["bpjs_confirmation"]["confirmed_by"] == "Rina (BPJS KC Pangkalpinang)"
    assert info.status == "selesai" and info.outcome == "sudah_aktif_otomatis"


def test_step_inputs_jamkesda_indicators_with_live_score(qtbot, office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="Warga",
                        no_kk=kk(1))
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    for item in c.checklist:
        c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code=item.code,
                                received=True)
    v = detail(qtbot, office, staff.front_office, c.id)
    va, dep = v.inputs.fields["electricity_va"], v.inputs.fields["dependants"]
    assert va.currentText() == "" and dep.text() == "— isi —"  # empty: never 900 VA or 0 by default
    assert not v.advance_button.isEnabled() and "Daya listrik" in v.no_moves.text()
    va.setCurrentText("900")  # the interview step asks for the electricity and the dependants
    dep.setValue(2)
    assert v.advance_button.isEnabled()
    click_and_wait(qtbot, v, v.advance_button)
    c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=staff.verifier, case_id=c.id, version=c.version)
    v = detail(qtbot, office, staff.back_office, c.id)
    boxes = list(v.inputs.indicators.values())
    for box in boxes[:6]:
        box.setChecked(True)
    assert "Skor 6" in v.inputs.score.text() and "memenuhi" in v.inputs.score.text()
    click_and_wait(qtbot, v, v.advance_button)
    assert v.loaded.info.current_step == "peringkatan" and v.loaded.info.data["score"] == "6"


def test_letter_reprint_and_void(qtbot, office, staff, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from app.services import case_letters, letters
    from ui.views import case_detail

    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Siti",
                        no_kk=kk(1), received=["ktp", "kk"])
    lt = case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="tanda_terima")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    v = detail(qtbot, office, staff.kasi_linjamsos, c.id)
    assert v.letters_table.rowCount() == 1 and not v.open_docx.isEnabled()
    v.letters_table.selectRow(0)
    v.open_docx.click()
    settle()
    assert bool(opened)
    assert opened[0].endswith(".docx")

    monkeypatch.setattr(case_detail.ReasonDialog, "exec", lambda d: (d.reason.setPlainText("Salah ketik nama"),
                                                                     QDialog.DialogCode.Accepted)[1])
    before = v.loaded
    v.void_button.click()
    settle()
    assert v.loaded is not before
    assert letters.get_letter(office, letter_id=lt.id).voided
    assert "dibatalkan" in v.letters_table.item(0, 2).text()
    v.letters_table.selectRow(0)
    assert not v.open_docx.isEnabled() and not v.void_button.isEnabled()
