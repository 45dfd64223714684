"""The recovery key at the first run (issue 16, point 5): the administrator sees it once, with what to do with
it, and must confirm it is written down before the set-up goes on; it is the office key that opens the
office's encrypted backups on another PC."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from app.errors import ValidationError
from app.services import keys, recovery, seals, users
from tests.ui.test_first_run_dtsen import _fill_to_last_page

WIDTH, HEIGHT = 1366, 768


@pytest.fixture
def wizard(qtbot, office):
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    runner = TaskRunner()
    wiz = FirstRunWizard(office, runner)
    qtbot.addWidget(wiz)
    wiz.resize(WIDTH, HEIGHT)
    wiz.show()
    yield wiz
    runner.wait(20_000)


def test_the_recovery_key_is_shown_once_and_must_be_confirmed(qtbot, wizard, office, tmp_path):
    _fill_to_last_page(qtbot, wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.recovery_dialog is not None and wizard.recovery_dialog.isVisible(),
                    timeout=30_000)
    dlg = wizard.recovery_dialog
    shown = dlg.key_label.text()
    with office.db.read() as s:
        master = keys.KeyStore(office.dirs.root).get(seals.office_id(s) or "")
    assert master is not None and keys.parse_recovery(shown) == master  # the office key itself
    assert len(shown.split("-")) == 13
    texts = " ".join(w.text() for w in dlg.findChildren(type(dlg.key_label)))
    assert "hanya ditampilkan SEKALI" in texts and "Cetak" in texts and "tempat aman" in texts
    # Not before it is written down: OK disabled, Esc and the close button do nothing.
    assert not dlg.ok.isEnabled()
    dlg.reject()
    assert dlg.isVisible()
    min_hint = dlg.minimumSizeHint()
    assert min_hint.width() <= WIDTH and min_hint.height() <= HEIGHT
    shot = tmp_path / "kunci-pemulihan.png"
    assert dlg.grab().save(str(shot)) and shot.stat().st_size > 0
    # The core shows it once: a second request is refused (the wizard's was the one).
    admin = users.login(office, username="admin", password="rahasia-123")
    with pytest.raises(ValidationError, match="sudah pernah ditampilkan"):
        recovery.take_recovery_key(office, actor=admin)
    with qtbot.waitSignal(wizard.completed, timeout=20_000) as done:
        dlg.confirm.setChecked(True)
        assert dlg.ok.isEnabled()
        dlg.ok.click()
    assert done.args == ["admin"] and not dlg.isVisible()


def test_the_printed_page_names_the_key_and_the_office(qtbot):
    from ui.dialogs.recovery_key import RecoveryKeyDialog

    key = keys.recovery_text(keys.new_master_key())
    dlg = RecoveryKeyDialog(key, "PEMERINTAH KOTA PANGKALPINANG")
    qtbot.addWidget(dlg)
    page = dlg.page_html()
    assert key in page and "PANGKALPINANG" in page and "Pulihkan" in page
