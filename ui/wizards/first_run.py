"""First-run set-up: the office profile, the first administrator, the signatories and the DTSEN extract.

The last page chooses a DTSEN file (or none: it can be imported later from the import screen). The set-up
itself is one transaction; once it has succeeded the import runs in the worker, as the new administrator,
with a progress bar and a cancel button. A failed or cancelled import does not undo the set-up: the page
says so and the administrator finishes and imports later.

Instead of a new office, the first page offers "Pulihkan dari cadangan…" (an office moved to a new PC, or a
disk that failed): the backup is checked in full in the worker, the recovery key or the backup's password is
asked when the check needs it, an administrator of the backup signs in, and the restore runs in the worker
with the office closed (the restore needs the data folder alone). The office is opened again either way; on
success the wizard ends as if the office had been set up (the login follows), on failure the core's message
is shown and the data folder is as it was, to try again or set up a new office.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import LoketError, ValidationError
from app.services import setup
from app.services.office import _validate_profile
from app.services.users import _check_password, _check_username
from ui.tasks import TaskRunner


def _line(name: str, placeholder: str = "") -> QLineEdit:
    w = QLineEdit()
    w.setObjectName(name)
    w.setPlaceholderText(placeholder)
    return w


class ProfilePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Profil kantor"))
        self.setSubTitle(self.tr("Data ini dicetak pada kop setiap surat. Dapat diubah kemudian di Pengaturan."))
        form = QFormLayout(self)
        self.kind_box = OfficeKindBox(form)
        self.region_kind = QComboBox()
        self.region_kind.setObjectName("region_kind")
        self.region_kind.addItems(["KOTA", "KABUPATEN"])
        self.region_name = _line("region_name", self.tr("mis. Pangkalpinang"))
        self.government = _line("government", self.tr("PEMERINTAH KOTA …"))
        self.city = _line("city", self.tr("tempat surat, mis. Pangkalpinang"))
        self.address = _line("address", "Jl. … No. …")
        self.postal_code = _line("postal_code", "33121")
        self.phone = _line("phone", "(0717) …")
        self.email = _line("email", "dinsos@…go.id")
        self.website = _line("website", "dinsos.…go.id")
        self.timezone = QComboBox()
        self.timezone.setObjectName("timezone")
        self.timezone.addItems(["WIB", "WITA", "WIT"])
        self.legal_basis = _line("legal_basis", self.tr("mis. SK Kepala Dinas Sosial Nomor 400.9/12/2026"))
        self.legal_basis.setToolTip(self.tr("SK standar pelayanan; dicetak pada setiap tanda terima berkas. Dapat "
                                            "diisi per layanan di Pengaturan → Aturan layanan."))
        emblem_row = QWidget()
        h = QHBoxLayout(emblem_row)
        h.setContentsMargins(0, 0, 0, 0)
        self.emblem_preview = QLabel(self.tr("(belum dipilih)"))
        pick = QPushButton(self.tr("Pilih berkas PNG…"))
        pick.clicked.connect(self._pick_emblem)
        h.addWidget(self.emblem_preview)
        h.addWidget(pick)
        self.emblem_png: bytes | None = None
        form.addRow(self.tr("Jenis daerah"), self.region_kind)
        form.addRow(self.tr("Nama kota/kabupaten *"), self.region_name)
        form.addRow(self.tr("Pemerintah daerah *"), self.government)
        form.addRow(self.tr("Tempat surat *"), self.city)
        form.addRow(self.tr("Alamat kantor"), self.address)
        form.addRow(self.tr("Kode pos"), self.postal_code)
        form.addRow(self.tr("Telepon"), self.phone)
        form.addRow(self.tr("Surel"), self.email)
        form.addRow(self.tr("Laman"), self.website)
        form.addRow(self.tr("Zona waktu"), self.timezone)
        form.addRow(self.tr("Lambang daerah"), emblem_row)
        form.addRow(self.tr("SK standar pelayanan"), self.legal_basis)
        # "Pulihkan dari cadangan…" (the wizard's button) reports here: checking, restoring, or what went wrong.
        self.restore_progress = QProgressBar()
        self.restore_progress.setObjectName("restore_progress")
        self.restore_progress.setRange(0, 100)
        self.restore_cancel = QPushButton(self.tr("Batalkan pe&mulihan"))
        self.restore_cancel.setObjectName("cancel_restore")
        self.restore_row = QWidget()
        row = QHBoxLayout(self.restore_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.restore_progress, 1)
        row.addWidget(self.restore_cancel)
        self.restore_row.setVisible(False)
        self.restore_status = QLabel("")
        self.restore_status.setObjectName("restore_status")
        self.restore_status.setWordWrap(True)
        self.restore_status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.restore_status.setVisible(False)
        form.addRow(self.restore_row)
        form.addRow(self.restore_status)
        self.region_name.textEdited.connect(self._suggest)
        self.region_kind.currentTextChanged.connect(lambda _t: self._suggest(self.region_name.text()))

    def _suggest(self, name: str) -> None:
        self.government.setText(f"PEMERINTAH {self.region_kind.currentText()} {name.strip().upper()}".strip())
        self.city.setText(name.strip())

    def _pick_emblem(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Lambang daerah"), "", self.tr("Gambar PNG (*.png)"))
        if path:
            self.set_emblem(Path(path))

    def set_emblem(self, path: Path) -> None:
        data = path.read_bytes()
        if not data.startswith(b"\x89PNG"):
            QMessageBox.warning(self, self.tr("Perhatian"), self.tr("Lambang daerah harus berkas gambar PNG."))
            return
        self.emblem_png = data
        pix = QPixmap()
        pix.loadFromData(data)
        self.emblem_preview.setPixmap(pix.scaledToHeight(48))

    def values(self) -> dict:
        return {"region_kind": self.region_kind.currentText(), "region_name": self.region_name.text(),
                "government": self.government.text(), "city": self.city.text(), "address": self.address.text(),
                "postal_code": self.postal_code.text(), "phone": self.phone.text(), "email": self.email.text(),
                "website": self.website.text(), "timezone": self.timezone.currentText(),
                "agency": "DINAS SOSIAL"}

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        try:
            values = _validate_profile(self.values())
            self.kind_box.check()
            for key, label in (("region_name", self.tr("Nama kota/kabupaten")),
                               ("government", self.tr("Pemerintah daerah")), ("city", self.tr("Tempat surat"))):
                if not values.get(key):
                    raise ValidationError(self.tr("{field} wajib diisi.").format(field=label))
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Perhatian"), str(exc))
            return False
        return True


class OfficeKindBox(QObject):
    """Dinas Sosial or kelurahan/desa post (SPEC §8): decides which steps this office performs. Dinas Sosial
    decides, issues letters and sends batches; a kelurahan/desa post (Puskesos/SLRT) takes in files, checks them
    and DTSEN, and sends them to its Dinas. Its rows are added to the profile page's form."""

    def __init__(self, form: QFormLayout):
        super().__init__()
        self.kind = QComboBox()
        self.kind.setObjectName("office_kind")
        self.kind.addItem(self.tr("Dinas Sosial (kabupaten/kota)"), "dinas")
        self.kind.addItem(self.tr("Kelurahan/desa (Puskesos/SLRT)"), "kelurahan")
        self.name = _line("office_name", self.tr("mis. Kelurahan Kejaksaan"))
        self.code = _line("office_code", self.tr("mis. DINSOS-PKP"))
        self.area = _line("area_code", self.tr("10 angka, mis. 1971011001"))
        form.addRow(self.tr("Jenis kantor *"), self.kind)
        form.addRow(self.tr("Nama kantor (jaringan)"), self.name)
        form.addRow(self.tr("Kode kantor (Dinas)"), self.code)
        form.addRow(self.tr("Kode wilayah (kelurahan) *"), self.area)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kel = self.kind.currentData() == "kelurahan"
        self.code.setEnabled(not kel)
        self.area.setEnabled(kel)

    def values(self, profile: dict) -> dict:
        kind = self.kind.currentData()
        default = (f"Dinas Sosial {profile.get('region_kind', '').title()} {profile.get('region_name', '')}".strip()
                   if kind == "dinas" else "")
        return {"kind": kind, "name": self.name.text().strip() or default,
                "code": self.code.text().strip() or ("DINSOS" if kind == "dinas" else ""),
                "area_code": self.area.text().strip()}

    def check(self) -> None:
        """Raises :class:`ValidationError` (shown by the page) when the kind's fields are not right."""
        from app.network import identity

        if self.kind.currentData() == "kelurahan":
            identity.check_area(self.area.text())
            if not self.name.text().strip():
                raise ValidationError(self.tr("Nama kantor kelurahan/desa wajib diisi."))
        elif self.code.text().strip():
            identity.check_code(self.code.text())


class AdminPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Administrator pertama"))
        self.setSubTitle(self.tr("Akun ini mengelola pengguna dan pengaturan. Simpan kata sandinya dengan aman."))
        form = QFormLayout(self)
        self.username = _line("admin_username", self.tr("mis. admin"))
        self.full_name = _line("admin_full_name")
        self.nip = _line("admin_nip", self.tr("18 digit, boleh dikosongkan"))
        self.password = _line("admin_password", self.tr("minimal 8 karakter"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = _line("admin_confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Nama pengguna *"), self.username)
        form.addRow(self.tr("Nama lengkap *"), self.full_name)
        form.addRow(self.tr("NIP"), self.nip)
        form.addRow(self.tr("Kata sandi *"), self.password)
        form.addRow(self.tr("Ulangi kata sandi *"), self.confirm)

    def validatePage(self) -> bool:  # noqa: N802
        try:
            _check_username(self.username.text())
            if not self.full_name.text().strip():
                raise ValidationError(self.tr("Nama lengkap wajib diisi."))
            _check_password(self.password.text())
            if self.password.text() != self.confirm.text():
                raise ValidationError(self.tr("Kedua kata sandi tidak sama."))
            if self.nip.text().strip():
                from app.rules.identifiers import validate_nip

                validate_nip(self.nip.text())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Perhatian"), str(exc))
            return False
        return True


class OfficialsPage(QWizardPage):
    """Kepala Dinas (required for letters) and Kabid Linjamsos (optional now)."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Pejabat penandatangan"))
        self.setSubTitle(self.tr("Nama, pangkat dan NIP dicetak di blok tanda tangan surat. Kabid boleh diisi nanti."))
        form = QFormLayout(self)
        self.head_name = _line("head_name", self.tr("nama lengkap dengan gelar"))
        self.head_nip = _line("head_nip", self.tr("18 digit"))
        self.head_rank = _line("head_rank", self.tr("mis. Pembina Utama Muda (IV/c)"))
        self.kabid_name = _line("kabid_name")
        self.kabid_nip = _line("kabid_nip")
        self.kabid_rank = _line("kabid_rank")
        form.addRow(QLabel(self.tr("<b>Kepala Dinas Sosial</b>")))
        form.addRow(self.tr("Nama *"), self.head_name)
        form.addRow(self.tr("NIP *"), self.head_nip)
        form.addRow(self.tr("Pangkat/golongan"), self.head_rank)
        form.addRow(QLabel(self.tr("<b>Kabid Perlindungan dan Jaminan Sosial</b>")))
        form.addRow(self.tr("Nama"), self.kabid_name)
        form.addRow(self.tr("NIP"), self.kabid_nip)
        form.addRow(self.tr("Pangkat/golongan"), self.kabid_rank)

    def officials(self) -> list[setup.OfficialInput]:
        result = [setup.OfficialInput("kepala_dinas", "Kepala Dinas Sosial", self.head_name.text(),
                                      self.head_nip.text().strip(), self.head_rank.text())]
        if self.kabid_name.text().strip():
            result.append(setup.OfficialInput("kabid_linjamsos", "Kepala Bidang Perlindungan dan Jaminan Sosial",
                                              self.kabid_name.text(), self.kabid_nip.text().strip(),
                                              self.kabid_rank.text()))
        return result


class DtsenPage(QWizardPage):
    """Impor DTSEN sekarang atau nanti: a file chosen here is imported right after the set-up is saved."""

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Impor DTSEN sekarang atau nanti"))
        self.setSubTitle(self.tr("Pilih ekstrak DTSEN (dahulu DTKS) yang diunduh — CSV atau XLSX — agar NIK dapat "
                                 "dicek sejak hari pertama. Boleh dilewati: impor dapat dilakukan kapan saja dari menu "
                                 "Impor DTSEN."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.file_label = QLabel(self.tr("Tidak ada berkas dipilih: impor nanti."))
        self.file_label.setObjectName("dtsen_file")
        self.file_label.setWordWrap(True)
        self.pick = QPushButton(self.tr("&Pilih berkas DTSEN…"))
        self.pick.setObjectName("pick_dtsen")
        self.clear = QPushButton(self.tr("&Nanti saja"))
        self.clear.setObjectName("clear_dtsen")
        self.clear.setEnabled(False)
        row.addWidget(self.file_label, 1)
        row.addWidget(self.pick)
        row.addWidget(self.clear)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("dtsen_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("dtsen_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.cancel = QPushButton(self.tr("&Batalkan impor"))
        self.cancel.setObjectName("cancel_dtsen")
        self.cancel.setVisible(False)
        layout.addWidget(self.cancel)
        layout.addStretch(1)
        self.path: Path | None = None
        self.pick.clicked.connect(self._pick)
        self.clear.clicked.connect(lambda: self.set_path(None))

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas DTSEN"), "",
                                              self.tr("Daftar DTSEN (*.csv *.xlsx);;Semua (*)"))
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.clear.setEnabled(path is not None)
        self.file_label.setText(self.tr("Diimpor setelah penyiapan disimpan: {path}").format(path=path) if path
                                else self.tr("Tidak ada berkas dipilih: impor nanti."))

    def validatePage(self) -> bool:  # noqa: N802
        if self.path is not None and not self.path.is_file():
            QMessageBox.warning(self, self.tr("Perhatian"),
                                self.tr("Berkas {path} tidak ditemukan.").format(path=self.path))
            return False
        if self.path is not None and self.path.suffix.lower() not in (".csv", ".xlsx"):
            QMessageBox.warning(self, self.tr("Perhatian"), self.tr("Berkas DTSEN harus CSV atau XLSX."))
            return False
        return True


class FirstRunWizard(QWizard):
    """Collects everything, checks it in the core, then writes it in one transaction (in a worker)."""

    completed = Signal(str)  # administrator's username
    office_replaced = Signal(object)  # the office opened again after a restore (successful or not)

    def __init__(self, office, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.office, self.runner = office, runner
        self.setWindowTitle(self.tr("Loket PBI — Penyiapan pertama"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Batal"))
        self.resize(620, 560)
        self.profile_page, self.admin_page, self.officials_page = ProfilePage(), AdminPage(), OfficialsPage()
        self.dtsen_page = DtsenPage()
        for page in (self.profile_page, self.admin_page, self.officials_page, self.dtsen_page):
            self.addPage(page)
        # DTSEN is optional: the set-up may be finished from the signatories page already.
        self.officials_page.setFinalPage(True)
        self.dtsen_page.cancel.clicked.connect(self._cancel_import)
        self.saving = False
        self.saved_username: str | None = None  # set once the set-up transaction has succeeded
        self.import_task = None
        self.recovery_dialog = None  # the recovery key, shown once after the set-up is saved
        # Pulihkan dari cadangan: a custom button beside the wizard's own, on the first page.
        self.restoring = False  # a check or a restore runs in the worker
        self.restore_task = None  # … this one (its cancel stops the unpacking; nothing is changed then)
        self.restored_from: Path | None = None  # set once a restore has succeeded
        self.admin_dialog = None  # the backup's administrator signs in
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Pulihkan dari cadangan…"))
        self.restore_button = self.button(QWizard.WizardButton.CustomButton1)
        self.restore_button.setObjectName("restore_from_backup")
        self.restore_button.setToolTip(self.tr(
            "Memindahkan kantor ke komputer baru atau memulihkan setelah kerusakan: pasang data kantor dari berkas "
            "cadangan (.zip.enc atau .zip) alih-alih menyiapkan kantor baru."))
        self.restore_button.clicked.connect(self.choose_backup)
        self.profile_page.restore_cancel.clicked.connect(self._cancel_restore)
        b = QWizard.WizardButton
        self.setButtonLayout([b.CustomButton1, b.Stretch, b.BackButton, b.NextButton, b.CommitButton, b.FinishButton,
                              b.CancelButton])  # apart from the set-up's own buttons, on the left
        self.currentIdChanged.connect(self._update_restore_button)
        self._update_restore_button()

    def data(self) -> setup.FirstRun:
        a = self.admin_page
        return setup.FirstRun(profile=self.profile_page.values(), admin_username=a.username.text(),
                              admin_full_name=a.full_name.text(), admin_password=a.password.text(),
                              admin_nip=a.nip.text().strip() or None, emblem_png=self.profile_page.emblem_png,
                              officials=self.officials_page.officials(),
                              legal_basis=self.profile_page.legal_basis.text().strip())

    def accept(self) -> None:
        if self.saving or self.restoring or self.import_task is not None:
            return
        if self.saved_username is not None:  # set-up saved and the import is over: the second Selesai
            self._finish()
            return
        if self.dtsen_page.path is not None and not self.dtsen_page.validatePage():
            return
        try:
            data = setup.validate(self.data())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Perhatian"), str(exc))
            return
        self.saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        kind = self.profile_page.kind_box.values(self.profile_page.values())
        office = self.office

        def work(_task):
            from app.network import identity
            from app.services import recovery
            from app.services.users import actor_for

            info = setup.first_run(office, data)
            identity.set_up(office, actor=actor_for(info), **kind)
            # the office key was made with the set-up: its recovery key, shown here once
            try:
                key = recovery.take_recovery_key(office, actor=actor_for(info))
            except LoketError as exc:  # the set-up is saved all the same; the key can be shown from the CLI
                key = exc
            return info, key

        self.runner.run(work, on_done=self._saved, on_error=self._failed)

    def reject(self) -> None:
        if self.restoring:  # Batal/Esc while checking or unpacking: cancelled (nothing changed), not closed
            self._cancel_restore()
            return
        if self.import_task is not None:
            self._cancel_import()
            return
        if self.saved_username is not None:  # the office exists now; closing is finishing
            self._finish()
            return
        super().reject()

    def _saved(self, result) -> None:
        info, key = result
        self.saving = False
        self.saved_username = info.username
        from ui.dialogs.recovery_key import RecoveryKeyDialog

        if not isinstance(key, str):
            QMessageBox.warning(self, self.tr("Kunci pemulihan"), self.tr(
                "Kunci pemulihan tidak dapat ditampilkan: {error} Administrator dapat menampilkannya sekali dengan "
                "perintah loket-pbi recovery-key --show.").format(error=key))
            self._after_recovery_key(info)
            return
        self.recovery_dialog = RecoveryKeyDialog(key, self.profile_page.values().get("government", ""), self)
        self.recovery_dialog.accepted.connect(lambda: self._after_recovery_key(info))
        self.recovery_dialog.open()

    def _after_recovery_key(self, info) -> None:
        path = self.dtsen_page.path
        if path is None:
            self._finish()
            return
        self._start_import(info, path)

    def _start_import(self, info, path: Path) -> None:
        from app.services import dtsen
        from app.services.users import actor_for

        page = self.dtsen_page
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(False)
        page.pick.setEnabled(False)
        page.clear.setEnabled(False)
        page.progress.setValue(0)
        page.progress.setVisible(True)
        page.cancel.setVisible(True)
        page.cancel.setEnabled(True)
        page.status.setStyleSheet("")
        page.status.setText(self.tr("Penyiapan tersimpan. Mengimpor {file}…").format(file=path.name))
        office, actor = self.office, actor_for(info)
        self.import_task = self.runner.run(
            lambda task: dtsen.import_file(office, actor=actor, path=path, progress=task.report,
                                           cancelled=task.is_cancelled),
            on_done=self._imported, on_error=self._import_failed, on_progress=self._import_progress)

    def _import_progress(self, percent: int, message: str) -> None:
        self.dtsen_page.progress.setValue(percent)
        if message:
            self.dtsen_page.status.setText(self.tr("Mengimpor DTSEN: {count} baris dibaca…").format(count=message))

    def _cancel_import(self) -> None:
        if self.import_task is not None:
            self.import_task.cancel()
            self.dtsen_page.cancel.setEnabled(False)
            self.dtsen_page.status.setText(self.tr("Membatalkan impor…"))

    def _import_over(self, text: str, style: str) -> None:
        page = self.dtsen_page
        self.import_task = None
        page.cancel.setVisible(False)
        page.status.setStyleSheet(style)
        page.status.setText(text)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _imported(self, summary) -> None:
        self.dtsen_page.progress.setValue(100)
        self._import_over(self.tr("{summary}\nPenyiapan selesai. Klik Selesai untuk masuk.").format(
            summary=summary.message()), "color: #1b5e20;")

    def _import_failed(self, exc: BaseException, tb: str) -> None:
        from app.errors import LoketError
        from app.services.dtsen import ImportCancelled

        later = self.tr("Penyiapan kantor tetap tersimpan; impor dapat diulang dari menu Impor DTSEN setelah masuk.")
        if isinstance(exc, ImportCancelled):
            self._import_over(
                self.tr("Impor dibatalkan; tidak ada data DTSEN yang diubah. {later}").format(later=later), "")
        elif isinstance(exc, LoketError):
            self._import_over(self.tr("Impor gagal: {error} {later}").format(error=exc, later=later),
                              "color: #b71c1c;")
        else:
            from ui.errors import show_error

            self._import_over(self.tr("Impor gagal. {later}").format(later=later), "color: #b71c1c;")
            show_error(self, exc, tb)

    # ------------------------------------------------------------------------------ Pulihkan dari cadangan
    def _update_restore_button(self, _page_id: int = -1) -> None:
        """Only on the first page, before anything is saved, and for the embedded database (a restore replaces
        the SQLite file; a server database is restored by its own tools)."""
        self.restore_button.setVisible(self.currentPage() is self.profile_page and self.saved_username is None
                                       and self.office.db.is_sqlite)

    def choose_backup(self) -> None:
        if self.restoring or self.saving or self.saved_username is not None:
            return
        from ui.dialogs import restore_questions

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Berkas cadangan"), "",
                                              restore_questions.backup_file_filter() + ";;" + self.tr("Semua (*)"))
        if path:
            self.check_backup(Path(path))

    def _restore_busy(self, busy: bool, text: str = "", style: str = "") -> None:
        page = self.profile_page
        self.restoring = busy
        if not busy:
            self.restore_task = None
        page.restore_row.setVisible(busy)
        page.restore_progress.setValue(0)
        page.restore_cancel.setEnabled(busy)
        page.restore_status.setStyleSheet(style)
        page.restore_status.setText(text)
        page.restore_status.setVisible(bool(text))
        for which in (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.NextButton):
            self.button(which).setEnabled(not busy)

    def _restore_progress(self, percent: int, _message: str) -> None:
        self.profile_page.restore_progress.setValue(percent)
        if percent >= 100:  # unpacked: what follows (the check's last steps, the swap) is not cancelled
            self.profile_page.restore_cancel.setEnabled(False)

    def _cancel_restore(self) -> None:
        if self.restore_task is not None:
            self.restore_task.cancel()
            self.profile_page.restore_cancel.setEnabled(False)
            self.profile_page.restore_status.setText(self.tr("Membatalkan…"))

    def _restore_refused(self, exc: BaseException, tb: str) -> None:
        """The core's message, on the page and in a message box; the data folder is as it was. A cancel is
        said on the page only."""
        from app.services.restore import RestoreCancelled

        if isinstance(exc, RestoreCancelled):
            self._restore_busy(False, str(exc))
            return
        self._restore_busy(False, self.tr("Pemulihan tidak dilakukan: {error}").format(error=exc)
                           if isinstance(exc, LoketError) else self.tr("Pemulihan tidak dilakukan."),
                           "color: #b71c1c;")
        from ui.errors import show_error

        show_error(self, exc, tb)

    def check_backup(self, path: Path, password: str | None = None, recovery_key: str | None = None) -> None:
        """Check the whole backup first (in the worker), asking for the secret it needs; then the sign-in."""
        from app.services import restore as restore_svc
        from ui.dialogs import restore_questions

        self._restore_busy(True, self.tr("Memeriksa {file}…").format(file=path.name))
        dirs = self.office.dirs

        def failed(exc: BaseException, tb: str) -> None:
            needed = restore_questions.secret_needed(exc, password=password, recovery_key=recovery_key)
            if needed is not None:
                self._restore_busy(False)
                given = (restore_questions.ask_recovery_key(self, str(exc)) if needed == "recovery_key"
                         else restore_questions.ask_backup_password(self))
                if given:
                    self.check_backup(path, given if needed == "password" else password,
                                      given if needed == "recovery_key" else recovery_key)
                return
            self._restore_refused(exc, tb)

        self.restore_task = self.runner.run(
            lambda task: restore_svc.check_backup(dirs, path, password=password, recovery_key=recovery_key,
                                                  progress=task.report, cancelled=task.is_cancelled),
            on_done=lambda check: self._checked(check, password, recovery_key), on_error=failed,
            on_progress=self._restore_progress)

    def _checked(self, check, password: str | None, recovery_key: str | None) -> None:
        from ui.dialogs.restore_questions import BackupAdminDialog

        self._restore_busy(False)
        manifest, activity = check.manifest, check.backup
        intro = self.tr(
            "Cadangan {file} utuh: dibuat {created} (UTC) oleh Loket PBI {version}; {users} pengguna aktif, "
            "{cases} berkas kasus.\n\nData kantor di dalam cadangan ini dipasang di komputer ini "
            "sebagai pengganti penyiapan kantor baru. Masuk dengan nama pengguna dan kata sandi administrator "
            "kantor itu (seperti di komputer lama).").format(
            file=check.path.name, created=str(manifest.get("created_at", "?"))[:16].replace("T", " "),
            version=manifest.get("app_version", "?"), users=activity.users, cases=activity.cases)
        self.admin_dialog = BackupAdminDialog(intro, self)
        dialog = self.admin_dialog
        dialog.accepted.connect(lambda: self.restore(check.path, password, recovery_key, *dialog.credentials()))
        dialog.open()

    def restore(self, path: Path, password: str | None, recovery_key: str | None, username: str,
                admin_password: str) -> None:
        """Close the office (the restore needs the data folder alone), restore, and open it again either way."""
        from app.context import open_office
        from app.services import restore as restore_svc

        self._restore_busy(True, self.tr("Memulihkan {file}… jangan matikan komputer.").format(file=path.name))
        office = self.office
        dirs = office.dirs

        def work(task):
            import traceback

            office.close()
            outcome: object
            tb = ""
            try:
                outcome = restore_svc.restore(dirs, path, username=username, password=admin_password,
                                              backup_password=password, recovery_key=recovery_key,
                                              progress=task.report, cancelled=task.is_cancelled)
            except Exception as exc:  # reported after the office is open again
                outcome, tb = exc, traceback.format_exc()
            return outcome, tb, open_office(dirs.root)

        def done(result) -> None:
            outcome, tb, reopened = result
            self.office = reopened
            self.office_replaced.emit(reopened)
            if isinstance(outcome, BaseException):
                self._restore_refused(outcome, tb)
                return
            self._restore_busy(False)
            self.restored_from = path
            self.saved_username = username.strip().lower()
            self.completed.emit(self.saved_username)
            # Closed as accepted without QWizard's check of the current page: the profile there stays empty.
            QDialog.done(self, QDialog.DialogCode.Accepted.value)

        def reopen_failed(exc: BaseException, tb: str) -> None:  # the data cannot be opened at all now
            from ui.errors import show_error

            self._restore_busy(False, str(exc), "color: #b71c1c;")
            show_error(self, exc, tb)
            super(FirstRunWizard, self).reject()

        self.restore_task = self.runner.run(work, on_done=done, on_error=reopen_failed,
                                            on_progress=self._restore_progress)

    def _finish(self) -> None:
        username = self.saved_username or ""
        self.completed.emit(username)
        super().accept()

    def _failed(self, exc: BaseException, tb: str) -> None:
        from ui.errors import show_error

        self.saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_error(self, exc, tb)
