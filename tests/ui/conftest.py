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
    _collect_widgets()


def _collect_widgets() -> None:
    """Destroy what the test left (deleteLater, then Python's cycles) now, while the QApplication runs: a Qt
    object finalised later by a random garbage collection could crash the run far from its test."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    app = QCoreApplication.instance()
    if app is None:
        return
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_unexpected_modal(monkeypatch):
    """A message box or error report nobody expected fails the test with its text, instead of waiting
    offscreen for a click that never comes (which hung the whole run). Tests that expect one patch the
    static function themselves, which replaces this guard for that test."""
    from PySide6.QtWidgets import QMessageBox

    from ui import errors

    shown: list[str] = []

    def box(kind):
        def record(_parent, title, text, *args, **kwargs):
            shown.append(f"QMessageBox.{kind}: {title}: {text}")
            return QMessageBox.StandardButton.NoButton
        return record

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    monkeypatch.setattr(errors.ErrorReportDialog, "exec",
                        lambda self: shown.append("ErrorReportDialog: " + self.text.toPlainText()[-1500:]) or 0)
    yield
    assert not shown, "unexpected modal message:\n" + "\n".join(shown)


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
