"""Jamkesda ranking: a quota period's applicants in priority order against the quota, the waiting list, and
each person's explainable score sheet. Ranking itself is done by the core (:func:`jamkesda.rank_period`)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.rules import scoring
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import case_queries, jamkesda, settings
from app.services import office as office_svc
from app.timeutil import utcnow, zone
from ui.errors import show_error
from ui.i18n import current_language
from ui.session import UiSession
from ui.widgets import readonly_table

DECISIONS = {"layak": QT_TRANSLATE_NOOP("JamkesdaView", "Layak (dalam kuota)"),
             "daftar_tunggu": QT_TRANSLATE_NOOP("JamkesdaView", "Daftar tunggu"),
             "": QT_TRANSLATE_NOOP("JamkesdaView", "Belum diperingkat")}
COLORS = {"layak": "#e8f5e9", "daftar_tunggu": "#fff4cc"}


def default_period(cfg: RuleSettings, tz: str) -> str:
    local = utcnow().astimezone(zone(tz))
    return cfg.quota_period_of(local)


class JamkesdaView(QWidget):
    COLUMNS = (QT_TRANSLATE_NOOP("JamkesdaView", "Peringkat"), QT_TRANSLATE_NOOP("JamkesdaView", "No. registrasi"),
               QT_TRANSLATE_NOOP("JamkesdaView", "Nama"), QT_TRANSLATE_NOOP("JamkesdaView", "Skor"),
               QT_TRANSLATE_NOOP("JamkesdaView", "Desil"), QT_TRANSLATE_NOOP("JamkesdaView", "Tanggungan"),
               QT_TRANSLATE_NOOP("JamkesdaView", "Diterima"), QT_TRANSLATE_NOOP("JamkesdaView", "Keputusan"),
               QT_TRANSLATE_NOOP("JamkesdaView", "Urutan karena"))

    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.rows: list[case_queries.Standing] = []
        self.cfg: RuleSettings | None = None
        self.last_sk: jamkesda.SkRequest | None = None
        self.tz = "WIB"
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Peringkat Jamkesda (PBI APBD)</h2>")))
        top = QHBoxLayout()
        self.period = QLineEdit()
        self.period.setObjectName("period")
        self.period.setMaximumWidth(120)
        self.period.setPlaceholderText(self.tr("2026 atau 2026-11"))
        self.show_button = QPushButton(self.tr("&Tampilkan"))
        self.rank_button = QPushButton(self.tr("&Jalankan peringkatan…"))
        self.rank_button.setObjectName("rank")
        self.rank_button.setVisible(session.may("jamkesda.rank"))
        period_label = QLabel(self.tr("&Periode kuota:"))
        period_label.setBuddy(self.period)
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(self.show_button)
        top.addWidget(self.rank_button)
        self.release_button = QPushButton(self.tr("Peserta &keluar…"))
        self.release_button.setObjectName("release")
        self.release_button.setToolTip(self.tr("Meninggal, pindah, dinonaktifkan…: kuota bebas dan daftar tunggu naik"))
        self.release_button.setVisible(session.may("jamkesda.release"))
        self.release_button.setEnabled(False)
        top.addWidget(self.release_button)
        self.sk_button = QPushButton(self.tr("Terbitkan permohonan &SK Walikota…"))
        self.sk_button.setObjectName("sk_request")
        self.sk_button.setToolTip(self.tr("Satu surat kolektif ke Bagian Kesra berisi peserta periode ini yang "
                                          "diterima BPJS (langkah Kepala Dinas)"))
        self.sk_button.setVisible(session.may("case.move") and session.may("letter.issue"))
        top.addWidget(self.sk_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.quota = QLabel(self.tr("Memuat…"))
        self.quota.setObjectName("quota")
        self.quota.setWordWrap(True)
        layout.addWidget(self.quota)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = readonly_table([QCoreApplication.translate("JamkesdaView", c) for c in self.COLUMNS], "ranking")
        split.addWidget(self.table)
        box = QGroupBox(self.tr("Lembar skor"))
        bl = QVBoxLayout(box)
        self.sheet = QLabel(self.tr("Pilih pemohon untuk melihat lembar skornya."))
        self.sheet.setObjectName("sheet")
        self.sheet.setWordWrap(True)
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sheet.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sheet_scroll = QScrollArea()  # a long indicator set scrolls instead of being cut at a 768-pixel screen
        sheet_scroll.setWidgetResizable(True)
        sheet_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        sheet_scroll.setWidget(self.sheet)
        bl.addWidget(sheet_scroll, 1)
        split.addWidget(box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([760, 340])
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(split, 1)
        order = QLabel(self.tr("<small>Satu peringkat per periode dan kuota, tanpa nilai kembar. Urutan prioritas: "
                               "{order}. Pilih baris untuk melihat lembar skornya.</small>").format(
            order=" → ".join(scoring.TIE_BREAKERS)))
        order.setWordWrap(True)
        layout.addWidget(order)

        self.show_button.clicked.connect(self.refresh)
        self.period.returnPressed.connect(self.refresh)
        self.rank_button.clicked.connect(self._rank)
        self.release_button.clicked.connect(self._release)
        self.sk_button.clicked.connect(self._sk_request)
        self.table.itemSelectionChanged.connect(self._selected)

        def first(_t):
            profile = office_svc.get_profile(session.office)
            return settings.load(session.office, RULES_SECTION, RuleSettings), profile.timezone if profile else "WIB"

        session.runner.run(first, on_done=self._ready, on_error=lambda e, tb: show_error(self, e, tb))

    def _ready(self, result) -> None:
        self.cfg, self.tz = result
        self.period.setText(default_period(self.cfg, self.tz))
        self.refresh()

    def refresh(self) -> None:
        period = self.period.text().strip()
        if not period:
            return
        s = self.session
        s.runner.run(lambda _t: (settings.load(s.office, RULES_SECTION, RuleSettings),
                                 case_queries.jamkesda_standing(s.office, actor=s.actor, period=period)),
                     on_done=lambda r: self._show(period, *r), on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, period: str, cfg: RuleSettings, rows: list[case_queries.Standing]) -> None:
        self.cfg, self.rows = cfg, rows
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            values = (str(r.rank) if r.rank else "-", r.reg_number, r.name,
                      "-" if r.score is None else f"{r.score:g}", str(r.desil) if r.desil else "-",
                      str(r.dependants), labels.date_text(r.received_at, tz=self.tz, language=current_language(),
                                                          short=True),
                      self.tr("Keluar dari kuota") if r.left else self._decision(r.decision), r.decided_by)
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if r.left:
                    item.setForeground(QBrush(QColor("#757575")))
                elif r.decision in COLORS:
                    item.setBackground(QBrush(QColor(COLORS[r.decision])))
                if col in (0, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(v)
                self.table.setItem(n, col, item)
        header = self.table.horizontalHeader()
        for col in range(len(self.COLUMNS)):  # short columns to their contents; name and reason share the rest
            if col in (2, 8):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.table.resizeColumnToContents(col)
        layak = sum(1 for r in rows if r.decision == "layak" and not r.left)
        waiting = sum(1 for r in rows if r.decision == "daftar_tunggu")
        unranked = sum(1 for r in rows if not r.decision)
        if cfg.uhc_priority:
            quota = self.tr("Prioritas UHC: semua pemohon yang memenuhi kriteria layak, tanpa kuota.")
        else:
            rupiah = f"{cfg.jamkesda_contribution:,}".replace(",", ".")
            quota = self.tr("Kuota periode {period}: <b>{quota}</b> peserta (iuran Rp{rupiah} per orang per "
                            "bulan).").format(period=period, quota=cfg.jamkesda_quota, rupiah=rupiah)
        self.quota.setText(self.tr("{quota} Layak: <b>{eligible}</b> · daftar tunggu: <b>{waiting}</b> · belum "
                                   "diperingkat: <b>{unranked}</b>.").format(quota=quota, eligible=layak,
                                                                            waiting=waiting, unranked=unranked))
        self.rank_button.setEnabled(unranked > 0 or waiting > 0)
        self._selected()

    @staticmethod
    def _decision(code: str) -> str:
        label = DECISIONS.get(code)
        return QCoreApplication.translate("JamkesdaView", label) if label else code

    def current(self) -> case_queries.Standing | None:
        sel = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[sel[0].row()] if sel and sel[0].row() < len(self.rows) else None

    def _selected(self) -> None:
        r = self.current()
        self.release_button.setEnabled(r is not None and r.decision == "layak" and not r.left)
        if r is None:
            self.sheet.setText(self.tr("Pilih pemohon untuk melihat lembar skornya."))
            return
        s = self.session
        s.runner.run(lambda _t: jamkesda.score_sheet(s.office, actor=s.actor, case_id=r.case_id),
                     on_done=lambda sheet: self._sheet(r, sheet), on_error=lambda e, tb: show_error(self, e, tb))

    def _sheet(self, r: case_queries.Standing, sheet: scoring.ScoreSheet) -> None:
        iset = scoring.INDICATOR_SETS.get(sheet.indicator_set)
        lines = "".join(
            f"<tr><td>{'✓' if ln.met else '✗'}</td><td>{ln.label}</td><td align='right'>{ln.points:g}</td></tr>"
            for ln in sheet.lines)
        verdict = self.tr("memenuhi kriteria") if sheet.eligible else self.tr("tidak memenuhi kriteria")
        self.sheet.setText(
            f"<b>{r.name}</b> — {r.reg_number}<br>{iset.title + ' (' + iset.legal_basis + ')' if iset else ''}"
            + self.tr("<table cellspacing='3'><tr><th></th><th align='left'>Indikator</th><th>Poin</th></tr>{lines}"
                      "</table><p>Jumlah <b>{total}</b> dari {maximum}; batas layak {cutoff} → {verdict}."
                      "<br>Desil {desil}, {dependants} tanggungan, diterima {received}.</p>").format(
                lines=lines, total=f"{sheet.total:g}", maximum=f"{sheet.maximum:g}", cutoff=f"{sheet.cutoff:g}",
                verdict=verdict, desil=r.desil or "-", dependants=r.dependants,
                received=labels.date_text(r.received_at, tz=self.tz, language=current_language()))
            + (self.tr("<p>Peringkat <b>{rank}</b>: {why}.</p>").format(rank=r.rank, why=r.decided_by)
               if r.rank else ""))

    def _rank(self) -> None:
        period = self.period.text().strip()
        answer = QMessageBox.question(
            self, self.tr("Jalankan peringkatan"),
            self.tr("Peringkatan periode {period} menetapkan pemohon yang layak dalam kuota (berkasnya diteruskan ke "
                    "pemberitahuan) dan daftar tunggu. Lanjutkan?").format(period=period))
        if answer != QMessageBox.StandardButton.Yes:
            return
        s = self.session
        self.rank_button.setEnabled(False)

        def failed(exc, tb) -> None:
            self.rank_button.setEnabled(True)
            show_error(self, exc, tb)

        s.runner.run(lambda _t: jamkesda.rank_period(s.office, actor=s.actor, period=period),
                     on_done=lambda _res: self.refresh(), on_error=failed)

    def _release(self) -> None:
        r = self.current()
        if r is None:
            return
        dlg = ReleaseDialog(r.name, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        s, code, note, cid = self.session, dlg.reason.currentData(), dlg.note.text().strip(), r.case_id
        self.release_button.setEnabled(False)
        s.runner.run(lambda _t: jamkesda.release_participant(s.office, actor=s.actor, case_id=cid, reason_code=code,
                                                             note=note),
                     on_done=lambda _res: self.refresh(), on_error=lambda e, tb: show_error(self, e, tb))


    def _sk_request(self) -> None:
        period = self.period.text().strip()
        s = self.session
        s.runner.run(lambda _t: (jamkesda.sk_request_candidates(s.office, actor=s.actor, period=period),
                                 jamkesda.sk_request_issued(s.office, actor=s.actor, period=period)),
                     on_done=lambda r: self._confirm_sk(period, *r), on_error=lambda e, tb: show_error(self, e, tb))

    def _confirm_sk(self, period: str, listed: list[str], issued: list[str]) -> None:
        if not listed:
            QMessageBox.information(self, self.tr("Permohonan SK Walikota"), self.tr(
                "Belum ada peserta periode {period} yang diterima BPJS dan menunggu surat permohonan SK.{done}").format(
                period=period, done=self.tr(" Sudah diterbitkan: {numbers}.").format(numbers=", ".join(issued))
                if issued else ""))
            return
        supplement = bool(issued)
        text = (self.tr("Surat permohonan SK periode {period} sudah diterbitkan ({numbers}). Terbitkan surat "
                        "SUSULAN untuk {count} peserta yang diterima sesudahnya: {regs}?")
                if supplement else
                self.tr("Terbitkan SATU surat permohonan SK Walikota ke Bagian Kesra untuk periode {period} berisi "
                        "{count} peserta yang diterima BPJS: {regs}? Surat ini hanya diterbitkan sekali."))
        answer = QMessageBox.question(self, self.tr("Permohonan SK Walikota"), text.format(
            period=period, numbers=", ".join(issued), count=len(listed), regs=", ".join(listed)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        s = self.session
        self.sk_button.setEnabled(False)

        def done(res: jamkesda.SkRequest) -> None:
            self.sk_button.setEnabled(True)
            self.last_sk = res
            QMessageBox.information(self, self.tr("Permohonan SK Walikota"), self.tr(
                "Surat nomor {number} diterbitkan untuk {count} peserta.").format(number=res.number,
                                                                                 count=len(res.reg_numbers)))
            self.refresh()

        def failed(exc, tb) -> None:
            self.sk_button.setEnabled(True)
            show_error(self, exc, tb)

        s.runner.run(lambda _t: jamkesda.issue_sk_request(s.office, actor=s.actor, period=period,
                                                          supplement=supplement),
                     on_done=done, on_error=failed)


class ReleaseDialog(QDialog):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Peserta keluar dari kuota"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("<b>{name}</b> keluar dari kuota Jamkesda. Kuota yang bebas diisi dari daftar "
                                   "tunggu.").format(name=name)))
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        for code, label in jamkesda.LEAVE_REASONS.items():
            if code != "ditolak_bpjs":  # set by BPJS's answer at the feedback step, not chosen here
                self.reason.addItem(label, code)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("mis. Surat Keterangan Kematian No. 474.3/12/Kel"))
        form.addRow(self.tr("Alasan:"), self.reason)
        form.addRow(self.tr("Keterangan:"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
