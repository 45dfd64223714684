"""Settings screens as an administrator uses them; the core validates what is saved."""

import pytest
from PySide6.QtWidgets import QDialog

from app.rules.rule_settings import RuleSettings
from app.services import settings, users
from tests.ui.casedata import new_runner, settle, waits_for_cancel


@pytest.fixture
def view(qtbot, office, admin):
    from ui.session import UiSession
    from ui.views.settings_view import SettingsView

    v = SettingsView(UiSession(office, admin, new_runner()))  # work runs at once; settle() delivers it
    qtbot.addWidget(v)
    settle()
    return v


def test_rule_setting_saved_and_bad_value_refused(qtbot, view, office):
    editor = view.editors["rules"]
    settle()
    assert editor.editors["proposal_window_end_day"].value() == 11
    editor.editors["proposal_window_end_day"].setValue(15)
    editor.save_button.click()
    settle()
    assert editor.status.text() == "Tersimpan."
    assert settings.load(office, "rules", RuleSettings).proposal_window_end_day == 15

    editor.editors["proposal_window_start_day"].setValue(20)
    editor.save_button.click()
    assert "Jendela usulan" in editor.status.text()
    assert settings.load(office, "rules", RuleSettings).proposal_window_start_day == 1

    editor.editors["proposal_window_start_day"].setValue(1)
    editor.editors["indicator_weights"].setPlainText("{bukan json")
    editor.save_button.click()
    assert "bukan JSON" in editor.status.text()


def test_joint_leave_switch_own_days_and_an_exact_cutoff(qtbot, view, office):
    from decimal import Decimal

    editor = view.editors["rules"]
    settle()
    assert editor.editors["joint_leave_non_working"].isChecked()  # cuti bersama: not working days by default
    editor.editors["joint_leave_non_working"].setChecked(False)
    editor.editors["extra_holidays"].setPlainText('["2027-01-07"]')
    editor.editors["indicator_cutoff"].setText("5,5")
    editor.save_button.click()
    settle()
    assert editor.status.text() == "Tersimpan.", editor.status.text()
    saved = settings.load(office, "rules", RuleSettings)
    assert not saved.joint_leave_non_working and saved.extra_holidays == ["2027-01-07"]
    assert saved.indicator_cutoff == Decimal("5.5")


def test_colliding_number_patterns_refused_in_the_form(qtbot, view, office):
    from app.documents.numbering import LetterSettings

    editor = view.editors["letters"]
    settle()
    editor.editors["patterns"].setPlainText('{"tanda_terima": "TT/{urut}/{unit}/{tahun}", '
                                            '"rekomendasi_pbi": "TT/{urut:03}/{unit}/{tahun}"}')
    editor.editors["series"].setPlainText('{"tanda_terima": "tanda_terima", "rekomendasi_pbi": "pbi"}')
    editor.save_button.click()
    assert "nomor yang sama" in editor.status.text() and "TT/100" in editor.status.text()
    assert settings.load(office, "letters", LetterSettings) == LetterSettings()


def test_letter_paper_setting(qtbot, view, office):
    from app.documents.numbering import LetterSettings

    editor = view.editors["letters"]
    settle()
    assert editor.editors["paper"].text() == "A4"
    editor.editors["paper"].setText("F4")
    editor.save_button.click()
    settle()
    assert editor.status.text() == "Tersimpan."
    assert settings.load(office, "letters", LetterSettings).paper == "F4"


def test_add_user_from_the_users_tab(qtbot, view, office, admin, monkeypatch):
    from ui.views import users_view

    def fake_exec(dialog):
        dialog.username.setText("siti")
        dialog.full_name.setText("Siti Aminah")
        dialog.password.setText("sandi-siti-1")
        dialog.roles.boxes["front_office"].setChecked(True)
        dialog.roles.boxes["back_office"].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(users_view.UserDialog, "exec", fake_exec)
    view.users.add_button.click()
    settle()
    assert view.users.table.rowCount() == 2
    info = {u.username: u for u in users.list_users(office, actor=admin)}["siti"]
    assert info.roles == ("back_office", "front_office")


def test_backup_now_and_restore_after_confirmation(qtbot, view, office, admin, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.context import open_office
    from app.services import backup

    panel = view.backup_panel
    panel.make_button.click()
    settle()
    assert "Cadangan dibuat" in panel.status.text()
    made = backup.list_backups(office.dirs.backups)[0]

    users.add_user(office, actor=admin, username="setelah", full_name="Sesudah Cadangan",
                   password="rahasia-123", roles=["verifier"])
    from PySide6.QtWidgets import QInputDialog

    asked, warned, exits = [], [], []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or next(answers))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("rahasia-123", True))
    monkeypatch.setattr(QApplication.instance(), "exit", lambda code=0: exits.append(code))
    panel.check_then_confirm(made)  # the user added since the backup: the second question is declined
    settle()
    assert exits == [] and "lebih baru" in warned[0] and "DIGANTI" in asked[0]
    panel.check_then_confirm(made)  # … then confirmed, with the administrator's password
    settle()
    assert exits == [0]
    reopened = open_office(office.dirs.root)
    try:
        assert "setelah" not in [u.username for u in users.list_users(reopened, actor=admin)]
    finally:
        reopened.close()


def test_batch_encryption_setting_and_password(qtbot, view, office):
    from app.services import batches, secrets

    editor = view.editors["batches"]
    settle()
    assert editor.editors["excluded_statuses"].toPlainText() != ""
    editor.editors["encrypt"].setChecked(True)
    editor.save_button.click()
    settle()
    assert editor.status.text() == "Tersimpan."
    assert settings.load(office, "batches", batches.BatchSettings).encrypt
    from ui.views.backup_panel import PasswordButton

    pw = [w for w in view.findChildren(PasswordButton) if w.kind == "batches"][0]
    pw.set_password("sandi-batch-2026")
    settle()
    assert pw.status.text() == "Kata sandi disimpan."
    assert secrets.get_secret(office, batches.SECRET_KEY) == "sandi-batch-2026"


def test_a_restore_check_shows_its_progress_and_batalkan_stops_it(qtbot, office, admin, monkeypatch):
    """Checking a backup unpacks it whole: the panel shows a bar and "Batalkan"; a cancel stops the check in the
    worker, with a status line and no error box, and nothing is restored."""
    from app.services import backup
    from app.services import restore as restore_svc
    from ui.session import UiSession
    from ui.views.settings_view import SettingsView

    users.add_user(office, actor=admin, username="petugas", full_name="Petugas Loket", password="rahasia-123",
                   roles=["front_office"])
    for i in range(3):  # the archive's letters: the backup holds several files
        (office.dirs.letters / "2026").mkdir(parents=True, exist_ok=True)
        (office.dirs.letters / "2026" / f"surat-{i}.docx").write_bytes(b"PK" + bytes(range(256)) * 40)
    made = backup.make_backup(office, actor=admin).path
    monkeypatch.setattr(restore_svc, "check_backup", waits_for_cancel(restore_svc.check_backup, "progress"))
    v = SettingsView(UiSession(office, admin, new_runner(threads=True)))
    qtbot.addWidget(v)
    panel = v.backup_panel
    assert not panel.progress.isVisibleTo(panel) and not panel.cancel_button.isVisibleTo(panel)
    panel.check_then_confirm(made)
    assert panel.progress.isVisibleTo(panel) and panel.cancel_button.isVisibleTo(panel)
    assert not panel.restore_button.isEnabled() and not panel.make_button.isEnabled()  # not a second one meanwhile
    qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=20_000)
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: panel.task is None, timeout=20_000)
    assert "dibatalkan" in panel.status.text() and not panel.progress.isVisibleTo(panel)
    assert panel.restore_button.isEnabled() and panel.make_button.isEnabled()
    assert "petugas" in [u.username for u in users.list_users(office, actor=admin)]


def test_every_setting_has_a_label_in_the_window():
    """No setting shows its code name ("encrypt", "step roles") to the administrator."""
    import dataclasses

    from ui.views.settings_form import LABELS
    from ui.views.settings_view import sections

    unlabelled = [f"{key}.{f.name}" for key, cls, _title, _help in sections() for f in dataclasses.fields(cls)
                  if f.name not in LABELS]
    assert unlabelled == []
