"""Tampering with the database outside the app (issue 16, point 4): ``check`` notices, the core refuses.

Each test edits the real SQLite file with the ``sqlite3`` module, as someone with a database editor would,
then runs the same checks as ``loket-pbi check``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest

from app.errors import PermissionDenied
from app.rules.permissions import Actor
from app.services import audit, cases, users
from app.services.integrity import run_checks
from tests.services.helpers import Staff, at, kk, nik


def _sql(office, *statements: str) -> None:
    con = sqlite3.connect(office.dirs.database)
    try:
        for st in statements:
            con.execute(st)
        con.commit()
    finally:
        con.close()


def _failures(office) -> list[str]:
    report = run_checks(office)
    return [line for line in report.lines if line.startswith("GAGAL")]


@pytest.fixture
def busy(office, admin):
    """An office with users, a case and its person, all sealed."""
    staff = Staff(office, admin)
    case = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1),
                           name="Pemohon Satu", no_kk=kk(1), now=at(2026, 11, 3, 9), received=["ktp", "kk", "sktm"])
    cases.advance(office, actor=staff.front_office, case_id=case.id, version=case.version, now=at(2026, 11, 3, 9, 8))
    return staff, case


def test_an_untouched_office_passes(office, busy):
    report = run_checks(office)
    assert report.ok, report.lines
    text = "\n".join(report.lines)
    assert "HMAC-SHA256" in text
    assert "Tabel berkas layanan: 1 baris cocok" in text
    assert "Tabel peran pengguna" in text


def test_a_case_changed_by_sql_is_found(office, busy):
    _staff, case = busy
    _sql(office, f"UPDATE case_file SET status='closed', outcome='disetujui' WHERE id={case.id}")
    fails = _failures(office)
    assert any("berkas layanan: 1 baris diubah" in f and f"[{case.id}]" in f for f in fails), fails


def test_a_person_and_a_deleted_case_are_found(office, busy):
    _staff, case = busy
    _sql(office, "UPDATE person SET name='Orang Lain'", "PRAGMA foreign_keys=OFF",
         f"DELETE FROM checklist_item WHERE case_id={case.id}", f"DELETE FROM step_log WHERE case_id={case.id}",
         f"DELETE FROM case_file WHERE id={case.id}")
    fails = "\n".join(_failures(office))
    assert "data penduduk: 1 baris diubah" in fails
    assert "berkas layanan: 1 baris dihapus" in fails


def test_deleting_every_audit_row_and_the_head_fails(office, busy):
    _sql(office, "DELETE FROM audit_log", "DELETE FROM audit_head")
    fails = "\n".join(_failures(office))
    assert "Kepala rantai log audit hilang" in fails
    assert "kepala rantai log audit: 1 baris dihapus" in fails


def test_deleting_the_log_the_head_the_seals_and_the_key_id_fails(office, busy):
    _sql(office, "DELETE FROM audit_log", "DELETE FROM audit_head", "DELETE FROM row_seal",
         "DELETE FROM setting WHERE key='integrity.office'")
    fails = "\n".join(_failures(office))
    assert "Log audit kosong padahal kantor ini memiliki pengguna" in fails


def test_a_chain_recomputed_with_plain_sha256_fails(office, busy):
    """The old attack: rewrite an entry and recompute every link and the head with SHA-256."""
    con = sqlite3.connect(office.dirs.database)
    con.execute("UPDATE audit_log SET username='orang-lain' WHERE id=(SELECT max(id) FROM audit_log)")
    prev = audit.GENESIS
    rows = con.execute("SELECT id, at, user_id, username, action, entity, entity_id, old_values, new_values "
                       "FROM audit_log ORDER BY id").fetchall()
    from datetime import datetime

    for r in rows:
        at_ = datetime.fromisoformat(r[1])
        link = audit.entry_hash(prev_hash=prev, at=at_, user_id=r[2], username=r[3], action=r[4], entity=r[5],
                                entity_id=r[6], old_values=json.loads(r[7]), new_values=json.loads(r[8]))
        con.execute("UPDATE audit_log SET prev_hash=?, hash=? WHERE id=?", (prev, link, r[0]))
        prev = link
    con.execute("UPDATE audit_head SET last_hash=?", (prev,))
    con.commit()
    con.close()
    fails = "\n".join(_failures(office))
    assert "telah diubah di luar aplikasi" in fails
    assert hashlib.sha256(b"").hexdigest()  # the attacker had every tool but the key


def test_an_administrator_role_inserted_by_sql_is_found_and_not_honoured(office, busy):
    staff, _case = busy
    fo = staff.front_office
    _sql(office, f"INSERT INTO user_role (user_id, role) VALUES ({fo.id}, 'administrator')")
    fails = "\n".join(_failures(office))
    assert "peran pengguna: 1 baris disisipkan di luar aplikasi" in fails
    # The front-office user signs in again: the forged role is not among theirs, and adding a supervisor fails.
    again = users.login(office, username=fo.username, password="rahasia-123")
    assert "administrator" not in again.roles
    with pytest.raises(PermissionDenied):
        users.add_user(office, actor=again, username="spv-palsu", full_name="Palsu", password="rahasia-123",
                       roles=["supervisor"])


def test_a_hand_built_actor_is_refused(office, busy):
    staff, _case = busy
    fo = staff.front_office
    forged = Actor(fo.id, fo.username, fo.full_name, frozenset({"administrator"}))
    with pytest.raises(PermissionDenied):
        users.add_user(office, actor=forged, username="spv-palsu", full_name="Palsu", password="rahasia-123",
                       roles=["supervisor"])
    # Even carrying the real database reference, the roles it claims are not the ones the database holds.
    forged_with_source = Actor(fo.id, fo.username, fo.full_name, frozenset({"administrator"}), source=fo.source)
    with pytest.raises(PermissionDenied):
        users.add_user(office, actor=forged_with_source, username="spv-palsu", full_name="Palsu",
                       password="rahasia-123", roles=["supervisor"])


def test_check_command_exit_code(office, busy):
    _sql(office, "UPDATE app_user SET full_name='Bukan Saya' WHERE username='admin'")
    office.close()
    r = subprocess.run([sys.executable, "-m", "app", "check", "--data-dir", str(office.dirs.root)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Tabel pengguna: 1 baris diubah" in r.stdout and "HASIL: ADA MASALAH" in r.stdout



def test_backup_password_is_not_stored_in_clear(office, busy):
    from app.services import backup, secrets

    admin = users.actor_by_id(office, 1)
    backup.set_backup_password(office, actor=admin, password="rahasia-cadangan-9")
    con = sqlite3.connect(office.dirs.database)
    try:
        dump = "\n".join(con.iterdump())
    finally:
        con.close()
    assert "rahasia-cadangan-9" not in dump
    assert secrets.get_secret(office, backup.SECRET_KEY) == "rahasia-cadangan-9"
