"""Scans attached in the wizard (a real drop event) and in the case detail; a wizard saved half-way, resumed
from the queue's draft list and finished."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QWizard
from sqlmodel import select

from app.db.models import Attachment
from app.services import attachments, cases, drafts
from tests.ui.casedata import Staff, kk, new_runner, nik, settle
from tests.ui.test_service_wizards import KK, NIK, fill_person, finish, make_wizard, tick

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64



@pytest.fixture
def officer(make_user):
    return make_user("front_office")


def scan(tmp_path, name, content=PDF):
    p = tmp_path / "usb" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content)
    return p


def mime(*paths) -> QMimeData:
    m = QMimeData()
    m.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return m


_KEEP: list = []


def drop(widget, data: QMimeData) -> QDropEvent:
    """A real drop event dispatched by the widget's own ``event()`` (QApplication only forwards a drop while a
    real drag is running, which an offscreen test cannot start)."""
    ev = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    ev.setAccepted(False)
    widget.event(ev)
    _KEEP.append(data)  # the event points at the mime data; keep it alive for the assertions
    return ev


def test_scan_dropped_on_a_requirement_is_stored_with_the_case(qtbot, office, officer, tmp_path):
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    fill_person(qtbot, w)
    page = w.checklist_page
    ktp = scan(tmp_path, "KTP Siti.pdf")
    ev = drop(page.rows["ktp"], mime(ktp))
    assert ev.isAccepted()
    assert page.boxes["ktp"].isChecked()  # a scan of the document means it was handed in
    assert [(f.name, f.requirement_code) for f in page.files] == [("KTP Siti.pdf", "ktp")]
    assert page.rows["ktp"].chips.isVisibleTo(page)
    # a bad file is refused in Indonesian and not kept
    fake = scan(tmp_path, "kk.pdf", b"bukan pindaian")
    page.drop_files(mime(fake), "kk")
    assert "bukan PDF" in page.file_state.text() and not page.boxes["kk"].isChecked() and len(page.files) == 1
    # dropped on the page itself: not tied to a requirement
    other = scan(tmp_path, "foto rumah.png", PNG)
    drop(page, mime(other))
    assert [f.requirement_code for f in page.files] == ["ktp", ""]
    # the remove button next to a file lets it go again
    from PySide6.QtWidgets import QToolButton

    remove = page.other_files.findChild(QToolButton, "remove_lain_0")
    remove.click()
    assert [f.name for f in page.files] == ["KTP Siti.pdf"]
    tick(w, "kk", "sktm")
    w.next()
    w.next()
    assert "KTP Siti.pdf" in w.summary_page.text.text()
    res = finish(qtbot, w)
    assert res.attached == 1
    with office.db.read() as s:
        row = s.exec(select(Attachment)).one()
    assert row.case_id == res.case.id and row.requirement_code == "ktp" and row.file_name == "KTP Siti.pdf"
    stored = office.dirs.attachments / row.stored_path
    assert stored.read_bytes() == PDF and row.sha256 == attachments.sha256_file(stored)


def test_draft_saved_halfway_resumed_from_the_list_and_finished(qtbot, office, officer, tmp_path, monkeypatch):
    from ui.session import UiSession
    from ui.views.drafts_panel import DraftsPanel

    w = make_wizard(qtbot, office, officer, "pbi-baru")
    fill_person(qtbot, w)
    ktp = scan(tmp_path, "ktp.pdf")
    w.checklist_page.attach_paths([ktp], "ktp")
    assert w.draft_button.isVisible()
    w.draft_button.click()
    settle()
    assert w.draft_id is not None and not w.draft_saving
    assert "Draf disimpan" in w.checklist_page.file_state.text()
    assert w.checklist_page.files[0].path.parent == office.dirs.attachments / "drafts" / str(w.draft_id)
    assert not w.unsaved()
    w.checklist_page.boxes["kk"].setChecked(True)
    assert w.unsaved()
    # closing with unsaved input asks; "Ya" saves the draft again, then closes
    w.reject()
    assert w.isVisible() and w.close_box is not None and w.close_box.isVisible()
    w.close_box.button(QMessageBox.StandardButton.Yes).click()
    settle()
    assert not w.isVisible()
    ktp.unlink()  # the applicant took the USB stick home

    panel = DraftsPanel(UiSession(office, officer, new_runner()))
    qtbot.addWidget(panel)
    settle()
    assert panel.loaded
    assert panel.isVisibleTo(panel.parentWidget() or panel) and panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "197101********03" and panel.table.item(0, 2).text() == "Siti Aminah"
    assert panel.table.item(0, 3).text() == "1"
    resumed = []
    panel.on_resume = resumed.append
    panel.resume_button.click()
    [draft_id] = resumed

    draft = drafts.load_draft(office, actor=officer, draft_id=draft_id)
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.servicedefs import get as get_definition
    from app.services import settings
    from ui.wizards.service_wizard import ServiceWizard

    w2 = ServiceWizard(UiSession(office, officer, new_runner()), get_definition(office, "pbi-baru"),
                       settings.load(office, RULES_SECTION, RuleSettings), pdf=False, draft=draft)
    qtbot.addWidget(w2)
    w2.show()
    w2.saved = []
    w2.on_saved = w2.saved.append
    p = w2.person_page
    assert p.nik.text() == NIK and p.no_kk.text() == KK and p.address.text() == "Jl. Melati Gg. Kenanga No. 7"
    qtbot.waitUntil(lambda: p.lookup_task is None and p.isComplete(), timeout=15_000)  # NIK checked again
    assert "NIK sah" in p.nik_state.text()
    w2.next()
    settle()  # the identity check runs in the worker, then the wizard moves on
    assert w2.checklist_page.received() == ["ktp", "kk"]
    assert [f.name for f in w2.checklist_page.files] == ["ktp.pdf"]
    tick(w2, "sktm")
    w2.next()
    w2.next()
    res = finish(qtbot, w2)
    c = cases.get_case(office, actor=officer, case_id=res.case.id)
    assert c.complete and c.nik == NIK
    assert [a.file_name for a in attachments.list_attachments(office, actor=officer, case_id=c.id)] == ["ktp.pdf"]
    assert drafts.list_drafts(office, actor=officer) == []  # the draft became the case
    assert not (office.dirs.attachments / "drafts" / str(draft_id)).exists()
    # the list follows
    panel.refresh()
    settle()
    assert panel.table.rowCount() == 0
    assert not panel.isVisibleTo(panel.parentWidget() or panel) or panel.isHidden()


def test_close_without_input_does_not_ask_and_tidak_discards(qtbot, office, officer):
    w = make_wizard(qtbot, office, officer, "penonaktifan")
    w.reject()
    assert not w.isVisible() and w.close_box is None
    w2 = make_wizard(qtbot, office, officer, "penonaktifan")
    qtbot.keyClicks(w2.person_page.name, "Budi")
    w2.reject()
    assert w2.close_box.isVisible()
    w2.close_box.button(QMessageBox.StandardButton.Cancel).click()
    assert w2.isVisible()  # Batal: back to the wizard
    w2.reject()
    w2.close_box.button(QMessageBox.StandardButton.No).click()
    assert not w2.isVisible()
    assert drafts.list_drafts(office, actor=officer) == []


def test_draft_list_delete(qtbot, office, officer, monkeypatch):
    from ui.session import UiSession
    from ui.views.drafts_panel import DraftsPanel

    drafts.save_draft(office, actor=officer, service_code="jamkesda", state={}, nik=nik(5), name="Ani")
    panel = DraftsPanel(UiSession(office, officer, new_runner()))
    qtbot.addWidget(panel)
    settle()
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "Jaminan Kesehatan Daerah (PBI APBD)"
    monkeypatch.setattr(panel, "confirm_delete", lambda _d: True)
    panel.delete_button.click()
    settle()
    assert panel.table.rowCount() == 0
    assert drafts.list_drafts(office, actor=officer) == []


def test_case_detail_attachments_add_drop_open_remove(qtbot, office, admin, tmp_path, monkeypatch):
    from tests.ui.test_case_detail import detail

    staff = Staff(office, admin)
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Peserta",
                        no_kk=kk(1), received=["kk"], data={"reason_code": "mampu"})
    v = detail(qtbot, office, staff.front_office, c.id)
    sec = v.attachments
    assert sec.add_button.isVisibleTo(sec) and sec.remove_button.isVisibleTo(sec)
    assert "Belum ada lampiran" in sec.state.text()
    sec.requirement.setCurrentIndex(sec.requirement.findData("ktp"))
    before = v.loaded
    ev = drop(sec, mime(scan(tmp_path, "ktp.png", PNG)))
    assert ev.isAccepted()
    settle()
    assert v.loaded is not before and len(v.loaded.attachments) == 1
    assert sec.table.rowCount() == 1 and sec.table.item(0, 1).text() == "ktp.png"
    assert sec.table.item(0, 3).text() == staff.front_office.full_name
    assert "(1)" in v.tabs.tabText(v.tabs.indexOf(sec))
    assert next(x for x in v.loaded.info.checklist if x.code == "ktp").received  # ticked by the scan
    # open: a checked copy handed to the system viewer
    opened = []
    sec.opener = opened.append
    sec.table.selectRow(0)
    sec.open_button.click()
    settle()
    assert bool(opened)
    assert opened[0].read_bytes() == PNG and opened[0].parent.parent == office.dirs.root / "sementara"
    # a bad file: the core's message, nothing stored
    from ui.views import attachments_section

    shown = []
    monkeypatch.setattr(attachments_section, "show_error", lambda _p, exc, _tb="": shown.append(str(exc)))
    sec.add_paths([scan(tmp_path, "kis.pdf", b"")], "kis")
    settle()
    assert bool(shown)
    assert "'kis.pdf' kosong" in shown[0] and not sec.busy
    assert len(attachments.list_attachments(office, actor=staff.front_office, case_id=c.id)) == 1
    # remove (confirmed)
    monkeypatch.setattr(sec, "confirm_remove", lambda _a: True)
    sec.table.selectRow(0)
    before = v.loaded
    sec.remove_button.click()
    settle()
    assert v.loaded is not before and not v.loaded.attachments
    assert sec.table.rowCount() == 0
    assert attachments.list_attachments(office, actor=staff.front_office, case_id=c.id) == []

    # a role that may only look: no add, no remove
    viewer = detail(qtbot, office, staff.kepala_dinas, c.id)
    assert not viewer.attachments.add_button.isVisibleTo(viewer.attachments)
    assert not viewer.attachments.remove_button.isVisibleTo(viewer.attachments)
    assert not drop(viewer.attachments, mime(scan(tmp_path, "x.pdf"))).isAccepted()


def test_wizard_refuses_a_scan_that_went_bad_and_saves_nothing(qtbot, office, officer, tmp_path, monkeypatch):
    """Intake is one transaction (app/services/intake.submit): a scan that can no longer be read refuses the
    whole intake with its reason; no case, no number, no copy is left, and the officer can fix it and save."""
    from app.db.models import Case
    from ui.wizards import service_wizard

    shown: list[str] = []
    monkeypatch.setattr(service_wizard, "show_error", lambda _p, exc, _tb="": shown.append(str(exc)))
    w = make_wizard(qtbot, office, officer, "penonaktifan")
    fill_person(qtbot, w)
    ktp = scan(tmp_path, "ktp.pdf")
    w.checklist_page.attach_paths([ktp], "ktp")
    tick(w, "kk", "kis", "surat_pernyataan")
    ktp.write_bytes(b"")  # the stick was pulled out and the file emptied before saving
    w.next()
    w.service_page.reason.setCurrentIndex(w.service_page.reason.findData("pindah_domisili"))
    w.next()
    w.button(QWizard.WizardButton.CommitButton).click()
    settle()
    assert w.result is None and shown and "kosong" in shown[0]
    assert w.button(QWizard.WizardButton.CommitButton).isEnabled()  # still on the summary: fix and save again
    with office.db.read() as s:
        assert s.exec(select(Attachment)).all() == [] and s.exec(select(Case)).all() == []
    ktp.write_bytes(PDF)
    w.button(QWizard.WizardButton.CommitButton).click()
    settle()
    assert w.result is not None and w.result.attached == 1


def test_main_window_resumes_a_draft_from_the_queue(qtbot, office, officer):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    state = {"person": {"nik": NIK, "name": "Siti Aminah", "no_kk": KK, "relation": "Istri"},
             "checklist": {"received": ["kk"]}, "service": {"reason": "meninggal", "evidence": "Surat kematian"}}
    d = drafts.save_draft(office, actor=officer, service_code="penonaktifan", state=state, nik=NIK, name="Siti")
    win = MainWindow(UiSession(office, officer, new_runner()), "Dinas Sosial")
    qtbot.addWidget(win)
    panel = win.queue.drafts
    settle()
    assert panel.table.rowCount() == 1 and panel.isVisibleTo(win)
    panel.resume_button.click()
    settle()
    assert win.wizard is not None
    w = win.wizard
    assert w.defn.code == "penonaktifan" and w.draft_id == d.id and w.isVisible()
    assert w.person_page.relation.currentText() == "Istri" and w.checklist_page.received() == ["kk"]
    assert w.service_page.reason.currentData() == "meninggal" and w.service_page.evidence.text() == "Surat kematian"
    assert not w.unsaved()  # nothing changed since the draft was loaded
    w.reject()
    assert not w.isVisible()
