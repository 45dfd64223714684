"""The reconciliation screen imports the BPJS PBI-APBD roster in a worker (progress, Indonesian errors, nothing
written on a bad file) and shows the quarterly reminder."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import func, select

from app.db.models import RosterEntry
from app.services import roster
from tests.clock import WIB, pin_clock
from tests.ui.casedata import new_runner

pytestmark = pytest.mark.clock

HEADER = "NIK;NAMA PESERTA;TGL LAHIR;NOKA;STATUS"
GOOD = ["1971010101900001;Peserta Satu;01-01-1990;0001234567891;AKTIF",
        "1971010202900002;Peserta Dua;02-02-1990;0001234567892;AKTIF"]
DECEMBER = datetime(2026, 12, 9, 10, 0, tzinfo=WIB)  # Q3 2026 has ended and was not reconciled


@pytest.fixture
def errors(monkeypatch):
    from ui.views import batches_view

    seen: list[BaseException] = []
    monkeypatch.setattr(batches_view, "show_error", lambda _parent, exc, _tb="": seen.append(exc))
    return seen


def _view(qtbot, office, actor):
    from ui.session import UiSession
    from ui.views.batches_view import BatchesView

    v = BatchesView(UiSession(office, actor, new_runner()), background_first_ms=60_000)
    qtbot.addWidget(v)
    v.show()
    return v


def test_kasi_imports_the_roster_and_sees_the_reminder(qtbot, office, make_user, errors, tmp_path):
    kasi = make_user("kasi_linjamsos")
    with pin_clock(DECEMBER):
        v = _view(qtbot, office, kasi)
        assert v.roster_button.isVisible() and v.reconcile_button.isVisible()
        qtbot.waitUntil(lambda: "belum diimpor" in v.roster_status.text(), timeout=20_000)
        assert "Triwulan III 2026" in v.roster_status.text()

        bad = tmp_path / "rusak.csv"
        bad.write_text(f"{HEADER}\n{GOOD[0]}\n3.27E+15;Rusak;01-01-1990;0001234567893;AKTIF\n", encoding="utf-8")
        v.import_roster(bad)
        qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
        assert "ditolak" in str(errors[0]) and "tidak ada data yang disimpan" in v.status.text()
        assert v.roster_button.isEnabled() and v.progress.value() == 0
        with office.db.read() as s:
            assert s.exec(select(func.count()).select_from(RosterEntry)).one() == 0

        good = tmp_path / "peserta.csv"
        good.write_text("\n".join([HEADER, *GOOD]) + "\n", encoding="utf-8")
        v.import_roster(good)
        qtbot.waitUntil(lambda: "2 peserta aktif" in v.status.text(), timeout=20_000)
        assert v.progress.value() == 100
        qtbot.waitUntil(lambda: "peserta.csv" in v.roster_status.text(), timeout=20_000)
        assert roster.current(office).rows_active == 2

        # a reconciliation on the roster alone settles the quarter: the reminder goes
        v.run_reconcile(None, None, None)
        qtbot.waitUntil(lambda: "Rekonsiliasi 2026-Q3" in v.status.text(), timeout=20_000)
        assert "2 peserta dari daftar BPJS di luar Loket PBI" in v.status.text()
        qtbot.waitUntil(lambda: "Triwulan" not in v.roster_status.text(), timeout=20_000)
        assert not errors[1:]
