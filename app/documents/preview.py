"""Pages of a letter as pictures: Word → PDF (the existing converter) → images rendered with pypdfium2.

No Qt here: a page comes back as plain RGB bytes the window turns into an image. PDFium is not
thread-safe, so every call into it holds one module lock (the window renders in worker threads).

    pdf = docx_to_pdf_bytes(Path("surat.docx"))           # temporary copy, converted, removed again
    for page in render_pages(pdf, dpi=96):
        page.width, page.height, page.rgb                  # rows of width*3 bytes, ``page.stride`` apart
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.documents.render import PAPER_SIZES
from app.errors import LoketError, ValidationError

#: pages a preview shows at most (a letter has 1–3; a monthly collective list may have hundreds)
MAX_PAGES = 60
#: resolution of the screen preview and of printing
SCREEN_DPI = 96.0
PRINT_DPI = 300.0
POINTS_PER_MM = 72 / 25.4

NO_CONVERTER = ("Pratinjau tidak dapat dibuat: Microsoft Word maupun LibreOffice tidak ditemukan di komputer ini. "
                "Surat tetap dapat dibuka dan dicetak dari Word (tombol \"Cetak ulang (Word)\"); pasang LibreOffice "
                "(libreoffice.org) agar pratinjau dan PDF tersedia.")

_PDFIUM = threading.Lock()


class PreviewCancelled(LoketError):
    """The user stopped the preview before it was ready."""


class PreviewUnavailable(ValidationError):
    """No converter on this computer, or it failed: the letter itself is fine (its Word file can be used)."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: ``rgb`` holds ``height`` rows of ``stride`` bytes (3 bytes per pixel, R-G-B)."""

    index: int
    width: int
    height: int
    stride: int
    rgb: bytes
    dpi: float
    width_pt: float
    height_pt: float

    @property
    def size_mm(self) -> tuple[float, float]:
        return self.width_pt / POINTS_PER_MM, self.height_pt / POINTS_PER_MM


def paper_name(width_pt: float, height_pt: float, tolerance_mm: float = 2.0) -> str | None:
    """``"A4"``/``"F4"`` for a page of that size (either orientation), else ``None``."""
    w, h = sorted((width_pt / POINTS_PER_MM, height_pt / POINTS_PER_MM))
    for name, (pw, ph) in PAPER_SIZES.items():
        if abs(w - pw) <= tolerance_mm and abs(h - ph) <= tolerance_mm:
            return name
    return None


def docx_to_pdf_bytes(docx: Path, *, cancel: threading.Event | None = None,
                      timeout: float = 60.0) -> bytes:
    """Convert a temporary copy of ``docx`` with Word or LibreOffice and return the PDF's bytes.

    Nothing is written next to ``docx`` (LibreOffice leaves lock files beside what it opens) and the
    temporary folder is removed afterwards, so no copy of the personal data stays behind.
    Raises :class:`PreviewUnavailable` with an Indonesian sentence when there is no converter or it fails.
    """
    from app.documents.pdf import available_converter, convert_to_pdf

    if available_converter() is None:
        raise PreviewUnavailable(NO_CONVERTER)
    with tempfile.TemporaryDirectory(prefix="loket-pratinjau-") as tmp:
        copy = Path(tmp) / "surat.docx"
        shutil.copyfile(docx, copy)
        result = convert_to_pdf([copy], Path(tmp) / "pdf", timeout_per_file=timeout, cancel=cancel)
        if result.cancelled or (cancel is not None and cancel.is_set()):
            raise PreviewCancelled("Pratinjau dibatalkan.")
        if result.converter is None:
            raise PreviewUnavailable(NO_CONVERTER)
        produced = result.done.get(copy)
        if produced is None:
            reason = result.failed.get(copy) or result.message
            raise PreviewUnavailable(f"Pratinjau tidak dapat dibuat: surat gagal diubah ke PDF ({reason}).")
        return produced.read_bytes()


def _open(pdf: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise ValidationError(f"Berkas PDF surat tidak dapat dibaca ({exc}).") from exc


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page in points (1/72 inch)."""
    with _PDFIUM:
        doc = _open(pdf)
        try:
            return [tuple(doc.get_page_size(i)) for i in range(len(doc))]
        finally:
            doc.close()


def render_pages(pdf: bytes, *, dpi: float = SCREEN_DPI, pages: Iterable[int] | None = None,
                 max_pages: int = MAX_PAGES, for_print: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> list[PageImage]:
    """Render ``pages`` (0-based; default: the first ``max_pages``) at ``dpi``.

    ``progress(done, total)`` is called after each page; ``cancel()`` returning true stops with
    :class:`PreviewCancelled`. A 300-dpi A4 page is about 26 MB, so callers that print render one page
    at a time with :func:`render_page` instead of holding all of them.
    """
    if not 10 <= dpi <= 600:
        raise ValidationError(f"Resolusi pratinjau {dpi:g} dpi di luar batas (10–600 dpi).")
    with _PDFIUM:
        doc = _open(pdf)
        try:
            count = len(doc)
            wanted = list(range(min(count, max_pages))) if pages is None else [p for p in pages if 0 <= p < count]
            out: list[PageImage] = []
            for n, index in enumerate(wanted, 1):
                if cancel is not None and cancel():
                    raise PreviewCancelled("Pratinjau dibatalkan.")
                out.append(_render(doc, index, dpi, for_print))
                if progress:
                    progress(n, len(wanted))
            return out
        finally:
            doc.close()


def render_page(pdf: bytes, index: int, *, dpi: float = PRINT_DPI, for_print: bool = True) -> PageImage:
    """One page (0-based) at ``dpi``."""
    pages = render_pages(pdf, dpi=dpi, pages=[index], for_print=for_print)
    if not pages:
        raise ValidationError(f"Halaman {index + 1} tidak ada di surat ini.")
    return pages[0]


def _render(doc, index: int, dpi: float, for_print: bool) -> PageImage:
    page = doc[index]
    try:
        width_pt, height_pt = page.get_size()
        options = {"optimize_mode": "print"} if for_print else {}
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, fill_color=(255, 255, 255, 255), **options)
        try:
            if bitmap.n_channels != 3:
                raise ValidationError(f"Format gambar halaman tidak terduga ({bitmap.mode}).")
            return PageImage(index=index, width=bitmap.width, height=bitmap.height, stride=bitmap.stride,
                             rgb=bytes(bitmap.buffer), dpi=dpi, width_pt=width_pt, height_pt=height_pt)
        finally:
            bitmap.close()
    finally:
        page.close()


def page_count(pdf: bytes) -> int:
    return len(page_sizes(pdf))
