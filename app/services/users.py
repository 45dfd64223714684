"""Users, roles and sign-in. Passwords are hashed with argon2id (argon2-cffi)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, Table
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, func, select

from app.context import Office
from app.db.engine import read_engine
from app.db.models import User, UserRole
from app.errors import AuthError, NotFound, ValidationError
from app.rules.identifiers import validate_nip
from app.rules.permissions import ROLES, Actor, RoleSource, require
from app.services import audit, seals
from app.timeutil import utcnow

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()  # argon2id with the library's maintained defaults


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    nip: str | None
    roles: tuple[str, ...]
    active: bool
    locked_until: datetime | None
    counter: str | None
    source: RoleSource | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DbRoleSource:
    """Reads a user's roles from the office database for every permission check (app/rules/permissions.py).

    Only rows carrying a valid seal count (app/services/seals.py): a role inserted by SQL is not a role.
    """

    engine: Engine

    def current_roles(self, user_id: int, username: str) -> frozenset[str] | None:
        with Session(self.engine) as s:
            try:
                users_t = _table("app_user")
                user = s.connection().execute(sa_select(users_t).where(users_t.c.id == user_id)).first()
                if user is None or user.username != username or not user.active:
                    return None
                if not seals.sealed_ok(s, "app_user", user):
                    return None
                return frozenset(_sealed_roles(s, user_id))
            finally:
                s.rollback()


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _sealed_roles(session: Session, user_id: int) -> list[str]:
    table = _table("user_role")
    rows = session.connection().execute(sa_select(table).where(table.c.user_id == user_id)).all()
    return sorted(r.role for r in rows if seals.sealed_ok(session, "user_role", r))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.")


def _check_roles(roles: list[str] | tuple[str, ...]) -> list[str]:
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValidationError(f"Peran tidak dikenal: {', '.join(unknown)}. Pilihan: {', '.join(ROLES)}.")
    if not roles:
        raise ValidationError("Pengguna harus memiliki minimal satu peran.")
    return sorted(set(roles))


def _check_username(username: str) -> str:
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise ValidationError("Nama pengguna hanya boleh huruf, angka, titik, garis bawah atau tanda hubung.")
    return username


def _roles_of(session: Session, user_id: int) -> tuple[str, ...]:
    session.flush()
    return tuple(_sealed_roles(session, user_id))


def _info(session: Session, user: User) -> UserInfo:
    assert user.id is not None
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    return UserInfo(user.id, user.username, user.full_name, user.nip, _roles_of(session, user.id),
                    user.active, user.locked_until, user.counter, source=DbRoleSource(read_engine(engine)))


def actor_for(info: UserInfo) -> Actor:
    """The Actor the core accepts: its roles are read again from the database at every permission check."""
    return Actor(info.id, info.username, info.full_name, frozenset(info.roles), source=info.source)


def actor_by_id(office: Office, user_id: int) -> Actor:
    """The Actor of user ``user_id`` as the database holds them (e.g. in a worker process)."""
    with office.db.read() as s:
        user = s.get(User, user_id)
        if user is None:
            raise NotFound(f"Pengguna #{user_id} tidak ditemukan.")
        return actor_for(_info(s, user))


def user_count(office: Office) -> int:
    with office.db.read() as s:
        return s.exec(select(func.count()).select_from(User)).one()


def _insert_user(s: Session, *, username: str, full_name: str, password: str, roles: list[str],
                 nip: str | None, counter: str | None) -> User:
    if s.exec(select(User).where(User.username == username)).first():
        raise ValidationError(f"Nama pengguna '{username}' sudah dipakai.")
    user = User(username=username, full_name=full_name.strip(), nip=nip, counter=counter,
                password_hash=_hasher.hash(password))
    s.add(user)
    s.flush()
    assert user.id is not None  # given by the flush
    for role in roles:
        s.add(UserRole(user_id=user.id, role=role))
    return user


def create_first_admin(office: Office, *, username: str, full_name: str, password: str,
                       nip: str | None = None) -> UserInfo:
    """First run: the administrator, chosen by the person installing. Refused once any user exists."""
    username = _check_username(username)
    _check_password(password)
    if not full_name.strip():
        raise ValidationError("Nama lengkap administrator wajib diisi.")
    nip = validate_nip(nip) if nip else None
    with office.db.write() as s:
        if s.exec(select(func.count()).select_from(User)).one():
            raise ValidationError("Administrator pertama sudah dibuat; tambahkan pengguna lewat menu Pengguna.")
        seals.fresh_office_key(s)
        user = _insert_user(s, username=username, full_name=full_name, password=password,
                            roles=["administrator"], nip=nip, counter=None)
        audit.record(s, actor=None, action="user.create_first_admin", entity="user", entity_id=user.id,
                     new={"username": username, "roles": ["administrator"]})
        return _info(s, user)


def add_user(office: Office, *, actor: Actor, username: str, full_name: str, password: str,
             roles: list[str], nip: str | None = None, counter: str | None = None) -> UserInfo:
    require(actor, "user.manage")
    username = _check_username(username)
    _check_password(password)
    roles = _check_roles(roles)
    if not full_name.strip():
        raise ValidationError("Nama lengkap wajib diisi.")
    nip = validate_nip(nip) if nip else None
    with office.db.write() as s:
        user = _insert_user(s, username=username, full_name=full_name, password=password, roles=roles,
                            nip=nip, counter=counter)
        audit.record(s, actor=actor, action="user.add", entity="user", entity_id=user.id,
                     new={"username": username, "full_name": full_name, "roles": roles, "counter": counter})
        return _info(s, user)


def list_users(office: Office, *, actor: Actor) -> list[UserInfo]:
    require(actor, "user.manage")
    with office.db.read() as s:
        return [_info(s, u) for u in s.exec(select(User).order_by(User.username)).all()]


def _get_by_username(s: Session, username: str) -> User:
    user = s.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFound(f"Pengguna '{username}' tidak ditemukan.")
    return user


def set_active(office: Office, *, actor: Actor, username: str, active: bool) -> UserInfo:
    require(actor, "user.manage")
    with office.db.write() as s:
        user = _get_by_username(s, username)
        if not active and user.id == actor.id:
            raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
        if not active and "administrator" in _roles_of(s, user.id or 0):
            others = s.exec(
                select(func.count()).select_from(User).join(UserRole, col(UserRole.user_id) == User.id)
                .where(UserRole.role == "administrator", User.active, User.id != user.id)
            ).one()
            if not others:
                raise ValidationError("Administrator aktif terakhir tidak dapat dinonaktifkan.")
        old = user.active
        user.active = active
        s.add(user)
        audit.record(s, actor=actor, action="user.enable" if active else "user.disable", entity="user",
                     entity_id=user.id, old={"active": old}, new={"active": active})
        return _info(s, user)


def set_roles(office: Office, *, actor: Actor, username: str, roles: list[str]) -> UserInfo:
    require(actor, "user.manage")
    roles = _check_roles(roles)
    with office.db.write() as s:
        user = _get_by_username(s, username)
        old = list(_roles_of(s, user.id or 0))
        for r in s.exec(select(UserRole).where(UserRole.user_id == user.id)).all():
            s.delete(r)
        s.flush()
        assert user.id is not None  # given by the flush
        for role in roles:
            s.add(UserRole(user_id=user.id, role=role))
        s.flush()
        audit.record(s, actor=actor, action="user.roles", entity="user", entity_id=user.id,
                     old={"roles": old}, new={"roles": roles})
        return _info(s, user)


def change_password(office: Office, *, actor: Actor, username: str, new_password: str) -> None:
    """A user changes their own password; an administrator may reset anyone's."""
    if username.strip().lower() != actor.username:
        require(actor, "user.manage")
    _check_password(new_password)
    with office.db.write() as s:
        user = _get_by_username(s, username)
        user.password_hash = _hasher.hash(new_password)
        user.failed_logins = 0
        user.locked_until = None
        s.add(user)
        audit.record(s, actor=actor, action="user.password", entity="user", entity_id=user.id)


def login(office: Office, *, username: str, password: str, now: datetime | None = None) -> Actor:
    """Check the password. Failed attempts are counted; too many lock the account for a while.

    A refusal is committed (the failed-attempt counter and the audit entry) before it is raised.
    """
    return _authenticate(office, username=username, password=password, now=now, action="login")


def unlock(office: Office, *, actor: Actor, password: str, now: datetime | None = None) -> Actor:
    """Unlock the screen of the signed-in ``actor`` with their own password (Kunci layar).

    Same rule as :func:`login`: a wrong password counts towards the lock-out (5 failures lock the account
    for 15 minutes; the lock screen then only lets another user sign in), a disabled account is refused.
    Audited as ``screen.unlock`` (or ``login.failed``/``login.lock``). Returns the user as they are now (their
    roles may have changed since they signed in).
    """
    return _authenticate(office, username=actor.username, password=password, now=now, action="screen.unlock")


def record_session_event(office: Office, *, actor: Actor, action: str, reason: str = "") -> None:
    """Audit a change of who is at the counter: ``screen.lock`` (by hand or after idle minutes) or ``logout``
    (Ganti pengguna)."""
    if action not in ("screen.lock", "logout"):
        raise ValidationError(f"Peristiwa sesi '{action}' tidak dikenal.")
    with office.db.write() as s:
        audit.record(s, actor=actor, action=action, entity="user", entity_id=actor.id,
                     new={"reason": reason} if reason else None)


def _authenticate(office: Office, *, username: str, password: str, now: datetime | None, action: str) -> Actor:
    now = now or utcnow()
    refusal: str | None = None
    actor: Actor | None = None
    with office.db.write() as s:
        user = s.exec(select(User).where(User.username == username.strip().lower())).first()
        if user is None:
            refusal = "Nama pengguna atau kata sandi salah."
        elif not user.active:
            audit.record(s, actor=None, action="login.refused_disabled", entity="user", entity_id=user.id)
            refusal = "Akun ini dinonaktifkan. Hubungi administrator."
        elif user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            refusal = f"Akun terkunci karena terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit."
        else:
            try:
                _hasher.verify(user.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                user.failed_logins += 1
                locked = user.failed_logins >= MAX_FAILED_LOGINS
                if locked:
                    user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                    user.failed_logins = 0
                    refusal = f"Terlalu banyak percobaan gagal: akun dikunci {LOCK_MINUTES} menit."
                else:
                    refusal = "Nama pengguna atau kata sandi salah." if action == "login" else "Kata sandi salah."
                s.add(user)
                audit.record(s, actor=None, action="login.lock" if locked else "login.failed", entity="user",
                             entity_id=user.id, new=None if action == "login" else {"via": action})
            else:
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
                user.failed_logins = 0
                user.locked_until = None
                if action == "login":
                    user.last_login_at = now
                s.add(user)
                actor = actor_for(_info(s, user))
                audit.record(s, actor=actor, action=action, entity="user", entity_id=user.id)
    if refusal is not None or actor is None:
        raise AuthError(refusal or "Nama pengguna atau kata sandi salah.")
    return actor
