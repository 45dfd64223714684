"""``loket-pbi demo``: a realistic office made through the officers' own core functions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.rules.permissions import ROLES

pytestmark = pytest.mark.clock

SERVICES = {"pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"}
NOW = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)  # Friday 15:30 WIB


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """One demo office built through the command line (40 cases), shared by the checks below."""
    from app.cli import main

    data = tmp_path_factory.mktemp("demo") / "data"
    # the demo's office key in a folder of its own, kept for every test of the module (a module fixture is
    # built before the per-test key folder of tests/conftest.py is set, whatever the process left before)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOKET_PBI_KEY_DIR", str(data.parent / "demo-keys"))
        assert main(["demo", "--data-dir", str(data), "--cases", "40", "--dtsen-rows", "800"]) == 0
    return data


@pytest.fixture
def demo_office(demo_dir, monkeypatch):
    from app.context import open_office

    monkeypatch.setenv("LOKET_PBI_KEY_DIR", str(demo_dir.parent / "demo-keys"))
    o = open_office(demo_dir)
    yield o
    o.close()


def _admin(office):
    from app.demo import DEMO_PASSWORD
    from app.services import users

    return users.login(office, username="admin", password=DEMO_PASSWORD)


def test_command_prints_folder_users_and_password(tmp_path, capsys, monkeypatch):
    import tempfile

    from app.cli import main
    from app.demo import DEMO_PASSWORD

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert main(["demo", "--cases", "6", "--dtsen-rows", "300"]) == 0
    text = capsys.readouterr().out
    assert DEMO_PASSWORD in text and "kadis.ahmad" in text and "fo.siti" in text
    made = [p for p in tmp_path.iterdir() if p.name.startswith("loket-pbi-demo-")]
    assert len(made) == 1 and str(made[0]) in text


def _cases(office):
    from sqlmodel import select

    from app.db.models import Case

    with office.db.read() as s:
        return [Case.model_validate(c.model_dump()) for c in s.exec(select(Case)).all()]


def test_every_service_and_many_states(demo_office):
    rows = _cases(demo_office)
    assert len(rows) == 40
    assert {c.service_code for c in rows} == SERVICES
    assert {"selesai", "proses"} <= {c.status for c in rows}
    assert any(c.closed_at is None for c in rows) and any(c.closed_at is not None for c in rows)
    opened = sorted(c.opened_at for c in rows)
    assert (opened[-1] - opened[0]).days >= 30  # spread over the last months, not all today


def test_every_role_has_a_user_who_can_log_in(demo_office):
    from app.demo import DEMO_PASSWORD, STAFF
    from app.services import users

    held: set[str] = set()
    for username, *_ in STAFF:
        actor = users.login(demo_office, username=username, password=DEMO_PASSWORD)
        held.update(actor.roles)
    assert held == set(ROLES)


def test_profile_emblem_and_signatories(demo_office):
    from app.services import office as office_svc

    p = office_svc.get_profile(demo_office)
    assert p is not None and "PANGKALPINANG" in p.government
    with demo_office.db.read() as s:
        from app.db.models import OfficeProfile

        assert s.get(OfficeProfile, 1).emblem_png.startswith(b"\x89PNG")
    keys = {o.position_key for o in office_svc.list_officials(demo_office)}
    assert {"kepala_dinas", "sekretaris", "kabid_linjamsos", "kasi_linjamsos", "penyuluh_sosial"} <= keys


def test_integrity_letters_on_disk_dtsen_and_batches(demo_office):
    from app.demo import DEMO_PASSWORD
    from app.services import batches, dtsen, integrity, letters, users

    report = integrity.run_checks(demo_office)
    assert report.ok, report.lines
    issued = letters.list_letters(demo_office)
    assert issued and all(info.docx_path.exists() for info in issued)
    assert any(info.case_id for info in issued)
    assert dtsen.record_count(demo_office) == 800
    spv = users.login(demo_office, username="spv.bambang", password=DEMO_PASSWORD)
    assert batches.list_batches(demo_office, actor=spv)  # last month's collective batch is closed


def test_cases_move_only_on_the_offices_working_days_and_hours(tmp_path):
    """The demo uses the one work calendar of the SLAs: no case opened or moved on a weekend or a public holiday
    (Maulid Nabi, 25 August 2026, a Tuesday inside the demo's three months) nor on the office's own extra days,
    and only inside office hours."""
    from datetime import date

    from sqlmodel import select

    from app.context import open_office
    from app.db.models import StepLog
    from app.demo import build_demo
    from app.demo.clock import TZ
    from app.rules.rule_settings import RuleSettings
    from app.rules.sla import WorkCalendar

    path = tmp_path / "demo"
    build_demo(path, cases=40, dtsen_rows=300, now=NOW)
    calendar = WorkCalendar.from_settings(RuleSettings())
    assert not calendar.is_working_day(date(2026, 8, 25))
    o = open_office(path)
    try:
        with o.db.read() as s:
            moments = [c.opened_at for c in _cases(o)] + [r.finished_at for r in s.exec(select(StepLog)).all()]
    finally:
        o.close()
    local = [m.astimezone(TZ) for m in moments]
    assert len(local) > 100 and min(local).date() < date(2026, 8, 25)
    assert [m for m in local if not calendar.is_working_day(m.date())] == []
    assert [m for m in local if not (calendar.open_at <= m.timetz().replace(tzinfo=None) <= calendar.close_at)] == []


def test_same_seed_same_office(tmp_path):
    from app.context import open_office
    from app.demo import build_demo

    def snapshot(path):
        build_demo(path, cases=12, dtsen_rows=300, now=NOW)
        o = open_office(path)
        try:
            return sorted((c.reg_number, c.service_code, c.status, c.current_step, c.opened_at.isoformat())
                          for c in _cases(o))
        finally:
            o.close()

    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_refuses_a_folder_that_already_holds_an_office(demo_dir):
    from app.demo import build_demo
    from app.errors import ValidationError

    with pytest.raises(ValidationError, match="sudah berisi kantor"):
        build_demo(demo_dir, cases=1)
