"""The first-run window offers "Pulihkan dari cadangan…" (issue 16): an office moved to a new PC is restored
from its backup instead of set up anew, then the login follows as after a set-up.

A real office with users and a case makes a real (encrypted) backup; a new PC (an empty key store, an empty
data folder) restores it through the window — with the recovery key, the backup's administrator — and what
is refused (a wrong key, a wrong password, a file that is no backup) leaves the new data folder as empty as
it was, ready to try again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from app.context import open_office
from app.services import backup, cases, keys, recovery, setup, users
from tests.services.helpers import Staff, nik

PW = "rahasia-123"
WIDTH, HEIGHT = 1366, 768


@pytest.fixture
def saved(office, admin, tmp_path):
    """The old PC: an office with a second user and a case; its recovery key; one default backup on a 'USB
    stick'. The old office is closed (its PC is gone)."""
    staff = Staff(office, admin)
    case = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(7),
                           name="Siti Nur'aini")
    key_text = recovery.take_recovery_key(office, actor=admin)
    info = backup.make_backup(office, actor=admin, folder=tmp_path / "usb")
    assert backup.is_encrypted(info.path)
    office.close()
    return info.path, key_text, case.reg_number


@pytest.fixture
def new_pc(monkeypatch, tmp_path) -> Path:
    """Another PC: its own (empty) key store; the data folder is made by the app when it starts."""
    monkeypatch.setenv("LOKET_PBI_KEY_DIR", str(tmp_path / "pc-baru-kunci"))
    monkeypatch.delenv(backup.ENV_RECOVERY_KEY, raising=False)
    return tmp_path / "pc-baru"


@pytest.fixture
def messages(monkeypatch):
    """Message boxes the window shows, recorded (the restore's refusals are shown in one)."""
    shown: list[str] = []

    def warning(_parent, title, text, *args, **kwargs):
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


@pytest.fixture
def answers(monkeypatch):
    """What the administrator answers: the backup file chosen, the recovery key typed (and what was asked)."""
    from ui.dialogs import restore_questions

    given: dict = {"file": "", "keys": [], "asked": []}

    def key(_parent, message):
        given["asked"].append(message)
        return given["keys"].pop(0) if given["keys"] else None

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(given["file"]), ""))
    monkeypatch.setattr(restore_questions, "ask_recovery_key", key)
    return given


@pytest.fixture
def wizard(qtbot, new_pc):
    """The first-run window on the new PC's empty data folder, as the app opens it."""
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    office = open_office(new_pc)
    assert not setup.is_set_up(office)
    runner = TaskRunner()
    wiz = FirstRunWizard(office, runner)
    qtbot.addWidget(wiz)
    wiz.resize(WIDTH, HEIGHT)
    wiz.show()
    yield wiz
    runner.wait(30_000)
    wiz.office.close()


def _sign_in(qtbot, wiz, username: str, password: str) -> None:
    qtbot.waitUntil(lambda: wiz.admin_dialog is not None and wiz.admin_dialog.isVisible(), timeout=30_000)
    dlg = wiz.admin_dialog
    assert not dlg.ok.isEnabled()  # not before both are typed
    qtbot.keyClicks(dlg.username, username)
    qtbot.keyClicks(dlg.password, password)
    dlg.ok.click()


def _still_empty(root: Path, key_dir: Path) -> None:
    """As the app left it before the restore: no office set up, no office key taken in, nothing staged."""
    office = open_office(root)
    try:
        assert not setup.is_set_up(office)
    finally:
        office.close()
    assert not list(key_dir.glob("*.key"))
    assert not any((root / "tmp").iterdir())
    assert not (root / "letters").exists() or not any((root / "letters").rglob("*.*"))


def test_a_new_pc_restores_from_the_first_run_window_then_logs_in(qtbot, saved, new_pc, answers, tmp_path):
    from ui.main import StartController

    path, key_text, number = saved
    controller = StartController(str(new_pc))
    qtbot.addWidget(controller.login)
    controller.start()
    try:
        qtbot.waitUntil(lambda: controller.wizard is not None and controller.wizard.isVisible(), timeout=30_000)
        wiz = controller.wizard
        first_office = controller.office
        assert wiz.restore_button.isVisible() and wiz.restore_button.text() == "&Pulihkan dari cadangan…"
        answers["file"], answers["keys"] = path, [key_text.replace("-", " ").lower()]  # as written on paper
        wiz.restore_button.click()
        _sign_in(qtbot, wiz, "admin", PW)
        qtbot.waitUntil(lambda: controller.login.isVisible() and controller.login.login_button.isEnabled(),
                        timeout=30_000)
        assert "kunci pemulihan" in answers["asked"][0].lower()  # the new PC had no key: the window asked
        assert controller.wizard is None and not wiz.isVisible() and wiz.restored_from == path
        assert controller.office is not first_office  # the restore replaced the database: opened again
        assert controller.login.username.text() == "admin"
        assert path.name in controller.login.status.text() and "dipulihkan" in controller.login.status.text()
        assert "Pangkalpinang" in controller.office_name
        assert list((tmp_path / "pc-baru-kunci").glob("*.key"))  # the office key now kept on this PC

        qtbot.keyClicks(controller.login.password, PW)
        qtbot.keyClick(controller.login.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main_window is not None, timeout=30_000)
        office = controller.office
        admin = users.login(office, username="admin", password=PW)
        assert {u.username for u in users.list_users(office, actor=admin)} >= {"admin", "st_front_office"}
        restored = cases.list_cases(office, actor=admin)
        assert [c.reg_number for c in restored] == [number] and restored[0].name == "Siti Nur'aini"
    finally:
        controller.runner.wait(30_000)
        if controller.main_window is not None:
            controller.main_window.close()
        if controller.office is not None:
            controller.office.close()


def test_a_wrong_key_or_password_is_refused_and_the_folder_stays_empty(qtbot, saved, wizard, answers, messages,
                                                                         new_pc, tmp_path):
    path, key_text, number = saved
    key_dir = tmp_path / "pc-baru-kunci"
    status = wizard.profile_page.restore_status
    answers["file"] = path

    # A recovery key of another office: the check refuses it, with the core's message.
    answers["keys"] = [keys.recovery_text(keys.new_master_key())]
    wizard.restore_button.click()
    qtbot.waitUntil(lambda: "tidak dilakukan" in status.text(), timeout=30_000)
    assert "salah" in status.text() and messages and "salah" in messages[-1]
    assert wizard.admin_dialog is None and wizard.isVisible() and wizard.restore_button.isEnabled()
    _still_empty(new_pc, key_dir)

    # The right key, but a wrong password of the backup's administrator: the restore refuses it.
    answers["keys"] = [key_text]
    wizard.restore_button.click()
    _sign_in(qtbot, wizard, "admin", "bukan-sandinya")
    qtbot.waitUntil(lambda: "tidak dilakukan" in status.text() and not wizard.restoring, timeout=30_000)
    assert "kata sandi administrator cadangan salah" in status.text()
    assert "kata sandi administrator cadangan salah" in messages[-1]
    assert wizard.isVisible() and wizard.restored_from is None and wizard.saved_username is None
    assert not setup.is_set_up(wizard.office)  # the office was opened again, still empty
    _still_empty(new_pc, key_dir)

    # Trying again with the right password restores it, the bar showing how far the unpacking is.
    answers["keys"] = [key_text]
    shown: list[int] = []
    wizard.profile_page.restore_progress.valueChanged.connect(shown.append)
    with qtbot.waitSignal(wizard.completed, timeout=30_000) as done:
        wizard.restore_button.click()
        _sign_in(qtbot, wizard, "admin", PW)
    assert done.args == ["admin"] and wizard.restored_from == path and not wizard.isVisible()
    assert 100 in shown, shown  # reported by the worker as it unpacked
    admin = users.login(wizard.office, username="admin", password=PW)
    assert [c.reg_number for c in cases.list_cases(wizard.office, actor=admin)] == [number]


def test_a_file_that_is_no_backup_is_refused(qtbot, wizard, answers, messages, new_pc, tmp_path):
    status = wizard.profile_page.restore_status
    for name, content in (("cadangan-palsu.zip.enc", b"bukan cadangan sama sekali " * 50),
                          ("catatan.zip", b"PK\x03\x04 rusak")):
        bogus = tmp_path / name
        bogus.write_bytes(content)
        answers["file"] = bogus
        messages.clear()
        wizard.restore_button.click()
        qtbot.waitUntil(lambda: "tidak dilakukan" in status.text() and not wizard.restoring, timeout=30_000)
        assert messages and bogus.name in messages[-1], messages
        assert wizard.admin_dialog is None and answers["asked"] == []
        _still_empty(new_pc, tmp_path / "pc-baru-kunci")
    # The officer can still set up a new office instead.
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.profile_page  # the profile is not filled in yet: refused by the page
    assert wizard.restore_button.isEnabled()


def test_the_restore_button_is_on_the_first_page_only(qtbot, wizard, messages):
    assert wizard.restore_button.isVisible()
    qtbot.keyClicks(wizard.profile_page.region_name, "Pangkalpinang")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.admin_page and not wizard.restore_button.isVisible()
    wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.restore_button.isVisible()
    hint = wizard.minimumSizeHint()
    assert hint.width() <= WIDTH and hint.height() <= HEIGHT


def test_cancel_while_checking_or_restoring_changes_nothing(qtbot, saved, new_pc, answers, messages, tmp_path):
    """Batalkan pemulihan (or Batal) stops the unpacking in the worker: the check, and the restore before its
    swap. The work is held back here until the cancel is clicked, so the cancel always comes first."""
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    path, key_text, _number = saved
    held: list = []
    runner = TaskRunner(executor=held.append)
    office = open_office(new_pc)
    wiz = FirstRunWizard(office, runner)
    qtbot.addWidget(wiz)
    wiz.show()
    page = wiz.profile_page
    answers["file"] = path
    try:
        def check_with_the_key() -> None:
            answers["keys"] = [key_text]
            wiz.restore_button.click()
            assert wiz.restoring and page.restore_row.isVisible() and not wiz.restore_button.isEnabled()
            held.pop(0).run()  # the check asks for the recovery key (a new PC) …
            qtbot.waitUntil(lambda: bool(held), timeout=10_000)  # … and checks again with it

        # The check, cancelled with the button.
        check_with_the_key()
        page.restore_cancel.click()
        held.pop(0).run()
        qtbot.waitUntil(lambda: not wiz.restoring, timeout=10_000)
        assert "dibatalkan" in page.restore_status.text() and not messages  # said on the page, no error box
        assert wiz.admin_dialog is None and wiz.isVisible() and wiz.restore_button.isEnabled()

        # The restore, cancelled with the wizard's Batal: the window stays, the office is opened again.
        check_with_the_key()
        held.pop(0).run()
        _sign_in(qtbot, wiz, "admin", PW)
        assert wiz.restoring and len(held) == 1
        wiz.button(QWizard.WizardButton.CancelButton).click()
        held.pop(0).run()
        qtbot.waitUntil(lambda: not wiz.restoring, timeout=30_000)
        assert "dibatalkan" in page.restore_status.text() and not messages
        assert wiz.isVisible() and wiz.office is not office and wiz.restored_from is None
        _still_empty(new_pc, tmp_path / "pc-baru-kunci")
    finally:
        wiz.office.close()


def _password_copy(src: Path, dst: Path, password: str, key_text: str) -> Path:
    """An earlier version's password backup (AES ZIP) of the same entries, read with the recovery key."""
    import pyzipper

    with backup.open_backup(src, data_root=dst.parent, recovery_key=key_text) as zin, \
            pyzipper.AESZipFile(dst, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as zout:
        zout.setpassword(password.encode())
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    return dst


def test_an_old_password_backup_asks_its_password_then_the_recovery_key(qtbot, saved, wizard, answers, messages,
                                                                         monkeypatch, new_pc, tmp_path):
    from ui.dialogs import restore_questions

    path, key_text, number = saved
    old = _password_copy(path, tmp_path / "loket-pbi-cadangan-20260101-080000.zip", "sandi-cadangan-lama",
                         key_text)
    passwords = ["bukan-sandinya", "sandi-cadangan-lama"]
    monkeypatch.setattr(restore_questions, "ask_backup_password", lambda _parent: passwords.pop(0))
    status = wizard.profile_page.restore_status
    answers["file"] = old

    wizard.restore_button.click()  # a wrong password: refused, nothing changed
    qtbot.waitUntil(lambda: "tidak dilakukan" in status.text() and not wizard.restoring, timeout=30_000)
    assert "salah" in messages[-1] and passwords == ["sandi-cadangan-lama"]
    _still_empty(new_pc, tmp_path / "pc-baru-kunci")

    answers["keys"] = [key_text]  # its data is sealed with the office key: a new PC needs the recovery key too
    with qtbot.waitSignal(wizard.completed, timeout=30_000):
        wizard.restore_button.click()
        _sign_in(qtbot, wizard, "admin", PW)
    assert passwords == [] and len(answers["asked"]) == 1 and wizard.restored_from == old
    admin = users.login(wizard.office, username="admin", password=PW)
    assert [c.reg_number for c in cases.list_cases(wizard.office, actor=admin)] == [number]


def test_after_a_refused_restore_a_new_office_can_be_set_up(qtbot, saved, wizard, answers, messages):
    """The restore closed and opened the office again; the set-up then writes into the office opened again."""
    from tests.ui.conftest import confirm_recovery_key
    from tests.ui.test_first_run_dtsen import _fill_to_last_page

    path, key_text, _number = saved
    first = wizard.office
    answers["file"], answers["keys"] = path, [key_text]
    wizard.restore_button.click()
    _sign_in(qtbot, wizard, "admin", "bukan-sandinya")
    qtbot.waitUntil(lambda: "tidak dilakukan" in wizard.profile_page.restore_status.text() and not wizard.restoring,
                    timeout=30_000)
    assert wizard.office is not first
    _fill_to_last_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.completed, timeout=30_000) as done:
        wizard.button(QWizard.WizardButton.FinishButton).click()
        confirm_recovery_key(qtbot, wizard)
    assert done.args == ["admin"] and wizard.restored_from is None and setup.is_set_up(wizard.office)
    assert [c.reg_number for c in cases.list_cases(wizard.office, actor=users.login(
        wizard.office, username="admin", password=PW))] == []  # a new office, not the backup's
