"""The counter's first working screen: is this NIK in the DTSEN (dahulu DTKS) list?"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.rules.identifiers import parse_nik
from app.services import dtsen
from app.timeutil import tanggal_angka
from ui.errors import show_error
from ui.i18n import current_language
from ui.session import UiSession

OK_STYLE = "color: #1b5e20;"
BAD_STYLE = "color: #b00020;"
WARN_STYLE = "color: #8a5a00;"


class DtsenLookupView(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.pending = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Cek NIK di {label}</h2>").format(label=dtsen.LABEL))
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Ketik 16 digit NIK dari KTP/KK lalu tekan Enter.")))
        row = QHBoxLayout()
        self.nik = QLineEdit()
        self.nik.setObjectName("nik")
        self.nik.setPlaceholderText(self.tr("16 digit NIK"))
        self.nik.setMaxLength(20)
        font = self.nik.font()
        font.setPointSize(font.pointSize() + 4)
        self.nik.setFont(font)
        self.search = QPushButton(self.tr("&Cari"))
        self.search.setObjectName("search")
        self.search.setEnabled(False)
        row.addWidget(self.nik, 1)
        row.addWidget(self.search)
        layout.addLayout(row)
        self.validation = QLabel("")
        self.validation.setObjectName("validation")
        self.validation.setWordWrap(True)
        layout.addWidget(self.validation)

        self.result_frame = QFrame()
        self.result_frame.setFrameShape(QFrame.Shape.StyledPanel)
        result_layout = QVBoxLayout(self.result_frame)
        self.result_title = QLabel("")
        self.result_title.setObjectName("result_title")
        result_layout.addWidget(self.result_title)
        self.details = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label in (("name", self.tr("Nama")), ("nik", self.tr("NIK")), ("no_kk", self.tr("No KK")),
                           ("born", self.tr("Tempat, tanggal lahir")), ("sex", self.tr("Jenis kelamin")),
                           ("address", self.tr("Alamat")), ("region", self.tr("Kelurahan, kecamatan")),
                           ("desil", self.tr("Desil")), ("dtsen_id", self.tr("ID DTSEN"))):
            value = QLabel("")
            value.setObjectName(f"field_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.details.addRow(self.tr("{label}:").format(label=label), value)
        result_layout.addLayout(self.details)
        self.result_frame.hide()
        layout.addWidget(self.result_frame)
        self.count_label = QLabel("")
        self.count_label.setObjectName("count")
        layout.addStretch(1)
        layout.addWidget(self.count_label)

        self.nik.textChanged.connect(self._validate)
        self.nik.returnPressed.connect(self._lookup)
        self.search.clicked.connect(self._lookup)
        self.refresh_count()

    def refresh_count(self) -> None:
        def done(n: int) -> None:
            self.count_label.setText(self.tr("<small>{count} data DTSEN tersimpan di komputer ini.</small>").format(
                count=f"{n:,}" if current_language() == "en" else f"{n:,}".replace(",", ".")))

        self.session.runner.run(lambda _t: dtsen.record_count(self.session.office), on_done=done,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _validate(self, text: str) -> None:
        """Live validation through the core's NIK rules (errors block, warnings only inform)."""
        self.result_frame.hide()
        if not text.strip():
            self.validation.setText("")
            self.search.setEnabled(False)
            return
        try:
            info = parse_nik(text)
        except ValidationError as exc:
            self.validation.setStyleSheet(BAD_STYLE)
            self.validation.setText(str(exc))
            self.search.setEnabled(False)
            return
        sex = self.tr("perempuan") if info.sex == "P" else self.tr("laki-laki")
        born = tanggal_angka(info.birth_date) if info.birth_date else self.tr("tanggal tidak lazim")
        message = self.tr("✓ NIK sah: {sex}, lahir {born}, Provinsi {province}.").format(
            sex=sex, born=born, province=info.province)
        if info.warnings:
            self.validation.setStyleSheet(WARN_STYLE)
            message += self.tr(" Perhatian: {warnings}").format(warnings=" ".join(info.warnings))
        else:
            self.validation.setStyleSheet(OK_STYLE)
        self.validation.setText(message)
        self.search.setEnabled(True)

    def _lookup(self) -> None:
        if not self.search.isEnabled() or self.pending is not None:
            return
        nik = self.nik.text()
        self.search.setEnabled(False)
        self.validation.setText(self.tr("Mencari…"))
        self.pending = self.session.runner.run(
            lambda _t: dtsen.lookup(self.session.office, actor=self.session.actor, nik=nik),
            on_done=lambda info: self._show(nik, info), on_error=self._failed)

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.pending = None
        self._validate(self.nik.text())
        show_error(self, exc, tb)

    def _show(self, nik: str, info: dtsen.DtsenInfo | None) -> None:
        self.pending = None
        self._validate(self.nik.text())
        self.result_frame.show()
        if info is None:
            self.result_title.setStyleSheet(WARN_STYLE)
            self.result_title.setText(
                self.tr("<h3>TIDAK TERDAFTAR</h3>NIK {nik} tidak ada di data {label} yang diimpor. Untuk pengajuan "
                        "PBI JK, berkas perlu verifikasi dan validasi lapangan oleh fasilitator.").format(
                    nik=nik.strip(), label=dtsen.LABEL))
            for value in self.fields.values():
                value.setText("")
            return
        self.result_title.setStyleSheet(OK_STYLE)
        self.result_title.setText(self.tr("<h3>TERDAFTAR di {label}</h3>").format(label=dtsen.LABEL))
        born = tanggal_angka(info.birth_date) if info.birth_date else "-"
        values = {
            "name": info.name, "nik": info.nik, "no_kk": info.no_kk,
            "born": f"{info.birth_place or '-'}, {born}",
            "sex": {"L": self.tr("Laki-laki"), "P": self.tr("Perempuan")}.get(info.sex, "-"),
            "address": f"{info.address} RT {info.rt or '-'} / RW {info.rw or '-'}",
            "region": self.tr("{kelurahan}, {kecamatan} (kode {code})").format(
                kelurahan=info.kelurahan or "-", kecamatan=info.kecamatan or "-", code=info.region_code or "-"),
            "desil": self.tr("belum diperingkat (0)") if info.desil == 0 else str(info.desil),
            "dtsen_id": info.dtsen_id or "-",
        }
        for key, value in values.items():
            self.fields[key].setText(value)
