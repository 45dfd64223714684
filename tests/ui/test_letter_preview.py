"""Letter preview in the window: opened from the case detail, pages shown, printed to a PDF file, saved."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.db.models import AuditEntry
from app.services import case_letters, cases
from tests.letters.conftest import HAS_SOFFICE
from tests.ui.casedata import kk, new_runner, nik

needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) tidak terpasang; .ci/run memasangnya")




def _case_with_letter(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Siti Aminah",
                        no_kk=kk(1), received=["ktp", "kk"])
    lt = case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="tanda_terima")
    return c, lt


def _detail(qtbot, office, actor, case_id):
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailView

    v = CaseDetailView(UiSession(office, actor, new_runner()), case_id)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.loaded is not None, timeout=20_000)
    return v


def _open_preview(qtbot, v):
    v.letters_table.selectRow(0)
    assert v.preview_button.isEnabled()
    v.letters_table.doubleClicked.emit(v.letters_table.model().index(0, 0))
    dlg = v.preview_dialog
    assert dlg is not None and dlg.isVisible()
    return dlg


@needs_soffice
def test_preview_from_case_detail_then_print_and_save(qtbot, office, staff, tmp_path):
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    c, lt = _case_with_letter(office, staff)
    v = _detail(qtbot, office, staff.back_office, c.id)
    dlg = _open_preview(qtbot, v)
    qtbot.waitUntil(lambda: bool(dlg.page_labels) and dlg.print_button.isEnabled(), timeout=20_000)
    page = dlg.page_labels[0].pixmap()
    assert page is not None and not page.isNull() and page.height() > page.width()
    assert dlg.letter.number == lt.number and dlg.letter.paper == "A4"
    assert "Halaman 1 dari 1" in dlg.page_label.text()
    assert lt.number in dlg.heading.text()

    # zoom: 100 % is the real size of an A4 page on a 96-dpi screen (794 px wide)
    dlg.actual_size.click()
    assert abs(dlg.page_labels[0].width() - 2 - 794) <= 2 and "100%" in dlg.zoom_label.text()
    dlg.zoom_in.click()
    assert dlg.current_zoom() == 1.1
    dlg.fit_width.click()
    assert dlg.zoom is None

    # print to a PDF file, bypassing the print dialog: one sheet per page at the letter's paper size
    printer = dlg.make_printer()
    out = tmp_path / "cetak.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dlg.print_to(printer) is not None
    qtbot.waitUntil(lambda: dlg.printed_pages is not None, timeout=30_000)
    assert dlg.printed_pages == dlg.letter.page_count
    doc = pdfium.PdfDocument(str(out))
    try:
        assert len(doc) == dlg.letter.page_count
        w, h = doc.get_page_size(0)
        assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (210, 297)
        bitmap = doc[0].render(scale=0.5)
        assert bitmap.to_pil().convert("L").getextrema()[0] < 100  # the page has ink on it
    finally:
        doc.close()
    with office.db.read() as s:
        last = s.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()  # type: ignore[union-attr]
    assert last.action == "letter.reprint" and last.new_values["format"] == "cetak"
    assert "dikirim ke printer" in dlg.status.text()

    # save copies: the archived Word file byte for byte, and a PDF
    docx = tmp_path / "salinan.docx"
    dlg.save_to(docx, pdf=False)
    qtbot.waitUntil(lambda: "Salinan disimpan" in dlg.status.text(), timeout=20_000)
    assert docx.read_bytes() == lt.docx_path.read_bytes()
    pdf = tmp_path / "salinan"
    dlg.save_to(pdf, pdf=True)
    qtbot.waitUntil(lambda: (tmp_path / "salinan.pdf").exists(), timeout=30_000)
    assert (tmp_path / "salinan.pdf").read_bytes()[:5] == b"%PDF-"

    dlg.close()


@needs_soffice
def test_f4_letter_is_printed_on_f4(qtbot, office, admin, staff, tmp_path):
    from dataclasses import replace

    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    from app.services import letters
    from app.services import settings as settings_svc

    settings_svc.save(office, actor=admin, section="letters", value=replace(letters.load_settings(office), paper="F4"))
    c, _lt = _case_with_letter(office, staff)
    v = _detail(qtbot, office, staff.back_office, c.id)
    dlg = _open_preview(qtbot, v)
    qtbot.waitUntil(lambda: dlg.print_button.isEnabled(), timeout=20_000)
    assert dlg.letter.paper == "F4"
    printer = dlg.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "f4.pdf"))
    dlg.print_to(printer)
    qtbot.waitUntil(lambda: dlg.printed_pages is not None, timeout=30_000)
    doc = pdfium.PdfDocument(str(tmp_path / "f4.pdf"))
    w, h = doc.get_page_size(0)
    doc.close()
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (215, 330)


def test_preview_without_converter_explains_and_still_saves_word(qtbot, office, staff, monkeypatch):
    from app.documents import pdf as pdf_mod

    monkeypatch.setattr(pdf_mod, "available_converter", lambda: None)
    c, _lt = _case_with_letter(office, staff)
    v = _detail(qtbot, office, staff.back_office, c.id)
    dlg = _open_preview(qtbot, v)
    qtbot.waitUntil(lambda: "Pratinjau tidak dapat dibuat" in dlg.status.text(), timeout=20_000)
    assert "LibreOffice" in dlg.status.text()
    assert not dlg.print_button.isEnabled() and not dlg.save_pdf.isEnabled() and dlg.save_docx.isEnabled()
    assert not dlg.page_labels


def test_voided_letter_has_no_preview(qtbot, office, staff):
    from app.services import letters

    c, lt = _case_with_letter(office, staff)
    letters.void_letter(office, actor=staff.supervisor, letter_id=lt.id, reason="Salah ketik nama")
    v = _detail(qtbot, office, staff.back_office, c.id)
    v.letters_table.selectRow(0)
    assert not v.preview_button.isEnabled()
    v.letters_table.doubleClicked.emit(v.letters_table.model().index(0, 0))
    assert v.preview_dialog is None


@needs_soffice
def test_preview_from_the_wizard_receipt(qtbot, office, make_user):
    from tests.ui.test_service_wizards import fill_person, finish, make_wizard

    officer = make_user("front_office")
    w = make_wizard(qtbot, office, officer, "penonaktifan")
    fill_person(qtbot, w)
    w.checklist_page.all_button.click()
    w.next()
    w.service_page.reason.setCurrentIndex(w.service_page.reason.findData("mampu"))
    w.next()
    res = finish(qtbot, w)
    page = w.receipt_page
    assert page.preview.isEnabled()
    page.preview.click()
    dlg = page.preview_dialog
    qtbot.waitUntil(lambda: bool(dlg.page_labels) and dlg.print_button.isEnabled(), timeout=20_000)
    assert dlg.letter.number == res.letter.number and not dlg.page_labels[0].pixmap().isNull()
    dlg.close()


@needs_soffice
def test_preview_fits_a_small_screen_and_offers_file_names_without_slashes(qtbot, office, staff, tmp_path,
                                                                         monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog

    c, lt = _case_with_letter(office, staff)
    assert "/" in lt.number
    v = _detail(qtbot, office, staff.back_office, c.id)
    dlg = _open_preview(qtbot, v)
    qtbot.waitUntil(lambda: dlg.print_button.isEnabled(), timeout=20_000)
    screen = dlg.screen().availableGeometry()  # the offscreen test screen is 800×600, smaller than 1366×768
    assert dlg.height() <= screen.height() - 40 and dlg.width() <= screen.width()
    for button in (dlg.print_button, dlg.save_pdf, dlg.close_button):
        bottom = button.mapTo(dlg, button.rect().bottomLeft()).y()
        assert 0 < bottom <= dlg.height(), button.objectName()  # every button in view
    printer = dlg.make_printer()
    clean = "Surat " + lt.number.replace("/", "-")
    assert printer.docName() == clean  # what the print dialog offers as "<name>.pdf"
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (offered.append(a[2]), ("", ""))[1])
    dlg.save_pdf.click()
    assert offered and offered[0].endswith(clean + ".pdf") and "/" not in offered[0].rsplit("/", 1)[-1]
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "Surat TT" / "294" / "surat.pdf"))  # what a slash in a name makes
    assert dlg.print_to(printer) is None
    assert "tidak ada" in dlg.status.text() and "Pilih folder lain" in dlg.status.text()
    dlg.close()
