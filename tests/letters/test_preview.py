"""Letter preview: the archived letter rendered to page images, without touching the archive."""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlmodel import func, select

from app.db.models import AuditEntry, Letter
from app.documents import pdf as pdf_mod
from app.documents import preview as preview_mod
from app.documents.examples import example_data
from app.errors import ValidationError
from app.services import letter_preview, letters
from app.services import settings as settings_svc
from tests.letters.conftest import HAS_SOFFICE

needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) tidak terpasang; .ci/run memasangnya")
NOV = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def _audit_count(o) -> int:
    with o.db.read() as s:
        return s.exec(select(func.count()).select_from(AuditEntry)).one()


def _dark_fraction(page: preview_mod.PageImage) -> float:
    """Share of pixels that are clearly not white paper."""
    dark = 0
    total = 0
    for y in range(0, page.height, 4):
        row = page.rgb[y * page.stride: y * page.stride + page.width * 3]
        for x in range(0, page.width * 3, 12):
            total += 1
            if row[x] + row[x + 1] + row[x + 2] < 600:
                dark += 1
    return dark / total


@needs_soffice
@pytest.mark.parametrize("paper, size_mm", [("A4", (210, 297)), ("F4", (215, 330))])
def test_preview_renders_the_issued_letter(lo, paper, size_mm):
    o, admin, clerk, _ = lo
    settings_svc.save(o, actor=admin, section="letters", value=replace(letters.load_settings(o), paper=paper))
    info = letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_pbi", data=example_data("rekomendasi_pbi"),
                                issued_at=NOV, pdf=False)
    docx_before = info.docx_path.read_bytes()
    audit_before = _audit_count(o)
    progress = []
    pv = letter_preview.preview(o, actor=clerk, letter_id=info.id, dpi=72,
                                progress=lambda f, m: progress.append((f, m)))
    assert pv.letter.source == "docx" and pv.letter.number == info.number and pv.letter.paper == paper
    assert pv.letter.page_count >= 1 and len(pv.pages) == pv.letter.page_count and not pv.truncated
    page = pv.pages[0]
    # 72 dpi: one pixel per point; the page is the letter's paper size
    assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == size_mm
    assert page.stride >= page.width * 3 and len(page.rgb) == page.stride * page.height
    assert 0.005 < _dark_fraction(page) < 0.5, "a letter page has text on white paper"
    assert progress[-1][0] == 1.0
    # a preview is not a reprint or an issue: archive, register and audit log unchanged
    assert info.docx_path.read_bytes() == docx_before
    assert letters.get_letter(o, letter_id=info.id).pdf_path is None
    assert sorted(p.name for p in info.docx_path.parent.iterdir()) == [info.docx_path.name]
    assert _audit_count(o) == audit_before


@needs_soffice
def test_preview_prefers_the_archived_pdf_and_renders_at_print_resolution(lo):
    o, _admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="usulan_jamkesda", data=example_data("usulan_jamkesda"),
                                issued_at=NOV, pdf=True)
    assert info.pdf_path is not None
    lp = letter_preview.letter_pdf(o, actor=clerk, letter_id=info.id)
    assert lp.source == "pdf" and lp.pdf == info.pdf_path.read_bytes() and lp.page_count == 2
    page = preview_mod.render_page(lp.pdf, 1, dpi=300)
    assert page.index == 1 and abs(page.width - 2480) <= 2 and abs(page.height - 3508) <= 2
    # the archived PDF edited afterwards: refused, like a reprint
    info.pdf_path.write_bytes(info.pdf_path.read_bytes() + b"\n% diubah")
    with pytest.raises(letters.ArchiveChanged, match="PDF arsip"):
        letter_preview.letter_pdf(o, actor=clerk, letter_id=info.id)


def test_preview_without_word_or_libreoffice_says_so_in_indonesian(lo, monkeypatch):
    o, _admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="tanda_terima", data=example_data("tanda_terima"),
                                pdf=False)
    monkeypatch.setattr(pdf_mod, "available_converter", lambda: None)
    monkeypatch.setattr(pdf_mod, "find_soffice", lambda: None)
    with pytest.raises(ValidationError) as err:
        letter_preview.preview(o, actor=clerk, letter_id=info.id)
    assert str(err.value).startswith("Pratinjau tidak dapat dibuat")
    assert "LibreOffice" in str(err.value) and "Microsoft Word" in str(err.value)


def test_voided_and_changed_letters_are_not_previewed(lo):
    o, _admin, clerk, boss = lo
    a = letters.issue_letter(o, actor=clerk, letter_type="tanda_terima", data=example_data("tanda_terima"), pdf=False)
    letters.void_letter(o, actor=boss, letter_id=a.id, reason="Salah ketik nama")
    with pytest.raises(ValidationError, match="dibatalkan"):
        letter_preview.letter_pdf(o, actor=clerk, letter_id=a.id)
    b = letters.issue_letter(o, actor=clerk, letter_type="tanda_terima", data=example_data("tanda_terima"), pdf=False)
    b.docx_path.write_bytes(b.docx_path.read_bytes() + b"x")
    with pytest.raises(letters.ArchiveChanged):
        letter_preview.letter_pdf(o, actor=clerk, letter_id=b.id)


def test_record_print_is_logged_as_a_reprint(lo):
    o, _admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="tanda_terima", data=example_data("tanda_terima"),
                                pdf=False)
    letter_preview.record_print(o, actor=clerk, letter_id=info.id, pages=1, printer="Epson L3110")
    with o.db.read() as s:
        last = s.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()  # type: ignore[union-attr]
        assert s.get(Letter, info.id).status == "issued"
    assert last.action == "letter.reprint" and last.new_values["format"] == "cetak"
    assert last.new_values["printer"] == "Epson L3110" and last.new_values["pages"] == 1


def _blank_pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595.3, 841.9)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


def test_render_limits_cancel_and_paper_names():
    pdf = _blank_pdf(5)
    assert preview_mod.page_count(pdf) == 5
    assert len(preview_mod.render_pages(pdf, dpi=20, max_pages=3)) == 3
    assert [p.index for p in preview_mod.render_pages(pdf, dpi=20, pages=[4, 9])] == [4]
    stop = threading.Event()
    stop.set()
    with pytest.raises(preview_mod.PreviewCancelled):
        preview_mod.render_pages(pdf, dpi=20, cancel=stop.is_set)
    with pytest.raises(ValidationError, match="dpi"):
        preview_mod.render_pages(pdf, dpi=2000)
    with pytest.raises(ValidationError, match="tidak dapat dibaca"):
        preview_mod.page_sizes(b"bukan pdf")
    assert preview_mod.paper_name(595.3, 841.9) == "A4"
    assert preview_mod.paper_name(609.4, 935.4) == "F4" and preview_mod.paper_name(935.4, 609.4) == "F4"
    assert preview_mod.paper_name(612, 792) is None  # US Letter
