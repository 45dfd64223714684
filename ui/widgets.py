"""Small widget helpers shared by the screens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QStyle,
    QTableView,
    QTableWidget,
    QWidget,
    QWidgetAction,
)

TableT = TypeVar("TableT", bound=QTableView)


def setup_readonly_table(table: TableT, *, name: str = "", single: bool = True,
                         alternating: bool = False) -> TableT:
    """The list look of every screen: not editable, whole rows selected (one at a time unless ``single`` is
    False), no row numbers, the last column filling the width."""
    if name:
        table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if single
                           else QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(alternating)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def readonly_table(headers: Sequence[str], name: str = "", **options) -> QTableWidget:
    """An empty read-only :class:`QTableWidget` with these column titles (see :func:`setup_readonly_table`)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    return setup_readonly_table(table, name=name, **options)


#: room left for the window frame and title bar, and the taskbar's share of the screen not in availableGeometry
FRAME_MARGIN = 48


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, but never larger than the screen it opens on: on a 1366×768
    office monitor an 860×900 dialog would hide its buttons below the taskbar."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        avail = screen.availableGeometry()
        width = min(width, avail.width() - FRAME_MARGIN // 2)
        height = min(height, avail.height() - FRAME_MARGIN)
    window.resize(max(200, width), max(200, height))


class DateLine(QLineEdit):
    """A date typed as dd-mm-yyyy (``-``, ``/`` or ``.`` between the parts), empty until the officer fills it;
    the calendar button beside it picks one too. ``with_time`` adds the time (``dd-mm-yyyy HH.MM``).

    :meth:`value` is the date (a naive ``datetime`` with ``with_time``) or ``None``; :meth:`problem` says in
    Indonesian why the text is not a date (``""`` when it is, or when nothing is typed).
    """

    def __init__(self, *, with_time: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.with_time = with_time
        self.setPlaceholderText(self.tr("HH-BB-TTTT JJ.MM") if with_time else self.tr("HH-BB-TTTT"))
        self.setToolTip(self.tr("Ketik tanggal, mis. 15-09-2026, atau pilih dari kalender"))
        self.setMaxLength(16 if with_time else 10)
        self.setMinimumWidth(130)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.pick = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.pick.setToolTip(self.tr("Pilih dari kalender"))
        self.pick.triggered.connect(self._show_calendar)

    def _show_calendar(self) -> None:
        current = self.value()
        if current is not None:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def _picked(self, day: QDate) -> None:
        text = day.toString("dd-MM-yyyy")
        if self.with_time:
            parts = self.text().split()
            text += " " + (parts[1] if len(parts) > 1 else "00.00")
        self.setText(text)
        self.menu.hide()

    def _parse(self) -> tuple[date | datetime | None, str]:
        text = " ".join(self.text().split())
        if not text:
            return None, ""
        day_part, _, time_part = text.partition(" ")
        parts = re.split(r"[-/.]", day_part)
        bad = self.tr("'{text}' bukan tanggal; tulis HH-BB-TTTT, mis. 15-09-2026.").format(text=day_part)
        if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            return None, bad
        try:
            d = date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            return None, self.tr("Tanggal {text} tidak ada di kalender.").format(text=day_part)
        if not self.with_time:
            return (d, "") if not time_part else (None, bad)
        m = re.fullmatch(r"(\d{1,2})[.:](\d{2})", time_part)
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            return None, self.tr("Tulis juga jamnya (JJ.MM), mis. 15-09-2026 09.30.")
        return datetime(d.year, d.month, d.day, int(m.group(1)), int(m.group(2))), ""

    def value(self) -> Any:
        return self._parse()[0]

    def problem(self) -> str:
        return self._parse()[1]

    def set_value(self, value: date | datetime | None) -> None:
        if value is None:
            self.clear()
        elif self.with_time and isinstance(value, datetime):
            self.setText(f"{value:%d-%m-%Y %H.%M}")
        else:
            self.setText(f"{value:%d-%m-%Y}")
