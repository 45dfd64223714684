"""Below the batch list: what one batch holds, where it was sent, whether its ZIP is intact, and the
cases still waiting for a batch (with the explicit, logged "carry to a later period").

Every core call runs in the worker; the core masks NIKs and checks permissions.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import batches
from app.services import office as office_svc
from app.timeutil import tanggal_angka, tanggal_jam
from ui.errors import show_error
from ui.session import UiSession
from ui.widgets import readonly_table

OK_STYLE, ERR_STYLE = "color: #1b5e20;", "color: #b00020;"
#: BPJS feedback on a batch row (marked for translation; shown through ``translate("BatchDetailPanel", …)``)
FEEDBACK_LABELS = {"diterima": QT_TRANSLATE_NOOP("BatchDetailPanel", "Diterima"),
                   "ditolak": QT_TRANSLATE_NOOP("BatchDetailPanel", "Ditolak")}


def _item(text: object, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(headers: list[str], name: str) -> QTableWidget:
    t = readonly_table(headers, name, alternating=True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _when(moment: datetime | None, tz: str) -> str:
    """Office time (never the machine's zone), as everywhere: app.timeutil."""
    return tanggal_jam(moment, tz, with_zone=False)


class CarryDialog(QDialog):
    """Asks the later period and the reason for carrying a case (both required by the core)."""

    def __init__(self, reg_number: str, period: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pindahkan ke batch periode lain"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Kasus {0} belum masuk batch. Pindahkan ke periode berikut; "
                                   "tindakan ini dicatat di log audit.").format(reg_number)))
        self.period = QLineEdit(period)
        self.period.setObjectName("carry_period")
        self.period.setPlaceholderText(self.tr("TTTT-BB"))
        self.reason = QLineEdit()
        self.reason.setObjectName("carry_reason")
        self.reason.setPlaceholderText(self.tr("mis. berkas dari kelurahan baru lengkap setelah batch ditutup"))
        form.addRow(self.tr("Periode tujuan:"), self.period)
        form.addRow(self.tr("Alasan:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Pindahkan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def next_period(period: str) -> str:
    year, month = batches.parse_period(period)
    return f"{year + (month == 12):04d}-{month % 12 + 1:02d}"


class BatchDetailPanel(QTabWidget):
    """Tabs about the selected batch and the selected service's waiting cases."""

    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("batch_tabs")
        self.session = session
        self.batch_id: int | None = None
        self.service_code = ""
        self.waiting: list[dict] = []

        self.items = _table([self.tr("No. registrasi"), self.tr("NIK"), self.tr("Nama"), self.tr("Umpan balik"),
                             self.tr("TMT / alasan")], "batch_items")
        self.addTab(self.items, self.tr("Isi batch"))

        self.history = _table([self.tr("Waktu"), self.tr("Jenis"), self.tr("Tujuan"), self.tr("Hasil"),
                               self.tr("Tanda terima / galat")], "delivery_history")
        self.addTab(self.history, self.tr("Riwayat pengiriman"))

        verify_page = QWidget()
        v = QVBoxLayout(verify_page)
        v.addWidget(QLabel(self.tr("Periksa ulang ZIP batch: SHA-256-nya, setiap berkas terhadap manifest.json, "
                                   "dan jumlah baris terhadap jumlah kasus yang tercatat.")))
        row = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("&Periksa berkas batch"))
        self.verify_button.setObjectName("verify_batch")
        self.verify_button.setEnabled(False)
        row.addWidget(self.verify_button)
        row.addStretch(1)
        v.addLayout(row)
        self.verify_result = QLabel("")
        self.verify_result.setObjectName("verify_result")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.verify_result)
        v.addStretch(1)
        self.addTab(verify_page, self.tr("Pemeriksaan berkas"))

        waiting_page = QWidget()
        w = QVBoxLayout(waiting_page)
        self.waiting_title = QLabel("")
        self.waiting_title.setObjectName("waiting_title")
        self.waiting_title.setWordWrap(True)
        w.addWidget(self.waiting_title)
        self.waiting_table = _table([self.tr("No. registrasi"), self.tr("Siap sejak"), self.tr("Periode"),
                                     self.tr("Keterangan")], "waiting_cases")
        w.addWidget(self.waiting_table, 1)
        row = QHBoxLayout()
        self.carry_button = QPushButton(self.tr("Pindahkan ke periode &lain…"))
        self.carry_button.setObjectName("carry_case")
        self.carry_button.setVisible(session.may("batch.carry"))
        self.carry_button.setEnabled(False)
        row.addWidget(self.carry_button)
        row.addStretch(1)
        w.addLayout(row)
        self.addTab(waiting_page, self.tr("Kasus menunggu"))

        self.verify_button.clicked.connect(self.verify)
        self.carry_button.clicked.connect(self._ask_carry)
        self.waiting_table.itemSelectionChanged.connect(
            lambda: self.carry_button.setEnabled(bool(self.waiting_table.selectedItems())))

    # ------------------------------------------------------------------ one batch
    def show_batch(self, batch_id: int | None) -> None:
        self.batch_id = batch_id
        self.verify_result.setText("")
        self.verify_button.setEnabled(batch_id is not None)
        if batch_id is None:
            self.items.setRowCount(0)
            self.history.setRowCount(0)
            return
        office, actor = self.session.office, self.session.actor

        def work(_t):
            return (batches.batch_items(office, actor=actor, batch_id=batch_id),
                    batches.delivery_history(office, actor=actor, batch_id=batch_id), office_svc.zone_name(office))

        self.session.runner.run(work, on_done=lambda r: self._show(batch_id, *r),
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, batch_id: int, items: list[dict], history: list[dict], tz: str) -> None:
        if batch_id != self.batch_id:  # another batch was selected meanwhile
            return
        self.items.setRowCount(len(items))
        for r, i in enumerate(items):
            label = FEEDBACK_LABELS.get(i["feedback_status"])
            status = (QCoreApplication.translate("BatchDetailPanel", label) if label else i["feedback_status"]
                      ) or self.tr("belum ada")
            extra = tanggal_angka(i["tmt"]) if i["tmt"] else i["feedback_reason"]
            values = [i["reg_number"], i["nik"], i["row"].get("nama", ""), status, extra]
            for c, value in enumerate(values):
                self.items.setItem(r, c, _item(value))
        self.history.setRowCount(len(history))
        for r, h in enumerate(history):
            result = self.tr("Berhasil") if h["ok"] else self.tr("Gagal")
            values = [_when(h["at"], tz), h["kind"], h["target"], result, h["receipt"] if h["ok"] else h["error"]]
            for c, value in enumerate(values):
                self.history.setItem(r, c, _item(value))
        self.setTabText(1, self.tr("Riwayat pengiriman ({0})").format(len(history)))

    def verify(self) -> None:
        if self.batch_id is None:
            return
        office, actor, batch_id = self.session.office, self.session.actor, self.batch_id
        self.verify_button.setEnabled(False)
        self.verify_result.setStyleSheet("")
        self.verify_result.setText(self.tr("Memeriksa…"))

        def failed(exc: BaseException, tb: str) -> None:
            self.verify_button.setEnabled(True)
            self.verify_result.setText("")
            show_error(self, exc, tb)

        self.session.runner.run(lambda _t: batches.verify_batch(office, actor=actor, batch_id=batch_id),
                                on_done=self._verified, on_error=failed)

    def _verified(self, problems: list[str]) -> None:
        self.verify_button.setEnabled(self.batch_id is not None)
        if problems:
            self.verify_result.setStyleSheet(ERR_STYLE)
            self.verify_result.setText(self.tr("Berkas batch BERMASALAH:") + "\n• " + "\n• ".join(problems))
        else:
            self.verify_result.setStyleSheet(OK_STYLE)
            self.verify_result.setText(self.tr("Berkas batch utuh: SHA-256 ZIP, setiap berkas di dalamnya dan "
                                               "jumlah baris sama dengan saat batch ditutup."))

    # ------------------------------------------------------------------ waiting cases
    def show_waiting(self, service_code: str) -> None:
        self.service_code = service_code
        if not service_code:
            return
        office, actor = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: (batches.waiting_cases(office, actor=actor, service_code=service_code),
                                            office_svc.zone_name(office)),
                                on_done=lambda r: self._show_waiting(service_code, *r),
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show_waiting(self, service_code: str, rows: list[dict], tz: str) -> None:
        if service_code != self.service_code:
            return
        self.waiting = rows
        late = sum(1 for r in rows if r.get("ready_period", r["period"]) != r["period"])
        text = self.tr("{0} kasus {1} menunggu batch.").format(len(rows), service_code)
        if late:
            text += " " + self.tr("{0} di antaranya berasal dari periode yang sudah ditutup dan ikut batch periode "
                                  "berikutnya dengan sendirinya.").format(late)
        self.waiting_title.setText(text)
        self.waiting_table.setRowCount(len(rows))
        for r, w in enumerate(rows):
            note = self.tr("Periode sudah ditutup") if w.get("ready_period", w["period"]) != w["period"] else ""
            values = [w["reg_number"], _when(w["ready_at"], tz), w["period"], note]
            for c, value in enumerate(values):
                self.waiting_table.setItem(r, c, _item(value, w["case_id"] if c == 0 else None))
        self.setTabText(3, self.tr("Kasus menunggu ({0})").format(len(rows)))
        self.carry_button.setEnabled(bool(self.waiting_table.selectedItems()))

    def _ask_carry(self) -> None:
        row = self.waiting_table.currentRow()
        if row < 0 or row >= len(self.waiting):
            return
        w = self.waiting[row]
        dialog = CarryDialog(w["reg_number"], next_period(w["period"]), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.carry(w["case_id"], dialog.period.text().strip(), dialog.reason.text().strip())

    def carry(self, case_id: int, period: str, reason: str) -> None:
        office, actor, code = self.session.office, self.session.actor, self.service_code
        self.session.runner.run(
            lambda _t: batches.carry_case(office, actor=actor, case_id=case_id, to_period=period, reason=reason),
            on_done=lambda _r: self.show_waiting(code), on_error=lambda e, tb: show_error(self, e, tb))
