"""Helpers for the service workflow tests: NIKs, clocks, DTSEN rows, one user per role."""

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
        seed_officials(office, admin)

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


def make_letters(office, actor, case):
    """Do the letter acts ``actor`` may do on ``case`` now (make its KONSEP, issue its letter), as the
    officer at the step would before completing it; returns the case as it is afterwards."""
    from app.services import case_letters, cases

    for act in case_letters.available(office, actor=actor, case_id=case.id):
        if act.act == "konsep":
            case_letters.make_konsep(office, actor=actor, case_id=case.id, key=act.key)
        elif act.act == "issue" and act.key != "tanda_terima":
            case_letters.issue_document(office, actor=actor, case_id=case.id, key=act.key)
    return cases.get_case(office, actor=actor, case_id=case.id)


def advance(office, *, actor, case_id, version, **kw):
    """``cases.advance`` after the letter acts of the step (KONSEP, issue) that ``actor`` may do: for the tests
    whose subject is something else than the products (their own tests refuse every out-of-order act)."""
    from app.services import case_letters, cases

    acts = case_letters.available(office, actor=actor, case_id=case_id)
    if any(a.act in ("konsep", "issue") and a.key != "tanda_terima" for a in acts):
        version = make_letters(office, actor, cases.get_case(office, actor=actor, case_id=case_id)).version
    return cases.advance(office, actor=actor, case_id=case_id, version=version, **kw)


def seed_officials(office, admin) -> None:
    """The signing officials the letters need (Kepala Dinas, Kabid, Sekretaris …), from the examples; once."""
    from app.documents import examples
    from app.services import office as office_svc

    if office_svc.list_officials(office):
        return
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)
