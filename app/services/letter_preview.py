"""Preview and print an archived letter inside the window (SPEC §3: preview, print, reprint).

The preview shows exactly what is archived: the archived PDF when there is one (checked against its
SHA-256), otherwise a temporary copy of the archived .docx (checked the same way as a reprint) converted
by Word or LibreOffice into a temporary folder that is removed again. A preview changes nothing — no PDF
is added to the archive, the register row stays as it is, and nothing is written to the audit log,
because looking is not issuing. Printing from the preview *is* a reprint and is logged as one
(:func:`record_print`), like "Cetak ulang" and "Simpan salinan".

    lp = letter_preview.letter_pdf(office, actor=actor, letter_id=7)
    pv = letter_preview.preview(office, actor=actor, letter_id=7, dpi=96)   # pages as RGB images
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.context import Office
from app.db.models import Letter
from app.documents import preview as pages_mod
from app.documents.preview import MAX_PAGES, SCREEN_DPI, PageImage, PreviewCancelled, PreviewUnavailable
from app.errors import NotFound
from app.rules.permissions import Actor, require
from app.services import audit, case_letters, letters

__all__ = ["KonsepPreview", "LetterPdf", "LetterPreview", "PreviewCancelled", "PreviewUnavailable", "konsep_preview",
           "letter_pdf", "preview", "record_print"]


@dataclass(frozen=True)
class LetterPdf:
    """The letter as PDF bytes, ready to render or print (kept in memory only)."""

    letter_id: int
    number: str
    title: str
    pdf: bytes
    source: str  # "pdf": the archived PDF; "docx": converted from the archived Word file for this preview
    page_sizes: tuple[tuple[float, float], ...]  # points, per page

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    @property
    def paper(self) -> str | None:
        """``"A4"`` or ``"F4"`` (from the first page), ``None`` for another size."""
        return pages_mod.paper_name(*self.page_sizes[0]) if self.page_sizes else None


@dataclass(frozen=True)
class LetterPreview:
    letter: LetterPdf
    pages: tuple[PageImage, ...]  # the first MAX_PAGES pages at most

    @property
    def truncated(self) -> bool:
        return len(self.pages) < self.letter.page_count


def letter_pdf(office: Office, *, actor: Actor, letter_id: int,
               cancel: threading.Event | None = None) -> LetterPdf:
    """The archived letter as PDF bytes (see the module text); refuses voided and changed letters."""
    require(actor, "letter.reprint")
    with office.db.read() as s:
        row = s.get(Letter, letter_id)
        if row is None:
            raise NotFound(f"Surat #{letter_id} tidak ditemukan di register.")
        pdf_sha = row.pdf_sha256
    info = letters.get_letter(office, letter_id=letter_id)
    letters.check_printable(office, info)
    if info.pdf_path is not None and info.pdf_path.exists():
        data = info.pdf_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != pdf_sha:
            raise letters.ArchiveChanged(f"PDF arsip surat {info.number} telah berubah sejak dibuat (SHA-256 tidak "
                                         "cocok); pratinjau tidak ditampilkan. Periksa dengan 'loket-pbi check'.")
        source = "pdf"
    else:
        data = pages_mod.docx_to_pdf_bytes(info.docx_path, cancel=cancel)
        source = "docx"
    sizes = tuple(pages_mod.page_sizes(data))
    return LetterPdf(letter_id=info.id, number=info.number, title=info.title, pdf=data, source=source,
                     page_sizes=sizes)


def preview(office: Office, *, actor: Actor, letter_id: int, dpi: float = SCREEN_DPI, max_pages: int = MAX_PAGES,
            progress: Callable[[float, str], None] | None = None,
            cancel: threading.Event | None = None) -> LetterPreview:
    """The letter's pages rendered at ``dpi`` (for the screen). ``progress(fraction, message)`` may come
    from a worker thread; setting ``cancel`` stops the conversion or the rendering."""
    if progress:
        progress(0.05, "Menyiapkan surat…")
    lp = letter_pdf(office, actor=actor, letter_id=letter_id, cancel=cancel)
    if progress:
        progress(0.5, "Menggambar halaman…")

    def rendered(done: int, total: int) -> None:
        if progress:
            progress(0.5 + 0.5 * done / max(total, 1), f"Halaman {done} dari {total}")

    images = pages_mod.render_pages(lp.pdf, dpi=dpi, max_pages=max_pages, progress=rendered,
                                    cancel=(cancel.is_set if cancel is not None else None))
    return LetterPreview(lp, tuple(images))


def record_print(office: Office, *, actor: Actor, letter_id: int, pages: int, printer: str = "",
                 copies: int = 1) -> None:
    """Log a print from the preview as a reprint (the archive is checked again first)."""
    require(actor, "letter.reprint")
    info = letters.get_letter(office, letter_id=letter_id)
    letters.check_printable(office, info)
    with office.db.write() as s:
        audit.record(s, actor=actor, action="letter.reprint", entity="letter", entity_id=info.id,
                     new={"number": info.number, "format": "cetak", "pages": pages, "copies": copies,
                          "printer": printer[:120]})


@dataclass(frozen=True)
class KonsepPreview:
    """The pages of a case's KONSEP (a draft without a number), for the paraf and signature steps."""

    case_id: int
    key: str
    pages: tuple[PageImage, ...]
    page_count: int


def konsep_preview(office: Office, *, actor: Actor, case_id: int, key: str, dpi: float = SCREEN_DPI,
                   max_pages: int = MAX_PAGES, cancel: threading.Event | None = None) -> KonsepPreview:
    """The KONSEP rendered for the screen, checked against the SHA-256 it was made with (see
    :func:`app.services.case_letters.konsep_path`). Looking changes nothing and is not logged."""
    path = case_letters.konsep_path(office, actor=actor, case_id=case_id, key=key)
    data = pages_mod.docx_to_pdf_bytes(path, cancel=cancel)
    images = pages_mod.render_pages(data, dpi=dpi, max_pages=max_pages,
                                    cancel=(cancel.is_set if cancel is not None else None))
    return KonsepPreview(case_id=case_id, key=key, pages=tuple(images), page_count=pages_mod.page_count(data))
