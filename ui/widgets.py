"""Small widget helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget

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
