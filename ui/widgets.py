"""Small widget helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QWidget

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
