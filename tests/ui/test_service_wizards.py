"""Each service's wizard as a counter officer goes through it: typing, ticking, Next — until the case and
its tanda terima are in the database."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.servicedefs import get as get_definition
from app.services import case_queries, cases, letters, settings
from tests.ui.casedata import add_dtsen, new_runner, settle

pytestmark = pytest.mark.clock

NIK = "1971014501850003"  # woman, born 05-01-1985
KK = "1971010101100021"



@pytest.fixture
def officer(make_user):
    return make_user("front_office")


def make_wizard(qtbot, office, actor, code):
    from ui.session import UiSession
    from ui.wizards.service_wizard import ServiceWizard

    runner = new_runner()
    saved = []
    w = ServiceWizard(UiSession(office, actor, runner), get_definition(office, code),
                      settings.load(office, RULES_SECTION, RuleSettings), on_saved=saved.append, pdf=False)
    qtbot.addWidget(w)
    w.show()
    w.saved = saved
    return w


def fill_person(qtbot, w, *, nik=NIK, name="Siti Aminah", kk=KK):
    page = w.person_page
    qtbot.keyClicks(page.nik, nik)
    qtbot.waitUntil(lambda: page.lookup_task is None and page.dtsen_state.text() != "Mencari di DTSEN…",
                    timeout=20_000)
    if not page.name.text():
        qtbot.keyClicks(page.name, name)
    if not page.no_kk.text():
        qtbot.keyClicks(page.no_kk, kk)
    qtbot.keyClicks(page.address, "Jl. Melati Gg. Kenanga No. 7")
    qtbot.keyClicks(page.rt, "003")
    qtbot.keyClicks(page.rw, "001")
    assert page.isComplete()
    w.next()
    settle()  # the identity check (KTP / DTSEN / tersimpan) runs in the worker, then the wizard moves on
    assert w.currentPage() is w.checklist_page


def tick(w, *codes):
    for code in codes:
        w.checklist_page.boxes[code].setChecked(True)


def finish(qtbot, w):
    assert w.currentPage() is w.summary_page
    w.button(QWizard.WizardButton.CommitButton).click()
    settle()
    assert w.result is not None
    assert w.currentPage() is w.receipt_page
    res = w.result
    assert w.saved == [res.case]
    assert res.letter is not None, res.letter_error
    assert res.letter.docx_path.exists()
    assert res.receipt.reg_number in w.receipt_page.text.text()
    return res


def test_pbi_baru_registered_in_dtsen(qtbot, office, officer):
    add_dtsen(office, NIK, desil=2, name="SITI AMINAH")
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    fill_person(qtbot, w)
    assert "Terdaftar" in w.person_page.dtsen_state.text() and w.person_page.name.text() == "SITI AMINAH"
    assert "Belum ada" in w.checklist_page.state.text()
    tick(w, "ktp", "kk", "sktm")
    assert "lengkap" in w.checklist_page.state.text()
    w.next()
    w.service_page.is_urgent.setChecked(True)
    assert not w.service_page.isComplete()  # urgency needs its description
    qtbot.keyClicks(w.service_page.note, "rawat inap di RSUD sejak 20-11-2026")
    w.next()
    assert "DARURAT" in w.summary_page.text.text()
    res = finish(qtbot, w)
    c = cases.get_case(office, actor=officer, case_id=res.case.id)
    assert c.urgent and c.complete and c.nik == NIK and c.no_kk == KK
    assert [x.letter_type for x in letters.list_letters(office, case_id=c.id)] == ["tanda_terima"]


def test_invalid_nik_blocks_next(qtbot, office, officer):
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    qtbot.keyClicks(w.person_page.nik, "3.27E+15")
    assert not w.person_page.isComplete()
    assert w.person_page.nik_state.text()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_penonaktifan_reason_required(qtbot, office, officer):
    w = make_wizard(qtbot, office, officer, "penonaktifan")
    fill_person(qtbot, w)
    tick(w, "kk", "ktp", "kis", "surat_pernyataan")
    w.next()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    w.service_page.reason.setCurrentIndex(w.service_page.reason.findData("meninggal"))
    qtbot.keyClicks(w.service_page.evidence, "Surat Keterangan Kematian dari kelurahan")
    # a death is reported by someone else: the reporter (name, NIK, relation) is required, the NIK checked
    page = w.service_page
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled() and "pelapor" in page.reporter_state.text()
    qtbot.keyClicks(page.reporter_name, "Ahmad Fauzi")
    qtbot.keyClicks(page.reporter_nik, "1971010505800004")
    page.reporter_relation.setCurrentText("Anak")
    assert w.button(QWizard.WizardButton.NextButton).isEnabled() and page.reporter_state.text() == ""
    w.next()
    res = finish(qtbot, w)
    c = cases.advance(office, actor=officer, case_id=res.case.id, version=res.case.version)
    assert c.current_step == "penerbitan_surat" and c.data["alasan"] == "Meninggal dunia"
    assert c.data["pelapor"] == {"nama": "Ahmad Fauzi", "nik": "1971010505800004", "hubungan": "Anak",
                                 "alamat": "", "no_hp": ""}


def test_reaktivasi_sk(qtbot, office, officer, pinned):
    w = make_wizard(qtbot, office, officer, "reaktivasi-sk")
    fill_person(qtbot, w)
    tick(w, "kartu_jkn", "kk", "identitas", "status_bpjs", "surat_faskes")
    w.next()
    page = w.service_page
    # no invented facts: the status and the date start empty, and "Lanjut" says why it waits
    assert page.status.currentData() is None and page.deactivated.text() == ""
    next_button = w.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled() and "status di bpjs" in next_button.toolTip().lower()
    assert "status di bpjs" in w.why_next.text().lower()
    page.status.setCurrentIndex(page.status.findData("nonaktif"))
    assert not next_button.isEnabled() and "tanggal nonaktif" in w.why_next.text()
    qtbot.keyClicks(page.deactivated, "31-02-2026")  # typed straight in, dd-mm-yyyy; a day that does not exist
    assert not next_button.isEnabled() and "tidak ada di kalender" in w.why_next.text()
    page.deactivated.clear()
    qtbot.keyClicks(page.deactivated, "15-09-2026")
    assert "masih dalam batas" in page.limit_state.text() and "15-09-2026" in page.limit_state.text()
    assert next_button.isEnabled() and not w.why_next.isVisible()
    w.next()
    res = finish(qtbot, w)
    c = cases.advance(office, actor=officer, case_id=res.case.id, version=res.case.version)
    assert c.current_step == "lapor_dinas" and c.data["bpjs_status"] == "nonaktif"
    assert c.data["deactivated_on"] == "2026-09-15"


def test_reaktivasi_rekom_with_bpjs_confirmation(qtbot, office, officer, pinned):
    w = make_wizard(qtbot, office, officer, "reaktivasi-rekom")
    fill_person(qtbot, w)
    tick(w, "kk", "ktp", "kis", "sk_dtsen")
    w.next()
    page = w.service_page
    assert not page.isComplete() and "tanggal nonaktif" in w.why_next.text()
    qtbot.keyClicks(page.deactivated, "15-09-2026")
    assert page.isComplete()
    page.confirm.setChecked(True)
    assert not page.isComplete()
    qtbot.keyClicks(page.by, "Rina (BPJS KC Pangkalpinang)")
    assert page.when.text() == "" and "waktu konfirmasi" in w.why_next.text().lower()  # never "now" by itself
    qtbot.keyClicks(page.when, "03-12-2026 09.10")
    assert not page.isComplete() and "jawaban" in w.why_next.text().lower()
    page.answer.setCurrentIndex(page.answer.findData("dapat_direaktivasi"))
    w.next()
    res = finish(qtbot, w)
    conf = res.case.data["bpjs_confirmation"]
    assert conf["confirmed_by"] == "Rina (BPJS KC Pangkalpinang)" and conf["answer"] == "dapat_direaktivasi"
    assert conf["confirmed_at"].startswith("2026-12-03T09:10") and res.case.data["deactivated_on"] == "2026-09-15"


def test_jamkesda_live_score(qtbot, office, officer):
    w = make_wizard(qtbot, office, officer, "jamkesda")
    fill_person(qtbot, w)
    w.checklist_page.all_button.click()
    w.next()
    page = w.service_page
    assert page.va.currentText() == "" and page.dependants.text() == "— isi —"  # no 900 VA, no 0 assumed
    assert not page.isComplete() and "daya listrik" in w.why_next.text().lower()
    qtbot.keyClicks(page.va.lineEdit(), "900")
    assert "Jumlah tanggungan belum diisi" in page.va_state.text() and "jumlah tanggungan" in w.why_next.text().lower()
    page.dependants.setValue(3)
    assert page.isComplete() and "✓ Daya listrik 900 VA" in page.va_state.text()
    page.survey.setChecked(True)
    for code in list(page.indicators)[:6]:
        page.indicators[code].setChecked(True)
    assert "Skor 6" in page.score_label.text() and "memenuhi kriteria" in page.score_label.text()
    w.next()
    res = finish(qtbot, w)
    assert res.case.data["indicators"] and res.case.data["dependants"] == 3 and res.case.data["electricity_va"] == 900
    assert case_queries.count_cases(office, actor=officer, service_code="jamkesda") == 1


def test_incomplete_file_is_kept_with_what_is_missing(qtbot, office, officer):
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    fill_person(qtbot, w)
    tick(w, "ktp")
    w.next()
    w.next()
    assert "belum lengkap" in w.summary_page.text.text()
    res = finish(qtbot, w)
    assert res.case.status == "draft" and res.receipt.missing
    assert "Belum ada" in w.receipt_page.text.text()


def test_receipt_pdf_made_in_the_background(qtbot, office, officer):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice tidak terpasang")
    w = make_wizard(qtbot, office, officer, "penonaktifan")
    fill_person(qtbot, w)
    w.checklist_page.all_button.click()
    w.next()
    w.service_page.reason.setCurrentIndex(w.service_page.reason.findData("mampu"))
    w.next()
    res = finish(qtbot, w)
    page = w.receipt_page
    assert page.make_pdf.isVisibleTo(page) and not page.open_pdf.isVisibleTo(page)
    page.make_pdf.click()
    qtbot.waitUntil(lambda: res.letter.pdf_path is not None or "tidak dapat" in page.letter_state.text(),
                    timeout=120_000)
    assert res.letter.pdf_path is not None and res.letter.pdf_path.exists(), page.letter_state.text()
    assert page.open_pdf.isVisibleTo(page) and not page.make_pdf.isVisibleTo(page)


def test_keyboard_only_enter_advances(qtbot, office, officer):
    from PySide6.QtCore import Qt

    w = make_wizard(qtbot, office, officer, "pbi-baru")
    page = w.person_page
    qtbot.keyClicks(page.nik, NIK)
    settle()
    assert page.lookup_task is None
    qtbot.keyClicks(page.name, "Siti Aminah")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    settle()  # the identity check (KTP / DTSEN / tersimpan) runs in the worker, then the wizard moves on
    assert w.currentPage() is w.checklist_page


def test_jamkesda_forms_printed_from_the_wizard_then_from_the_case(qtbot, office, officer):
    """The form set handed out at step 1 is printed from the checklist page for the person typed so far; the
    case window prints the same forms for the saved case."""
    from docx import Document

    from tests.ui.test_case_detail import detail

    w = make_wizard(qtbot, office, officer, "jamkesda")
    fill_person(qtbot, w)
    button = w.checklist_page.forms_button
    button.open_files = False
    assert button.isVisibleTo(w.checklist_page)
    assert [a.objectName() for a in button.menu().actions()] == ["form_daftar_isian_jamkesda",
                                                                  "form_pernyataan_calon_peserta"]
    button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: button.last is not None, timeout=20_000)
    doc = Document(str(button.last.docx_path))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows
                                                                for c in r.cells)
    assert "Siti Aminah" in text and NIK in text and KK in text and "DAFTAR ISIAN" in text
    v = detail(qtbot, office, officer, cases.open_case(office, actor=officer, service_code="jamkesda", nik=NIK,
                                                       name="Siti Aminah").id)
    qtbot.waitUntil(lambda: v.forms_button is not None, timeout=20_000)
    assert v.forms_button is not None
    v.forms_button.open_files = False
    v.forms_button.menu().actions()[1].trigger()
    qtbot.waitUntil(lambda: v.forms_button is not None and v.forms_button.last is not None, timeout=20_000)
    assert v.forms_button.last.key == "pernyataan_calon_peserta" and v.forms_button.last.docx_path.exists()


def test_every_intake_page_a_definition_may_name_exists():
    from app.servicedefs.loader import INTAKE_PAGES
    from ui.wizards.service_wizard import SERVICE_PAGES

    assert set(SERVICE_PAGES) == set(INTAKE_PAGES)
