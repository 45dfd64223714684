"""Office profile (letterhead) and the officials who sign (administrator)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.identifiers import format_nip
from app.services import office as office_svc
from ui.errors import show_error
from ui.session import UiSession
from ui.widgets import readonly_table

#: printed on letters, so not translated (letters are always Indonesian)
POSITIONS = {
    "kepala_dinas": "Kepala Dinas Sosial",
    "sekretaris": "Sekretaris Dinas Sosial",
    "kabid_linjamsos": "Kepala Bidang Perlindungan dan Jaminan Sosial",
    "kasi_linjamsos": "Kepala Seksi Jaminan Sosial",
    "penyuluh_sosial": "Penyuluh Sosial",
}


class OfficeProfileView(QWidget):
    def __init__(self, session: UiSession):
        super().__init__()
        self.session = session
        self.emblem: bytes | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h3>Profil kantor (kop surat)</h3>")))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for key, label in (("government", self.tr("Pemerintah daerah")), ("agency", self.tr("Nama dinas")),
                           ("region_name", self.tr("Nama kota/kabupaten")), ("city", self.tr("Tempat surat")),
                           ("address", self.tr("Alamat")), ("postal_code", self.tr("Kode pos")),
                           ("phone", self.tr("Telepon")), ("email", self.tr("Surel")), ("website", self.tr("Laman")),
                           ("unit_code", self.tr("Kode unit pada nomor surat")),
                           ("code", self.tr("Kode kantor pada nomor registrasi"))):
            edit = QLineEdit()
            edit.setObjectName(f"profile_{key}")
            self.fields[key] = edit
            form.addRow(label, edit)
        self.region_kind = QComboBox()
        self.region_kind.addItems(["KOTA", "KABUPATEN"])
        self.timezone = QComboBox()
        self.timezone.addItems(["WIB", "WITA", "WIT"])
        form.addRow(self.tr("Jenis daerah"), self.region_kind)
        form.addRow(self.tr("Zona waktu"), self.timezone)
        emblem_row = QHBoxLayout()
        self.emblem_label = QLabel(self.tr("(tidak ada)"))
        pick = QPushButton(self.tr("Ganti lambang (PNG)…"))
        pick.clicked.connect(self._pick)
        emblem_row.addWidget(self.emblem_label)
        emblem_row.addWidget(pick)
        emblem_row.addStretch(1)
        form.addRow(self.tr("Lambang daerah"), emblem_row)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Simpan profil"))
        self.save_button.setObjectName("save_profile")
        self.status = QLabel("")
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        session.runner.run(lambda _t: office_svc.get_profile(session.office), on_done=self._show,
                           on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, p: office_svc.ProfileData | None) -> None:
        if p is None:
            return
        for key, edit in self.fields.items():
            edit.setText(getattr(p, key))
        self.region_kind.setCurrentText(p.region_kind)
        self.timezone.setCurrentText(p.timezone)
        if p.emblem_png:
            pix = QPixmap()
            pix.loadFromData(p.emblem_png)
            self.emblem_label.setPixmap(pix.scaledToHeight(56))

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Lambang daerah"), "", self.tr("Gambar PNG (*.png)"))
        if path:
            self.emblem = Path(path).read_bytes()
            pix = QPixmap()
            pix.loadFromData(self.emblem)
            self.emblem_label.setPixmap(pix.scaledToHeight(56))

    def save(self) -> None:
        values = {k: e.text() for k, e in self.fields.items()}
        values |= {"region_kind": self.region_kind.currentText(), "timezone": self.timezone.currentText()}
        office, actor, emblem = self.session.office, self.session.actor, self.emblem

        def done(_p) -> None:
            self.status.setStyleSheet("color: #1b5e20;")
            self.status.setText(self.tr("Profil tersimpan."))

        self.session.runner.run(
            lambda _t: office_svc.save_profile(office, actor=actor, values=values, emblem_png=emblem),
            on_done=done, on_error=lambda e, tb: show_error(self, e, tb))


class OfficialDialog(QDialog):
    def __init__(self, parent=None, existing: office_svc.OfficialData | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pejabat penandatangan"))
        form = QFormLayout(self)
        self.position = QComboBox()
        for key, title in POSITIONS.items():
            self.position.addItem(title, key)
        self.title = QLineEdit(existing.position_title if existing else POSITIONS["kepala_dinas"])
        self.position.currentIndexChanged.connect(lambda _i: self.title.setText(POSITIONS[self.position.currentData()]))
        if existing:
            self.position.setCurrentIndex(max(0, list(POSITIONS).index(existing.position_key)
                                              if existing.position_key in POSITIONS else 0))
            self.title.setText(existing.position_title)
        self.name = QLineEdit(existing.name if existing else "")
        self.nip = QLineEdit(existing.nip if existing else "")
        self.rank = QLineEdit(existing.rank if existing else "")
        self.acting = QComboBox()
        self.acting.addItems(list(office_svc.ACTING))
        if existing:
            self.acting.setCurrentText(existing.acting)
        form.addRow(self.tr("Kedudukan"), self.position)
        form.addRow(self.tr("Jabatan (dicetak)"), self.title)
        form.addRow(self.tr("Nama"), self.name)
        form.addRow(self.tr("NIP"), self.nip)
        form.addRow(self.tr("Pangkat/golongan"), self.rank)
        form.addRow(self.tr("Keterangan (a.n./Plt./Plh.)"), self.acting)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class OfficialsView(QWidget):
    def __init__(self, session: UiSession):
        super().__init__()
        self.session = session
        self.rows: list[office_svc.OfficialData] = []
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h3>Pejabat penandatangan dan paraf</h3>")))
        row = QHBoxLayout()
        add = QPushButton(self.tr("&Tambah pejabat…"))
        edit = QPushButton(self.tr("&Ubah…"))
        row.addWidget(add)
        row.addWidget(edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = readonly_table([self.tr("Jabatan"), self.tr("Nama"), self.tr("NIP"), self.tr("Pangkat"),
                                     self.tr("Keterangan")])
        layout.addWidget(self.table)
        add.clicked.connect(lambda: self._edit(None))
        edit.clicked.connect(self._edit_selected)
        self.refresh()

    def refresh(self) -> None:
        self.session.runner.run(lambda _t: office_svc.list_officials(self.session.office), on_done=self._fill,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _fill(self, rows) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, o in enumerate(rows):
            for c, v in enumerate((o.position_title, o.name, format_nip(o.nip), o.rank, o.acting or "-")):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    def _edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._edit(self.rows[rows[0].row()])

    def _edit(self, existing) -> None:
        dialog = OfficialDialog(self, existing)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        office, actor = self.session.office, self.session.actor
        values = dict(position_key=dialog.position.currentData(), position_title=dialog.title.text(),
                      name=dialog.name.text(), nip=dialog.nip.text().strip(), rank=dialog.rank.text(),
                      acting=dialog.acting.currentText(), official_id=existing.id if existing else None)
        self.session.runner.run(lambda _t: office_svc.save_official(office, actor=actor, **values),
                                on_done=lambda _r: self.refresh(), on_error=lambda e, tb: show_error(self, e, tb))
