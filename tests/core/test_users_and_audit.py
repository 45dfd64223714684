from datetime import timedelta

import pytest
from sqlalchemy import text

from app.errors import AuthError, PermissionDenied, ValidationError
from app.services import audit, users
from app.services.integrity import run_checks
from app.timeutil import utcnow

pytestmark = pytest.mark.clock


def test_first_admin_only_once(office, admin):
    with pytest.raises(ValidationError, match="sudah dibuat"):
        users.create_first_admin(office, username="admin2", full_name="X", password="rahasia-123")


def test_password_is_argon2id_hashed(office, admin):
    with office.db.read() as s:
        h = s.exec(text("SELECT password_hash FROM app_user WHERE username='admin'")).scalar()
    assert h.startswith("$argon2id$") and "rahasia" not in h


def test_production_hasher_has_argon2s_maintained_parameters():
    """The suite hashes with small parameters (tests/conftest.py); the program itself with argon2-cffi's
    defaults (checked in a fresh interpreter, where no test fixture has touched it)."""
    import subprocess
    import sys

    code = ("import argon2, sys\nfrom app.services import users\nd, h = argon2.PasswordHasher(), users._hasher\n"
            "print(h.time_cost, h.memory_cost, h.parallelism, h.type.name)\n"
            "sys.exit(0 if (h.time_cost, h.memory_cost, h.parallelism, h.type) == "
            "(d.time_cost, d.memory_cost, d.parallelism, d.type) and h.memory_cost >= 65536 else 1)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.split()[-1] == "ID"


def test_several_roles_and_permission_checked_in_core(office, admin, make_user):
    fo = make_user("front_office", "back_office")
    assert fo.roles == {"front_office", "back_office"}
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        users.add_user(office, actor=fo, username="x", full_name="X", password="rahasia-123", roles=["verifier"])
    with pytest.raises(PermissionDenied):
        users.list_users(office, actor=fo)
    with pytest.raises(ValidationError, match="Peran tidak dikenal"):
        users.add_user(office, actor=admin, username="y", full_name="Y", password="rahasia-123", roles=["raja"])
    with pytest.raises(ValidationError, match="minimal 8"):
        users.add_user(office, actor=admin, username="y", full_name="Y", password="pendek", roles=["verifier"])


def test_lockout_after_failed_logins_and_unlock_after_time(office, admin):
    now = utcnow()
    for _ in range(users.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthError, match="salah"):
            users.login(office, username="admin", password="salah-sekali", now=now)
    with pytest.raises(AuthError, match="dikunci"):
        users.login(office, username="admin", password="salah-sekali", now=now)
    with pytest.raises(AuthError, match="terkunci"):
        users.login(office, username="admin", password="rahasia-123", now=now + timedelta(minutes=1))
    later = now + timedelta(minutes=users.LOCK_MINUTES + 1)
    assert users.login(office, username="admin", password="rahasia-123", now=later).username == "admin"


def test_disabled_user_cannot_log_in_and_last_admin_stays(office, admin, make_user):
    fo = make_user("front_office")
    users.set_active(office, actor=admin, username=fo.username, active=False)
    with pytest.raises(AuthError, match="dinonaktifkan"):
        users.login(office, username=fo.username, password="rahasia-123")
    with pytest.raises(ValidationError):
        users.set_active(office, actor=admin, username="admin", active=False)


def test_audit_chain_detects_edit_delete_insert(office, admin, make_user):
    make_user("front_office")
    users.login(office, username="admin", password="rahasia-123")
    assert run_checks(office).ok
    with office.db.read() as s:
        assert audit.verify_chain(s).ok

    def tamper(sql):
        with office.db.write() as s:
            s.exec(text(sql))

    tamper("UPDATE audit_log SET username='mallory' WHERE id=2")
    report = run_checks(office)
    assert not report.ok and any("#2" in line for line in report.lines)


@pytest.mark.parametrize("sql,entry", [
    ("DELETE FROM audit_log WHERE id=2", "#3"),
    ("INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, old_values, new_values, prev_hash,"
     " hash) SELECT at, user_id, username, 'x', entity, entity_id, old_values, new_values, hash, 'f' FROM audit_log"
     " WHERE id=1", "#"),
    ("DELETE FROM audit_log WHERE id=(SELECT max(id) FROM audit_log)", "terakhir"),
])
def test_audit_tampering_is_named(office, admin, make_user, sql, entry):
    make_user("front_office")
    users.login(office, username="admin", password="rahasia-123")
    with office.db.write() as s:
        s.exec(text(sql))
    with office.db.read() as s:
        report = audit.verify_chain(s)
    assert not report.ok and entry in report.message


def test_audit_chain_on_postgresql(any_office, any_admin):
    users.login(any_office, username="admin", password="rahasia-123")
    with any_office.db.read() as s:
        assert audit.verify_chain(s).ok
    assert run_checks(any_office).ok
