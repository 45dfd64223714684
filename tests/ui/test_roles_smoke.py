"""Every role gets a main window whose pages all load without an error (the core refuses nothing shown)."""

from __future__ import annotations

import pytest

from app.rules.permissions import ROLES
from app.services import cases
from tests.ui.casedata import Staff, new_runner, nik


@pytest.mark.parametrize("role", sorted(ROLES))
def test_main_window_for_every_role(qtbot, office, admin, role, monkeypatch):
    from ui import errors
    from ui.main_window import MainWindow
    from ui.session import UiSession

    staff = Staff(office, admin)
    cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="Warga",
                    received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, tb="": shown.append(tb or repr(exc)))
    for module in ("queue_view", "case_list", "complaints_view", "jamkesda_view", "dashboard_view"):
        monkeypatch.setattr(f"ui.views.{module}.show_error", lambda parent, exc, tb="": shown.append(tb or repr(exc)))
    actor = admin if role == "administrator" else getattr(staff, role)
    runner = new_runner()
    win = MainWindow(UiSession(office, actor, runner), "Dinas Sosial")
    qtbot.addWidget(win)
    for key in list(win.pages):
        win.show_page(key)
        qtbot.wait(20)
    runner.wait(10_000)
    qtbot.wait(100)
    runner.wait(10_000)
    assert shown == []
    assert "queue" in win.pages and "cases" in win.pages
    assert ("dashboard" in win.pages) == (role in {"manager", "supervisor", "kasi_linjamsos", "kabid_linjamsos",
                                                   "sekretaris", "kepala_dinas", "administrator"})
    win.close()
