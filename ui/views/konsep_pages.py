"""The KONSEP of a case's letter, shown inside the case screen to the steps that check, paraf or sign it.

The pages are drawn in the background (Word or LibreOffice converts the draft); the officer reads what they
approve beside the button of the act (SPEC §3, issue 18 point 5). Looking changes nothing.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app.services import letter_preview
from ui.dialogs.letter_preview import page_qimage
from ui.session import UiSession


class KonsepPages(QWidget):
    """``show_konsep(key, title)`` loads the KONSEP pages; a newer request replaces an older one."""

    def __init__(self, session: UiSession, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        self.key: str | None = None
        self.pixmaps: list[QPixmap] = []
        self.page_labels: list[QLabel] = []
        self._cancel = threading.Event()
        layout = QVBoxLayout(self)
        self.heading = QLabel("")
        self.heading.setObjectName("konsep_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("konsep_pages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #6b6b6b; }")
        self.pages = QWidget()
        self.pages.setStyleSheet("background: #6b6b6b;")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(12)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.pages)
        layout.addWidget(self.scroll, 1)

    def show_konsep(self, key: str, title: str) -> None:
        self._cancel.set()  # an older load still running is no longer wanted
        self._cancel = threading.Event()
        self.key = key
        self._clear_pages()
        self.heading.setText(self.tr("<b>KONSEP {title}</b> — belum bernomor; nomor diambil saat ditandatangani. "
                                     "Menyiapkan halaman…").format(title=title))
        o, a, cid, stop = self.session.office, self.session.actor, self.case_id, self._cancel

        def work(_task) -> letter_preview.KonsepPreview:
            return letter_preview.konsep_preview(o, actor=a, case_id=cid, key=key, cancel=stop)

        def done(pv: letter_preview.KonsepPreview) -> None:
            if stop.is_set() or pv.key != self.key:
                return
            self.pixmaps = [QPixmap.fromImage(page_qimage(p)) for p in pv.pages]
            more = (self.tr(" (ditampilkan {shown} dari {count} halaman)").format(shown=len(pv.pages),
                                                                                count=pv.page_count)
                    if pv.page_count > len(pv.pages) else "")
            self.heading.setText(self.tr("<b>KONSEP {title}</b> — belum bernomor; nomor diambil saat "
                                         "ditandatangani.").format(title=title) + more)
            for _pm in self.pixmaps:
                label = QLabel()
                label.setObjectName("konsep_page")
                self.page_labels.append(label)
                self.pages_layout.addWidget(label)
            self._fit()

        def failed(exc: BaseException, _tb: str) -> None:
            if not stop.is_set():
                self.heading.setText(self.tr("<b>KONSEP {title}</b> tidak dapat ditampilkan: {why}").format(
                    title=title, why=str(exc)))

        self.session.runner.run(work, on_done=done, on_error=failed)

    def clear(self) -> None:
        self._cancel.set()
        self.key = None
        self.heading.setText("")
        self._clear_pages()

    def _clear_pages(self) -> None:
        for label in self.page_labels:
            self.pages_layout.removeWidget(label)
            label.deleteLater()
        self.page_labels, self.pixmaps = [], []

    def _fit(self) -> None:
        width = max(200, self.scroll.viewport().width() - 40)
        for label, pm in zip(self.page_labels, self.pixmaps, strict=True):
            label.setPixmap(pm.scaledToWidth(min(width, pm.width() * 2), Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.page_labels:
            self._fit()
