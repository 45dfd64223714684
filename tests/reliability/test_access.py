"""Every core action × every role (SPEC §6): the reviewed table, ``allowed`` and a real service call.

The table below is written out by hand on purpose: a change to ``ACTIONS`` that is not also made here
fails, so a permission never widens silently. RELIABILITY.md shows the same table.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from app.db.models import AuditEntry
from app.errors import AuthError, LoketError, PermissionDenied
from app.rules.permissions import ACTIONS, ROLES, Actor, allowed, require
from tests.reliability.figures import record

ABBR = {"front_office": "FO", "back_office": "BO", "verifier": "VF", "penyuluh_sosial": "PS", "manager": "MG",
        "kasi_linjamsos": "KS", "kabid_linjamsos": "KB", "sekretaris": "SK", "kepala_dinas": "KD",
        "supervisor": "SV", "administrator": "AD"}
ORDER = list(ABBR)

TABLE = {
    "office.edit":         "-- -- -- -- -- -- -- -- -- -- AD",
    "settings.edit":       "-- -- -- -- -- -- -- -- -- -- AD",
    "user.manage":         "-- -- -- -- -- -- -- -- -- -- AD",
    "official.manage":     "-- -- -- -- -- -- -- -- -- -- AD",
    "audit.verify":        "-- -- -- -- -- -- -- -- -- SV AD",
    "backup.make":         "-- -- -- -- -- -- -- -- -- SV AD",
    "dtsen.import":        "-- -- -- -- -- -- -- -- -- SV AD",
    "dtsen.lookup":        "FO BO VF PS MG KS KB SK KD SV AD",
    "case.open":           "FO BO -- -- MG -- -- -- -- SV --",
    "case.view":           "FO BO VF PS MG KS KB SK KD SV AD",
    "case.checklist":      "FO BO VF -- -- -- -- -- -- -- --",
    "case.edit":           "FO BO VF PS MG -- -- -- -- -- --",
    "case.move":           "FO BO VF PS MG KS KB SK KD SV --",
    "case.document":       "FO BO VF PS MG KS KB SK KD SV --",
    "case.overdue":        "FO BO VF PS MG KS KB SK KD SV AD",
    "attachment.add":      "FO BO VF PS MG -- -- -- -- SV --",
    "attachment.remove":   "FO BO VF PS MG -- -- -- -- SV --",
    "attachment.view":     "FO BO VF PS MG KS KB SK KD SV AD",
    "draft.save":          "FO BO -- -- MG -- -- -- -- SV --",
    "draft.view_all":      "-- -- -- -- MG -- -- -- -- SV --",
    "jamkesda.rank":       "-- BO -- -- MG -- KB -- -- SV --",
    "jamkesda.release":    "-- BO -- -- MG -- KB -- -- SV --",
    "complaint.register":  "FO BO -- -- MG -- -- -- -- SV --",
    "complaint.handle":    "-- BO -- -- MG KS KB -- -- SV --",
    "complaint.view":      "FO BO VF PS MG KS KB SK KD SV AD",
    "survey.record":       "FO BO -- -- MG -- -- -- -- SV --",
    "survey.report":       "-- -- -- -- MG KS KB SK KD SV AD",
    "nik.view_full":       "FO BO VF PS MG -- -- -- -- SV AD",
    "batch.close":         "-- -- -- -- -- -- -- -- -- SV --",
    "batch.list":          "-- -- -- -- MG KS KB -- -- SV AD",
    "batch.carry":         "-- -- -- -- -- -- -- -- -- SV --",
    "outbox.send":         "-- -- -- -- -- -- -- -- -- SV AD",
    "feedback.import":     "-- -- -- -- -- -- -- -- -- SV --",
    "reconcile.run":       "-- -- -- -- -- KS KB -- -- SV --",
    "roster.import":       "-- -- -- -- -- KS KB -- -- SV --",
    "person.correct":      "FO BO VF -- MG -- -- -- -- SV --",
    "export.full_nik":     "-- -- -- -- -- -- -- -- -- SV --",
    "letter.issue":        "FO BO VF PS MG KS KB SK KD SV AD",
    "letter.list":         "FO BO VF PS MG KS KB SK KD SV AD",
    "letter.reprint":      "FO BO VF PS MG KS KB SK KD SV AD",
    "letter.pdf":          "FO BO VF PS MG KS KB SK KD SV AD",
    "letter.void":         "-- -- -- -- MG KS KB SK KD SV AD",
    "privacy.export":      "-- -- -- -- -- -- -- -- -- SV AD",
    "privacy.anonymise":   "-- -- -- -- -- -- -- -- -- -- AD",
    "network.manage":      "-- -- -- -- -- -- -- -- -- -- AD",
    "network.exchange":    "FO BO VF -- MG -- -- -- -- SV AD",
    "network.view":        "FO BO VF PS MG KS KB SK KD SV AD",
}

NO_SUCH = 10**9
MISSING_FILE = Path("/nonexistent-loket/berkas.csv")


def expected(action: str, role: str) -> bool:
    return TABLE[action].split()[ORDER.index(role)] != "--"


def _calls():
    """action → a real core call with harmless arguments (a missing record or file after the role check)."""
    from app.network import enrolment, exchange, incoming
    from app.services import (
        attachments,
        backup,
        batches,
        cases,
        complaints,
        drafts,
        dtsen,
        feedback,
        jamkesda,
        letters,
        office,
        outbox,
        privacy,
        reconcile,
        settings,
        survey,
        users,
    )

    nik = "1971015208810001"
    return {
        "office.edit": lambda o, a: office.save_profile(o, actor=a, values={
            "government": "PEMERINTAH KOTA PANGKALPINANG", "region_name": "Pangkalpinang", "city": "Pangkalpinang",
            "code": "DINSOS-PKP"}),
        "settings.edit": lambda o, a: settings.save(o, actor=a, section="privacy", value=privacy.PrivacySettings()),
        "user.manage": lambda o, a: users.list_users(o, actor=a),
        "official.manage": lambda o, a: office.save_official(
            o, actor=a, position_key="kepala_dinas", position_title="Kepala Dinas Sosial", name="Dr. H. Ahmad",
            nip="197201031995031001"),
        "backup.make": lambda o, a: backup.make_backup(o, actor=a, folder=o.dirs.root / "cadangan-uji"),
        "dtsen.import": lambda o, a: dtsen.import_file(o, actor=a, path=MISSING_FILE),
        "dtsen.lookup": lambda o, a: dtsen.lookup(o, actor=a, nik=nik),
        "case.open": lambda o, a: cases.open_case(o, actor=a, service_code="tidak-ada", nik=nik, name="X"),
        "case.view": lambda o, a: cases.get_case(o, actor=a, case_id=NO_SUCH),
        "case.checklist": lambda o, a: cases.set_checklist(o, actor=a, case_id=NO_SUCH, version=1, code="kk",
                                                           received=True),
        "case.edit": lambda o, a: cases.update_data(o, actor=a, case_id=NO_SUCH, version=1, values={}),
        "case.move": lambda o, a: cases.advance(o, actor=a, case_id=NO_SUCH, version=1),
        "case.document": lambda o, a: __import__("app.services.case_letters", fromlist=["x"]).issue_document(
            o, actor=a, case_id=NO_SUCH, key="rujukan_disdukcapil"),
        "case.overdue": lambda o, a: cases.overdue(o, actor=a),
        "attachment.add": lambda o, a: attachments.add_files(o, actor=a, case_id=NO_SUCH,
                                                             files=[attachments.FileToAttach(MISSING_FILE)]),
        "attachment.remove": lambda o, a: attachments.remove(o, actor=a, attachment_id=NO_SUCH),
        "attachment.view": lambda o, a: attachments.list_attachments(o, actor=a, case_id=NO_SUCH),
        "draft.save": lambda o, a: drafts.load_draft(o, actor=a, draft_id=NO_SUCH),
        "jamkesda.rank": lambda o, a: jamkesda.rank_period(o, actor=a, period="2026-13"),
        "jamkesda.release": lambda o, a: jamkesda.release_participant(o, actor=a, case_id=NO_SUCH,
                                                                      reason_code="meninggal"),
        "complaint.register": lambda o, a: complaints.register(o, actor=a, channel="tidak-ada", topic=""),
        "complaint.handle": lambda o, a: complaints.follow_up(o, actor=a, complaint_id=NO_SUCH, text="x"),
        "complaint.view": lambda o, a: complaints.list_complaints(o, actor=a),
        "survey.record": lambda o, a: survey.record(o, actor=a, case_id=NO_SUCH, answers={}),
        "survey.report": lambda o, a: survey.report(o, actor=a, start=date(2026, 1, 1), end=date(2026, 1, 31)),
        "batch.close": lambda o, a: batches.close_batch(o, actor=a, service_code="penonaktifan", period="2026-13"),
        "batch.list": lambda o, a: batches.list_batches(o, actor=a),
        "batch.carry": lambda o, a: batches.carry_case(o, actor=a, case_id=NO_SUCH, to_period="2026-12",
                                                       reason="x"),
        "outbox.send": lambda o, a: outbox.send_pending(o, actor=a),
        "feedback.import": lambda o, a: feedback.import_feedback(o, actor=a, path=MISSING_FILE),
        "reconcile.run": lambda o, a: reconcile.reconcile(o, actor=a, bpjs_path=MISSING_FILE, dukcapil_path=None),
        "roster.import": lambda o, a: __import__("app.services.roster", fromlist=["x"]).import_roster(
            o, actor=a, path=MISSING_FILE),
        "person.correct": lambda o, a: __import__("app.services.identity", fromlist=["x"]).correct_person(
            o, actor=a, nik=nik, changes={"name": "Nama Baru"}, reason="uji koreksi"),
        "letter.issue": lambda o, a: letters.issue_letter(o, actor=a, letter_type="rujukan_dtsen", data={}),
        "letter.list": lambda o, a: letters.list_letters(o, actor=a),
        "letter.reprint": lambda o, a: letters.reprint(o, actor=a, letter_id=NO_SUCH),
        "letter.pdf": lambda o, a: letters.convert_pdfs(o, actor=a, letter_ids=[]),
        "letter.void": lambda o, a: letters.void_letter(o, actor=a, reason="salah ketik", letter_id=NO_SUCH),
        "privacy.export": lambda o, a: privacy.export_person(o, actor=a, nik=nik),
        "privacy.anonymise": lambda o, a: privacy.anonymise_expired(o, actor=a, dry_run=True),
        "network.manage": lambda o, a: enrolment.revoke(o, actor=a, code="KEL-TIDAK-ADA", reason="uji"),
        "network.exchange": lambda o, a: incoming.receive_file(o, actor=a, path=MISSING_FILE),
        "network.view": lambda o, a: exchange.status(o, actor=a),
    }


#: Actions with no single core call of their own: they are checked with ``allowed`` where the data is
#: shown or written (masking, batch/reconciliation files) and tested in test_personal_data_access.py.
CHECKED_BY_ALLOWED = {"audit.verify", "nik.view_full", "export.full_nik", "draft.view_all"}


def test_table_covers_every_action_and_role():
    assert set(TABLE) == set(ACTIONS), "ACTIONS changed: review the role table here and in RELIABILITY.md"
    assert set(ORDER) == set(ROLES)
    assert set(_calls()) | CHECKED_BY_ALLOWED == set(ACTIONS)


@pytest.mark.parametrize("action", sorted(TABLE))
@pytest.mark.parametrize("role", ORDER)
def test_allowed_matches_table(action, role):
    actor = Actor(1, "u", "U", frozenset({role}))
    assert allowed(actor, action) is expected(action, role)
    if not expected(action, role):
        with pytest.raises(PermissionDenied) as err:
            require(actor, action)
        assert "tidak berwenang" in str(err.value)


def test_unknown_action_is_refused_for_everyone():
    everyone = Actor(1, "u", "U", frozenset(ROLES))
    assert not allowed(everyone, "case.delete_everything")


@pytest.mark.clock
def test_every_action_through_the_real_service(office, admin):
    """Each role calls each service: refused roles get PermissionDenied and nothing is written."""
    from tests.services.helpers import Staff

    staff = Staff(office, admin)
    actors = {role: getattr(staff, role) for role in ORDER}
    calls = _calls()
    tried = refused = 0
    for action, call in sorted(calls.items()):
        for role, actor in actors.items():
            with office.db.read() as s:
                before = s.exec(select(func.count()).select_from(AuditEntry)).one()
            try:
                call(office, actor)
                outcome = "ok"
            except PermissionDenied:
                outcome = "refused"
            except LoketError as exc:  # allowed, then refused for the harmless argument
                assert str(exc).strip(), (action, role)
                outcome = "ok"
            tried += 1
            if expected(action, role):
                assert outcome == "ok", f"{role} should be allowed to {action}"
            else:
                refused += 1
                assert outcome == "refused", f"{role} must not be allowed to {action}"
                with office.db.read() as s:
                    after = s.exec(select(func.count()).select_from(AuditEntry)).one()
                assert after == before, f"refused {action} by {role} still wrote something"
    record("access", {"service_calls": tried, "refused_calls": refused, "actions": len(ACTIONS),
                      "roles": len(ROLES)})


def test_disabled_user_refused_even_with_right_password_and_back_when_enabled(office, admin, make_user):
    from app.services import users

    fo = make_user("front_office")
    users.set_active(office, actor=admin, username=fo.username, active=False)
    for _ in range(3):
        with pytest.raises(AuthError, match="dinonaktifkan"):
            users.login(office, username=fo.username, password="rahasia-123")
    with office.db.read() as s:
        refused = s.exec(select(AuditEntry).where(AuditEntry.action == "login.refused_disabled")).all()
    assert len(refused) == 3
    users.set_active(office, actor=admin, username=fo.username, active=True)
    assert users.login(office, username=fo.username, password="rahasia-123").username == fo.username


@pytest.mark.clock
def test_locked_account_unlocks_exactly_at_the_set_time(office, admin, make_user):
    from datetime import timedelta

    from app.services import users
    from app.timeutil import utcnow

    fo = make_user("front_office")
    now = utcnow()
    for _ in range(users.MAX_FAILED_LOGINS):
        with pytest.raises(AuthError):
            users.login(office, username=fo.username, password="salah-sekali", now=now)
    just_before = now + timedelta(minutes=users.LOCK_MINUTES) - timedelta(seconds=1)
    with pytest.raises(AuthError, match="terkunci"):  # even the right password waits
        users.login(office, username=fo.username, password="rahasia-123", now=just_before)
    at_time = now + timedelta(minutes=users.LOCK_MINUTES)
    assert users.login(office, username=fo.username, password="rahasia-123", now=at_time).username == fo.username


@pytest.mark.parametrize("sql,found", [
    # edited values of a personal-data entry (JSON column)
    ("UPDATE audit_log SET new_values='{\"nik\": \"1971010101800001\"}' WHERE action='case.open'", "diubah"),
    ("UPDATE audit_log SET at='2020-01-01 00:00:00' WHERE id=3", "#3"),
    ("DELETE FROM audit_log WHERE id=3", "#4"),
    ("UPDATE audit_head SET count=count+1", "terakhir"),
    ("DELETE FROM audit_head", "hilang"),
])
def test_audit_chain_detects_tampering_with_case_entries(office, admin, sql, found):
    from app.services import audit, cases
    from tests.services.helpers import Staff, nik

    staff = Staff(office, admin)
    cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(7), name="Siti Nur'aini")
    with office.db.read() as s:
        assert audit.verify_chain(s).ok
    with office.db.write() as s:
        s.exec(text(sql))
    with office.db.read() as s:
        report = audit.verify_chain(s)
    assert not report.ok and found in report.message
