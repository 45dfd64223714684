"""Jaringan: the kelurahan–Dinas exchange in the window.

At a kelurahan: "Kirim ke Dinas" and "Terima dari Dinas" with progress, the cases waiting to be sent, the
status of every case handed over (with the letters the Dinas issued for it) and the Puskesos deactivation
notices with the number of their notice letter ("Buka surat pemberitahuan" opens it). At the Dinas: "Terima
dari kelurahan" and "Kirim ke kelurahan", and its kelurahan — last package, lag, cases received and still
pending — plus the NIKs handed over twice. The inbox is watched (watchdog, with polling as a fallback) and
received automatically. Everything runs in the worker; the core decides.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.network import enrolment, exchange
from app.timeutil import to_local
from ui.errors import show_error
from ui.session import UiSession
from ui.widgets import readonly_table


def _when(moment: datetime | str | None) -> str:
    if not moment:
        return "-"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return to_local(moment).strftime("%d-%m-%Y %H:%M")


STATUS_LABELS = {"proses": QT_TRANSLATE_NOOP("NetworkView", "diproses Dinas"),
                 "draft": QT_TRANSLATE_NOOP("NetworkView", "diproses Dinas"),
                 "selesai": QT_TRANSLATE_NOOP("NetworkView", "selesai"),
                 "ditolak": QT_TRANSLATE_NOOP("NetworkView", "ditolak"),
                 "terkirim": QT_TRANSLATE_NOOP("NetworkView", "terkirim"),
                 "diterima": QT_TRANSLATE_NOOP("NetworkView", "diterima Dinas")}


class _Arrivals(QObject):
    """Carries the watcher's call (a background thread) over to the GUI thread."""

    arrived = Signal()


class NetworkView(QWidget):
    def __init__(self, session: UiSession):
        super().__init__()
        self.session = session
        self.status: exchange.OfficeStatus | None = None
        self.watcher = None
        self.busy = False
        self._arrivals = _Arrivals()
        self._arrivals.arrived.connect(self._auto_receive, Qt.ConnectionType.QueuedConnection)
        layout = QVBoxLayout(self)
        self.title = QLabel("")
        self.title.setObjectName("network_title")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.summary = QLabel("")
        self.summary.setObjectName("network_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Kirim"))
        self.send_button.setObjectName("network_send")
        self.receive_button = QPushButton(self.tr("Terima"))
        self.receive_button.setObjectName("network_receive")
        self.watch_box = QCheckBox(self.tr("Pantau kotak masuk dan terima otomatis"))
        self.watch_box.setObjectName("network_watch")
        row.addWidget(self.send_button)
        row.addWidget(self.receive_button)
        row.addSpacing(12)
        row.addWidget(self.watch_box)
        row.addStretch(1)
        self.enrol_button = QPushButton(self.tr("Pendaftaran…"))
        self.enrol_button.setObjectName("network_enrol")
        self.enrol_button.setVisible(session.may("network.manage"))
        row.addWidget(self.enrol_button)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("network_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel("")
        self.message.setObjectName("network_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("network_tabs")
        layout.addWidget(self.tabs, 1)
        self.offices = readonly_table([self.tr("Kode"), self.tr("Kantor"), self.tr("Status"),
                                       self.tr("Paket terakhir diterima"), self.tr("Jeda"),
                                       self.tr("Paket masuk / keluar"), self.tr("Berkas diterima"),
                                       self.tr("Belum selesai"), self.tr("NIK ganda")], "network_offices")
        self.cases = readonly_table([self.tr("No. registrasi"), self.tr("Nama"), self.tr("Layanan"),
                                     self.tr("Diserahkan"), self.tr("Status di Dinas"), self.tr("Surat dari Dinas"),
                                     self.tr("Langkah / alasan")], "network_cases")
        self.cases.doubleClicked.connect(self._open_letter)
        self.notice_table = readonly_table([self.tr("Periode"), self.tr("NIK"), self.tr("Nama"),
                                            self.tr("No. kartu"), self.tr("Alasan"), self.tr("Alamat"),
                                            self.tr("Surat pemberitahuan")], "network_notices")
        self.notice_table.doubleClicked.connect(lambda _index: self._open_notice_letter())
        self.notice_table.itemSelectionChanged.connect(self._notice_selected)
        # per row of the notice table, the notice it belongs to
        self._notice_rows: list[exchange.NoticeInfo] = []
        self.notice_letter_button = QPushButton(self.tr("Buka surat pemberitahuan"))
        self.notice_letter_button.setObjectName("network_notice_letter_open")
        self.notice_letter_button.setEnabled(False)
        self.notice_letter_button.clicked.connect(self._open_notice_letter)
        self.notice_page = QWidget()
        notice_layout = QVBoxLayout(self.notice_page)
        notice_layout.setContentsMargins(0, 0, 0, 0)
        notice_row = QHBoxLayout()
        notice_row.addWidget(QLabel(self.tr("Surat pemberitahuan penonaktifan dari Dinas untuk Puskesos "
                                            "kelurahan ini; pilih baris lalu buka suratnya.")))
        notice_row.addStretch(1)
        notice_row.addWidget(self.notice_letter_button)
        notice_layout.addLayout(notice_row)
        notice_layout.addWidget(self.notice_table, 1)
        self.flag_table = readonly_table([self.tr("Kelurahan"), self.tr("No. registrasi"), self.tr("Layanan"),
                                          self.tr("NIK"), self.tr("Sudah diajukan oleh"), self.tr("Diterima"),
                                          self.tr("Keterangan")], "network_flags")
        self.send_button.clicked.connect(self.send)
        self.receive_button.clicked.connect(self.receive)
        self.watch_box.toggled.connect(self.set_watching)
        self.enrol_button.clicked.connect(self._enrol_menu)
        self.refresh()

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        s = self.session

        def work(_t):
            st = exchange.status(s.office, actor=s.actor)
            if st.kind == "kelurahan":
                return st, exchange.handed_over(s.office, actor=s.actor), exchange.notices(s.office, actor=s.actor)
            return st, [], exchange.flags(s.office, actor=s.actor)

        s.runner.run(work, on_done=self._show, on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, result) -> None:
        st, handed, extra = result
        self.status = st
        kel = st.kind == "kelurahan"
        if kel:
            self.title.setText(self.tr("{name} — kode {code}").format(
                name=st.name, code=st.code or self.tr("(belum terdaftar)")))
            dinas = st.peers[0] if st.peers else None
            text = self.tr("Berkas menunggu dikirim ke Dinas: {n}.").format(n=st.cases_waiting)
            if dinas is not None:
                text += " " + self.tr("Dinas: {name} ({code}); paket terakhir dari Dinas {when}; terkirim "
                                      "#{sent}, diakui #{ack}.").format(
                    name=dinas.name, code=dinas.code, when=_when(dinas.last_received_at), sent=dinas.last_sequence_sent,
                    ack=dinas.last_acknowledged)
            else:
                text += " " + self.tr("Kantor ini belum terdaftar pada Dinas: klik Pendaftaran….")
            self.send_button.setText(self.tr("&Kirim ke Dinas"))
            self.receive_button.setText(self.tr("&Terima dari Dinas"))
        else:
            self.title.setText(self.tr("{name} — kode {code}").format(name=st.name, code=st.code))
            pending = sum(p.cases_pending for p in st.peers)
            text = self.tr("{n} kelurahan terdaftar; {p} berkas dari kelurahan belum selesai.").format(
                n=sum(1 for p in st.peers if p.status == "terdaftar"), p=pending)
            self.send_button.setText(self.tr("&Kirim ke kelurahan"))
            self.receive_button.setText(self.tr("&Terima dari kelurahan"))
        self.summary.setText(text + " " + self.tr("Sidik kunci kantor ini: {fp}.").format(fp=st.fingerprint or "-"))
        enabled = st.enrolled and bool(st.peers) and self.session.may("network.exchange") and not self.busy
        self.send_button.setEnabled(enabled)
        self.receive_button.setEnabled(enabled)
        self.watch_box.setEnabled(st.enrolled and self.session.may("network.exchange"))
        self._fill_tabs(kel, st, handed, extra)

    def _fill_tabs(self, kel: bool, st, handed, extra) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        if kel:
            self.cases.setRowCount(len(handed))
            for r, h in enumerate(handed):
                detail = h.reason if h.status == "ditolak" else h.step_name
                values = [h.reg_number, h.name, h.service_code, _when(h.handed_over_at),
                          self.tr(STATUS_LABELS.get(h.status, h.status)), ", ".join(h.letters) or "-", detail]
                for c, v in enumerate(values):
                    item = QTableWidgetItem(v)
                    if c == 4 and h.status == "ditolak":
                        item.setForeground(Qt.GlobalColor.darkRed)
                    self.cases.setItem(r, c, item)
            self.cases.resizeColumnsToContents()
            self.tabs.addTab(self.cases, self.tr("Berkas diserahkan ({n})").format(n=len(handed)))
            # every card of every notice; a notice whose rows are empty still shows its letter on one line
            rows = [(n, row) for n in extra for row in (n.rows or ({},))]
            self._notice_rows = [n for n, _row in rows]
            self.notice_table.setRowCount(len(rows))
            for r, (n, row) in enumerate(rows):
                letter = n.letter_number or self.tr("belum diterima")
                for c, v in enumerate([n.period, row.get("nik", ""), row.get("nama", ""), row.get("no_kartu", ""),
                                       row.get("alasan", ""), row.get("alamat", ""), letter]):
                    self.notice_table.setItem(r, c, QTableWidgetItem(str(v)))
            self.notice_table.resizeColumnsToContents()
            self._notice_selected()
            self.tabs.addTab(self.notice_page, self.tr("Pemberitahuan penonaktifan ({n})").format(
                n=sum(len(n.rows) for n in extra)))
        else:
            self.offices.setRowCount(len(st.peers))
            for r, p in enumerate(st.peers):
                lag = "-" if p.lag_days is None else self.tr("{n} hari").format(n=p.lag_days)
                values = [p.code, p.name, p.status, _when(p.last_received_at), lag,
                          f"{p.packages_received} / {p.packages_sent}", str(p.cases_received), str(p.cases_pending),
                          str(p.flags)]
                for c, v in enumerate(values):
                    item = QTableWidgetItem(v)
                    if c == 4 and p.lag_days is not None and p.lag_days > 7:
                        item.setForeground(Qt.GlobalColor.darkRed)
                    self.offices.setItem(r, c, item)
            self.offices.resizeColumnsToContents()
            self.tabs.addTab(self.offices, self.tr("Kelurahan ({n})").format(n=len(st.peers)))
            self.flag_table.setRowCount(len(extra))
            for r, f in enumerate(extra):
                for c, v in enumerate([f.office_code, f.reg_number, f.service_code, f.nik_masked, f.other_office,
                                       _when(f.at), f.message]):
                    self.flag_table.setItem(r, c, QTableWidgetItem(v))
            self.flag_table.resizeColumnsToContents()
            self.tabs.addTab(self.flag_table, self.tr("NIK ganda ({n})").format(n=len(extra)))
        self.tabs.setCurrentIndex(max(0, current))

    # ------------------------------------------------------------------ exchange
    def _start(self, text: str) -> None:
        self.busy = True
        self.send_button.setEnabled(False)
        self.receive_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _progress(self, percent: int, message: str) -> None:
        self.progress.setValue(percent)
        if message:
            self.message.setText(message)

    def _over(self, text: str, ok: bool) -> None:
        self.busy = False
        self.progress.setVisible(False)
        self.message.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")
        self.message.setText(text)
        self.refresh()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self._over("", True)
        show_error(self, exc, tb)

    def send(self) -> None:
        s = self.session
        self._start(self.tr("Menyiapkan paket…"))

        def done(rep: exchange.SendReport) -> None:
            lines = [b.label for b in rep.built] or [self.tr("Tidak ada berkas atau perubahan baru untuk dikirim.")]
            lines += [self.tr("Terkirim: {f}").format(f=f) for f in rep.delivered]
            lines += [self.tr("Menunggu: {w}").format(w=w) for w in rep.waiting]
            self._over("\n".join(lines), rep.ok)

        s.runner.run(lambda t: exchange.send(s.office, actor=s.actor, progress=lambda f, m: t.report(f, message=m)),
                     on_done=done, on_error=self._failed, on_progress=self._progress)

    def receive(self) -> None:
        s = self.session
        self._start(self.tr("Mengambil paket…"))

        def done(rep: exchange.ReceiveReport) -> None:
            lines = [r.message for r in rep.results] or [self.tr("Tidak ada paket masuk.")]
            lines += rep.transport_errors
            self._over("\n".join(lines), not rep.count("refused") and not rep.transport_errors)

        s.runner.run(lambda t: exchange.receive(s.office, actor=s.actor,
                                               progress=lambda f, m: t.report(f, message=m)),
                     on_done=done, on_error=self._failed, on_progress=self._progress)

    def _auto_receive(self) -> None:
        if not self.busy and self.session.may("network.exchange"):
            self.receive()

    def set_watching(self, on: bool) -> None:
        from app.network.watcher import InboxWatcher

        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if not on:
            return
        office = self.session.office
        folders = exchange.watched_folders(office)
        cfg = exchange.load_settings(office)
        self.watcher = InboxWatcher(folders, self._arrivals.arrived.emit, poll_seconds=cfg.poll_seconds)
        self.watcher.start()

    def shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def _open_letter(self, index) -> None:
        item = self.cases.item(index.row(), 5)
        number = item.text().split(",")[0].strip() if item else "-"
        if number in ("", "-"):
            return
        try:
            path = exchange.letter_file(self.session.office, actor=self.session.actor, number=number)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc, "")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _selected_notice(self) -> exchange.NoticeInfo | None:
        row = self.notice_table.currentRow()
        return self._notice_rows[row] if 0 <= row < len(self._notice_rows) else None

    def _notice_selected(self) -> None:
        notice = self._selected_notice()
        self.notice_letter_button.setEnabled(bool(notice and notice.letter_number))

    def _open_notice_letter(self) -> None:
        """Open the Puskesos notice letter received with the selected notice (its file checked first)."""
        notice = self._selected_notice()
        if notice is None or not notice.letter_number:
            return
        try:
            path = exchange.notice_letter_file(self.session.office, actor=self.session.actor,
                                               notice_id=notice.notice_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc, "")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ------------------------------------------------------------------ enrolment (administrator)
    def _enrol_menu(self) -> None:
        if self.status is None:
            return
        if self.status.kind == "kelurahan":
            items = [self.tr("1. Buat berkas permintaan untuk Dinas"), self.tr("2. Buka berkas pendaftaran dari Dinas")]
            choice, ok = QInputDialog.getItem(self, self.tr("Pendaftaran"), self.tr("Langkah pendaftaran kelurahan:"),
                                              items, 0, False)
            if not ok:
                return
            if choice == items[0]:
                path, _ = QFileDialog.getSaveFileName(self, self.tr("Berkas permintaan"), "permintaan.json",
                                                      self.tr("Berkas JSON (*.json)"))
                if path:
                    self.make_request(Path(path))
            else:
                path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas pendaftaran"), "",
                                                      self.tr("Berkas JSON (*.json)"))
                if path:
                    self.accept_enrolment(Path(path))
            return
        items = [self.tr("Daftarkan kelurahan dari berkas permintaan"), self.tr("Cabut pendaftaran kelurahan")]
        choice, ok = QInputDialog.getItem(self, self.tr("Pendaftaran"), self.tr("Tindakan:"), items, 0, False)
        if not ok:
            return
        if choice == items[0]:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas permintaan"), "",
                                                  self.tr("Berkas JSON (*.json)"))
            if path:
                self.enrol_from(Path(path))
        else:
            codes = [p.code for p in self.status.peers if p.status == "terdaftar"]
            code, ok = QInputDialog.getItem(self, self.tr("Cabut pendaftaran"), self.tr("Kelurahan:"), codes, 0, False)
            if ok and code:
                reason, ok = QInputDialog.getText(self, self.tr("Cabut pendaftaran"), self.tr("Alasan:"))
                if ok:
                    self._run_then_refresh(lambda: enrolment.revoke(self.session.office, actor=self.session.actor,
                                                                    code=code, reason=reason),
                                           self.tr("Pendaftaran {code} dicabut.").format(code=code))

    def _run_then_refresh(self, fn, text: str) -> None:
        self.session.runner.run(lambda _t: fn(), on_done=lambda _r: self._over(text, True), on_error=self._failed)

    def make_request(self, path: Path) -> None:
        s = self.session

        def done(info) -> None:
            self._over(self.tr("Permintaan pendaftaran ditulis ke {path}. Serahkan kepada Dinas dan bacakan sidik "
                               "kunci {fp} lewat telepon.").format(path=path, fp=info.fingerprint), True)

        s.runner.run(lambda _t: enrolment.make_request(s.office, actor=s.actor, out=path), on_done=done,
                     on_error=self._failed)

    def enrol_from(self, request: Path, *, confirm: bool = True) -> None:
        """Show the request's fingerprint to compare by telephone, then make the enrolment file."""
        s = self.session
        try:
            req = enrolment.read_request(request)
        except Exception as exc:  # noqa: BLE001 - the core's message
            show_error(self, exc, "")
            return
        if confirm and QMessageBox.question(
                self, self.tr("Daftarkan kelurahan"),
                self.tr("{name} (wilayah {area})\nSidik kunci: {fp}\n\nApakah sidik kunci ini sama dengan yang "
                        "dibacakan kelurahan?").format(name=req.name, area=req.area_code, fp=req.fingerprint)
        ) != QMessageBox.StandardButton.Yes:
            return
        out = request.with_name(f"pendaftaran-{req.area_code}.json")

        def done(info) -> None:
            self._over(self.tr("{name} terdaftar sebagai {code}. Berkas pendaftaran: {file}").format(
                name=info.name, code=info.code, file=info.file), True)

        s.runner.run(lambda _t: enrolment.enrol(s.office, actor=s.actor, request=request, out=out,
                                                expected_fingerprint=req.fingerprint),
                     on_done=done, on_error=self._failed)

    def accept_enrolment(self, path: Path) -> None:
        s = self.session

        def done(info) -> None:
            self._over(self.tr("Kantor ini terdaftar sebagai {code} pada {dinas}. Sidik kunci Dinas: {fp}.").format(
                code=info.code, dinas=info.dinas_name or info.dinas_code, fp=info.dinas_fingerprint), True)

        s.runner.run(lambda _t: enrolment.accept(s.office, actor=s.actor, path=path), on_done=done,
                     on_error=self._failed)
