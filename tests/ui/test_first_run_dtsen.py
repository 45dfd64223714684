"""First-run wizard, last page: import DTSEN now (in the worker, after the set-up is saved) or later."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from app.services import dtsen, setup, users
from tests.ui.conftest import confirm_recovery_key


@pytest.fixture
def wizard(qtbot, office):
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    runner = TaskRunner()
    wiz = FirstRunWizard(office, runner)
    qtbot.addWidget(wiz)
    wiz.show()
    yield wiz
    runner.wait(20_000)


def _fill_to_last_page(qtbot, wiz):
    p = wiz.profile_page
    qtbot.keyClicks(p.region_name, "Pangkalpinang")
    wiz.button(QWizard.WizardButton.NextButton).click()
    a = wiz.admin_page
    qtbot.keyClicks(a.username, "admin")
    qtbot.keyClicks(a.full_name, "Yudi Prasetyo")
    qtbot.keyClicks(a.password, "rahasia-123")
    qtbot.keyClicks(a.confirm, "rahasia-123")
    wiz.button(QWizard.WizardButton.NextButton).click()
    o = wiz.officials_page
    qtbot.keyClicks(o.head_name, "Drs. H. Ahmad Sulaiman, M.Si.")
    qtbot.keyClicks(o.head_nip, "197201031995031001")
    wiz.button(QWizard.WizardButton.NextButton).click()
    assert wiz.currentPage() is wiz.dtsen_page


def _extract(tmp_path, rows=2500):
    from app import sampledata

    return sampledata.write_csv(tmp_path / "dtsen.csv", rows)


def test_import_now_runs_after_the_set_up_with_progress(qtbot, wizard, office, tmp_path):
    _fill_to_last_page(qtbot, wizard)
    seen = []
    wizard.dtsen_page.progress.valueChanged.connect(seen.append)
    wizard.dtsen_page.set_path(_extract(tmp_path))
    with qtbot.waitSignal(wizard.completed, timeout=30_000) as done:
        wizard.button(QWizard.WizardButton.FinishButton).click()
        confirm_recovery_key(qtbot, wizard)
        qtbot.waitUntil(lambda: "Klik Selesai" in wizard.dtsen_page.status.text(), timeout=30_000)
        assert setup.is_set_up(office) and dtsen.record_count(office) == 2500
        assert wizard.dtsen_page.progress.value() == 100 and seen
        assert wizard.isVisible()  # the summary stays on screen until the administrator finishes
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert done.args == ["admin"] and not wizard.isVisible()
    assert users.list_users(office, actor=users.login(office, username="admin", password="rahasia-123"))


def test_import_later_finishes_at_once(qtbot, wizard, office):
    _fill_to_last_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.completed, timeout=20_000) as done:
        wizard.button(QWizard.WizardButton.FinishButton).click()
        confirm_recovery_key(qtbot, wizard)
    assert done.args == ["admin"] and setup.is_set_up(office) and dtsen.record_count(office) == 0


def test_a_failed_import_keeps_the_set_up(qtbot, wizard, office, tmp_path):
    bad = tmp_path / "bukan-dtsen.csv"
    bad.write_text("kolom_a,kolom_b\n1,2\n", encoding="utf-8")
    _fill_to_last_page(qtbot, wizard)
    wizard.dtsen_page.set_path(bad)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    confirm_recovery_key(qtbot, wizard)
    qtbot.waitUntil(lambda: "Impor gagal" in wizard.dtsen_page.status.text(), timeout=20_000)
    assert setup.is_set_up(office) and dtsen.record_count(office) == 0
    assert "menu Impor DTSEN" in wizard.dtsen_page.status.text()
    with qtbot.waitSignal(wizard.completed, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_the_import_can_be_cancelled(qtbot, wizard, office, tmp_path, monkeypatch):
    import threading

    gate = threading.Event()
    real = dtsen.import_file

    def slow(*args, **kwargs):
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(dtsen, "import_file", slow)
    _fill_to_last_page(qtbot, wizard)
    wizard.dtsen_page.set_path(_extract(tmp_path, rows=300))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    confirm_recovery_key(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.import_task is not None, timeout=20_000)
    wizard.reject()  # Batal while importing cancels the import, not the set-up
    gate.set()
    qtbot.waitUntil(lambda: "dibatalkan" in wizard.dtsen_page.status.text(), timeout=20_000)
    assert setup.is_set_up(office) and dtsen.record_count(office) == 0 and wizard.isVisible()
