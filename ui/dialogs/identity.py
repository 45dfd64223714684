"""Where the KTP as typed, the DTSEN row and the stored person disagree on name, No KK or birth date: shown side
by side (KTP / DTSEN / tersimpan) and the officer chooses. A choice that differs from what is stored becomes an
explicit correction with a reason (``identity.correct_person``, audited old → new) — never a side effect."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services import identity

SOURCES = ("typed", "dtsen", "stored")


class IdentityDialog(QDialog):
    def __init__(self, differences: list[identity.Difference], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("identity_dialog")
        self.setWindowTitle(self.tr("Data pemohon berbeda"))
        self.differences = differences
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Data di KTP, di DTSEN dan yang tersimpan tidak sama. Periksa KTP/KK asli bersama "
                               "pemohon dan pilih yang benar untuk setiap baris. Mengubah data tersimpan dicatat "
                               "sebagai koreksi (lama → baru) di log audit."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        heads = ("", self.tr("KTP (diketik)"), self.tr("DTSEN"), self.tr("Tersimpan"))
        for c, h in enumerate(heads):
            grid.addWidget(QLabel(f"<b>{h}</b>"), 0, c)
        self.groups: dict[str, QButtonGroup] = {}
        self.values: dict[str, dict[str, Any]] = {}
        for r, d in enumerate(differences, 1):
            grid.addWidget(QLabel(f"<b>{d.label}</b>"), r, 0)
            group = QButtonGroup(self)
            self.values[d.field] = {"typed": d.typed, "dtsen": d.dtsen, "stored": d.stored}
            for c, src in enumerate(SOURCES, 1):
                value = self.values[d.field][src]
                radio = QRadioButton(identity.show(d.field, value))
                radio.setObjectName(f"{d.field}_{src}")
                radio.setEnabled(value is not None)
                group.addButton(radio, c)
                grid.addWidget(radio, r, c)
                radio.toggled.connect(lambda _on: self._update())
            default = "stored" if d.stored is not None else "typed" if d.typed is not None else "dtsen"
            group.button(SOURCES.index(default) + 1).setChecked(True)
            self.groups[d.field] = group
        layout.addLayout(grid)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Alasan koreksi, mis. sesuai KTP asli yang diperlihatkan"))
        self.reason_label = QLabel(self.tr("Alasan koreksi data tersimpan:"))
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        self.state = QLabel("")
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Pakai pilihan ini"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(lambda _t: self._update())
        self._update()

    def choose(self, field: str, source: str) -> None:
        self.groups[field].button(SOURCES.index(source) + 1).setChecked(True)

    def chosen(self) -> dict[str, Any]:
        """Field → the value chosen."""
        return {f: self.values[f][SOURCES[g.checkedId() - 1]] for f, g in self.groups.items() if g.checkedId() > 0}

    def corrections(self) -> dict[str, Any]:
        """The chosen values that differ from what is stored (a stored value exists): the correction to make."""
        out = {}
        for f, v in self.chosen().items():
            stored = self.values[f]["stored"]
            if stored is not None and v is not None and identity.show(f, v) != identity.show(f, stored):
                out[f] = v
        return out

    def _update(self) -> None:
        if not hasattr(self, "ok"):  # a radio toggled while the dialog is being built
            return
        needs = bool(self.corrections())
        self.reason_label.setVisible(needs)
        self.reason.setVisible(needs)
        ok = not needs or bool(self.reason.text().strip())
        self.ok.setEnabled(ok)
        self.state.setText("" if ok else self.tr("Data tersimpan akan dikoreksi: tulis alasannya."))
