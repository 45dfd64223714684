"""Ask for one day (a list "of" a day): today by default, never a day still to come."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget


class DayDialog(QDialog):
    def __init__(self, title: str, question: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        intro = QLabel(question)
        intro.setWordWrap(True)
        form.addRow(intro)
        self.edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.edit.setObjectName("day")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd-MM-yyyy")
        self.edit.setMaximumDate(QDate(today.year, today.month, today.day))  # the core refuses a later day too
        form.addRow(self.tr("&Tanggal:"), self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def day(self) -> date:
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())
