"""A counter wizard for one service, generated from its service definition.

Pages: the person (NIK checked live by the core's NIK rules, DTSEN lookup in a worker, KK, address and
domicile), the requirements checklist of the definition (with what is still missing, computed by the
core), the service's own page where it has one (deactivation reason; BPJS status and deactivation date;
BPJS confirmation; jamkesda indicators with the live score), a summary, then the receipt. Saving opens the
case in the core, stores the scans chosen on the checklist page with it, and issues the tanda terima berkas as
a numbered letter. "Simpan draf" keeps the pages' state (and copies of the scans) to resume later; closing with
unsaved input offers the same.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import ValidationError
from app.rules import scoring
from app.rules.context import RuleContext
from app.rules.eligibility import listrik_maks
from app.rules.identifiers import parse_nik, validate_kk, validate_noka
from app.rules.reactivation import reactivation_limit
from app.rules.reporter import clean as clean_reporter
from app.rules.rule_settings import RuleSettings
from app.servicedefs import ServiceDef
from app.servicedefs.fields import intake_fields
from app.services import attachments, cases, drafts, dtsen, identity, intake, letters
from app.timeutil import jam, tanggal_angka, tanggal_jam
from ui.errors import show_error
from ui.session import UiSession
from ui.views.input_fields import FieldInputs, IndicatorChecks, ReporterBox
from ui.widgets import DateLine

OK = "color: #1b5e20;"
BAD = "color: #b00020;"
WARN = "color: #8a5a00;"
RELATIONS = ("Kepala Keluarga", "Istri", "Suami", "Anak", "Orang tua", "Famili lain")


def _check(label: QLabel, ok: bool | None, text: str) -> None:
    label.setStyleSheet(OK if ok else BAD if ok is False else WARN)
    label.setText(text)


@dataclass
class SaveResult:
    case: cases.CaseInfo
    receipt: cases.Receipt
    letter: letters.LetterInfo | None
    letter_error: str
    attached: int = 0


# ------------------------------------------------------------------------------------------ person


class PersonPage(QWizardPage):
    def __init__(self, wizard: ServiceWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Data pemohon"))
        self.setSubTitle(self.tr("Ketik NIK dari KTP/KK. Data DTSEN (dahulu DTKS) dicari otomatis dan mengisi kolom "
                                 "yang kosong."))
        self.lookup_task = None
        self.looked_up = ""
        self.dtsen_info: dtsen.DtsenInfo | None = None
        self.open_case: cases.CaseInfo | None = None
        #: the fields the lookup of a NIK filled in, with what it put there: cleared when the NIK changes
        self.autofilled: dict[QLineEdit, str] = {}
        #: the identity check (KTP / DTSEN / tersimpan) passed for these typed values
        self.identity_ok_for: tuple | None = None
        self.identity_task = None
        self.identity_dialog: Any = None
        self.birth_date_choice: date | None = None
        form = QFormLayout(self)
        self.nik = QLineEdit()
        self.nik.setObjectName("nik")
        self.nik.setPlaceholderText(self.tr("16 digit NIK"))
        self.nik.setMaxLength(20)
        self.nik_state = QLabel("")
        self.nik_state.setWordWrap(True)
        self.nik_state.setObjectName("nik_state")
        self.dtsen_state = QLabel("")
        self.dtsen_state.setWordWrap(True)
        self.dtsen_state.setObjectName("dtsen_state")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.no_kk = QLineEdit()
        self.no_kk.setObjectName("no_kk")
        self.no_kk.setPlaceholderText(self.tr("16 digit nomor KK"))
        self.kk_state = QLabel("")
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(RELATIONS)
        self.address = QLineEdit()
        self.address.setObjectName("address")
        rtrw = QHBoxLayout()
        self.rt, self.rw = QLineEdit(), QLineEdit()
        for e, ph in ((self.rt, "RT"), (self.rw, "RW")):
            e.setPlaceholderText(ph)
            e.setMaxLength(3)
            e.setMaximumWidth(70)
            rtrw.addWidget(e)
        rtrw.addStretch(1)
        self.kelurahan = QLineEdit()
        self.kecamatan = QLineEdit()
        self.same_domicile = QCheckBox(self.tr("Domisili sama dengan alamat KTP"))
        self.same_domicile.setChecked(True)
        self.domicile = QLineEdit()
        self.domicile.setObjectName("domicile")
        self.domicile.setPlaceholderText(self.tr("Alamat tempat tinggal sekarang"))
        self.domicile.setEnabled(False)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("08…")
        self.card = QLineEdit()
        self.card.setObjectName("card")
        self.card.setPlaceholderText(self.tr("13 digit, boleh diawali 0"))
        self.card_state = QLabel("")
        form.addRow("&NIK:", self.nik)
        form.addRow("", self.nik_state)
        form.addRow("DTSEN:", self.dtsen_state)
        form.addRow(self.tr("Nama &lengkap:"), self.name)
        form.addRow(self.tr("No &KK:"), self.no_kk)
        form.addRow("", self.kk_state)
        form.addRow(self.tr("Hubungan dalam keluarga:"), self.relation)
        form.addRow(self.tr("&Alamat sesuai KTP:"), self.address)
        form.addRow("RT / RW:", rtrw)
        form.addRow(self.tr("Kelurahan/desa:"), self.kelurahan)
        form.addRow(self.tr("Kecamatan:"), self.kecamatan)
        form.addRow("", self.same_domicile)
        form.addRow(self.tr("Alamat &domisili:"), self.domicile)
        form.addRow(self.tr("No HP:"), self.phone)
        form.addRow(self.tr("No kartu JKN-KIS:"), self.card)
        form.addRow("", self.card_state)

        self.nik.textChanged.connect(self._nik_changed)
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.no_kk.textChanged.connect(self._kk_changed)
        self.card.textChanged.connect(self._card_changed)
        self.same_domicile.toggled.connect(lambda on: self.domicile.setEnabled(not on))

    # live checks through the core's identifier rules
    def nik_ok(self) -> bool:
        try:
            parse_nik(self.nik.text())
        except ValidationError:
            return False
        return True

    def _nik_changed(self, text: str) -> None:
        # a corrected NIK is another person: what the old NIK's lookup filled in (name, KK, address, the DTSEN
        # mark) goes, and the new NIK's lookup fills it again; what the officer typed stays
        for edit, value in self.autofilled.items():
            if edit.text() == value:
                edit.clear()
        self.autofilled = {}
        self.identity_ok_for, self.birth_date_choice = None, None
        self.dtsen_info, self.open_case = None, None
        if not text.strip():
            self.nik_state.setText("")
            self.dtsen_state.setText("")
        else:
            try:
                info = parse_nik(text)
            except ValidationError as exc:
                _check(self.nik_state, False, str(exc))
                self.dtsen_state.setText("")
            else:
                sex = self.tr("perempuan") if info.sex == "P" else self.tr("laki-laki")
                born = tanggal_angka(info.birth_date) if info.birth_date else self.tr("tanggal tidak lazim")
                msg = self.tr("✓ NIK sah: {sex}, lahir {born}, Provinsi {province}.").format(
                    sex=sex, born=born, province=info.province)
                if info.warnings:
                    msg = self.tr("{check} Perhatian: {warnings}").format(check=msg, warnings=" ".join(info.warnings))
                _check(self.nik_state, None if info.warnings else True, msg)
                self._lookup(info.nik)
        self.completeChanged.emit()

    def _lookup(self, nik: str) -> None:
        s = self.w.session
        _check(self.dtsen_state, None, self.tr("Mencari di DTSEN…"))
        self.looked_up = nik

        def work(_t):
            return (dtsen.lookup(s.office, actor=s.actor, nik=nik),
                    cases.find_open_case(s.office, actor=s.actor, nik=nik, service_code=self.w.defn.code))

        self.lookup_task = s.runner.run(work, on_done=lambda r: self._found(nik, *r),
                                        on_error=lambda e, tb: self._lookup_failed(nik, e, tb))

    def _lookup_failed(self, nik: str, exc, tb) -> None:
        self.lookup_task = None
        if nik == self.looked_up:
            _check(self.dtsen_state, None, self.tr("DTSEN tidak dapat dicari."))
            show_error(self, exc, tb)

    def _found(self, nik: str, info: dtsen.DtsenInfo | None, open_case: cases.CaseInfo | None) -> None:
        self.lookup_task = None
        if nik != self.looked_up or not self.nik.text().strip().endswith(nik[-4:]):
            return
        self.dtsen_info, self.open_case = info, open_case
        if info is None:
            _check(self.dtsen_state, None,
                   self.tr("Tidak terdaftar di {label}. Isi data dari KTP/KK.").format(label=dtsen.LABEL))
        else:
            _check(self.dtsen_state, True, self.tr("✓ Terdaftar di {label}, {desil}. Kolom kosong diisi dari DTSEN.")
                   .format(label=dtsen.LABEL, desil=self._desil_text(info)))
            for edit, value in ((self.name, info.name), (self.no_kk, info.no_kk), (self.address, info.address),
                                (self.rt, info.rt), (self.rw, info.rw), (self.kelurahan, info.kelurahan),
                                (self.kecamatan, info.kecamatan)):
                if not edit.text().strip() and value:
                    edit.setText(value)
                    self.autofilled[edit] = value
        if open_case is not None:
            _check(self.dtsen_state, False, self.tr("{name} sudah punya berkas {service} yang terbuka ({reg}, {step}). "
                                                    "Lanjutkan berkas itu; berkas baru tidak dapat dibuat.").format(
                name=open_case.name, service=open_case.service_name, reg=open_case.reg_number,
                step=open_case.current_step_name))
        self.completeChanged.emit()

    def _desil_text(self, info: dtsen.DtsenInfo) -> str:
        return self.tr("desil {desil}").format(desil=info.desil) if info.desil else self.tr("belum diperingkat")

    def dtsen_summary(self) -> str:
        info = self.dtsen_info
        if info is None:
            return self.tr("tidak terdaftar di {label}").format(label=dtsen.LABEL)
        return self.tr("terdaftar di {label}, {desil}").format(label=dtsen.LABEL, desil=self._desil_text(info))

    def _kk_changed(self, text: str) -> None:
        if not text.strip():
            self.kk_state.setText("")
        else:
            try:
                validate_kk(text)
            except ValidationError as exc:
                _check(self.kk_state, False, str(exc))
            else:
                _check(self.kk_state, True, self.tr("✓ Nomor KK sah."))
        self.completeChanged.emit()

    def _card_changed(self, text: str) -> None:
        if not text.strip():
            self.card_state.setText("")
        else:
            try:
                validate_noka(text)
            except ValidationError as exc:
                _check(self.card_state, False, str(exc))
            else:
                _check(self.card_state, True, self.tr("✓ Nomor kartu sah."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        if not self.nik_ok() or not self.name.text().strip() or self.open_case is not None:
            return False
        if self.lookup_task is not None:
            return False
        for text, fn in ((self.no_kk.text(), validate_kk), (self.card.text(), validate_noka)):
            if text.strip():
                try:
                    fn(text)
                except ValidationError:
                    return False
        return True

    # the identity check before leaving the page: KTP as typed / DTSEN / stored, side by side where they differ
    def typed_identity(self) -> tuple:
        return (self.nik.text().strip(), " ".join(self.name.text().split()), self.no_kk.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        if self.identity_ok_for == self.typed_identity():
            return True
        if self.identity_task is None:
            self._check_identity()
        return False

    def _check_identity(self) -> None:
        s = self.w.session
        nik, name, kk = self.typed_identity()
        typed = {"name": name, "no_kk": kk}

        def work(_t):
            return identity.compare(s.office, actor=s.actor, nik=nik, typed=typed)

        def done(diffs: list[identity.Difference]) -> None:
            self.identity_task = None
            if (nik, name, kk) != self.typed_identity():
                return
            if not diffs:
                self.identity_ok_for = (nik, name, kk)
                self.w.next()
                return
            self._ask_identity(diffs)

        def failed(exc, tb) -> None:
            self.identity_task = None
            show_error(self, exc, tb)

        self.identity_task = s.runner.run(work, on_done=done, on_error=failed)

    def _ask_identity(self, diffs: list[identity.Difference]) -> None:
        from ui.dialogs.identity import IdentityDialog

        dlg = IdentityDialog(diffs, self)
        self.identity_dialog = dlg
        dlg.accepted.connect(lambda: self._identity_chosen(dlg))
        dlg.open()

    def _identity_chosen(self, dlg) -> None:
        chosen, changes, reason = dlg.chosen(), dlg.corrections(), dlg.reason.text().strip()
        if chosen.get("name"):
            self.name.setText(str(chosen["name"]))
        if chosen.get("no_kk"):
            self.no_kk.setText(str(chosen["no_kk"]))
        if "birth_date" in chosen:
            self.birth_date_choice = chosen["birth_date"]
        s = self.w.session
        nik = self.nik.text().strip()
        if not changes:
            self.identity_ok_for = self.typed_identity()
            self.w.next()
            return

        def work(_t):
            return identity.correct_person(s.office, actor=s.actor, nik=nik, changes=changes, reason=reason)

        def done(_res) -> None:
            self.identity_task = None
            self.identity_ok_for = self.typed_identity()
            self.w.next()

        def failed(exc, tb) -> None:
            self.identity_task = None
            show_error(self, exc, tb)

        self.identity_task = s.runner.run(work, on_done=done, on_error=failed)

    FIELDS = ("nik", "name", "no_kk", "address", "rt", "rw", "kelurahan", "kecamatan", "domicile", "phone", "card")

    def page_state(self) -> dict[str, Any]:
        out: dict[str, Any] = {f: getattr(self, f).text() for f in self.FIELDS}
        out.update(relation=self.relation.currentText(), same_domicile=self.same_domicile.isChecked())
        return out

    def restore(self, state: dict[str, Any]) -> None:
        """Fill the fields from a draft; the NIK goes in last so its checks and the DTSEN lookup run again."""
        for f in self.FIELDS:
            if f != "nik":
                getattr(self, f).setText(str(state.get(f, "")))
        self.relation.setCurrentText(str(state.get("relation", RELATIONS[0])))
        self.same_domicile.setChecked(bool(state.get("same_domicile", True)))
        self.nik.setText(str(state.get("nik", "")))

    def person(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "address": self.address.text().strip(), "rt": self.rt.text().strip(), "rw": self.rw.text().strip(),
            "kelurahan": self.kelurahan.text().strip(), "kecamatan": self.kecamatan.text().strip(),
            "domicile_address": (self.address.text().strip() if self.same_domicile.isChecked()
                                 else self.domicile.text().strip()),
            "phone": self.phone.text().strip(), "card_number": self.card.text().strip(),
        }
        info = self.dtsen_info
        if info is not None:
            out.update({"birth_place": info.birth_place, "birth_date": info.birth_date, "sex": info.sex,
                        "kelurahan_code": "", "kecamatan_code": ""})
        if self.birth_date_choice is not None:  # chosen side by side (KTP / DTSEN / tersimpan)
            out["birth_date"] = self.birth_date_choice
        return {k: v for k, v in out.items() if v not in ("", None)}


# ------------------------------------------------------------------------------------------ checklist


class AttachmentChips(QWidget):
    """The files attached to one requirement (or to none), each with a remove button."""

    def __init__(self, page: ChecklistPage, code: str):
        super().__init__()
        self.page, self.code = page, code
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(24, 0, 0, 0)
        self.row.setSpacing(6)
        self.fixed = 1
        if not code:  # files dropped on the page, not on a requirement's row
            self.row.setContentsMargins(0, 4, 0, 0)
            self.row.addWidget(QLabel(self.tr("Lampiran lain:")))
            self.fixed = 2
        self.row.addStretch(1)

    def refresh(self) -> None:
        while self.row.count() > self.fixed:
            item = self.row.takeAt(self.fixed - 1)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        mine = [f for f in self.page.files if f.requirement_code == self.code]
        for pos, f in enumerate(mine):
            chip = QLabel(f.name)
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setObjectName(f"file_{self.code or 'lain'}_{pos}")
            chip.setToolTip(str(f.path))
            chip.setStyleSheet("background:#eef3fb; border:1px solid #b8c7e0; border-radius:3px; padding:1px 4px;")
            drop = QToolButton()
            drop.setText("✕")
            drop.setObjectName(f"remove_{self.code or 'lain'}_{pos}")
            drop.setToolTip(self.tr("Lepaskan lampiran {name}").format(name=f.name))
            drop.clicked.connect(lambda _=False, path=f.path, code=self.code: self.page.remove_file(path, code))
            self.row.insertWidget(self.row.count() - 1, chip)
            self.row.insertWidget(self.row.count() - 1, drop)
        self.setVisible(bool(mine))


def _local_files(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


class RequirementRow(QWidget):
    """One requirement: its tick box, "Lampirkan…" and the attached files. Files dropped here show this
    requirement."""

    def __init__(self, page: ChecklistPage, code: str, box: QCheckBox):
        super().__init__()
        self.page, self.code, self.box = page, code, box
        self.setObjectName(f"row_{code}")
        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        line = QHBoxLayout()
        line.addWidget(box, 1)
        self.attach_button = QPushButton(self.tr("Lampirkan…"))
        self.attach_button.setObjectName(f"attach_{code}")
        self.attach_button.setToolTip(self.tr("Pilih hasil pindaian (PDF, JPG, PNG, TIFF), atau seret berkasnya ke "
                                              "baris ini"))
        self.attach_button.clicked.connect(lambda: page.choose_files(code))
        line.addWidget(self.attach_button)
        outer.addLayout(line)
        self.chips = AttachmentChips(page, code)
        outer.addWidget(self.chips)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if _local_files(event.mimeData()):
            event.acceptProposedAction()
            self.setStyleSheet("RequirementRow { background: #e3f2e3; }")

    def dragLeaveEvent(self, _event) -> None:  # noqa: N802
        self.setStyleSheet("")

    def dropEvent(self, event) -> None:  # noqa: N802
        self.setStyleSheet("")
        if self.page.drop_files(event.mimeData(), self.code):
            event.acceptProposedAction()


class ChecklistPage(QWizardPage):
    def __init__(self, wizard: ServiceWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Persyaratan yang diterima"))
        self.setSubTitle(self.tr("Centang setiap dokumen yang diserahkan pemohon. Berkas yang belum lengkap tetap "
                                 "disimpan dan dapat dilanjutkan.") if not wizard.defn.strict_intake else
                         self.tr("Centang setiap dokumen yang diserahkan. Layanan ini: berkas tidak lengkap tidak "
                                 "diproses; pemohon diberi tahu kekurangannya."))
        self.setAcceptDrops(True)
        self.files: list[attachments.FileToAttach] = []
        self.max_bytes = attachments.AttachmentSettings().max_mb * 1024 * 1024
        layout = QVBoxLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        self.rows: dict[str, RequirementRow] = {}
        cfg = wizard.cfg
        for req in wizard.defn.requirements:
            if req.enabled_by and not getattr(cfg, req.enabled_by):
                continue
            required = req.required and not (req.optional_when and getattr(cfg, req.optional_when))
            note = "" if required else " " + self.tr("(tidak wajib)")
            if req.group:
                note = " " + self.tr("(salah satu cukup)") if not required else note
            box = QCheckBox(req.label + note)
            box.setObjectName(f"req_{req.code}")
            box.toggled.connect(self._update)
            self.boxes[req.code] = box
            self.rows[req.code] = RequirementRow(self, req.code, box)
            layout.addWidget(self.rows[req.code])
        self.other_files = AttachmentChips(self, "")
        layout.addWidget(self.other_files)
        self.all_button = QPushButton(self.tr("Semua &diterima"))
        self.all_button.clicked.connect(lambda: [b.setChecked(True) for b in self.boxes.values()])
        from ui.dialogs.forms_button import FormsButton

        self.forms_button = FormsButton(wizard.session, wizard.defn.code, wizard.form_source, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.forms_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.state = QLabel("")
        self.state.setObjectName("checklist_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.drop_hint = QLabel(self.tr("<small>Hasil pindaian dapat dilampirkan dengan tombol <b>Lampirkan…</b> "
                                        "atau diseret ke baris persyaratannya (PDF, JPG, PNG, TIFF). Lampiran "
                                        "disimpan bersama berkas.</small>"))
        self.drop_hint.setWordWrap(True)
        layout.addWidget(self.drop_hint)
        self.file_state = QLabel("")
        self.file_state.setObjectName("file_state")
        self.file_state.setWordWrap(True)
        layout.addWidget(self.file_state)
        layout.addStretch(1)
        self._update()
        self._refresh_files()

    def received(self) -> list[str]:
        return [c for c, b in self.boxes.items() if b.isChecked()]

    def missing(self) -> list[str]:
        return cases.missing_requirements(self.w.defn, {c: True for c in self.received()}, self.w.cfg)

    def _update(self) -> None:
        missing = self.missing()
        if not missing:
            _check(self.state, True, self.tr("✓ Berkas lengkap. Standar waktu layanan mulai dihitung saat disimpan."))
        else:
            _check(self.state, None if not self.w.defn.strict_intake else False,
                   self.tr("Belum ada: {items}.").format(items="; ".join(missing)))

    # attachments, kept here until the case is saved (or a draft)
    def choose_files(self, code: str) -> None:
        label = self.boxes[code].text() if code in self.boxes else self.tr("lampiran")
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Lampirkan pindaian: {label}").format(label=label), "",
                                                self.tr("Pindaian (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        if paths:
            self.attach_paths([Path(p) for p in paths], code)

    def drop_files(self, mime: QMimeData, code: str) -> bool:
        """Files dropped on a requirement's row (``code``) or on the page (``""``: not tied to one)."""
        paths = _local_files(mime)
        if paths:
            self.attach_paths(paths, code)
        return bool(paths)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        if self.drop_files(event.mimeData(), ""):
            event.acceptProposedAction()

    def attach_paths(self, paths: list[Path], code: str) -> list[str]:
        """Check each file with the core's rules (type by content, size); keep the good ones, name the rest."""
        refused: list[str] = []
        added: list[str] = []
        for p in paths:
            try:
                attachments.check_file(p, max_bytes=self.max_bytes)
            except ValidationError as exc:
                refused.append(str(exc))
                continue
            if any(Path(f.path).resolve() == p.resolve() for f in self.files):
                refused.append(self.tr("Berkas '{name}' sudah dilampirkan.").format(name=p.name))
                continue
            self.files.append(attachments.FileToAttach(p, code, p.name))
            added.append(p.name)
        if added and code in self.boxes:
            self.boxes[code].setChecked(True)  # a scan of the document means it was handed in
        self._refresh_files()
        if refused:
            _check(self.file_state, False, " ".join(refused))
        elif added:
            _check(self.file_state, True, self.tr("✓ Dilampirkan: {files}.").format(files=", ".join(added)))
        return refused

    def remove_file(self, path: Path, code: str) -> None:
        self.files = [f for f in self.files if not (f.path == path and f.requirement_code == code)]
        self._refresh_files()
        self.file_state.setText("")

    def _refresh_files(self) -> None:
        for row in self.rows.values():
            row.chips.refresh()
        self.other_files.refresh()

    def file_lines(self) -> list[str]:
        def label(code: str) -> str:
            return self.boxes[code].text() if code in self.boxes else self.tr("lain-lain")

        return [f"• {html.escape(f.name)} — {label(f.requirement_code)}" for f in self.files]

    # drafts
    def page_state(self) -> dict[str, Any]:
        return {"received": self.received()}

    def restore(self, state: dict[str, Any], files: list[attachments.FileToAttach]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in state.get("received", []))
        self.files = [f for f in files if not f.requirement_code or f.requirement_code in self.boxes]
        self._refresh_files()


# ------------------------------------------------------------------------------------------ service pages


class ServicePage(QWizardPage):
    """The service's own questions, drawn from the core's input registry (``intake_page`` of the definition,
    app/servicedefs/fields.INTAKE_PAGES); ``data()`` goes into the case."""

    page_key = ""

    def __init__(self, wizard: ServiceWizard):
        super().__init__()
        self.w = wizard
        self.cfg = wizard.cfg
        self.inputs = FieldInputs(intake_fields(self.page_key), None, wizard.cfg, self)
        self.inputs.changed.connect(self.completeChanged.emit)

    def data(self) -> dict[str, Any]:
        return self.inputs.values()

    def why_not(self) -> str:
        """Why "Lanjut" is disabled on this page ("" when it is not): shown on the button and the page."""
        missing = self.inputs.missing(groups_given=self.groups_given())
        return missing[0] if missing else ""

    def groups_given(self) -> list[str]:
        """The groups of fields the officer says are given (a ticked "sudah …" box)."""
        return []

    def isComplete(self) -> bool:  # noqa: N802
        return not self.why_not()

    def urgent(self) -> bool:
        return False

    def bpjs_confirmation(self) -> dict[str, Any] | None:
        return None

    def summary_lines(self) -> list[str]:
        return []

    #: keys an older draft used for a field (draft key → field key)
    OLD_KEYS: dict[str, str] = {}

    def page_state(self) -> dict[str, Any]:
        """What a draft keeps of this page (restored by :meth:`restore`)."""
        return self.inputs.state()

    def restore(self, state: dict[str, Any]) -> None:
        self.inputs.restore({self.OLD_KEYS.get(k, k): v for k, v in state.items()})


class UrgentPage(ServicePage):
    page_key = "darurat"
    OLD_KEYS = {"note": "keterangan_darurat"}

    def __init__(self, wizard: ServiceWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Kedaruratan"))
        self.setSubTitle(self.tr("Pemohon dalam keadaan darurat (rawat inap, persalinan, gawat darurat) langsung "
                                 "diteruskan ke manajer untuk keputusan segera."))
        form = QFormLayout(self)
        self.inputs.add_rows(form)
        self.is_urgent = self.inputs.widgets["urgent"]
        self.note = self.inputs.widgets["keterangan_darurat"]
        assert isinstance(self.is_urgent, QCheckBox) and isinstance(self.note, QLineEdit)
        self.is_urgent.setObjectName("urgent")
        self.note.setObjectName("urgent_note")

    def why_not(self) -> str:
        if self.is_urgent.isChecked() and not self.note.text().strip():
            return self.tr("Tulis keterangan kedaruratannya.")
        return ""

    def urgent(self) -> bool:
        return self.is_urgent.isChecked()

    def data(self) -> dict[str, Any]:
        return {"keterangan_darurat": self.note.text().strip()} if self.urgent() else {}

    def summary_lines(self) -> list[str]:
        if not self.urgent():
            return [self.tr("Bukan kasus darurat.")]
        return [self.tr("<b>DARURAT</b>: {note}").format(note=self.note.text().strip())]


class DeactivationPage(ServicePage):
    page_key = "penonaktifan"
    OLD_KEYS = {"reason": "reason_code", "evidence": "bukti", "reporter": "pelapor"}

    def __init__(self, wizard: ServiceWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Alasan penonaktifan"))
        self.setSubTitle(self.tr("Pilih alasan penonaktifan KIS PBI-APBD. Proses di BPJS Kesehatan memerlukan waktu "
                                 "sekitar 1 bulan; sampaikan kepada pemohon."))
        form = QFormLayout(self)
        self.inputs.add_rows(form)
        self.reason = self.inputs.widgets["reason_code"]
        self.evidence = self.inputs.widgets["bukti"]
        box = self.inputs.widgets["pelapor"]
        assert isinstance(self.reason, QComboBox) and isinstance(self.evidence, QLineEdit)
        assert isinstance(box, ReporterBox)
        # the reporter: the participant is the person of the case; who reports (a death) is recorded here
        self.reporter_box = box
        self.reporter_name, self.reporter_nik = box.name, box.nik
        self.reporter_relation, self.reporter_phone, self.reporter_state = box.relation, box.phone, box.state

    def reporter(self) -> dict[str, Any]:
        """The reporter as checked by the core (``{}`` when nothing was typed); raises ValidationError."""
        return clean_reporter(self.reporter_box.value(), participant_nik=self.w.person_page.nik.text().strip())

    def _reporter_problem(self) -> str:
        try:
            rep = self.reporter()
        except ValidationError as exc:
            return str(exc)
        if not rep and self.reason.currentData() == "meninggal":
            return self.tr("Peserta meninggal dunia: catat pelapornya (nama, NIK, hubungan).")
        return ""

    def why_not(self) -> str:
        missing = super().why_not()
        if missing:
            return missing
        problem = self._reporter_problem()
        self.reporter_state.setText(problem)
        self.reporter_state.setStyleSheet(BAD if problem else "")
        return problem

    def data(self) -> dict[str, Any]:
        out = {k: v for k, v in self.inputs.values().items() if k != "pelapor"}
        try:
            rep = self.reporter()
        except ValidationError:
            rep = {}
        if rep:
            out["pelapor"] = rep
        return out

    def summary_lines(self) -> list[str]:
        lines = [self.tr("Alasan: {reason}").format(reason=self.reason.currentText()),
                 self.tr("Bukti: {evidence}").format(evidence=self.evidence.text().strip() or "-")]
        rep = self.data().get("pelapor")
        if rep:
            lines.append(self.tr("Pelapor: {name} ({relation}), NIK {nik}").format(
                name=rep["nama"], relation=rep["hubungan"], nik=rep["nik"]))
        return lines


class DeactivatedOnPage(ServicePage):
    """A page with the day the membership became inactive: typed (dd-mm-yyyy) or picked, EMPTY until then —
    it decides the reactivation limit, so the app never suggests one; the core's limit rule is shown on it."""

    def _date_row(self, form: QFormLayout) -> None:
        self.deactivated = self.inputs.widgets["deactivated_on"]
        assert isinstance(self.deactivated, DateLine)
        self.deactivated.setObjectName("deactivated_on")
        self.limit_state = QLabel("")
        self.limit_state.setObjectName("limit_state")
        self.limit_state.setWordWrap(True)
        form.addRow("", self.limit_state)
        self.deactivated.textChanged.connect(self._limit)
        self._limit()

    def deactivated_on(self) -> date | None:
        return self.deactivated.value()

    def date_problem(self) -> str:
        if self.deactivated.problem():
            return self.deactivated.problem()
        if self.deactivated_on() is None:
            return self.tr("Isi tanggal nonaktif kepesertaan (lihat cek status di BPJS), mis. 15-09-2026.")
        return ""

    def _limit(self) -> None:
        problem, day = self.date_problem(), self.deactivated_on()
        if problem or day is None:
            _check(self.limit_state, False if self.deactivated.problem() else None, problem)
        else:
            res = reactivation_limit(day, date.today(), months=self.cfg.reactivation_months,
                                     rule=self.cfg.reactivation_rule)
            _check(self.limit_state, res.allowed, res.message)

    def why_not(self) -> str:
        return self.date_problem() or super().why_not()

    def _date_text(self) -> str:
        day = self.deactivated_on()
        return tanggal_angka(day) if day else "-"


class ReactivationSkPage(DeactivatedOnPage):
    page_key = "reaktivasi_sk"

    def __init__(self, wizard: ServiceWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Status kepesertaan BPJS"))
        self.setSubTitle(self.tr("Hasil cek status di BPJS Kesehatan dan tanggal kepesertaan menjadi nonaktif."))
        form = QFormLayout(self)
        self.inputs.add_rows(form)
        self.status = self.inputs.widgets["bpjs_status"]
        assert isinstance(self.status, QComboBox)
        self.status.setObjectName("bpjs_status")
        self._date_row(form)

    def why_not(self) -> str:
        """The BPJS status first, then the date (whose own message says how to type it)."""
        if not self.status.currentData():
            return self.inputs.missing()[0]
        return self.date_problem()

    def summary_lines(self) -> list[str]:
        return [self.tr("Status BPJS: {status}").format(status=self.status.currentText()),
                self.tr("Nonaktif sejak {date}").format(date=self._date_text()),
                self.limit_state.text()]


class ReactivationRekomPage(DeactivatedOnPage):
    page_key = "reaktivasi_rekom"

    def __init__(self, wizard: ServiceWizard):
        super().__init__(wizard)
        self.setTitle(self.tr("Nonaktif sejak, dan konfirmasi BPJS cabang"))
        self.setSubTitle(self.tr("Konfirmasi dengan BPJS cabang (siapa, kapan, jawaban) dapat dicatat sekarang atau "
                                 "nanti oleh back office."))
        form = QFormLayout(self)
        self.inputs.add_rows(form, ["deactivated_on"])
        self._date_row(form)
        self.confirm = self.inputs.group_box("bpjs_confirmation")
        self.confirm.setObjectName("confirm")
        form.addRow(self.confirm)
        self.by = self.inputs.widgets["confirmed_by"]
        self.when = self.inputs.widgets["confirmed_at"]
        self.answer = self.inputs.widgets["answer"]
        self.note = self.inputs.widgets["note"]
        assert isinstance(self.by, QLineEdit) and isinstance(self.when, DateLine)
        assert isinstance(self.answer, QComboBox) and isinstance(self.note, QLineEdit)

    def groups_given(self) -> list[str]:
        return ["bpjs_confirmation"] if self.confirm.isChecked() else []

    def data(self) -> dict[str, Any]:
        return self.inputs.values()

    def page_state(self) -> dict[str, Any]:
        return {**self.inputs.state(), "confirmed": self.confirm.isChecked()}

    def restore(self, state: dict[str, Any]) -> None:
        super().restore(state)
        self.confirm.setChecked(bool(state.get("confirmed")))

    def bpjs_confirmation(self) -> dict[str, Any] | None:
        if not self.confirm.isChecked() or self.when.value() is None:
            return None
        conf = self.inputs.values(group="bpjs_confirmation")
        return {"confirmed_by": conf.get("confirmed_by", ""), "confirmed_at": conf["confirmed_at"],
                "answer": conf.get("answer"), "note": conf.get("note", "")}

    def summary_lines(self) -> list[str]:
        lines = [self.tr("Nonaktif sejak {date}").format(date=self._date_text()),
                 self.limit_state.text()]
        conf = self.bpjs_confirmation()
        lines.append(self.tr("Konfirmasi BPJS: {by}, {when}: {answer}").format(
            by=conf["confirmed_by"], when=self.when.text(), answer=self.answer.currentText())
                     if conf else self.tr("Konfirmasi BPJS: belum (dicatat oleh back office)."))
        return lines


class JamkesdaPage(ServicePage):
    page_key = "jamkesda"

    def __init__(self, wizard: ServiceWizard):
        super().__init__(wizard)
        checks = self.inputs.widgets["indicators"]
        assert isinstance(checks, IndicatorChecks)
        self.setTitle(self.tr("Rumah tangga dan indikator kemiskinan"))
        self.setSubTitle(self.tr("Daya listrik dan tanggungan dari wawancara. Indikator ({title}, {basis}) diisi bila "
                                 "hasil survei lapangan sudah ada.").format(title=checks.title,
                                                                            basis=checks.legal_basis))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.inputs.add_rows(form, ["electricity_va"])
        self.va_state = QLabel("")
        self.va_state.setWordWrap(True)
        form.addRow("", self.va_state)
        self.inputs.add_rows(form, ["dependants"])
        outer.addLayout(form)
        self.va = self.inputs.widgets["electricity_va"]
        self.dependants = self.inputs.widgets["dependants"]
        assert isinstance(self.va, QComboBox) and isinstance(self.dependants, QSpinBox)
        self.va.setObjectName("electricity_va")
        self.dependants.setObjectName("dependants")
        self.survey = QGroupBox(self.tr("Hasil survei lapangan sudah ada — isi indikator"))
        self.survey.setObjectName("survey")
        self.survey.setCheckable(True)
        self.survey.setChecked(False)
        QVBoxLayout(self.survey).addWidget(checks)
        self.checks = checks
        self.indicators = checks.boxes
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        QVBoxLayout(holder).addWidget(self.survey)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)
        self.score_label = QLabel("")
        self.score_label.setObjectName("score")
        outer.addWidget(self.score_label)
        self.survey.toggled.connect(self._score)
        checks.changed.connect(self._score)
        self.inputs.changed.connect(self._va)
        self._va()
        self._score()

    def va_value(self) -> int | None:
        return self.inputs.value("electricity_va")

    def dependants_value(self) -> int | None:
        return self.inputs.value("dependants")

    def _va(self) -> None:
        """The core's electricity rule, on what is typed (nothing typed: the rule says what is missing)."""
        typed = {"electricity_va": self.va_value(), "dependants": self.dependants_value()}
        check = listrik_maks(RuleContext(self.w.defn.code, typed, self.cfg, date.today()))
        if self.va_value() is None:
            _check(self.va_state, None, check.message)
        else:
            _check(self.va_state, check.ok, f"{'✓ ' if check.ok else ''}{check.message}")

    def sheet(self) -> scoring.ScoreSheet:
        return self.checks.sheet()

    def _score(self) -> None:
        if not self.survey.isChecked():
            self.score_label.setText(self.tr("Skor dihitung setelah survei lapangan."))
            self.score_label.setStyleSheet("")
            return
        s = self.sheet()
        verdict = self.tr("memenuhi kriteria") if s.eligible else self.tr("belum memenuhi kriteria")
        text = self.tr("<b>Skor {total}</b> dari {maximum}; batas layak {cutoff} → {verdict}.")
        _check(self.score_label, s.eligible, text.format(total=f"{s.total:g}", maximum=f"{s.maximum:g}",
                                                         cutoff=f"{s.cutoff:g}", verdict=verdict))

    def data(self) -> dict[str, Any]:
        out = self.inputs.values()
        if not self.survey.isChecked():
            out.pop("indicators", None)
        return out

    def page_state(self) -> dict[str, Any]:
        return {**self.inputs.state(), "survey": self.survey.isChecked()}

    def restore(self, state: dict[str, Any]) -> None:
        super().restore(state)
        self.survey.setChecked(bool(state.get("survey")))

    def summary_lines(self) -> list[str]:
        lines = [self.tr("Daya listrik {va} VA, {dependants} tanggungan").format(va=self.va_value(),
                                                                                 dependants=self.dependants_value())]
        if self.survey.isChecked():
            s = self.sheet()
            lines.append(self.tr("Skor indikator {total} dari {maximum} (batas {cutoff})").format(
                total=f"{s.total:g}", maximum=f"{s.maximum:g}", cutoff=f"{s.cutoff:g}"))
        else:
            lines.append(self.tr("Indikator: menunggu survei lapangan"))
        return lines


#: the wizard's service pages by the name a definition gives (``intake_page``, app/servicedefs/loader.INTAKE_PAGES)
SERVICE_PAGES: dict[str, Callable[[ServiceWizard], ServicePage]] = {
    "darurat": UrgentPage,
    "penonaktifan": DeactivationPage,
    "reaktivasi_sk": ReactivationSkPage,
    "reaktivasi_rekom": ReactivationRekomPage,
    "jamkesda": JamkesdaPage,
}


# ------------------------------------------------------------------------------------------ summary, receipt


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ServiceWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Ringkasan"))
        self.setSubTitle(self.tr("Periksa sekali lagi bersama pemohon, lalu simpan. Tanda terima berkas dibuat "
                                 "otomatis."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Simpan dan buat tanda terima"))
        layout = QVBoxLayout(self)
        self.text = QLabel("")
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.saving = False

    def initializePage(self) -> None:  # noqa: N802
        w = self.w
        p = w.person_page
        missing = w.checklist_page.missing()
        rtrw = f"RT {p.rt.text() or '-'}/RW {p.rw.text() or '-'}"
        rows = [(self.tr("Layanan"), w.defn.name), ("NIK", p.nik.text().strip()),
                (self.tr("Nama"), p.name.text().strip()),
                (self.tr("No KK"), p.no_kk.text().strip() or "-"), (self.tr("Hubungan"), p.relation.currentText()),
                (self.tr("Alamat KTP"), " ".join(x for x in (p.address.text(), rtrw,
                                                             p.kelurahan.text(), p.kecamatan.text()) if x.strip())),
                (self.tr("Domisili"), self.tr("sama dengan KTP") if p.same_domicile.isChecked()
                 else p.domicile.text() or "-"),
                ("DTSEN", p.dtsen_summary()),
                (self.tr("Persyaratan diterima"), "<br>".join(f"✓ {w.checklist_page.boxes[c].text()}"
                                                              for c in w.checklist_page.received())
                 or self.tr("belum ada")),
                (self.tr("Belum ada"), "<br>".join(f"✗ {m}" for m in missing) or "—"),
                (self.tr("Lampiran pindaian"), "<br>".join(w.checklist_page.file_lines()) or self.tr("tidak ada"))]
        if w.service_page is not None:
            rows.append((self.tr("Keterangan layanan"), "<br>".join(w.service_page.summary_lines())))
        html = "<table cellspacing='4'>" + "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        html += "</table>"
        if missing and w.defn.strict_intake:
            html += self.tr("<p style='color:#b00020'><b>Berkas tidak lengkap: surat tidak dapat diterbitkan.</b> "
                            "Tanda terima mencatat kekurangannya; berkas dapat ditolak atau dilengkapi di layar "
                            "berkas.</p>")
        elif missing:
            html += self.tr("<p style='color:#8a5a00'>Berkas disimpan sebagai <b>belum lengkap</b> dan dapat "
                            "dilanjutkan.</p>")
        self.text.setText(html)

    def validatePage(self) -> bool:  # noqa: N802
        if self.w.result is not None:
            return True
        if not self.saving:
            self.saving = True
            self.w.save()
        return False


class ReceiptPage(QWizardPage):
    def __init__(self, wizard: ServiceWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Tanda terima berkas"))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.text = QLabel("")
        self.text.setObjectName("receipt")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.open_docx = QPushButton(self.tr("Buka tanda terima (&Word)"))
        self.open_pdf = QPushButton(self.tr("Buka/cetak &PDF"))
        self.make_pdf = QPushButton(self.tr("Buat &PDF"))
        self.preview = QPushButton(self.tr("Prat&injau"))
        self.preview.setObjectName("preview")
        self.preview.setToolTip(self.tr("Menampilkan halaman tanda terima untuk diperiksa dan dicetak"))
        self.preview_dialog = None
        row.addWidget(self.preview)
        row.addWidget(self.open_docx)
        row.addWidget(self.open_pdf)
        row.addWidget(self.make_pdf)
        row.addStretch(1)
        layout.addLayout(row)
        self.letter_state = QLabel("")
        self.letter_state.setWordWrap(True)
        layout.addWidget(self.letter_state)
        self.open_docx.clicked.connect(lambda: self._open("docx"))
        self.open_pdf.clicked.connect(lambda: self._open("pdf"))
        self.make_pdf.clicked.connect(self._make_pdf)
        self.preview.clicked.connect(self._preview)

    def initializePage(self) -> None:  # noqa: N802
        res = self.w.result
        assert res is not None
        r = res.receipt
        expected = (self.tr("{date} pukul {time}").format(date=f"{r.expected_completion:%d-%m-%Y}",
                                                          time=f"{r.expected_completion:%H.%M}")
                    if r.expected_completion else self.tr("dihitung setelah berkas lengkap"))
        html = (f"<h2>{r.reg_number}</h2><p><b>{r.service_name}</b><br>{r.name} — NIK {r.nik_masked}<br>"
                + self.tr("Diterima {at} di {counter} oleh {officer}").format(
                    at=f"{r.received_at:%d-%m-%Y %H.%M}", counter=r.counter or "-", officer=r.officer or "-")
                + "</p><p><b>" + self.tr("Berkas diterima:") + "</b><br>"
                + ("<br>".join(f"✓ {x}" for x in r.received) or self.tr("belum ada")) + "</p>")
        if r.missing:
            html += ("<p style='color:#b00020'><b>" + self.tr("Belum ada:") + "</b><br>"
                     + "<br>".join(f"✗ {x}" for x in r.missing) + "</p>")
        html += ("<p>" + self.tr("Standar waktu: {sla}. Perkiraan selesai: <b>{expected}</b>. Biaya: {fee}.").format(
                    sla=r.sla, expected=expected, fee=r.fee) + "</p>"
                 + (("<p>" + self.tr("Dasar hukum: {basis}").format(basis=r.legal_basis) + "</p>")
                    if r.legal_basis else "")
                 + (("<p>" + self.tr("Saluran pengaduan: {channels}").format(channels="; ".join(r.complaint_channels))
                     + "</p>") if r.complaint_channels else "")
                 + (f"<p>{r.notice}</p>" if r.notice else "")
                 + f"<p><small>{r.privacy_notice}</small></p>")
        self.text.setText(html)
        self._letter_buttons()

    def _letter_buttons(self) -> None:
        res = self.w.result
        assert res is not None
        letter = res.letter
        self.open_docx.setEnabled(letter is not None)
        self.preview.setEnabled(letter is not None)
        self.open_pdf.setVisible(letter is not None and letter.pdf_path is not None)
        self.make_pdf.setVisible(letter is not None and letter.pdf_path is None)
        if letter is not None:
            _check(self.letter_state, True,
                   self.tr("Tanda terima nomor {number} tersimpan di arsip surat.").format(number=letter.number))
        else:
            _check(self.letter_state, False, self.tr("Tanda terima belum dapat dibuat sebagai surat: {error} Data "
                                                     "tanda terima di atas tetap tersimpan pada berkas.").format(
                error=res.letter_error))

    def _open(self, kind: str) -> None:
        res = self.w.result
        if res is None or res.letter is None:
            return
        path = res.letter.pdf_path if kind == "pdf" else res.letter.docx_path
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _preview(self) -> None:
        from ui.dialogs.letter_preview import LetterPreviewDialog

        res = self.w.result
        if res is None or res.letter is None:
            return
        dlg = LetterPreviewDialog(self.w.session, res.letter.id, caption=f"{res.letter.number} — {res.letter.title}",
                                  parent=self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.preview_dialog = dlg
        dlg.show()

    def _make_pdf(self) -> None:
        res = self.w.result
        if res is None or res.letter is None:
            return
        s, letter_id = self.w.session, res.letter.id
        self.make_pdf.setEnabled(False)
        self.letter_state.setText(self.tr("Membuat PDF…"))

        def done(summary) -> None:
            self.make_pdf.setEnabled(True)
            if letter_id in summary.converted:
                assert self.w.result is not None and self.w.result.letter is not None
                self.w.result.letter = replace(self.w.result.letter, pdf_path=summary.converted[letter_id])
                self._letter_buttons()
            else:
                reasons = "; ".join(summary.failed.values()) or summary.message
                _check(self.letter_state, False, self.tr("PDF tidak dapat dibuat: {reasons} Berkas Word tetap dapat "
                                                         "dicetak.").format(reasons=reasons))

        def failed(exc, tb) -> None:
            self.make_pdf.setEnabled(True)
            self.letter_state.setText("")
            show_error(self, exc, tb)

        s.runner.run(lambda _t: letters.convert_pdfs(s.office, actor=s.actor, letter_ids=[letter_id]),
                     on_done=done, on_error=failed)


# ------------------------------------------------------------------------------------------ the wizard


class ServiceWizard(QWizard):
    """``on_saved(case_info)`` is called once the case is in the database."""

    def __init__(self, session: UiSession, defn: ServiceDef, cfg: RuleSettings, *,
                 on_saved: Callable[[cases.CaseInfo], None] | None = None, pdf: bool | None = None,
                 draft: drafts.DraftInfo | None = None, on_drafts_changed: Callable[[], None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.session, self.defn, self.cfg, self.on_saved, self.pdf = session, defn, cfg, on_saved, pdf
        self.on_drafts_changed = on_drafts_changed
        self.result: SaveResult | None = None
        self.draft_id: int | None = draft.id if draft else None
        self.draft_saving = False
        self.close_after_draft = False
        self.close_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Berkas baru — {service}").format(service=defn.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Kembali"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Batal"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Selesai"))
        self.person_page = PersonPage(self)
        self.checklist_page = ChecklistPage(self)
        factory = SERVICE_PAGES.get(defn.intake_page)
        self.service_page = factory(self) if factory else None
        self.summary_page = SummaryPage(self)
        self.receipt_page = ReceiptPage(self)
        for page in (self.person_page, self.checklist_page, self.service_page, self.summary_page, self.receipt_page):
            if page is not None:
                self.addPage(page)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Simpan d&raf"))
        self.draft_button = self.button(QWizard.WizardButton.CustomButton1)
        self.draft_button.setObjectName("save_draft")
        self.draft_button.setToolTip(self.tr("Simpan isian sejauh ini; lanjutkan nanti dari daftar Draf tersimpan"))
        self.customButtonClicked.connect(self._custom_button)
        self.currentIdChanged.connect(self._page_changed)
        self.why_next = QLabel("")
        self.why_next.setObjectName("why_next")
        self.why_next.setWordWrap(True)
        self.why_next.setStyleSheet(WARN)
        if self.service_page is not None:  # a disabled "Lanjut" says why, on the page and on the button
            lay = self.service_page.layout()
            if isinstance(lay, QFormLayout):
                lay.addRow(self.why_next)
            elif lay is not None:
                lay.addWidget(self.why_next)
            self.service_page.completeChanged.connect(self._why_next)
            self._why_next()
        if draft is not None:
            self.restore(draft)
        self.saved_state = self.wizard_state() if draft is not None else None
        session.runner.run(lambda _t: attachments.load_settings(session.office), on_done=self._attachment_settings,
                           on_error=lambda _e, _tb: None)  # the shipped limit stays if the setting cannot be read
        self.resize(820, 640)

    def _why_next(self) -> None:
        why = self.service_page.why_not() if self.service_page is not None else ""
        self.why_next.setText(why)
        self.why_next.setVisible(bool(why))
        on_page = self.service_page is not None and self.currentPage() is self.service_page
        self.button(QWizard.WizardButton.NextButton).setToolTip(why if on_page else "")

    def _custom_button(self, which) -> None:
        if which in (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CustomButton1.value):
            self.save_draft()

    def _attachment_settings(self, cfg: attachments.AttachmentSettings) -> None:
        self.checklist_page.max_bytes = cfg.max_mb * 1024 * 1024

    def _page_changed(self, _id: int) -> None:
        self._why_next()
        self.draft_button.setVisible(self.result is None and self.currentPage() is not self.summary_page)

    # ------------------------------------------------------------------ drafts
    def form_source(self) -> dict[str, Any]:
        """What the applicant's forms are filled from: the case once it is saved, else the person typed so far."""
        if self.result is not None:
            return {"case_id": self.result.case.id}
        p = self.person_page
        person = {**p.person(), "nik": p.nik.text().strip(), "name": p.name.text().strip(),
                  "no_kk": p.no_kk.text().strip()}
        data = self.service_page.data() if self.service_page is not None else {}
        if data.get("pelapor"):
            person["pelapor"] = data["pelapor"]
        return {"person": person}

    def wizard_state(self) -> dict[str, Any]:
        """Everything the pages hold, as JSON-able values (the staged scans travel separately)."""
        sp = self.service_page
        return {"person": self.person_page.page_state(), "checklist": self.checklist_page.page_state(),
                "service": sp.page_state() if sp else {},
                "files": [[str(f.path), f.requirement_code, f.name] for f in self.checklist_page.files]}

    def restore(self, draft: drafts.DraftInfo) -> None:
        st = draft.state
        self.person_page.restore(st.get("person", {}))
        self.checklist_page.restore(st.get("checklist", {}), [attachments.FileToAttach(f.path, f.requirement_code,
                                                                                       f.file_name)
                                                              for f in draft.files])
        if self.service_page is not None:
            self.service_page.restore(st.get("service", {}))
        saved = tanggal_jam(draft.updated_at, draft.zone, with_zone=False)  # office time, not the machine's
        self.setWindowTitle(self.tr("Berkas baru — {service} (draf {saved})").format(service=self.defn.name,
                                                                                      saved=saved))
        missing = [f.file_name for f in draft.files if not f.path.exists()]
        if missing:
            _check(self.checklist_page.file_state, False,
                   self.tr("Salinan lampiran draf hilang: {files}").format(files=", ".join(missing)))

    def has_input(self) -> bool:
        p = self.person_page
        return bool(p.nik.text().strip() or p.name.text().strip() or self.checklist_page.received()
                    or self.checklist_page.files)

    def unsaved(self) -> bool:
        if self.result is not None or not self.has_input():
            return False
        return self.saved_state is None or json.dumps(self.wizard_state(), sort_keys=True, default=str) != \
            json.dumps(self.saved_state, sort_keys=True, default=str)

    def save_draft(self) -> None:
        """Store the pages' state and the chosen scans (copied) as a draft, in a worker."""
        if self.draft_saving or self.result is not None:
            return
        s = self.session
        state = self.wizard_state()
        p = self.person_page
        kwargs: dict[str, Any] = dict(service_code=self.defn.code, state=state, nik=p.nik.text().strip(),
                                      name=p.name.text().strip(), files=list(self.checklist_page.files),
                                      draft_id=self.draft_id, counter=s.office.config.counter)
        self.draft_saving = True
        self.draft_button.setEnabled(False)

        def done(info: drafts.DraftInfo) -> None:
            self.draft_saving = False
            self.draft_button.setEnabled(True)
            self.draft_id = info.id
            page = self.checklist_page  # from now on the draft's own copies are the files
            page.files = [attachments.FileToAttach(f.path, f.requirement_code, f.file_name) for f in info.files]
            page._refresh_files()
            self.saved_state = self.wizard_state()
            _check(page.file_state, True, self.tr("✓ Draf disimpan ({count} lampiran). Lanjutkan nanti dari daftar "
                                                  "Draf tersimpan di layar Antrean.").format(count=len(info.files)))
            saved = jam(info.updated_at, info.zone)
            self.setWindowTitle(self.tr("Berkas baru — {service} (draf disimpan pukul {saved})").format(
                service=self.defn.name, saved=saved))
            if self.on_drafts_changed:
                self.on_drafts_changed()
            if self.close_after_draft:
                self.close_after_draft = False
                super(ServiceWizard, self).reject()

        def failed(exc: BaseException, tb: str) -> None:
            self.draft_saving = False
            self.close_after_draft = False
            self.draft_button.setEnabled(True)
            show_error(self, exc, tb)

        s.runner.run(lambda _t: drafts.save_draft(s.office, actor=s.actor, **kwargs), on_done=done, on_error=failed)

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: unsaved input is offered to be kept as a draft."""
        if self.summary_page.saving or self.draft_saving:
            return
        if self.unsaved() and self.session.may("draft.save"):
            self.ask_save_draft()
            return
        super().reject()

    def ask_save_draft(self) -> None:
        """Ya: save a draft, then close · Tidak: discard and close · Batal: stay (a non-blocking question)."""
        if self.close_box is not None and self.close_box.isVisible():
            return
        yes, no, cancel = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                           QMessageBox.StandardButton.Cancel)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Simpan sebagai draf?"),
                          self.tr("Isian berkas ini belum disimpan. Simpan sebagai draf agar dapat dilanjutkan nanti?"),
                          yes | no | cancel, self)
        box.setObjectName("close_box")
        for button, text in ((yes, self.tr("&Ya, simpan draf")), (no, self.tr("&Tidak, buang isian")),
                             (cancel, self.tr("&Batal"))):
            box.button(button).setText(text)
        box.setDefaultButton(yes)
        box.setEscapeButton(cancel)
        box.finished.connect(lambda _r: self._close_answer(box.standardButton(box.clickedButton())))
        self.close_box = box
        box.open()

    def _close_answer(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self.close_after_draft = True
            self.save_draft()
        elif answer == QMessageBox.StandardButton.No:
            super().reject()

    def save(self) -> None:
        """One core call (app/services/intake.submit), one transaction: the case, checklist, BPJS confirmation,
        scans, draft removal and receipt are all saved, or nothing is."""
        p, sp = self.person_page, self.service_page
        s = self.session
        request = intake.IntakeRequest(
            service_code=self.defn.code, nik=p.nik.text().strip(), name=p.name.text().strip(),
            no_kk=p.no_kk.text().strip() or None, family_relation=p.relation.currentText().strip(),
            person=p.person(), urgent=sp.urgent() if sp else False, received=tuple(self.checklist_page.received()),
            data=sp.data() if sp else {}, counter=s.office.config.counter,
            bpjs_confirmation=sp.bpjs_confirmation() if sp else None, files=tuple(self.checklist_page.files),
            draft_id=self.draft_id)
        pdf = self.pdf

        def work(_t) -> SaveResult:
            res = intake.submit(s.office, actor=s.actor, request=request, pdf=pdf)
            return SaveResult(res.case, res.receipt, res.letter, "", res.attached)

        self.button(QWizard.WizardButton.CommitButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        s.runner.run(work, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: SaveResult) -> None:
        self.result = result
        self.summary_page.saving = False
        if self.on_saved:
            self.on_saved(result.case)
        if self.draft_id is not None and self.on_drafts_changed:  # the draft became this case
            self.on_drafts_changed()
        self.next()

    def _failed(self, exc: BaseException, tb: str) -> None:
        self.summary_page.saving = False
        self.button(QWizard.WizardButton.CommitButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        show_error(self, exc, tb)
