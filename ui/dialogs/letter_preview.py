"""Pratinjau surat: the archived letter's pages inside the window, with print and save.

The pages are rendered by the core (:mod:`app.services.letter_preview`) in a worker; this dialog only
turns the RGB bytes into images. Printing renders each page again at up to 300 dpi in a worker and
paints it onto the printer (QPainter on a QPrinter is allowed outside the GUI thread), one page per
sheet at the letter's own paper size; the print is then logged as a reprint.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.documents import preview as pages_mod
from app.documents.preview import PageImage
from app.errors import LoketError
from app.filenames import offered_file_name
from app.services import letter_preview, letters
from ui.errors import show_error
from ui.session import UiSession
from ui.tasks import Task
from ui.widgets import fit_to_screen

#: resolution of the on-screen pages: sharp up to about 125 % zoom, 4 MB per A4 page
PREVIEW_DPI = 120.0
#: pages shown at most (a collective list can be long; printing and saving always take all pages)
PREVIEW_PAGES = 30
ZOOMS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0)
SCREEN_DPI = 96.0  # "100 %" = the paper's real size on a standard screen


def page_qimage(page: PageImage) -> QImage:
    """A QImage that owns its pixels (the bytes from the core are not kept)."""
    image = QImage(page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()


def paper_page_size(width_pt: float, height_pt: float) -> QPageSize:
    """The letter's paper for the printer: A4 as Qt's A4, F4 (215 × 330 mm) as a named custom size."""
    name = pages_mod.paper_name(width_pt, height_pt)
    if name == "A4":
        return QPageSize(QPageSize.PageSizeId.A4)
    w_mm, h_mm = width_pt / pages_mod.POINTS_PER_MM, height_pt / pages_mod.POINTS_PER_MM
    return QPageSize(QSizeF(round(w_mm), round(h_mm)), QPageSize.Unit.Millimeter, name or "Surat",
                     QPageSize.SizeMatchPolicy.ExactMatch)


def prepare_printer(printer: QPrinter, lp: letter_preview.LetterPdf) -> None:
    """Paper size of the letter, portrait, no extra margins (the letter's own margins are on the page)."""
    if lp.page_sizes:
        w, h = lp.page_sizes[0]
        printer.setPageSize(paper_page_size(w, h))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    # the print dialog offers "<document name>.pdf" when printing to a file: no slashes from the number
    printer.setDocName(offered_file_name(QCoreApplication.translate("LetterPreviewDialog", "Surat {number}")
                                         .format(number=lp.number), fallback="Surat"))


def check_output_file(printer: QPrinter) -> None:
    """Printing to a PDF file: refuse, in Indonesian and before any page is drawn, a file whose folder does not
    exist or cannot be written (Qt would fail with an English message or none)."""
    name = printer.outputFileName()
    if not name:
        return
    target = Path(name)
    folder = target.parent
    if target.is_dir():
        raise LoketError(QCoreApplication.translate(
            "LetterPreviewDialog", "{path} adalah folder; ketik juga nama berkasnya, mis. Surat.pdf.").format(
                path=target))
    if not folder.is_dir():
        raise LoketError(QCoreApplication.translate(
            "LetterPreviewDialog", "Folder {folder} tidak ada. Pilih folder lain untuk berkas PDF-nya.").format(
                folder=folder))
    if not os.access(folder, os.W_OK):
        raise LoketError(QCoreApplication.translate(
            "LetterPreviewDialog", "Folder {folder} tidak boleh ditulisi. Pilih folder lain, mis. Dokumen.").format(
                folder=folder))


def paint_pages(printer: QPrinter, lp: letter_preview.LetterPdf, task: Task | None = None) -> int:
    """Paint every page of the letter onto ``printer``, one page per sheet; returns the pages printed.

    Runs in a worker. Each page is rendered at the printer's resolution (at most 300 dpi), scaled to
    fit the sheet without distortion and centred; a page is dropped from memory once painted.
    """
    dpi = float(min(max(printer.resolution(), 96), pages_mod.PRINT_DPI))
    painter = QPainter()
    if not painter.begin(printer):
        raise LoketError(QCoreApplication.translate(
            "LetterPreviewDialog", "Printer tidak dapat dipakai (belum siap, tidak tersambung, atau ditolak oleh "
            "sistem). Periksa printer lalu coba lagi."))
    done = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for index in range(lp.page_count):
            if task is not None and task.is_cancelled():
                printer.abort()
                break
            if index > 0 and not printer.newPage():
                raise LoketError(QCoreApplication.translate(
                    "LetterPreviewDialog", "Printer menolak halaman berikutnya; pencetakan dihentikan."))
            image = page_qimage(pages_mod.render_page(lp.pdf, index, dpi=dpi))
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y(), w, h), image)
            done += 1
            if task is not None:
                task.report(done / lp.page_count, message=QCoreApplication.translate(
                    "LetterPreviewDialog", "Mencetak halaman {n} dari {total}").format(n=done, total=lp.page_count))
    finally:
        painter.end()
    return done


class LetterPreviewDialog(QDialog):
    """``LetterPreviewDialog(session, letter_id).show()``: loads and renders in the background."""

    def __init__(self, session: UiSession, letter_id: int, *, caption: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.letter_id = session, letter_id
        self.letter: letter_preview.LetterPdf | None = None
        self.images: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self.zoom: float | None = None  # None = fit to width
        self.cancel_event = threading.Event()
        self.task: Task | None = None
        self.print_task: Task | None = None
        self.printed_pages: int | None = None
        self._printer: QPrinter | None = None
        self._closed = False
        self.setWindowTitle(self.tr("Pratinjau surat") + (f" — {caption}" if caption else ""))
        fit_to_screen(self, 860, 900)  # a 768-pixel screen keeps the buttons in view
        layout = QVBoxLayout(self)

        self.heading = QLabel(caption or self.tr("Memuat surat…"))
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)

        tools = QHBoxLayout()
        self.zoom_out = QPushButton("−")
        self.zoom_out.setToolTip(self.tr("Perkecil (Ctrl+-)"))
        self.zoom_out.setShortcut("Ctrl+-")
        self.zoom_in = QPushButton("+")
        self.zoom_in.setToolTip(self.tr("Perbesar (Ctrl++)"))
        self.zoom_in.setShortcut("Ctrl++")
        self.fit_width = QPushButton(self.tr("Sesuai &lebar"))
        self.actual_size = QPushButton("100%")
        self.actual_size.setToolTip(self.tr("Ukuran sebenarnya"))
        self.zoom_label = QLabel("")
        self.page_label = QLabel("")
        self.page_label.setObjectName("page_counter")
        for w in (self.zoom_out, self.zoom_in, self.fit_width, self.actual_size, self.zoom_label):
            tools.addWidget(w)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        layout.addLayout(tools)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("pages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setStyleSheet("QScrollArea { background: #6b6b6b; }")
        self.pages_widget = QWidget()
        self.pages_widget.setStyleSheet("background: #6b6b6b;")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setSpacing(16)
        self.pages_layout.setContentsMargins(16, 16, 16, 16)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.pages_widget)
        layout.addWidget(self.scroll, 1)

        status = QHBoxLayout()
        self.status = QLabel(self.tr("Menyiapkan pratinjau…"))
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("&Batalkan"))
        self.cancel_button.setObjectName("cancel")
        status.addWidget(self.status, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        layout.addLayout(status)

        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Cetak…"))
        self.print_button.setObjectName("print")
        self.save_pdf = QPushButton(self.tr("Simpan &PDF…"))
        self.save_pdf.setObjectName("save_pdf")
        self.save_docx = QPushButton(self.tr("Simpan &Word…"))
        self.save_docx.setObjectName("save_docx")
        self.close_button = QPushButton(self.tr("&Tutup"))
        self.close_button.setObjectName("close")
        for b in (self.print_button, self.save_pdf, self.save_docx):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.zoom_out.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self._step_zoom(1))
        self.fit_width.clicked.connect(lambda: self.set_zoom(None))
        self.actual_size.clicked.connect(lambda: self.set_zoom(1.0))
        self.cancel_button.clicked.connect(self._cancel)
        self.print_button.clicked.connect(self._print)
        self.save_pdf.clicked.connect(lambda: self._save(pdf=True))
        self.save_docx.clicked.connect(lambda: self._save(pdf=False))
        self.close_button.clicked.connect(self.close)
        self.scroll.verticalScrollBar().valueChanged.connect(self._update_page_counter)
        self._set_ready(False)
        self.save_docx.setEnabled(True)
        self._load()

    # ------------------------------------------------------------------ loading
    def _load(self) -> None:
        o, a, lid, stop = self.session.office, self.session.actor, self.letter_id, self.cancel_event

        def work(task: Task) -> letter_preview.LetterPreview:
            return letter_preview.preview(o, actor=a, letter_id=lid, dpi=PREVIEW_DPI, max_pages=PREVIEW_PAGES,
                                          progress=lambda f, m: task.report(f, message=m), cancel=stop)

        self.task = self.session.runner.run(work, on_done=self._loaded, on_error=self._load_failed,
                                            on_progress=self._progressed)

    def _progressed(self, percent: int, message: str) -> None:
        if self._closed:
            return
        self.progress.setValue(percent)
        if message:
            self.status.setText(message)

    def _loaded(self, pv: letter_preview.LetterPreview) -> None:
        if self._closed:
            return
        self.letter = pv.letter
        self.images = [page_qimage(p) for p in pv.pages]
        lp = pv.letter
        paper = lp.paper or self.tr("ukuran lain")
        source = (self.tr("PDF arsip") if lp.source == "pdf"
                  else self.tr("berkas Word arsip (diubah ke PDF hanya untuk pratinjau)"))
        self.heading.setText(f"<b>{lp.number}</b> — {lp.title}<br><small>{lp.page_count} "
                             + self.tr("halaman") + f", {self.tr('kertas')} {paper} · {self.tr('dari')} {source}"
                             + "</small>")
        for label in self.page_labels:
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        for n in range(len(self.images)):
            label = QLabel()
            label.setObjectName(f"page_{n + 1}")
            label.setStyleSheet("background: white; border: 1px solid #444;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self._apply_zoom()
        if pv.truncated:
            self.status.setText(self.tr("Pratinjau menampilkan {shown} halaman pertama dari {total}; cetak dan "
                                        "simpan PDF memuat semua halaman.").format(shown=len(self.images),
                                                                                 total=lp.page_count))
        else:
            self.status.setText(self.tr("Siap dicetak."))
        self._finish_task()
        self._set_ready(True)
        self._update_page_counter()  # at once, then again once the pages are laid out
        QTimer.singleShot(0, self._update_page_counter)

    def _load_failed(self, exc: BaseException, tb: str) -> None:
        if self._closed:
            return
        self._finish_task()
        self.heading.setText(self.tr("Pratinjau tidak tersedia."))
        if isinstance(exc, letter_preview.PreviewCancelled):
            self.status.setText(self.tr("Pratinjau dibatalkan."))
        elif isinstance(exc, LoketError):
            self.status.setStyleSheet("color:#b00020")
            self.status.setText(str(exc))
        else:
            self.status.setText(self.tr("Pratinjau gagal dibuat."))
            show_error(self, exc, tb)
        self._set_ready(False)
        # without a converter the letter itself is fine: its Word file can still be saved and printed from Word
        self.save_docx.setEnabled(isinstance(exc, (letter_preview.PreviewUnavailable,
                                                   letter_preview.PreviewCancelled)))

    def _finish_task(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.task = None

    def _cancel(self) -> None:
        self.cancel_event.set()
        for t in (self.task, self.print_task):
            if t is not None:
                t.cancel()
        self.status.setText(self.tr("Membatalkan…"))

    def _set_ready(self, ready: bool) -> None:
        for w in (self.print_button, self.save_pdf, self.zoom_in, self.zoom_out, self.fit_width, self.actual_size):
            w.setEnabled(ready)

    # ------------------------------------------------------------------ zoom and page counter
    def _fit_zoom(self) -> float:
        if not self.images or self.letter is None:
            return 1.0
        bar = self.scroll.verticalScrollBar()
        # leave room for the vertical scroll bar even before it appears, else fitting makes a horizontal one
        avail = self.scroll.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width()) - 2 * 16 - 4
        page_px = self.letter.page_sizes[0][0] / 72 * SCREEN_DPI
        return max(0.25, min(3.0, avail / page_px))

    def current_zoom(self) -> float:
        return self._fit_zoom() if self.zoom is None else self.zoom

    def set_zoom(self, zoom: float | None) -> None:
        self.zoom = zoom
        self._apply_zoom()

    def _step_zoom(self, direction: int) -> None:
        z = self.current_zoom()
        if direction > 0:
            bigger = [x for x in ZOOMS if x > z + 0.01]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1])
        else:
            smaller = [x for x in ZOOMS if x < z - 0.01]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def _apply_zoom(self) -> None:
        if not self.images:
            return
        z = self.current_zoom()
        ratio = self.devicePixelRatioF()
        for image, label in zip(self.images, self.page_labels, strict=True):
            w = image.width() / PREVIEW_DPI * SCREEN_DPI * z
            h = image.height() / PREVIEW_DPI * SCREEN_DPI * z
            pix = QPixmap.fromImage(image.scaled(round(w * ratio), round(h * ratio),
                                                 Qt.AspectRatioMode.IgnoreAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
            pix.setDevicePixelRatio(ratio)
            label.setPixmap(pix)
            label.setFixedSize(round(w) + 2, round(h) + 2)
        self.zoom_label.setText(f"{z * 100:.0f}%" + (" " + self.tr("(sesuai lebar)") if self.zoom is None else ""))
        self.zoom_out.setEnabled(z > ZOOMS[0] + 0.01)
        self.zoom_in.setEnabled(z < ZOOMS[-1] - 0.01)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.zoom is None and self.images:
            QTimer.singleShot(0, self._apply_zoom)

    def current_page(self) -> int:
        """1-based page at the middle of the view."""
        if not self.page_labels:
            return 0
        middle = self.scroll.verticalScrollBar().value() + self.scroll.viewport().height() // 2
        for n, label in enumerate(self.page_labels, 1):
            if label.geometry().bottom() + 8 >= middle:
                return n
        return len(self.page_labels)

    def _update_page_counter(self) -> None:
        if self._closed or self.letter is None or not self.page_labels:
            return
        self.page_label.setText(self.tr("Halaman {n} dari {total}").format(n=self.current_page(),
                                                                           total=self.letter.page_count))

    # ------------------------------------------------------------------ print and save
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.letter is not None:
            prepare_printer(printer, self.letter)
        return printer

    def _print(self) -> None:
        if self.letter is None or self.print_task is not None:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak surat {number}").format(number=self.letter.number))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Task | None:
        """Print every page on ``printer`` (already set up) in the background, then log the reprint."""
        lp = self.letter
        if lp is None or self.print_task is not None:
            return None
        o, a = self.session.office, self.session.actor
        try:
            check_output_file(printer)
        except LoketError as exc:
            self.status.setStyleSheet("color:#b00020")
            self.status.setText(str(exc))
            return None
        self._printer = printer  # kept alive until the worker is done
        self.printed_pages = None
        name = printer.printerName() or printer.outputFileName()

        def work(task: Task) -> int:
            pages = paint_pages(printer, lp, task)
            if pages and not task.is_cancelled():
                letter_preview.record_print(o, actor=a, letter_id=lp.letter_id, pages=pages, printer=name,
                                            copies=printer.copyCount())
            return pages

        self.print_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Mengirim ke printer…"))
        self.print_task = self.session.runner.run(work, on_done=self._printed, on_error=self._print_failed,
                                                  on_progress=self._progressed)
        return self.print_task

    def _printed(self, pages: int) -> None:
        self.printed_pages = pages
        self._printer = None
        if self._closed:
            return
        self.print_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.print_button.setEnabled(True)
        if pages < (self.letter.page_count if self.letter else 0):
            self.status.setText(self.tr("Pencetakan dibatalkan."))
        else:
            self.status.setText(self.tr("{pages} halaman dikirim ke printer; tercatat sebagai cetak ulang.")
                                .format(pages=pages))

    def _print_failed(self, exc: BaseException, tb: str) -> None:
        self._printer = None
        self.printed_pages = 0
        if self._closed:
            return
        self.print_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("Pencetakan gagal."))
        show_error(self, exc, tb)

    def _save(self, pdf: bool) -> None:
        info_number = self.letter.number if self.letter else f"surat-{self.letter_id}"
        suffix = ".pdf" if pdf else ".docx"
        default = offered_file_name(self.tr("Surat {number}").format(number=info_number), suffix, fallback="Surat")
        kind = self.tr("PDF (*.pdf)") if pdf else self.tr("Dokumen Word (*.docx)")
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(documents) / default) if documents and Path(documents).is_dir() else default
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan salinan surat"), start, kind)
        if path:
            self.save_to(Path(path), pdf=pdf)

    def save_to(self, path: Path, *, pdf: bool) -> Task:
        """Copy the archived letter (checked against its SHA-256, logged as a reprint) to ``path``."""
        if path.suffix.lower() != (".pdf" if pdf else ".docx"):
            path = path.with_name(path.name + (".pdf" if pdf else ".docx"))
        o, a, lid = self.session.office, self.session.actor, self.letter_id
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Menyimpan…"))

        def done(target: Path) -> None:
            if not self._closed:
                self.status.setText(self.tr("Salinan disimpan: {path}").format(path=target))

        def failed(exc: BaseException, tb: str) -> None:
            if not self._closed:
                self.status.setText("")
                show_error(self, exc, tb)

        return self.session.runner.run(lambda _t: letters.reprint(o, actor=a, letter_id=lid, dest=path, pdf=pdf),
                                       on_done=done, on_error=failed)

    # ------------------------------------------------------------------ closing
    def done(self, result: int) -> None:  # Esc ends here; a print already sent goes on
        self._shut()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: N802
        self._shut()
        super().closeEvent(event)

    def _shut(self) -> None:
        self.cancel_event.set()
        if self.task is not None:
            self.task.cancel()
        self._closed = True
        self.images = []
