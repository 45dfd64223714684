"""Jamkesda ranking: a quota period's applicants in priority order against the quota, the waiting list, and
each person's explainable score sheet. Ranking itself is done by the core (:func:`jamkesda.rank_period`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules import scoring
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import case_queries, jamkesda, settings
from app.services import office as office_svc
from app.timeutil import utcnow, zone
from ui.errors import show_error
from ui.models.case_table import local_text
from ui.session import UiSession

DECISIONS = {"layak": "Layak (dalam kuota)", "daftar_tunggu": "Daftar tunggu", "": "Belum diperingkat"}
COLORS = {"layak": "#e8f5e9", "daftar_tunggu": "#fff4cc"}


def default_period(cfg: RuleSettings, tz: str) -> str:
    local = utcnow().astimezone(zone(tz))
    return str(local.year) if cfg.jamkesda_quota_period == "tahun" else f"{local.year:04d}-{local.month:02d}"


class JamkesdaView(QWidget):
    COLUMNS = ("Peringkat", "No. registrasi", "Nama", "Skor", "Desil", "Tanggungan", "Diterima", "Keputusan")

    def __init__(self, session: UiSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.rows: list[case_queries.Standing] = []
        self.cfg: RuleSettings | None = None
        self.tz = "WIB"
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Peringkat Jamkesda (PBI APBD)</h2>"))
        top = QHBoxLayout()
        self.period = QLineEdit()
        self.period.setObjectName("period")
        self.period.setMaximumWidth(120)
        self.period.setPlaceholderText("2026 atau 2026-11")
        self.show_button = QPushButton("&Tampilkan")
        self.rank_button = QPushButton("&Jalankan peringkatan…")
        self.rank_button.setObjectName("rank")
        self.rank_button.setVisible(session.may("jamkesda.rank"))
        period_label = QLabel("&Periode kuota:")
        period_label.setBuddy(self.period)
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(self.show_button)
        top.addWidget(self.rank_button)
        self.release_button = QPushButton("Peserta &keluar…")
        self.release_button.setObjectName("release")
        self.release_button.setToolTip("Meninggal, pindah, dinonaktifkan…: kuota bebas dan daftar tunggu naik")
        self.release_button.setVisible(session.may("jamkesda.release"))
        self.release_button.setEnabled(False)
        top.addWidget(self.release_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.quota = QLabel("Memuat…")
        self.quota.setObjectName("quota")
        self.quota.setWordWrap(True)
        layout.addWidget(self.quota)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("ranking")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        split.addWidget(self.table)
        box = QGroupBox("Lembar skor")
        bl = QVBoxLayout(box)
        self.sheet = QLabel("Pilih pemohon untuk melihat lembar skornya.")
        self.sheet.setObjectName("sheet")
        self.sheet.setWordWrap(True)
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sheet.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.sheet, 1)
        split.addWidget(box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([650, 370])
        layout.addWidget(split, 1)
        layout.addWidget(QLabel("<small>Urutan prioritas: " + " → ".join(scoring.TIE_BREAKERS) + ".</small>"))

        self.show_button.clicked.connect(self.refresh)
        self.period.returnPressed.connect(self.refresh)
        self.rank_button.clicked.connect(self._rank)
        self.release_button.clicked.connect(self._release)
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
                      str(r.dependants), local_text(r.received_at, self.tz, "%d-%m-%Y"),
                      "Keluar dari kuota" if r.left else DECISIONS.get(r.decision, r.decision))
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                if r.left:
                    item.setForeground(QBrush(QColor("#757575")))
                elif r.decision in COLORS:
                    item.setBackground(QBrush(QColor(COLORS[r.decision])))
                if col in (0, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()
        layak = sum(1 for r in rows if r.decision == "layak" and not r.left)
        waiting = sum(1 for r in rows if r.decision == "daftar_tunggu")
        unranked = sum(1 for r in rows if not r.decision)
        if cfg.uhc_priority:
            quota = "Prioritas UHC: semua pemohon yang memenuhi kriteria layak, tanpa kuota."
        else:
            rupiah = f"{cfg.jamkesda_contribution:,}".replace(",", ".")
            quota = (f"Kuota periode {period}: <b>{cfg.jamkesda_quota}</b> peserta (iuran Rp{rupiah} per orang per "
                     f"bulan).")
        self.quota.setText(f"{quota} Layak: <b>{layak}</b> · daftar tunggu: <b>{waiting}</b> · belum diperingkat: "
                           f"<b>{unranked}</b>.")
        self.rank_button.setEnabled(unranked > 0 or waiting > 0)
        self._selected()

    def current(self) -> case_queries.Standing | None:
        sel = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[sel[0].row()] if sel and sel[0].row() < len(self.rows) else None

    def _selected(self) -> None:
        r = self.current()
        self.release_button.setEnabled(r is not None and r.decision == "layak" and not r.left)
        if r is None:
            self.sheet.setText("Pilih pemohon untuk melihat lembar skornya.")
            return
        s = self.session
        s.runner.run(lambda _t: jamkesda.score_sheet(s.office, actor=s.actor, case_id=r.case_id),
                     on_done=lambda sheet: self._sheet(r, sheet), on_error=lambda e, tb: show_error(self, e, tb))

    def _sheet(self, r: case_queries.Standing, sheet: scoring.ScoreSheet) -> None:
        iset = scoring.INDICATOR_SETS.get(sheet.indicator_set)
        lines = "".join(
            f"<tr><td>{'✓' if ln.met else '✗'}</td><td>{ln.label}</td><td align='right'>{ln.points:g}</td></tr>"
            for ln in sheet.lines)
        verdict = "memenuhi kriteria" if sheet.eligible else "tidak memenuhi kriteria"
        self.sheet.setText(
            f"<b>{r.name}</b> — {r.reg_number}<br>{iset.title + ' (' + iset.legal_basis + ')' if iset else ''}"
            f"<table cellspacing='3'><tr><th></th><th align='left'>Indikator</th><th>Poin</th></tr>{lines}</table>"
            f"<p>Jumlah <b>{sheet.total:g}</b> dari {sheet.maximum:g}; batas layak {sheet.cutoff:g} → {verdict}."
            f"<br>Desil {r.desil or '-'}, {r.dependants} tanggungan, diterima "
            f"{local_text(r.received_at, self.tz, '%d-%m-%Y')}.</p>")

    def _rank(self) -> None:
        period = self.period.text().strip()
        answer = QMessageBox.question(
            self, "Jalankan peringkatan",
            f"Peringkatan periode {period} menetapkan pemohon yang layak dalam kuota (berkasnya diteruskan ke "
            "pemberitahuan) dan daftar tunggu. Lanjutkan?")
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


class ReleaseDialog(QDialog):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Peserta keluar dari kuota")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{name}</b> keluar dari kuota Jamkesda. Kuota yang bebas diisi dari daftar tunggu."))
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        for code, label in jamkesda.LEAVE_REASONS.items():
            self.reason.addItem(label, code)
        self.note = QLineEdit()
        self.note.setPlaceholderText("mis. Surat Keterangan Kematian No. 474.3/12/Kel")
        form.addRow("Alasan:", self.reason)
        form.addRow("Keterangan:", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
