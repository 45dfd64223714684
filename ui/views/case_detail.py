"""One case: its data, checklist, timeline against the standard minutes, letters, scanned attachments, and the
moves this user may make — only those :func:`app.services.cases.allowed_moves` permits (the core checks each
move again)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import labels
from app.documents import catalog
from app.errors import ConflictError
from app.rules.eligibility import BPJS_ANSWERS
from app.rules.permissions import role_label
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.rules.scoring import format_score
from app.servicedefs import ServiceDef
from app.servicedefs import get as get_definition
from app.services import attachments, case_letters, case_queries, cases, letters, move_hints, settings
from app.services import office as office_svc
from app.workflow import products
from ui.dialogs.letter_preview import LetterPreviewDialog
from ui.errors import show_error
from ui.i18n import current_language
from ui.models.case_table import moment_words, status_label
from ui.session import UiSession
from ui.views.attachments_section import AttachmentsSection
from ui.views.konsep_pages import KonsepPages
from ui.views.step_inputs import StepInputs, needs_inputs
from ui.widgets import readonly_table

#: step-log action -> label (marked for translation; shown through ``translate("StepAction", …)``)
ACTIONS = {"advance": QT_TRANSLATE_NOOP("StepAction", "Selesai"),
           "close": QT_TRANSLATE_NOOP("StepAction", "Selesai, ditutup"),
           "paraf": QT_TRANSLATE_NOOP("StepAction", "Paraf"),
           "return": QT_TRANSLATE_NOOP("StepAction", "Dikembalikan"),
           "reject": QT_TRANSLATE_NOOP("StepAction", "Ditolak")}
#: case data key -> label (marked for translation; shown through :func:`data_label`)
DATA_LABELS = {
    "reason_code": QT_TRANSLATE_NOOP("CaseData", "Kode alasan"),
    "alasan": QT_TRANSLATE_NOOP("CaseData", "Alasan penonaktifan"),
    "bukti": QT_TRANSLATE_NOOP("CaseData", "Bukti pendukung"),
    "bpjs_status": QT_TRANSLATE_NOOP("CaseData", "Status di BPJS"),
    "deactivated_on": QT_TRANSLATE_NOOP("CaseData", "Nonaktif sejak"),
    "electricity_va": QT_TRANSLATE_NOOP("CaseData", "Daya listrik (VA)"),
    "dependants": QT_TRANSLATE_NOOP("CaseData", "Jumlah tanggungan"),
    "score": QT_TRANSLATE_NOOP("CaseData", "Skor indikator"),
    "desil": QT_TRANSLATE_NOOP("CaseData", "Desil DTSEN"),
    "dtsen_id": QT_TRANSLATE_NOOP("CaseData", "ID DTSEN"),
    "keterangan_darurat": QT_TRANSLATE_NOOP("CaseData", "Keterangan darurat"),
    "quota_period": QT_TRANSLATE_NOOP("CaseData", "Periode kuota"),
    "field_poor": QT_TRANSLATE_NOOP("CaseData", "Hasil verifikasi"),
    "reason": QT_TRANSLATE_NOOP("CaseData", "Alasan"),
    "warnings": QT_TRANSLATE_NOOP("CaseData", "Peringatan NIK"),
    "rank": QT_TRANSLATE_NOOP("CaseData", "Peringkat"),
    "decision": QT_TRANSLATE_NOOP("CaseData", "Keputusan"),
    "complete_at": QT_TRANSLATE_NOOP("CaseData", "Berkas lengkap pada"),
    "batch_date": QT_TRANSLATE_NOOP("CaseData", "Tanggal rekap"),
    "proposal_window": QT_TRANSLATE_NOOP("CaseData", "Jendela usulan"),
}
HIDDEN = {"documents", "path", "paraf", "routes", "returns", "indicators", "score_sheet", "bpjs_confirmation",
          "missing", "disdukcapil_referral", "flags"}  # flags: the banner above the case
FLAG_STYLE = ("QLabel#flags_banner { background: #fdecea; color: #8a1c1c; border: 1px solid #e0a0a0;"
              " border-radius: 4px; padding: 6px; }")


def action_label(code: str) -> str:
    """A step-log action in the interface language (an unknown code as it is)."""
    label = ACTIONS.get(code)
    return QCoreApplication.translate("StepAction", label) if label else code


def data_label(key: str) -> str:
    """The label of a case data key in the interface language; an unknown key made readable."""
    label = DATA_LABELS.get(key)
    return QCoreApplication.translate("CaseData", label) if label else key.replace("_", " ").capitalize()


def _fmt(key: str, value: Any, tz: str = "WIB") -> str:
    """A stored value as words: coded values by the core's labels, dates as Indonesian dates in office time."""
    return labels.value_text(key, value, tz=tz, language=current_language())


def _minutes(seconds: int) -> str:
    m = seconds / 60
    if m < 90:
        return QCoreApplication.translate("CaseDetailView", "{n} menit").format(n=f"{m:.0f}")
    decimal = "." if current_language() == "en" else ","
    if m < 60 * 48:
        return QCoreApplication.translate("CaseDetailView", "{n} jam").format(n=f"{m / 60:.1f}".replace(".", decimal))
    return QCoreApplication.translate("CaseDetailView", "{n} hari").format(
        n=f"{m / 60 / 24:.1f}".replace(".", decimal))


@dataclass
class Loaded:
    info: cases.CaseInfo
    defn: ServiceDef
    moves: dict[str, bool]
    log: list[cases.StepLogEntry]
    names: dict[int, str]
    letters: list[letters.LetterInfo]
    tz: str
    cfg: RuleSettings
    attachments: list[attachments.AttachmentInfo] = field(default_factory=list)
    attachment_perms: dict[str, bool] = field(default_factory=dict)
    hints: move_hints.MoveHints | None = None
    #: the letter acts this user may do now (KONSEP, issue/sign, view the KONSEP), from the core
    actions: list[case_letters.DocumentAction] = field(default_factory=list)


def load_case(session: UiSession, case_id: int) -> Loaded:
    """Runs in a worker: everything the screen shows, in one go."""
    o, a = session.office, session.actor
    info = cases.get_case(o, actor=a, case_id=case_id)
    log = cases.step_log(o, actor=a, case_id=case_id)
    names = case_queries.user_names(o, actor=a, user_ids={e.user_id for e in log if e.user_id is not None})
    profile = office_svc.get_profile(o)
    return Loaded(info, get_definition(o, info.service_code), cases.allowed_moves(o, actor=a, case_id=case_id), log,
                  names, letters.list_letters(o, case_id=case_id), profile.timezone if profile else "WIB",
                  settings.load(o, RULES_SECTION, RuleSettings),
                  attachments.list_attachments(o, actor=a, case_id=case_id),
                  attachments.permitted(o, actor=a, case_id=case_id), move_hints.hints(o, actor=a, info=info),
                  case_letters.available(o, actor=a, case_id=case_id))


class ReasonDialog(QDialog):
    """Asks the reason of a return or a rejection (and for a return, the step to go back to)."""

    def __init__(self, title: str, prompt: str, steps: list[tuple[str, str]] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        form.addRow(QLabel(prompt))
        self.step = QComboBox()
        for code, name in steps or []:
            self.step.addItem(name, code)
        if steps:
            form.addRow(self.tr("Kembali ke langkah:"), self.step)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Alasan (wajib), akan tercatat dan disampaikan kepada pemohon"))
        form.addRow(self.tr("Alasan:"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda: ok.setEnabled(bool(self.reason.toPlainText().strip())))


class CaseDetailView(QWidget):
    """``on_changed(case_info)`` is called after every move, so lists can refresh."""

    def __init__(self, session: UiSession, case_id: int, *, on_changed: Callable[[cases.CaseInfo], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case_id, self.on_changed = session, case_id, on_changed
        self.loaded: Loaded | None = None
        self.busy = False
        self.title_changed: Callable[[str], None] | None = None
        layout = QVBoxLayout(self)
        self.header = QLabel(self.tr("Memuat berkas…"))
        self.header.setObjectName("header")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.header)
        # a death or move recorded for the applicant elsewhere (a deactivation) flags this open case
        self.flags_banner = QLabel("")
        self.flags_banner.setObjectName("flags_banner")
        self.flags_banner.setWordWrap(True)
        self.flags_banner.setStyleSheet(FLAG_STYLE)
        self.flags_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flags_banner.hide()
        layout.addWidget(self.flags_banner)

        actions = QHBoxLayout()
        self.advance_button = QPushButton(self.tr("&Selesaikan langkah ini"))
        self.advance_button.setObjectName("advance")
        self.paraf_button = QPushButton(self.tr("&Paraf"))
        self.paraf_button.setObjectName("paraf")
        self.return_button = QPushButton(self.tr("&Kembalikan untuk perbaikan…"))
        self.return_button.setObjectName("return")
        self.reject_button = QPushButton(self.tr("&Tolak…"))
        self.reject_button.setObjectName("reject")
        self.refuse_button = QPushButton(self.tr("Tolak: berkas tidak &lengkap"))
        self.refuse_button.setObjectName("refuse")
        self.default_tips = {"advance": self.tr("Selesaikan langkah ini dan teruskan berkas (Ctrl+Enter)"),
                             "paraf": self.tr("Beri paraf pada giliran Anda (Ctrl+Enter)"),
                             "return": self.tr("Kembalikan ke langkah sebelumnya dengan alasan; bukan penolakan"),
                             "reject": self.tr("Tutup berkas sebagai ditolak, dengan alasan")}
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("Catatan untuk langkah ini (tidak wajib)"))
        # the letter acts of this step (make the KONSEP, sign and issue) sit beside the step's own buttons
        self.issue_row = QHBoxLayout()
        self.issue_buttons: list[QPushButton] = []
        actions.addLayout(self.issue_row)
        for b in (self.advance_button, self.paraf_button, self.return_button, self.reject_button, self.refuse_button):
            b.hide()
            actions.addWidget(b)
        actions.addWidget(self.note, 1)
        self.inputs: StepInputs | None = None
        self.inputs_holder = QVBoxLayout()
        layout.addLayout(self.inputs_holder)
        layout.addLayout(actions)
        self.no_moves = QLabel("")
        self.no_moves.setObjectName("no_moves")
        layout.addWidget(self.no_moves)

        self.tabs = QTabWidget()
        self.data_table = self._table((self.tr("Isian"), self.tr("Nilai")))
        self.checklist = QListWidget()
        self.checklist.setObjectName("checklist")
        self.missing = QLabel("")
        self.missing.setWordWrap(True)
        check_tab = QWidget()
        cl = QVBoxLayout(check_tab)
        cl.addWidget(self.checklist)
        cl.addWidget(self.missing)
        self.timeline = self._table((self.tr("Langkah"), self.tr("Tindakan"), self.tr("Oleh"), self.tr("Selesai pada"),
                                     self.tr("Lama"), self.tr("Standar"), self.tr("Keterangan")))
        letters_tab = QWidget()
        ll = QVBoxLayout(letters_tab)
        self.letters_table = self._table((self.tr("Nomor"), self.tr("Surat"), self.tr("Status"), self.tr("Terbit")))
        ll.addWidget(self.letters_table)
        self.due_label = QLabel("")
        self.due_label.setWordWrap(True)
        ll.addWidget(self.due_label)
        row = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Prat&injau"))
        self.preview_button.setObjectName("preview")
        self.preview_button.setToolTip(self.tr("Menampilkan halaman surat arsip untuk diperiksa, dicetak atau disimpan "
                                               "(klik dua kali pada baris surat)"))
        self.preview_dialog: LetterPreviewDialog | None = None
        self.open_docx = QPushButton(self.tr("Cetak ulang (Word)"))
        self.open_docx.setObjectName("reprint_docx")
        self.open_docx.setToolTip(self.tr("Membuka arsip surat yang sama persis (diperiksa SHA-256) untuk dicetak"))
        self.open_pdf = QPushButton(self.tr("Cetak ulang (PDF)"))
        self.open_pdf.setObjectName("reprint_pdf")
        self.save_copy = QPushButton(self.tr("Simpan salinan…"))
        self.void_button = QPushButton(self.tr("Batalkan nomor surat…"))
        self.void_button.setObjectName("void")
        self.void_button.setVisible(session.may("letter.void"))
        self.whatsapp_button = QPushButton(self.tr("Kabari pemohon (&WhatsApp)…"))
        self.whatsapp_button.setObjectName("whatsapp")
        self.whatsapp_button.setToolTip(self.tr("Tanda terima: nomor registrasi dan persyaratan yang kurang. Surat "
                                                "lain: surat siap diambil."))
        self.whatsapp_dialog = None
        for b in (self.preview_button, self.open_docx, self.open_pdf, self.save_copy, self.whatsapp_button,
                  self.void_button):
            row.addWidget(b)
        row.addStretch(1)
        ll.addLayout(row)
        self.forms_row = QHBoxLayout()  # the applicant's forms, once the service is known (see _show)
        self.forms_button: QPushButton | None = None
        ll.addLayout(self.forms_row)
        self.tabs.addTab(self.data_table, self.tr("&Data"))
        self.tabs.addTab(check_tab, self.tr("P&ersyaratan"))
        self.tabs.addTab(self.timeline, self.tr("&Riwayat langkah"))
        self.tabs.addTab(letters_tab, self.tr("S&urat"))
        self.attachments = AttachmentsSection(session, case_id, on_changed=self.reload)
        self.tabs.addTab(self.attachments, self.tr("&Lampiran"))
        self.konsep = KonsepPages(session, case_id)
        self.konsep.setObjectName("konsep")
        self.konsep_shown: tuple[str, str] | None = None  # (key, sha) of the KONSEP on screen
        layout.addWidget(self.tabs, 1)

        self.advance_button.clicked.connect(self._advance)
        self.paraf_button.clicked.connect(self._paraf)
        self.return_button.clicked.connect(self._return)
        self.reject_button.clicked.connect(self._reject)
        self.refuse_button.clicked.connect(self._refuse)
        self.checklist.itemChanged.connect(self._tick)
        self.open_docx.clicked.connect(lambda: self._reprint(pdf=False))
        self.open_pdf.clicked.connect(lambda: self._reprint(pdf=True))
        self.save_copy.clicked.connect(self._save_copy)
        self.void_button.clicked.connect(self._void)
        self.letters_table.itemSelectionChanged.connect(self._letter_selected)
        self.preview_button.clicked.connect(self._preview)
        self.whatsapp_button.clicked.connect(self._whatsapp)
        self.letters_table.doubleClicked.connect(lambda _index: self._preview())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # finish the step from anywhere on the case screen
            QShortcut(QKeySequence(keys), self, activated=self.finish_step)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        self._letter_selected()
        self.reload()

    @staticmethod
    def _table(headers: tuple[str, ...]) -> QTableWidget:
        t = readonly_table(headers)
        t.setWordWrap(True)
        return t

    # ------------------------------------------------------------------ loading and showing
    def reload(self) -> None:
        self.session.runner.run(lambda _t: load_case(self.session, self.case_id), on_done=self._show,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, ld: Loaded) -> None:
        self.loaded = ld
        self.busy = False
        i, tz = ld.info, ld.tz
        if self.forms_button is None:
            from ui.dialogs.forms_button import FormsButton

            self.forms_button = FormsButton(self.session, i.service_code, lambda: {"case_id": self.case_id}, self)
            self.forms_row.addWidget(self.forms_button)
            self.forms_row.addStretch(1)
        if self.title_changed is not None:
            self.title_changed(self.tr("Berkas {reg} — {name}").format(reg=i.reg_number, name=i.name))
        state = status_label(i.status)
        if not i.is_open:
            state = labels.status_with_outcome(state, i.outcome, i.outcome_reason)
        step = ("" if not i.is_open else
                "<br>" + self.tr("Langkah sekarang: <b>{step}</b> — oleh {roles}").format(
                    step=i.current_step_name, roles=" / ".join(role_label(r) for r in i.step_roles)))
        if i.paraf_next:
            done = ", ".join(role_label(r) for r in i.paraf_done) or self.tr("belum ada")
            step += "<br>" + self.tr("Paraf sudah: {done}; menunggu paraf <b>{next}</b>").format(
                done=done, next=role_label(i.paraf_next))
        due = " · " + self.tr("Tenggat {due}").format(due=moment_words(i.due_at, tz)) if i.due_at else ""
        urgent = " <span style='color:#b00020'><b>" + self.tr("DARURAT") + "</b></span>" if i.urgent else ""
        self.header.setText(
            f"<h2>{i.reg_number} — {i.name}{urgent}</h2>{i.service_name} · NIK {i.nik} · KK {i.no_kk or '-'}<br>"
            + self.tr("Diterima {at} di {counter}").format(at=moment_words(i.opened_at, tz), counter=i.counter or "-")
            + due + " · " + self.tr("Status: <b>{state}</b>").format(state=state) + step)
        self._show_flags(i, tz)
        h = ld.hints or move_hints.MoveHints(ld.moves, {}, "")
        self._set_buttons(ld, h)
        if self.inputs is not None:
            self.inputs_holder.removeWidget(self.inputs)
            self.inputs.deleteLater()
            self.inputs = None
        step = ld.defn.step(i.current_step) if i.is_open else None
        if step is not None and h.offered.get("advance") and not h.reason("advance") and needs_inputs(step):
            self.inputs = StepInputs(step, i.data, ld.cfg)
            self.inputs.setObjectName("step_inputs")
            self.inputs_holder.addWidget(self.inputs)
            self.inputs.changed.connect(self._inputs_changed)
            self._inputs_changed()
        self._fill_data(i)
        self._fill_checklist(i)
        self._fill_timeline(ld)
        self._fill_letters(ld)
        self.attachments.show_items(ld.attachments, ld.attachment_perms, i.checklist, tz)
        self.tabs.setTabText(self.tabs.indexOf(self.attachments),
                             self.tr("&Lampiran ({count})").format(count=len(ld.attachments)))

    def _show_flags(self, i: cases.CaseInfo, tz: str) -> None:
        """The case's flags (``data["flags"]``, e.g. the applicant was deactivated as deceased) as a banner."""
        flags = [f for f in i.data.get("flags", []) if isinstance(f, dict)] if i.is_open else []
        if not flags:
            self.flags_banner.hide()
            self.flags_banner.setText("")
            return
        lines = []
        for f in flags:
            when = moment_words(datetime.fromisoformat(f["at"]), tz) if f.get("at") else ""
            lines.append(html.escape(str(f.get("message", ""))) + (
                " <i>(" + self.tr("dicatat {at} oleh {by}").format(at=when, by=html.escape(str(f.get("by", ""))))
                + ")</i>" if when else ""))
        self.flags_banner.setText("<b>" + self.tr("Perhatian — tanda pada berkas ini:") + "</b><br>"
                                  + "<br>".join(lines))
        self.flags_banner.show()

    def _set_buttons(self, ld: Loaded, h: move_hints.MoveHints) -> None:
        """Each move the officer holds: shown; disabled with its reason (tooltip and the line under the buttons)
        when the core says it cannot be done now."""
        i = ld.info
        buttons = {"advance": self.advance_button, "paraf": self.paraf_button, "return": self.return_button,
                   "reject": self.reject_button}
        for move, button in buttons.items():
            reason = h.reason(move)
            button.setVisible(h.offered.get(move, False))
            button.setEnabled(not reason)
            button.setToolTip(reason or self.default_tips[move])
        at_gate = i.is_open and i.current_step == ld.defn.gate_step.code
        self.refuse_button.setVisible(h.offered.get("reject", False) and at_gate and bool(i.missing))
        self.refuse_button.setEnabled(True)
        self.note.setVisible(h.offered.get("advance", False) or h.offered.get("paraf", False))
        self.no_moves.setStyleSheet("color:#8a4b00;" if (h.summary and any(h.offered.values())) else "")
        self.no_moves.setText(h.summary)

    def _fill_data(self, i: cases.CaseInfo) -> None:
        rows: list[tuple[str, str]] = [(self.tr("Hubungan dalam keluarga"), i.family_relation or "-")]
        tz = self.loaded.tz if self.loaded else "WIB"
        for k, v in i.data.items():
            if k in HIDDEN or v in (None, "", [], {}) or (k == "reason_code" and "alasan" in i.data):
                continue
            rows.append((data_label(k), _fmt(k, v, tz)))
        conf = i.data.get("bpjs_confirmation")
        if conf:
            rows.append((self.tr("Konfirmasi BPJS"),
                         f"{conf.get('confirmed_by')}, {_fmt('confirmed_at', conf.get('confirmed_at', ''), tz)}: "
                         f"{BPJS_ANSWERS.get(conf.get('answer'), conf.get('answer'))}"))
        sheet = i.data.get("score_sheet")
        if sheet:
            met = [ln["label"] for ln in sheet.get("lines", []) if ln.get("met")]
            rows.append((self.tr("Lembar skor"), self.tr("{total} dari {maximum} (batas {cutoff}); terpenuhi: {met}")
                         .format(total=format_score(sheet.get("total")), maximum=format_score(sheet.get("maximum")),
                                 cutoff=format_score(sheet.get("cutoff")), met="; ".join(met))))
        for r in i.data.get("routes", []):
            rows.append((self.tr("Keputusan alur"), r.get("message", "")))
        for r in i.data.get("returns", []):
            rows.append((self.tr("Dikembalikan"), self.tr("{at} oleh {by}: {reason}").format(
                at=_fmt("at", r.get("at", ""), tz), by=r.get("by"), reason=r.get("reason"))))
        self.data_table.setRowCount(len(rows))
        for n, (k, v) in enumerate(rows):
            self.data_table.setItem(n, 0, QTableWidgetItem(k))
            self.data_table.setItem(n, 1, QTableWidgetItem(v))
        self.data_table.resizeColumnToContents(0)

    def _fill_checklist(self, i: cases.CaseInfo) -> None:
        editable = i.is_open and self.session.may("case.checklist")
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for c in i.checklist:
            item = QListWidgetItem(c.label + ("" if c.required else " " + self.tr("(tidak wajib)")))
            item.setData(Qt.ItemDataRole.UserRole, c.code)
            checkable = Qt.ItemFlag.ItemIsUserCheckable if editable else Qt.ItemFlag.NoItemFlags
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | checkable)
            item.setCheckState(Qt.CheckState.Checked if c.received else Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.blockSignals(False)
        if i.missing:
            self.missing.setStyleSheet("color:#b00020")
            self.missing.setText(self.tr("Belum ada: {items}.").format(items="; ".join(i.missing)))
        else:
            self.missing.setStyleSheet("color:#1b5e20")
            self.missing.setText(self.tr("✓ Persyaratan lengkap."))

    def _fill_timeline(self, ld: Loaded) -> None:
        defn, tz = ld.defn, ld.tz
        self.timeline.setRowCount(len(ld.log))
        over_bg = QBrush(QColor("#fde0e0"))
        for n, e in enumerate(ld.log):
            try:
                step_name = defn.step(e.step).name
            except KeyError:
                step_name = e.step
            std = self.tr("{n} menit").format(n=e.standard_minutes) if e.standard_minutes else "-"
            values = (step_name, action_label(e.action), ld.names.get(e.user_id or 0, "-"),
                      moment_words(e.finished_at, tz), _minutes(e.duration_seconds), std, e.reason)
            over = e.standard_minutes is not None and e.duration_seconds > e.standard_minutes * 60
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setToolTip(self.tr("Mulai {at}").format(at=moment_words(e.started_at, tz)))
                if over and col in (4, 5):
                    item.setBackground(over_bg)
                    item.setToolTip(self.tr("Melebihi standar waktu langkah ini"))
                self.timeline.setItem(n, col, item)
        self.timeline.resizeColumnsToContents()
        self.timeline.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)

    def _fill_letters(self, ld: Loaded) -> None:
        self.letters_table.setRowCount(len(ld.letters))
        for n, lt in enumerate(ld.letters):
            status = (self.tr("dibatalkan: {reason}").format(reason=lt.void_reason) if lt.voided
                      else self.tr("terbit"))
            for col, v in enumerate((lt.number, lt.title, status, moment_words(lt.issued_at, ld.tz))):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, n)
                self.letters_table.setItem(n, col, item)
        self.letters_table.resizeColumnsToContents()
        due = ld.info.documents_due
        for b in self.issue_buttons:
            self.issue_row.removeWidget(b)
            b.deleteLater()
        self.issue_buttons = []
        signing = {k for st in ld.defn.steps for k in st.drafts}  # drafted first: the final act is the signature
        for act in ld.actions:
            if act.act == "issue":
                label = (self.tr("Tanda tangani dan terbitkan {title}") if act.key in signing
                         else self.tr("Terbitkan {title}")).format(title=act.title)
            elif act.act == "konsep":
                label = act.label
            else:  # the KONSEP is on screen in its tab; this opens the .docx itself
                label = self.tr("Buka konsep di Word")
            b = QPushButton(label)
            b.setToolTip(act.title)
            b.setObjectName(f"{act.act}_{act.key}")
            b.clicked.connect(lambda _=False, a=act: self._letter_act(a))
            self.issue_row.addWidget(b)
            self.issue_buttons.append(b)
        if any(act.act == "issue" and act.key in signing for act in ld.actions):
            self.advance_button.hide()  # at a signature the step's one act is "Tanda tangani dan terbitkan…"
        self._show_konsep(ld)
        collective = [d for d in due if catalog.KINDS.get(d["key"]) is None or catalog.KINDS[d["key"]].collective]
        waiting = [d for d in due if d not in collective and d["key"] not in {a.key for a in ld.actions}]
        text = ""
        if waiting:
            text = self.tr("Dibuat pada langkahnya, oleh perannya: {letters}").format(
                letters="; ".join(f"{d.get('title', d['key'])} ({ld.defn.step(d['step']).name})"
                                  if d.get("step") in {s.code for s in ld.defn.steps} else d.get("title", d["key"])
                                  for d in waiting))
        if collective:
            text += " " + self.tr("(surat kolektif diterbitkan bersama rekap bulanan)")
        self.due_label.setText(text.strip())
        self._letter_selected()

    def _show_konsep(self, ld: Loaded) -> None:
        """A KONSEP awaiting the paraf or the signature is shown in its own tab, opened for the step that acts
        on it; when there is none, the tab goes away."""
        views = [act for act in ld.actions if act.act == "view_konsep"]
        index = self.tabs.indexOf(self.konsep)
        if not views:
            if index >= 0:
                self.tabs.removeTab(index)
            self.konsep.clear()
            self.konsep_shown = None
            return
        act = views[0]
        entry = products.current(ld.info.data, act.key) or {}  # the core's reading of the case's documents
        shown = (act.key, str(entry.get("konsep_sha256", "")))  # a KONSEP made again is drawn again
        if index < 0:
            index = self.tabs.insertTab(0, self.konsep, self.tr("&Konsep surat"))
        if shown != self.konsep_shown:
            self.konsep_shown = shown
            self.konsep.show_konsep(act.key, act.title)
        acting = not self.paraf_button.isHidden() or any(a.act == "issue" and a.key == act.key for a in ld.actions)
        if acting:
            self.tabs.setCurrentIndex(index)

    def _letter_act(self, act: case_letters.DocumentAction) -> None:
        if act.act == "issue":
            self._issue(act.key)
            return
        if self.loaded is None or self.busy:
            return
        o, a, cid = self.session.office, self.session.actor, self.case_id
        if act.act == "konsep":
            self.busy = True

            def failed(exc, tb) -> None:
                self.busy = False
                show_error(self, exc, tb)

            def made(path) -> None:
                self.busy = False
                self.reload()

            self.session.runner.run(lambda _t: case_letters.make_konsep(o, actor=a, case_id=cid, key=act.key),
                                    on_done=made, on_error=failed)
            return
        self.session.runner.run(lambda _t: case_letters.konsep_path(o, actor=a, case_id=cid, key=act.key),
                                on_done=lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))),
                                on_error=lambda exc, tb: show_error(self, exc, tb))

    def _issue(self, key: str) -> None:
        if self.loaded is None or self.busy:
            return
        self.busy = True
        for b in self.issue_buttons:
            b.setEnabled(False)
        o, a, cid = self.session.office, self.session.actor, self.case_id

        def failed(exc, tb) -> None:
            self.busy = False
            for b in self.issue_buttons:
                b.setEnabled(True)
            show_error(self, exc, tb)

        self.session.runner.run(lambda _t: case_letters.issue_document(o, actor=a, case_id=cid, key=key),
                                on_done=lambda _letter: self.reload(), on_error=failed)

    def _selected_letter(self) -> letters.LetterInfo | None:
        rows = self.letters_table.selectionModel().selectedRows() if self.letters_table.selectionModel() else []
        if not rows or self.loaded is None:
            return None
        return self.loaded.letters[rows[0].row()]

    def _letter_selected(self) -> None:
        lt = self._selected_letter()
        usable = lt is not None and not lt.voided
        for b in (self.preview_button, self.open_docx, self.open_pdf, self.save_copy, self.void_button,
                  self.whatsapp_button):
            b.setEnabled(usable)
        if lt is not None:
            self.whatsapp_button.setToolTip(self.tr("Kirim nomor registrasi dan persyaratan yang kurang ke WhatsApp "
                                                    "pemohon") if lt.letter_type == "tanda_terima" else
                                            self.tr("Kabari pemohon bahwa surat ini siap diambil (WhatsApp)"))

    def _letter_task(self, fn, on_done) -> None:
        lt = self._selected_letter()
        if lt is None:
            return
        o, a, lid = self.session.office, self.session.actor, lt.id
        self.session.runner.run(lambda _t: fn(o, a, lid), on_done=on_done,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _preview(self) -> None:
        lt = self._selected_letter()
        if lt is None or lt.voided:
            return
        dlg = LetterPreviewDialog(self.session, lt.id, caption=f"{lt.number} — {lt.title}", parent=self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.preview_dialog = dlg
        dlg.show()

    def _reprint(self, pdf: bool) -> None:
        self._letter_task(lambda o, a, lid: letters.reprint(o, actor=a, letter_id=lid, pdf=pdf),
                          lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    def _save_copy(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Simpan salinan surat ke folder"))
        if not folder:
            return
        self._letter_task(lambda o, a, lid: letters.reprint(o, actor=a, letter_id=lid, dest=Path(folder)),
                          lambda path: self.due_label.setText(self.tr("Salinan disimpan: {path}").format(path=path)))

    def _void(self) -> None:
        lt = self._selected_letter()
        if lt is None:
            return
        dlg = ReasonDialog(self.tr("Batalkan nomor surat"),
                           self.tr("Surat {number} dibatalkan; nomornya tetap tercatat di register dan tidak dipakai "
                                   "lagi.").format(number=lt.number), None, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dlg.reason.toPlainText().strip()
        self._letter_task(lambda o, a, lid: letters.void_letter(o, actor=a, letter_id=lid, reason=reason),
                          lambda _info: self.reload())

    # ------------------------------------------------------------------ moves
    def _run(self, fn) -> None:
        if self.loaded is None or self.busy:
            return
        self.busy = True
        for b in (self.advance_button, self.paraf_button, self.return_button, self.reject_button, self.refuse_button):
            b.setEnabled(False)
        o, a, cid, version = self.session.office, self.session.actor, self.case_id, self.loaded.info.version
        self.session.runner.run(lambda _t: fn(o, a, cid, version), on_done=self._moved, on_error=self._failed)

    def _moved(self, info: cases.CaseInfo) -> None:
        self.note.clear()
        if self.on_changed:
            self.on_changed(info)
        self.reload()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.busy = False
        show_error(self, exc, tb)
        if isinstance(exc, ConflictError):
            self.reload()
        elif self.loaded is not None:
            self._set_buttons(self.loaded, self.loaded.hints or move_hints.MoveHints(self.loaded.moves, {}, ""))

    def _advance(self) -> None:
        note = self.note.text().strip()
        values = self.inputs.values() if self.inputs is not None else {}
        conf = self.inputs.confirmation() if self.inputs is not None else None
        reason = note or str(values.get("reason", ""))

        def work(o, a, cid, v):
            if conf:
                v = cases.record_bpjs_confirmation(o, actor=a, case_id=cid, version=v, **conf).version
            return cases.advance(o, actor=a, case_id=cid, version=v, data=values or None, reason=reason)

        self._run(work)

    def _paraf(self) -> None:
        note = self.note.text().strip()
        self._run(lambda o, a, cid, v: cases.paraf(o, actor=a, case_id=cid, version=v, note=note))

    def _return(self) -> None:
        if self.loaded is None:
            return
        i, defn = self.loaded.info, self.loaded.defn
        steps = [(c, defn.step(c).name) for c in i.data.get("path", []) if c != i.current_step]
        dlg = ReasonDialog(self.tr("Kembalikan untuk perbaikan"), self.tr("Berkas dikembalikan ke langkah yang sudah "
                                                                          "dilalui; ini bukan penolakan."), steps, self)
        dlg.step.setCurrentIndex(dlg.step.count() - 1)  # the step just before this one: the usual choice
        self.return_dialog = dlg
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        to, reason = dlg.step.currentData(), dlg.reason.toPlainText().strip()
        self._run(lambda o, a, cid, v: cases.return_for_revision(o, actor=a, case_id=cid, version=v, to_step=to,
                                                                 reason=reason))

    def _inputs_changed(self) -> None:
        """A fact the step needs is still empty: "Selesaikan langkah" waits, and says which (never a default)."""
        if self.inputs is None or self.loaded is None:
            return
        h = self.loaded.hints or move_hints.MoveHints(self.loaded.moves, {}, "")
        if h.reason("advance"):
            return
        missing = self.inputs.missing()
        why = self.tr("Isi dahulu: {fields}.").format(fields="; ".join(missing)) if missing else ""
        self.advance_button.setEnabled(not missing)
        self.advance_button.setToolTip(why or self.default_tips["advance"])
        self.no_moves.setText(why or h.summary)
        if why:
            self.no_moves.setStyleSheet("color:#8a4b00;")

    def _reject(self) -> None:
        dlg = ReasonDialog(self.tr("Tolak berkas"),
                           self.tr("Berkas ditutup sebagai DITOLAK. Alasan disampaikan kepada pemohon."), None, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dlg.reason.toPlainText().strip()
        self._run(lambda o, a, cid, v: cases.reject(o, actor=a, case_id=cid, version=v, reason=reason))

    def _refuse(self) -> None:
        self._run(lambda o, a, cid, v: cases.refuse_incomplete(o, actor=a, case_id=cid, version=v))

    def finish_step(self) -> None:
        """Ctrl+Enter: the step's own act — finish it, or give the paraf — when it is possible; else say why."""
        for button in (self.advance_button, self.paraf_button):
            if button.isVisible() and button.isEnabled():
                button.click()
                return
        hints = self.loaded.hints if self.loaded else None
        if hints is not None and hints.summary:
            self.no_moves.setText(hints.summary)

    def _whatsapp(self) -> None:
        lt = self._selected_letter()
        if lt is None or lt.voided:
            return
        from ui.dialogs.whatsapp import WhatsAppDialog

        kind = "receipt" if lt.letter_type == "tanda_terima" else "ready"
        dlg = WhatsAppDialog(self.session, self.case_id, kind, letter_id=None if kind == "receipt" else lt.id,
                             parent=self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.whatsapp_dialog = dlg
        dlg.open()

    def _tick(self, item: QListWidgetItem) -> None:
        if self.busy and self.loaded is not None:
            self._fill_checklist(self.loaded.info)  # one change at a time: undo the click
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        received = item.checkState() == Qt.CheckState.Checked
        self._run(lambda o, a, cid, v: cases.set_checklist(o, actor=a, case_id=cid, version=v, code=code,
                                                           received=received))


class CaseDetailDialog(QDialog):
    """The case in its own window, so the queue stays visible."""

    def __init__(self, session: UiSession, case_id: int, *, on_changed=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Berkas"))
        self.view = CaseDetailView(session, case_id, on_changed=on_changed)
        self.view.title_changed = self.setWindowTitle
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        self.resize(980, 640)
