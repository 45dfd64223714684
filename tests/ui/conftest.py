"""Fixtures shared by the window tests."""

from __future__ import annotations

import pytest

from tests.ui.casedata import Staff, drain_runners


@pytest.fixture(autouse=True)
def _workers_done(request):
    """Background workers finish before the office closes.

    The office (when the test uses one) is set up inside this fixture, so it is torn down after it.
    """
    if "office" in request.fixturenames:
        request.getfixturevalue("office")
    yield
    drain_runners()


@pytest.fixture
def staff(office, admin):
    """One user per counter role (see :class:`tests.ui.casedata.Staff`)."""
    return Staff(office, admin)


def confirm_recovery_key(qtbot, wizard) -> str:
    """After the first-run wizard saved the set-up: the recovery key dialog, confirmed as the administrator does
    (tick "sudah dicatat", then OK); returns the key it showed."""
    qtbot.waitUntil(lambda: wizard.recovery_dialog is not None and wizard.recovery_dialog.isVisible(), timeout=30_000)
    dlg = wizard.recovery_dialog
    assert not dlg.ok.isEnabled()  # not before it is written down
    dlg.confirm.setChecked(True)
    dlg.ok.click()
    return dlg.key_label.text()
