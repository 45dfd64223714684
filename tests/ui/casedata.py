"""Test data for the window tests (independent of the service tests' helpers): NIKs, clocks, DTSEN, staff."""

from __future__ import annotations

from datetime import UTC, datetime

from app.rules.permissions import ROLES


def nik(i: int, *, day: int = 1, month: int = 1, yy: int = 80) -> str:
    """A valid NIK of Kota Pangkalpinang (19 71 01), born DD-MM-YY, serial ``i``."""
    return f"197101{day:02d}{month:02d}{yy:02d}{i:04d}"


def kk(i: int) -> str:
    return f"19710112{i:010d}"[:16]


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    """Office time WIB (UTC+7) as an aware UTC datetime."""
    return datetime(y, m, d, hh - 7, mm, tzinfo=UTC) if hh >= 7 else datetime(y, m, d - 1, hh + 17, mm, tzinfo=UTC)


def add_dtsen(office, nik_: str, *, desil: int | None = 3, name: str = "Warga DTSEN") -> None:
    from app.db.models import DtsenRecord

    with office.db.write() as s:
        s.add(DtsenRecord(nik=nik_, no_kk="", name=name, desil=desil, dtsen_id=f"D{nik_[-6:]}", row_hash="x" * 32))


class Staff:
    """One user per role: ``staff.front_office`` … (created on first use)."""

    def __init__(self, office, admin):
        self._office, self._admin, self._cache = office, admin, {}

    def __getattr__(self, role: str):
        if role.startswith("_"):
            raise AttributeError(role)
        if role not in ROLES:
            raise AttributeError(role)
        if role not in self._cache:
            from app.services import users

            info = users.add_user(self._office, actor=self._admin, username=f"st_{role}",
                                  full_name=f"Petugas {ROLES[role]}", password="rahasia-123", roles=[role])
            self._cache[role] = users.actor_for(info)
        return self._cache[role]


# ------------------------------------------------------------------ background work in window tests

_RUNNERS: list = []


def new_runner():
    """A TaskRunner that :func:`drain_runners` waits for at the end of the test (before the office closes)."""
    from ui.tasks import TaskRunner

    r = TaskRunner()
    _RUNNERS.append(r)
    return r


def drain_runners() -> None:
    """Let every worker finish and deliver its callbacks while the widgets and the database still exist."""
    from PySide6.QtWidgets import QApplication

    while _RUNNERS:
        r = _RUNNERS.pop()
        r.wait(20_000)
        QApplication.processEvents()
        r.wait(20_000)
        QApplication.processEvents()
