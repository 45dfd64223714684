""""Cetak formulir": the forms a service hands to the applicant (issue 17), filled with what is known, opened in
Word (or the PDF viewer) to print. Used on the wizard's checklist page (for the person typed so far) and in the
case window (for the case)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from app.services import forms
from ui.errors import show_error
from ui.session import UiSession


class FormsButton(QPushButton):
    """A menu of the service's forms. ``source()`` says what to fill them from: ``{"case_id": id}`` or
    ``{"person": {...}}`` (the wizard before the case exists)."""

    def __init__(self, session: UiSession, service_code: str, source: Callable[[], dict[str, Any]],
                 parent: QWidget | None = None):
        super().__init__(self.tr("Cetak &formulir…"), parent)
        self.setObjectName("print_forms")
        self.session, self.service_code, self.source = session, service_code, source
        self.last: forms.FormResult | None = None
        self.open_files = True  # tests switch the viewer off
        kinds = forms.forms_for(service_code)
        menu = QMenu(self)
        for f in kinds:
            action = menu.addAction(f.title)
            action.setObjectName(f"form_{f.key}")
            action.setToolTip(f.when)
            action.triggered.connect(lambda _checked=False, key=f.key: self.print_form(key))
        self.setMenu(menu)
        self.setToolTip(self.tr("Formulir untuk pemohon, terisi data yang sudah ada; bagian bertitik diisi tangan"))
        self.setVisible(bool(kinds))

    def print_form(self, key: str) -> None:
        s = self.session
        src = self.source()
        code = self.service_code

        def work(_t) -> forms.FormResult:
            return forms.render_form(s.office, actor=s.actor, key=key, case_id=src.get("case_id"),
                                     person=src.get("person"), service_code=code, pdf=bool(src.get("pdf")))

        s.runner.run(work, on_done=self._done, on_error=lambda e, tb: show_error(self, e, tb))

    def _done(self, result: forms.FormResult) -> None:
        self.last = result
        if self.open_files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.pdf_path or result.docx_path)))
