"""The window as an officer meets it: first run, login, DTSEN lookup, import with progress."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.services import dtsen
from tests.conftest import SAMPLES


@pytest.fixture
def controller(qtbot, tmp_path):
    from ui.main import StartController

    c = StartController(str(tmp_path / "data"))
    qtbot.addWidget(c.login)
    c.start()
    yield c
    c.runner.wait(10_000)
    if c.main_window is not None:
        c.main_window.close()
    if c.office is not None:
        c.office.close()


def test_first_run_then_login_then_lookup(qtbot, controller):
    qtbot.waitUntil(lambda: controller.wizard is not None and controller.wizard.isVisible(), timeout=20_000)
    wiz = controller.wizard
    p = wiz.profile_page
    qtbot.keyClicks(p.region_name, "Pangkalpinang")
    assert p.government.text() == "PEMERINTAH KOTA PANGKALPINANG" and p.city.text() == "Pangkalpinang"
    qtbot.keyClicks(p.address, "Jl. Rasakunda No. 1")
    wiz.button(QWizard.WizardButton.NextButton).click()
    a = wiz.admin_page
    assert wiz.currentPage() is a
    qtbot.keyClicks(a.username, "admin")
    qtbot.keyClicks(a.full_name, "Rina Marlina")
    qtbot.keyClicks(a.password, "rahasia-123")
    qtbot.keyClicks(a.confirm, "rahasia-123")
    wiz.button(QWizard.WizardButton.NextButton).click()
    o = wiz.officials_page
    qtbot.keyClicks(o.head_name, "Drs. H. Ahmad Fauzi, M.Si.")
    qtbot.keyClicks(o.head_nip, "197201031995031001")
    wiz.button(QWizard.WizardButton.FinishButton).click()
    from tests.ui.conftest import confirm_recovery_key

    confirm_recovery_key(qtbot, wiz)  # the recovery key, shown once, confirmed as written down
    qtbot.waitUntil(lambda: controller.login.isVisible() and controller.login.login_button.isEnabled(),
                    timeout=20_000)
    assert controller.login.username.text() == "admin"

    qtbot.keyClicks(controller.login.password, "salah-sandi")
    qtbot.keyClick(controller.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "salah" in controller.login.status.text(), timeout=20_000)

    qtbot.keyClicks(controller.login.password, "rahasia-123")
    qtbot.keyClick(controller.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=20_000)
    win = controller.main_window
    qtbot.addWidget(win)
    assert "Pangkalpinang" in win.windowTitle()
    # The first login of the day makes the automatic daily backup in the background.
    qtbot.waitUntil(lambda: bool(list(controller.office.dirs.backups.glob("loket-pbi-cadangan-*.zip.enc"))),
                    timeout=20_000)

    view = win.lookup
    qtbot.keyClicks(view.nik, "3.27E+15")
    assert "ilmiah" in view.validation.text() and not view.search.isEnabled()
    view.nik.clear()
    qtbot.keyClicks(view.nik, "1971015208810001")
    assert "perempuan" in view.validation.text() and view.search.isEnabled()
    qtbot.keyClick(view.nik, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "TIDAK TERDAFTAR" in view.result_title.text(), timeout=20_000)

    # Import the sample through the import screen (admin may), then the same NIK is found.
    win.show_page("import")
    win.importer.start(SAMPLES / "dtsen_contoh.csv")
    qtbot.waitUntil(lambda: "selesai" in win.importer.status.text(), timeout=20_000)
    assert win.importer.progress.value() == 100
    win.show_page("lookup")
    qtbot.keyClick(view.nik, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "TERDAFTAR di" in view.result_title.text(), timeout=20_000)
    assert view.fields["name"].text() == "Nurhayati"
    assert view.fields["desil"].text() == "1"


@pytest.fixture
def session(qtbot, office, admin):
    from ui.session import UiSession
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    yield UiSession(office, admin, runner)
    runner.wait(10_000)


def test_lookup_runs_off_the_gui_thread(qtbot, session, monkeypatch):
    from ui.views.dtsen_lookup import DtsenLookupView

    threads = []
    real = dtsen.lookup

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(dtsen, "lookup", spy)
    view = DtsenLookupView(session)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.nik, "1971011102790003")
    view.search.click()
    qtbot.waitUntil(lambda: not view.result_frame.isHidden(), timeout=20_000)
    assert threads == [False]


def test_import_can_be_cancelled_and_changes_nothing(qtbot, session, monkeypatch, tmp_path):
    from ui.views.dtsen_import import DtsenImportView

    monkeypatch.setattr(dtsen, "CHUNK_ROWS", 1)
    view = DtsenImportView(session)
    qtbot.addWidget(view)
    gate = threading.Event()
    real = dtsen.import_file

    def slow(*args, cancelled=None, **kwargs):
        gate.wait(5)
        return real(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(dtsen, "import_file", slow)
    view.start(SAMPLES / "dtsen_contoh.csv")
    assert view.cancel.isEnabled() and not view.choose.isEnabled()
    view.cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: "dibatalkan" in view.status.text(), timeout=20_000)
    assert dtsen.record_count(session.office) == 0
    assert view.choose.isEnabled()


def test_front_office_sees_no_import_page(qtbot, office, make_user):
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner

    fo = make_user("front_office")
    runner = TaskRunner()
    win = MainWindow(UiSession(office, fo, runner), "Dinas Sosial Kota Pangkalpinang")
    qtbot.addWidget(win)
    assert "import" not in win.pages and "settings" not in win.pages and "queue" in win.pages
    runner.wait(10_000)


def test_native_crash_report_is_taken_once(tmp_path):
    from ui.main import take_previous_crash

    crash = tmp_path / "crash.txt"
    assert take_previous_crash(crash) == ""
    crash.write_text("Fatal Python error: Segmentation fault\n")
    assert "Segmentation fault" in take_previous_crash(crash)
    assert not crash.exists() and len(list(tmp_path.glob("crash-*.txt"))) == 1
    assert take_previous_crash(crash) == ""
