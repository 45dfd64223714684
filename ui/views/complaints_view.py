"""Pengaduan: the complaints register (SPEC §1.6) — register, follow up, answer, close; overdue highlighted."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import complaint_channels, complaints
from app.services import office as office_svc
from app.timeutil import utcnow
from ui.errors import show_error
from ui.models.case_table import local_text, moment_words
from ui.session import UiSession
from ui.widgets import readonly_table

OVERDUE_BG = QColor("#fde0e0")


class NewComplaintDialog(QDialog):
    """``channels``: the office's active complaint channels (Pengaturan → Kanal pengaduan)."""

    def __init__(self, parent=None, channels: list[complaint_channels.Channel] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Catat pengaduan"))
        self.resize(560, 420)
        form = QFormLayout(self)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channels = {c.code: c for c in (channels if channels is not None
                                             else complaint_channels.ComplaintChannelSettings().active())}
        for c in self.channels.values():
            self.channel.addItem(c.label, c.code)
            if c.contact:
                self.channel.setItemData(self.channel.count() - 1, c.contact, Qt.ItemDataRole.ToolTipRole)
        self.ticket = QLineEdit()
        self.ticket.setObjectName("ticket")
        self.ticket.setPlaceholderText(self.tr("Nomor tiket (mis. SP4N-LAPOR!)"))
        self.topic = QLineEdit()
        self.topic.setObjectName("topic")
        self.topic.setPlaceholderText(self.tr("mis. Surat rekomendasi belum terbit setelah 3 hari"))
        self.description = QPlainTextEdit()
        self.name = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("No HP / email (bila ada)"))
        self.case_reg = QLineEdit()
        self.case_reg.setObjectName("case_reg")
        self.case_reg.setPlaceholderText(self.tr("mis. PBI-2026-00123 (bila pengaduan tentang satu berkas)"))
        form.addRow(self.tr("&Kanal:"), self.channel)
        form.addRow(self.tr("No. &tiket:"), self.ticket)
        form.addRow(self.tr("&Pokok pengaduan:"), self.topic)
        form.addRow(self.tr("&Uraian:"), self.description)
        form.addRow(self.tr("&Nama pengadu:"), self.name)
        form.addRow(self.tr("K&ontak:"), self.contact)
        form.addRow(self.tr("&Berkas terkait:"), self.case_reg)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.channel.currentIndexChanged.connect(self._update)
        self.topic.textChanged.connect(self._update)
        self.ticket.textChanged.connect(self._update)
        self._update()

    def _ticketed(self) -> bool:
        c = self.channels.get(self.channel.currentData())
        return bool(c and c.ticket)

    def _update(self) -> None:
        lapor = self._ticketed()
        self.ticket.setEnabled(lapor)
        ok = bool(self.topic.text().strip()) and (not lapor or bool(self.ticket.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict:
        return {"channel": self.channel.currentData(), "topic": self.topic.text().strip(),
                "description": self.description.toPlainText().strip(), "complainant_name": self.name.text().strip(),
                "complainant_contact": self.contact.text().strip(),
                "lapor_ticket": self.ticket.text().strip() if self._ticketed() else ""}


class ComplaintsView(QWidget):
    COLUMNS = (QT_TRANSLATE_NOOP("ComplaintsView", "No."), QT_TRANSLATE_NOOP("ComplaintsView", "Diterima"),
               QT_TRANSLATE_NOOP("ComplaintsView", "Kanal"), QT_TRANSLATE_NOOP("ComplaintsView", "Pokok pengaduan"),
               QT_TRANSLATE_NOOP("ComplaintsView", "Pengadu"), QT_TRANSLATE_NOOP("ComplaintsView", "Berkas"),
               QT_TRANSLATE_NOOP("ComplaintsView", "Tenggat"), QT_TRANSLATE_NOOP("ComplaintsView", "Status"))

    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.rows: list[complaints.ComplaintInfo] = []
        self.tz = "WIB"
        self.busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Pengaduan</h2>")))
        top = QHBoxLayout()
        self.status = QComboBox()
        self.status.setObjectName("f_status")
        self.status.addItem(self.tr("Semua status"), None)
        for code, label in complaints.STATUSES.items():
            self.status.addItem(label, code)
        self.overdue_only = QCheckBox(self.tr("Hanya yang &lewat tenggat"))
        self.new_button = QPushButton(self.tr("&Catat pengaduan baru…"))
        self.new_button.setObjectName("new_complaint")
        self.new_button.setVisible(session.may("complaint.register"))
        status_label = QLabel(self.tr("&Status:"))
        status_label.setBuddy(self.status)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(self.overdue_only)
        top.addStretch(1)
        self.summary = QLabel("")
        top.addWidget(self.summary)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = readonly_table([QCoreApplication.translate("ComplaintsView", c) for c in self.COLUMNS],
                                    "complaints")
        split.addWidget(self.table)

        self.detail = QGroupBox(self.tr("Pengaduan terpilih"))
        dl = QVBoxLayout(self.detail)
        self.detail_text = QLabel(self.tr("Pilih pengaduan di daftar."))
        self.detail_text.setObjectName("detail")
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.detail_text)
        self.handle = QWidget()
        hl = QHBoxLayout(self.handle)
        hl.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit()
        self.text.setObjectName("handle_text")
        self.text.setPlaceholderText(self.tr("Tulis tindak lanjut atau jawaban kepada pengadu…"))
        self.text.setMaximumHeight(90)
        buttons = QVBoxLayout()
        self.follow_button = QPushButton(self.tr("Catat &tindak lanjut"))
        self.answer_button = QPushButton(self.tr("Kirim &jawaban"))
        self.letter_button = QPushButton(self.tr("Jawab dengan s&urat"))
        self.letter_button.setObjectName("answer_letter")
        self.letter_button.setToolTip(self.tr("Jawaban dicatat dan Surat Jawaban Pengaduan diterbitkan bernomor "
                                              "(ditandatangani Kepala Dinas)"))
        self.close_button = QPushButton(self.tr("&Selesaikan"))
        for b in (self.follow_button, self.answer_button, self.letter_button, self.close_button):
            buttons.addWidget(b)
        hl.addWidget(self.text, 1)
        hl.addLayout(buttons)
        self.handle.setVisible(session.may("complaint.handle"))
        dl.addWidget(self.handle)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        self.status.currentIndexChanged.connect(self.refresh)
        self.overdue_only.toggled.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button.clicked.connect(self._new)
        self.text.textChanged.connect(self._buttons)
        self.follow_button.clicked.connect(lambda: self._handle("follow_up"))
        self.answer_button.clicked.connect(lambda: self._handle("answer"))
        self.letter_button.clicked.connect(lambda: self._handle("letter"))
        self.close_button.clicked.connect(lambda: self._handle("close"))
        self._buttons()
        self.refresh()

    # ------------------------------------------------------------------ list
    def refresh(self, select_id: int | None = None) -> None:
        s = self.session
        status, overdue = self.status.currentData(), self.overdue_only.isChecked()
        if select_id is None and self.current() is not None:
            select_id = self.current().id

        def work(_t):
            profile = office_svc.get_profile(s.office)
            return (profile.timezone if profile else "WIB",
                    complaints.list_complaints(s.office, actor=s.actor, status=status,
                                               overdue_at=utcnow() if overdue else None))

        s.runner.run(work, on_done=lambda r: self._show(*r, select_id),
                     on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, tz: str, rows: list[complaints.ComplaintInfo], select_id: int | None) -> None:
        self.tz, self.rows, self.busy = tz, rows, False
        now = utcnow()
        self.table.setRowCount(len(rows))
        bg = QBrush(OVERDUE_BG)
        for n, c in enumerate(rows):
            channel = c.channel_label + (f" ({c.lapor_ticket})" if c.lapor_ticket else "")
            values = (c.reg_number, local_text(c.received_at, tz), channel, c.topic, c.complainant_name or "-",
                      c.case_reg_number or "-", moment_words(c.due_at, tz),
                      complaints.STATUSES.get(c.status, c.status)
                      + (self.tr(" — LEWAT TENGGAT") if c.overdue(now) else ""))
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c.overdue(now):
                    item.setBackground(bg)
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()
        late = sum(1 for c in rows if c.overdue(now))
        self.summary.setText(self.tr("<b>{count}</b> pengaduan · <b style='color:#b00020'>{late}</b> lewat tenggat")
                             .format(count=len(rows), late=late))
        ids = [c.id for c in rows]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        self._selected()  # also when the same row stays selected: its content changed

    def current(self) -> complaints.ComplaintInfo | None:
        sel = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[sel[0].row()] if sel and sel[0].row() < len(self.rows) else None

    def _selected(self) -> None:
        c = self.current()
        if c is None:
            self.detail_text.setText(self.tr("Pilih pengaduan di daftar."))
        else:
            tz = self.tz
            parts = [f"<b>{c.reg_number}</b> — {c.topic}",
                     self.tr("Kanal: {channel}").format(channel=c.channel_label)
                     + (self.tr(", tiket LAPOR! {ticket}").format(ticket=c.lapor_ticket) if c.lapor_ticket else ""),
                     self.tr("Pengadu: {name} {contact}").format(name=c.complainant_name or "-",
                                                                 contact=c.complainant_contact or ""),
                     self.tr("Diterima {received}; tenggat {due} (standar {standard}: {state}); status "
                             "<b>{status}</b>").format(
                         received=moment_words(c.received_at, tz), due=moment_words(c.due_at, tz),
                         standard=c.standard, state=c.sla_text(utcnow()),
                         status=complaints.STATUSES.get(c.status, c.status))]
            if c.description:
                parts.append(self.tr("Uraian: {text}").format(text=c.description))
            if c.follow_up:
                parts.append(self.tr("Tindak lanjut ({at}): {text}").format(
                    at=local_text(c.follow_up_at, tz), text=c.follow_up.replace("\n", "<br>")))
            if c.answer:
                parts.append(self.tr("Jawaban ({at}): {text}").format(at=local_text(c.answered_at, tz), text=c.answer))
            if c.letter_number:
                parts.append(self.tr("Surat jawaban: <b>{number}</b> (cetak dari Surat → Arsip)").format(
                    number=c.letter_number))
            self.detail_text.setText("<br>".join(parts))
        self._buttons()

    def _buttons(self) -> None:
        c = self.current()
        has_text = bool(self.text.toPlainText().strip())
        open_ = c is not None and c.status != "selesai" and not self.busy
        self.follow_button.setEnabled(open_ and has_text)
        self.answer_button.setEnabled(open_ and has_text)
        self.letter_button.setEnabled(open_ and has_text and not (c and c.letter_number))
        self.close_button.setEnabled(open_ and bool(c and c.answer))

    # ------------------------------------------------------------------ actions
    def _new(self) -> None:
        office = self.session.office
        self.session.runner.run(lambda _t: complaint_channels.load_settings(office).active(),
                                on_done=self._new_with, on_error=lambda e, tb: show_error(self, e, tb))

    def _new_with(self, channels: list[complaint_channels.Channel]) -> None:
        dlg = NewComplaintDialog(self, channels)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        values, case_reg = dlg.values(), dlg.case_reg.text().strip()
        office, actor = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: complaints.register(office, actor=actor, case_reg=case_reg, **values),
                                on_done=lambda c: self.refresh(select_id=c.id),
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _handle(self, what: str) -> None:
        c = self.current()
        if c is None or self.busy:
            return
        s, text, cid = self.session, self.text.toPlainText().strip(), c.id
        self.busy = True
        self._buttons()

        def work(_t):
            if what == "follow_up":
                return complaints.follow_up(s.office, actor=s.actor, complaint_id=cid, text=text)
            if what == "answer":
                return complaints.answer(s.office, actor=s.actor, complaint_id=cid, text=text)
            if what == "letter":
                return complaints.answer_with_letter(s.office, actor=s.actor, complaint_id=cid, text=text)[0]
            return complaints.close(s.office, actor=s.actor, complaint_id=cid)

        def done(info) -> None:
            if what != "close":
                self.text.clear()
            self.refresh(select_id=info.id)

        def failed(exc, tb) -> None:
            self.busy = False
            self._buttons()
            show_error(self, exc, tb)

        s.runner.run(work, on_done=done, on_error=failed)
