"""Monthly batches for the supervisor: list, close, send (also in the background), feedback, reconciliation.

Every core call runs in the worker (``session.runner``); the rules stay in ``app.services``.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.servicedefs import load_all
from app.services import batch_attachments, batches, feedback, outbox, reconcile, roster
from app.services import office as office_svc
from app.timeutil import jam, tanggal_jam, utcnow
from ui.errors import show_error
from ui.session import UiSession
from ui.views.batch_detail import BatchDetailPanel
from ui.widgets import readonly_table

STATUS_LABELS = {"closed": QT_TRANSLATE_NOOP("BatchesView", "Ditutup, belum terkirim"),
                 "delivered": QT_TRANSLATE_NOOP("BatchesView", "Terkirim")}
OK_STYLE, WARN_STYLE, ERR_STYLE = "color: #1b5e20;", "color: #8a5a00;", "color: #b00020;"
BACKGROUND_INTERVAL_MS = 10 * 60 * 1000
BACKGROUND_FIRST_MS = 5_000


def _item(text: object) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(headers: list[str], name: str) -> QTableWidget:
    t = readonly_table(headers, name)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


class BatchesView(QWidget):
    COLUMNS = [QT_TRANSLATE_NOOP("BatchesView", "Layanan"), QT_TRANSLATE_NOOP("BatchesView", "Periode"),
               QT_TRANSLATE_NOOP("BatchesView", "Urutan"), QT_TRANSLATE_NOOP("BatchesView", "Jumlah data"),
               QT_TRANSLATE_NOOP("BatchesView", "Status"),
               QT_TRANSLATE_NOOP("BatchesView", "Terkirim / galat terakhir"),
               QT_TRANSLATE_NOOP("BatchesView", "Umpan balik")]

    def __init__(self, session: UiSession, parent: QWidget | None = None,
                 background_first_ms: int = BACKGROUND_FIRST_MS):
        super().__init__(parent)
        self.session = session
        self.task = None  # the one foreground/background job of this page at a time
        self.findings: list[reconcile.Finding] = []
        self.reconcile_period = ""
        self.has_roster = False  # a roster imported: a reconciliation may run on it alone
        self.tz = "WIB"  # the office's zone, read with the batch list
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Batch bulanan</h2>")))

        # --- close a batch: from the list of periods the core says may be closed now (never a period filled in)
        close_row = QHBoxLayout()
        close_row.addWidget(QLabel(self.tr("Periode yang dapat ditutup:")))
        self.closable = QComboBox()
        self.closable.setObjectName("closable")
        self.closable.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.closable.setPlaceholderText(self.tr("— tidak ada periode yang dapat ditutup —"))
        close_row.addWidget(self.closable, 1)
        self.close_button = QPushButton(self.tr("&Tutup batch…"))
        self.close_button.setObjectName("close_batch")
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)
        self.periods: list[batches.ClosablePeriod] = []
        self.confirm_box: QMessageBox | None = None
        self.early_check: QCheckBox | None = None
        where_row = QHBoxLayout()
        self.zip_label = QLabel("")
        self.zip_label.setObjectName("zip_label")
        self.zip_label.setWordWrap(True)
        self.zip_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where_row.addWidget(self.zip_label, 1)
        self.open_folder_button = QPushButton(self.tr("Buka &folder"))
        self.open_folder_button.setObjectName("open_folder")
        self.open_folder_button.setVisible(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        where_row.addWidget(self.open_folder_button)
        self.zip_folder: Path | None = None
        layout.addLayout(where_row)
        # the waiting cases shown below are of this service (names from the service definitions)
        wait_row = QHBoxLayout()
        wait_row.addWidget(QLabel(self.tr("Kasus menunggu untuk layanan:")))
        self.service = QComboBox()
        self.service.setObjectName("service")
        for code, label in self._batch_services():
            self.service.addItem(label, code)
        wait_row.addWidget(self.service)
        wait_row.addStretch(1)
        layout.addLayout(wait_row)

        # --- actions
        actions = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("&Muat ulang"))
        self.send_button = QPushButton(self.tr("&Kirim sekarang"))
        self.feedback_button = QPushButton(self.tr("Impor &umpan balik…"))
        self.reconcile_button = QPushButton(self.tr("&Rekonsiliasi…"))
        self.roster_button = QPushButton(self.tr("Impor daftar &peserta BPJS…"))
        self.roster_button.setObjectName("import_roster")
        # the same-day list for BPJS (seed Bandung) and the Puskesos notices of a closed penonaktifan batch
        self.daily_button = QPushButton(self.tr("Daftar &harian BPJS…"))
        self.daily_button.setObjectName("daily_list")
        self.daily_button.setToolTip(self.tr("XLSX dan CSV kasus yang direkomendasikan pada satu hari (hari ini "
                                             "atau hari yang dipilih), dengan kolom lembar bersama BPJS (Pengaturan → "
                                             "Daftar harian BPJS)"))
        self.puskesos_button = QPushButton(self.tr("Pemberitahuan P&uskesos…"))
        self.puskesos_button.setObjectName("puskesos_notices")
        self.puskesos_button.setToolTip(self.tr("Surat pemberitahuan penonaktifan kepada Puskesos tiap kelurahan "
                                                "untuk batch penonaktifan yang dipilih (yang belum ada saja)"))
        for b in (self.refresh_button, self.send_button, self.feedback_button, self.reconcile_button,
                  self.roster_button, self.daily_button, self.puskesos_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.close_button.setVisible(session.may("batch.close"))
        self.send_button.setVisible(session.may("outbox.send"))
        self.feedback_button.setVisible(session.may("feedback.import"))
        self.reconcile_button.setVisible(session.may("reconcile.run"))
        self.roster_button.setVisible(session.may("roster.import"))
        from app.services import bpjs_daily

        self.daily_services = bpjs_daily.services_with_daily_list(session.office)
        self.daily_button.setVisible(session.may("batch.close") and bool(self.daily_services))
        self.puskesos_button.setVisible(session.may("batch.close"))
        # the current BPJS roster and the quarterly reminder (SOP Cirebon step 7), for the roles that reconcile
        self.roster_status = QLabel("")
        self.roster_status.setObjectName("roster_status")
        self.roster_status.setWordWrap(True)
        self.roster_status.setVisible(session.may("reconcile.run"))
        layout.addWidget(self.roster_status)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(self.tr("&Batalkan"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setToolTip(self.tr("Hentikan pekerjaan ini; yang sudah dikerjakan dibatalkan seluruhnya"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.outbox_status = QLabel(self.tr("Pengiriman otomatis: belum dicoba."))
        self.outbox_status.setObjectName("outbox_status")
        self.outbox_status.setWordWrap(True)
        layout.addWidget(self.outbox_status)

        self.table = _table([QCoreApplication.translate("BatchesView", c) for c in self.COLUMNS], "batches")
        layout.addWidget(self.table, 2)
        self.panel = BatchDetailPanel(session)
        layout.addWidget(self.panel, 2)
        self.table.itemSelectionChanged.connect(self._selected)
        self.service.currentIndexChanged.connect(self._service_changed)

        self.detail_title = QLabel("")
        self.detail_title.setObjectName("detail_title")
        self.detail_title.setWordWrap(True)
        layout.addWidget(self.detail_title)
        self.detail = _table([self.tr("Baris"), self.tr("NIK"), self.tr("Nama"), self.tr("Keterangan")], "detail")
        self.detail.setVisible(False)
        layout.addWidget(self.detail, 1)
        self.findings_table = _table([self.tr("Temuan"), self.tr("NIK"), self.tr("Nama"), self.tr("Keterangan"),
                                      self.tr("Sumber"), self.tr("Tindakan")], "findings")
        self.findings_table.setVisible(False)
        layout.addWidget(self.findings_table, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.close_selected)
        self.send_button.clicked.connect(lambda: self.send_now(background=False))
        self.feedback_button.clicked.connect(self._choose_feedback)
        self.reconcile_button.clicked.connect(self._choose_reconcile)
        self.roster_button.clicked.connect(self._choose_roster)
        self.daily_button.clicked.connect(self._choose_daily)
        self.puskesos_button.clicked.connect(self._choose_puskesos)

        self.timer = QTimer(self)
        self.timer.setInterval(BACKGROUND_INTERVAL_MS)
        self.timer.timeout.connect(self.background_send)
        self.first_attempt = QTimer(self)  # a child: it dies with the page
        self.first_attempt.setSingleShot(True)
        self.first_attempt.setInterval(background_first_ms)
        self.first_attempt.timeout.connect(self.background_send)
        if session.may("outbox.send"):
            self.timer.start()
            self.first_attempt.start()
        self.refresh()
        self._service_changed()
        self.show_roster_status()

    # ------------------------------------------------------------------ helpers
    def _batch_services(self) -> list[tuple[str, str]]:
        defs = load_all(self.session.office)
        codes = sorted({d.batch for d in defs.values() if d.batch})
        self.names = {c: defs[c].name for c in codes if c in defs}
        return [(c, self.names.get(c, c)) for c in codes]

    def _busy(self) -> bool:
        return self.task is not None

    #: the running task stops when cancelled (set by :meth:`_start`)
    cancellable = False

    def _set_buttons(self) -> None:
        busy = self._busy()
        self.cancel_button.setVisible(busy and self.cancellable)
        self.cancel_button.setEnabled(busy and self.cancellable)
        for b in (self.close_button, self.send_button, self.feedback_button, self.reconcile_button,
                  self.roster_button, self.daily_button, self.puskesos_button):
            b.setEnabled(not busy)
        self.close_button.setEnabled(not busy and bool(self.periods))

    def _say(self, text: str, style: str = "") -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)

    def _start(self, work, on_done, message: str, *, cancellable: bool = False) -> bool:
        """Run ``work`` in the background; ``cancellable`` when the core stops on the task's cancel (then the
        page shows "Batalkan" while it runs)."""
        if self._busy():
            self._say(self.tr("Masih ada pekerjaan yang berjalan; tunggu sampai selesai."), WARN_STYLE)
            return False
        self.progress.setValue(0)
        self._say(message)
        self.task = self.session.runner.run(work, on_done=lambda r: self._settle(on_done, r),
                                            on_error=self._failed, on_progress=self._progress)
        self.cancellable = cancellable
        self._set_buttons()
        return True

    def cancel_task(self) -> None:
        if self.task is not None and self.cancellable:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self._say(self.tr("Membatalkan…"), WARN_STYLE)

    def _settle(self, on_done, result) -> None:
        self.task = None
        self._set_buttons()
        self.progress.setValue(100)
        on_done(result)

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        if message:
            self.status.setText(message)

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.task = None
        self._set_buttons()
        self.progress.setValue(0)
        if isinstance(exc, (batches.CloseCancelled, roster.ImportCancelled)):
            self._say(str(exc), WARN_STYLE)  # what the officer asked for: no error dialog
            return
        self._say(str(exc), ERR_STYLE)
        show_error(self, exc, tb)

    # ------------------------------------------------------------------ list
    def refresh(self) -> None:
        office, actor = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: (batches.list_batches(office, actor=actor), office_svc.zone_name(office)),
                                on_done=lambda r: self._show_batches(*r),
                                on_error=lambda e, tb: show_error(self, e, tb))
        self.refresh_closable()

    def _show_batches(self, rows: list[batches.BatchInfo], tz: str) -> None:
        self.tz = tz
        self.table.setRowCount(len(rows))
        for r, b in enumerate(rows):
            if b.delivered_at:
                sent = tanggal_jam(b.delivered_at, tz, with_zone=False)
            elif b.last_error:
                sent = self.tr("Gagal ({attempts}×): {error}").format(attempts=b.delivery_attempts, error=b.last_error)
            else:
                sent = ""
            values = [self.names.get(b.service_code, b.service_code), b.period, b.sequence, b.record_count,
                      self._status(b.status),
                      sent, f"{b.feedback_received}/{b.record_count}"]
            for c, v in enumerate(values):
                self.table.setItem(r, c, _item(v))
            self.table.item(r, 0).setData(Qt.ItemDataRole.UserRole, b.id)
        self._selected()

    def _selected(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 and self.table.selectedItems() else None
        self.panel.show_batch(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)

    def _service_changed(self) -> None:
        """Show the service's waiting cases."""
        code = self.service.currentData()
        if code:
            self.panel.show_waiting(code)

    def refresh_closable(self) -> None:
        """The periods that may be closed now, as the core lists them (service name, month, cases, sequence)."""
        if not self.session.may("batch.list"):
            return
        office, actor = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: batches.closable_periods(office, actor=actor),
                                on_done=self._show_closable, on_error=lambda e, tb: show_error(self, e, tb))

    def _period_text(self, p: batches.ClosablePeriod) -> str:
        text = self.tr("{service} — {period} · {count} berkas · urutan {sequence}").format(
            service=p.service_name, period=p.period_name, count=p.case_count, sequence=p.sequence)
        return text if p.ended else text + " " + self.tr("(bulan belum berakhir)")

    def _show_closable(self, periods: list[batches.ClosablePeriod]) -> None:
        self.periods = list(periods)
        self.closable.clear()
        for n, p in enumerate(self.periods):
            self.closable.addItem(self._period_text(p), n)
        self.closable.setCurrentIndex(-1 if not self.periods else 0)
        self.close_button.setEnabled(bool(self.periods) and not self._busy())
        self.close_button.setToolTip("" if self.periods else self.tr("Tidak ada periode dengan kasus menunggu."))

    def selected_period(self) -> batches.ClosablePeriod | None:
        n = self.closable.currentData()
        return self.periods[n] if isinstance(n, int) and 0 <= n < len(self.periods) else None

    @staticmethod
    def _status(code: str) -> str:
        label = STATUS_LABELS.get(code)
        return QCoreApplication.translate("BatchesView", label) if label else code

    # ------------------------------------------------------------------ close
    def close_selected(self) -> None:
        """Ask first: service, period, number of cases and sequence number; an early close also lists what moves
        to the next period and needs its own tick."""
        p = self.selected_period()
        if p is None or self._busy():
            return
        text = self.tr("<p>Tutup batch berikut?</p><table cellspacing='3'>"
                       "<tr><td>Layanan</td><td><b>{service}</b></td></tr>"
                       "<tr><td>Periode</td><td><b>{period}</b> ({code})</td></tr>"
                       "<tr><td>Jumlah berkas</td><td><b>{count}</b></td></tr>"
                       "<tr><td>Nomor urut batch</td><td><b>{sequence}</b></td></tr></table>").format(
            service=html.escape(p.service_name), period=p.period_name, code=p.period, count=p.case_count,
            sequence=p.sequence)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Tutup batch"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirm_close")
        box.setTextFormat(Qt.TextFormat.RichText)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("&Tutup batch"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("&Batal"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if p.attachments:
            from app.services.batch_attachments import size_text

            scans = self.tr("Lampiran berkas yang ikut dalam ZIP: {count} berkas ({size}).").format(
                count=p.attachments, size=size_text(p.attachments_bytes))
            box.setText(text + f"<p>{html.escape(scans)}</p>"
                        + (f"<p style='color:#a05a00'><b>{html.escape(p.size_warning)}</b></p>" if p.size_warning
                           else ""))
        if not p.ended:
            moving = "\n".join(f"• {m.reg_number} ({m.step})" for m in p.moving) or self.tr("(tidak ada)")
            box.setInformativeText(self.tr("Bulan {period} BELUM berakhir: ini penutupan lebih awal. Berkas yang "
                                           "belum sampai langkah batch pindah ke periode {next} ({count}):").format(
                period=p.period_name, next=p.next_period, count=len(p.moving)))
            box.setDetailedText(moving)
            check = QCheckBox(self.tr("Saya mengerti: tutup lebih awal, {count} berkas pindah ke {next}").format(
                count=len(p.moving), next=p.next_period))
            check.setObjectName("confirm_early")
            box.setCheckBox(check)
            yes.setEnabled(False)
            check.toggled.connect(lambda on: box.button(QMessageBox.StandardButton.Yes).setEnabled(on))
            self.early_check = check
        box.finished.connect(lambda _r: self._close_answer(box, p))
        self.confirm_box = box
        box.open()

    def _close_answer(self, box: QMessageBox, p: batches.ClosablePeriod) -> None:
        if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
            return
        office, actor = self.session.office, self.session.actor
        early = None if p.ended else [m.reg_number for m in p.moving]
        packing_text = self.tr("Mengemas berkas ZIP: {done} dari {total}")

        def packing(task, done: int, total: int) -> None:
            task.report(done / max(total, 1), message=packing_text.format(
                done=batch_attachments.size_text(done), total=batch_attachments.size_text(total)))

        self._start(lambda task: batches.close_batch(
            office, actor=actor, service_code=p.service_code, period=p.period, confirm_early=early,
            progress=lambda done, total: task.report(done / max(total, 1)),
            packing=lambda done, total: packing(task, done, total), cancelled=task.is_cancelled),
            self._closed, self.tr("Menutup batch {service} {period}…").format(service=p.service_name,
                                                                             period=p.period_name),
            cancellable=True)

    def _closed(self, result: batches.CloseResult) -> None:
        self._say(result.message, OK_STYLE if result.created else WARN_STYLE)
        zip_path = Path(result.batch.zip_path) if result.batch.zip_path else None
        self.zip_folder = zip_path.parent if zip_path is not None else None
        self.zip_label.setText(self.tr("Berkas ZIP batch: {path}").format(path=zip_path) if zip_path else "")
        self.open_folder_button.setVisible(zip_path is not None)
        self.refresh()
        self.panel.show_waiting(self.service.currentData())

    def open_folder(self) -> None:
        if self.zip_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.zip_folder)))

    # ------------------------------------------------------------------ send
    def send_now(self, *, background: bool = False) -> bool:
        office, actor = self.session.office, self.session.actor

        def work(task):
            if background and not outbox.pending(office):
                return None
            return outbox.send_pending(office, actor=actor, progress=lambda msg: task.report(0.0, message=msg))

        if background:
            if self._busy():
                return False
            self.task = self.session.runner.run(work, on_done=self._sent_background,
                                                on_error=self._send_failed_background)
            self._set_buttons()
            return True
        return self._start(work, self._sent, self.tr("Mengirim batch yang belum terkirim…"))

    def background_send(self) -> None:
        if self.session.may("outbox.send"):
            self.send_now(background=True)

    def _summary(self, results: list[outbox.BatchDelivery]) -> tuple[str, bool]:
        if not results:
            return self.tr("Tidak ada batch yang menunggu pengiriman."), True
        parts = []
        for r in results:
            if r.delivered:
                parts.append(self.tr("{batch}: terkirim").format(batch=r.label))
            else:
                parts.append(self.tr("{batch}: gagal ({errors})").format(
                    batch=r.label, errors="; ".join(r.errors) or self.tr("tanpa keterangan")))
        return "; ".join(parts) + ".", all(r.delivered for r in results)

    def _fail_style(self) -> str:
        """A failed delivery is red only to whoever can fix it (the delivery settings are the administrator's);
        to others it is a notice, with who to ask."""
        return ERR_STYLE if self.session.may("settings.edit") else WARN_STYLE

    def _fail_hint(self) -> str:
        return "" if self.session.may("settings.edit") else " " + self.tr(
            "Pengaturan pengiriman diurus administrator; batch dikirim ulang otomatis.")

    def _stamp(self) -> str:
        return jam(utcnow(), self.tz)  # office time, not the machine's zone

    def _sent(self, results: list[outbox.BatchDelivery]) -> None:
        text, ok = self._summary(results)
        text += "" if ok else self._fail_hint()
        self._say(text, OK_STYLE if ok else self._fail_style())
        self.outbox_status.setText(self.tr("Pengiriman terakhir ({time}): {text}").format(time=self._stamp(),
                                                                                        text=text))
        self.refresh()

    def _sent_background(self, results) -> None:
        self.task = None
        self._set_buttons()
        if results is None:
            self.outbox_status.setText(self.tr("Pengiriman otomatis ({time}): tidak ada batch yang menunggu.").format(
                time=self._stamp()))
            return
        text, ok = self._summary(results)
        text += "" if ok else self._fail_hint()
        self.outbox_status.setStyleSheet(OK_STYLE if ok else self._fail_style())
        self.outbox_status.setText(self.tr("Pengiriman otomatis ({time}): {text}").format(time=self._stamp(),
                                                                                        text=text))
        self.refresh()

    def _send_failed_background(self, exc: BaseException, tb: str) -> None:
        """No dialog from a timer: the status line says what went wrong."""
        self.task = None
        self._set_buttons()
        self.outbox_status.setStyleSheet(self._fail_style())
        self.outbox_status.setText(self.tr("Pengiriman otomatis ({time}) gagal: {error}").format(time=self._stamp(),
                                                                                                error=exc)
                                   + self._fail_hint())

    # ------------------------------------------------------------------ daily list, Puskesos notices
    def _choose_daily(self) -> None:
        """Which service (when several have a daily list), which day (today unless another is chosen) and which
        folder."""
        codes = list(self.daily_services)
        if not codes:
            return
        code = codes[0]
        if len(codes) > 1:
            names = [self.daily_services[c] for c in codes]
            name, ok = QInputDialog.getItem(self, self.tr("Daftar harian BPJS"), self.tr("Layanan:"), names, 0, False)
            if not ok:
                return
            code = codes[names.index(name)]
        from app.services import bpjs_daily
        from ui.dialogs.pick_day import DayDialog

        dlg = DayDialog(self.tr("Daftar harian BPJS"),
                        self.tr("Daftar kasus yang direkomendasikan pada tanggal (waktu kantor):"),
                        bpjs_daily.today(self.session.office), self)
        if not dlg.exec():
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Simpan daftar harian BPJS ke folder"))
        if folder:
            self.export_daily(code, Path(folder), dlg.day())

    def export_daily(self, service_code: str, folder: Path, day: date | None = None) -> None:
        """The list of ``day`` (default: today, office time), written in the background."""
        from app.services import bpjs_daily

        office, actor = self.session.office, self.session.actor
        self._start(lambda task: bpjs_daily.export_daily(
            office, actor=actor, service_code=service_code, dest=folder, day=day,
            progress=lambda done, total: task.report(done / max(total, 1))),
            self._daily_done, self.tr("Membuat daftar harian BPJS…"))

    def _daily_done(self, res) -> None:
        self._say(res.message, OK_STYLE if res.count else WARN_STYLE)
        self.zip_folder = res.xlsx_path.parent
        self.open_folder_button.setVisible(True)

    def selected_batch(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 and self.table.selectedItems() else None
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, int) else None

    def _choose_puskesos(self) -> None:
        batch_id = self.selected_batch()
        if batch_id is None:
            self._say(self.tr("Pilih dahulu batch penonaktifan yang sudah ditutup di tabel."), WARN_STYLE)
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Simpan surat dan daftar Puskesos ke folder"))
        if folder:
            self.issue_puskesos(batch_id, Path(folder))

    def issue_puskesos(self, batch_id: int, folder: Path) -> None:
        from app.services import puskesos_notices

        office, actor = self.session.office, self.session.actor
        self._start(lambda _task: puskesos_notices.issue_for_batch(office, actor=actor, batch_id=batch_id,
                                                                   dest=folder),
                    lambda made: self._puskesos_done(made, folder), self.tr("Menerbitkan pemberitahuan Puskesos…"))

    def _puskesos_done(self, made, folder: Path) -> None:
        self._say(made.message, OK_STYLE if made.letters else WARN_STYLE)
        if made.files:
            self.zip_folder = folder
            self.open_folder_button.setVisible(True)

    # ------------------------------------------------------------------ feedback
    def _choose_feedback(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas umpan balik BPJS/Kemensos"), "",
                                              self.tr("Umpan balik (*.csv *.xlsx);;Semua (*)"))
        if path:
            self.import_feedback(Path(path))

    def import_feedback(self, path: Path) -> None:
        office, actor = self.session.office, self.session.actor
        self._start(lambda task: feedback.import_feedback(office, actor=actor, path=path, progress=task.report),
                    self._imported, self.tr("Mengimpor umpan balik {file}…").format(file=path.name))

    def _imported(self, rep: feedback.FeedbackReport) -> None:
        problems = ([(self.tr("NIK tidak dikenal"), i) for i in rep.unknown_nik]
                    + [(self.tr("Bukan bagian batch terkirim"), i) for i in rep.not_in_batch]
                    + [(self.tr("Baris bermasalah"), i) for i in rep.errors])
        self._say(rep.summary(), WARN_STYLE if problems else OK_STYLE)
        self.findings_table.setVisible(False)
        self.detail.setVisible(bool(problems))
        self.detail_title.setText(self.tr("Baris umpan balik yang tidak diterapkan:") if problems else "")
        self.detail.setRowCount(len(problems))
        for r, (kind, issue) in enumerate(problems):
            for c, v in enumerate([issue.line, issue.nik, issue.name, f"{kind}: {issue.message}"]):
                self.detail.setItem(r, c, _item(v))
        self.refresh()

    # ------------------------------------------------------------------ reconciliation
    def _choose_reconcile(self) -> None:
        bpjs, _ = QFileDialog.getOpenFileName(self, self.tr("Daftar peserta BPJS (batal untuk melewati)"), "",
                                              self.tr("Daftar (*.csv *.xlsx);;Semua (*)"))
        dukcapil, _ = QFileDialog.getOpenFileName(self, self.tr("Daftar Dukcapil (batal untuk melewati)"), "",
                                                  self.tr("Daftar (*.csv *.xlsx);;Semua (*)"))
        if not bpjs and not dukcapil and not self.has_roster:
            return
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Simpan laporan rekonsiliasi"), "rekonsiliasi.xlsx",
                                             "Excel (*.xlsx)")
        self.run_reconcile(bpjs or None, dukcapil or None, out or None)

    def show_roster_status(self) -> None:
        """The current roster and, when a quarter is due, the reminder (read off the GUI thread)."""
        if not self.session.may("reconcile.run"):
            return
        office = self.session.office
        self.session.runner.run(lambda _t: (roster.current(office), reconcile.due(office)),
                                on_done=self._roster_shown, on_error=lambda e, tb: show_error(self, e, tb))

    def _roster_shown(self, result) -> None:
        current, due = result
        self.has_roster = current is not None
        text = (self.tr("Daftar peserta PBI-APBD dari BPJS: {file}, {active} peserta aktif.").format(
                    file=current.file_name, active=current.rows_active) if current else
                self.tr("Daftar peserta PBI-APBD dari BPJS belum diimpor."))
        if due is not None:
            text += " " + due.message()
        self.roster_status.setText(text)
        self.roster_status.setStyleSheet(WARN_STYLE if due is not None or current is None else "")

    def _choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Daftar peserta PBI-APBD dari BPJS"), "",
                                              self.tr("Daftar (*.csv *.xlsx);;Semua (*)"))
        if path:
            self.import_roster(Path(path))

    def import_roster(self, path: Path) -> None:
        office, actor = self.session.office, self.session.actor
        self._start(lambda task: roster.import_roster(office, actor=actor, path=path, progress=task.report,
                                                      cancelled=task.is_cancelled),
                    self._roster_imported, self.tr("Mengimpor daftar peserta {file}…").format(file=path.name),
                    cancellable=True)

    def _roster_imported(self, summary: roster.RosterSummary) -> None:
        self._say(summary.message(), OK_STYLE)
        self.show_roster_status()

    def run_reconcile(self, bpjs: str | None, dukcapil: str | None, out: str | None, period: str = "") -> None:
        office, actor = self.session.office, self.session.actor
        self.reconcile_period = period  # "" = the quarter that ended last (the core decides, office time)
        self._start(lambda task: reconcile.reconcile(office, actor=actor, bpjs_path=bpjs, dukcapil_path=dukcapil,
                                                     out_path=out, period=period,
                                                     progress=lambda msg: task.report(0.0, message=msg)),
                    self._reconciled, self.tr("Mencocokkan daftar…"))

    def _reconciled(self, rep: reconcile.ReconcileReport) -> None:
        self.findings = list(rep.findings)
        counts = ", ".join(f"{reconcile.KINDS[k]} {n}" for k, n in rep.counts().items() if n)
        self.reconcile_period = rep.period
        self.show_roster_status()
        text = (self.tr("Rekonsiliasi {period}: {active} peserta aktif di kantor, {roster} peserta dari daftar BPJS "
                        "di luar Loket PBI, {bpjs} baris BPJS, {dukcapil} baris Dukcapil; {findings} temuan").format(
                    period=rep.period, active=rep.active_here, roster=rep.roster_only, bpjs=rep.bpjs_rows,
                    dukcapil=rep.dukcapil_rows, findings=len(self.findings))
                + (f" ({counts})" if counts else "")
                + (self.tr("; {count} baris ditolak").format(count=len(rep.refused)) if rep.refused else "") + ".")
        if rep.out_path:
            text += self.tr(" Laporan: {path}").format(path=rep.out_path)
        self._say(text, WARN_STYLE if self.findings else OK_STYLE)
        self.detail.setVisible(False)
        self.detail_title.setText(self.tr("Temuan rekonsiliasi:") if self.findings else "")
        t = self.findings_table
        t.setVisible(bool(self.findings))
        t.setRowCount(len(self.findings))
        may_open = self.session.may("case.open")
        for r, f in enumerate(self.findings):
            for c, v in enumerate([f.label, f.nik, f.name, f.detail, f.source]):
                t.setItem(r, c, _item(v))
            if may_open:
                button = QPushButton(self.tr("Buka kasus penonaktifan"))
                button.setObjectName(f"open_case_{r}")
                button.clicked.connect(lambda _c=False, row=r: self.open_case(row))
                t.setCellWidget(r, 5, button)
            else:
                t.setItem(r, 5, _item(""))

    def open_case(self, row: int) -> None:
        finding = self.findings[row]
        office, actor, period = self.session.office, self.session.actor, self.reconcile_period
        button = self.findings_table.cellWidget(row, 5)

        def done(info) -> None:
            if isinstance(button, QPushButton):
                button.setEnabled(False)
                button.setText(self.tr("Kasus {reg} dibuka").format(reg=getattr(info, "reg_number", "")))
            self._say(self.tr("Kasus penonaktifan {reg} dibuka untuk {name}.").format(
                reg=getattr(info, "reg_number", ""), name=finding.name), OK_STYLE)

        self.session.runner.run(
            lambda _t: reconcile.open_deactivation_case(office, actor=actor, finding=finding, period=period),
            on_done=done, on_error=lambda e, tb: show_error(self, e, tb))
