"""Shared fixtures. Qt runs offscreen; every test gets its own data folder; PostgreSQL is real.

Clocks: ``--pinned-now=ISO`` moves the whole session's clock (time-machine, ticking) to that moment, so the
tests marked ``clock`` can be run again on a Saturday, on 31 December at 23:30 office time, inside the
Idul Fitri holidays (scripts/test.sh does). A test that expects something of a date pins its own clock
with :func:`tests.clock.pin_clock` (or the ``pinned`` fixture), which nests inside the session's travel.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest
import time_machine

from tests.clock import PINNED, pin_clock
from tests.pg_server import PgServer, find_bindir

_TRAVEL = pytest.StashKey[time_machine.travel]()


def pytest_addoption(parser):
    parser.addoption("--pinned-now", metavar="ISO", default=None,
                     help="run the session with the clock moved to this moment (ISO 8601 with a UTC offset, "
                          "e.g. 2026-12-31T23:30+07:00); the clock keeps ticking from there")


def pytest_configure(config):
    iso = config.getoption("--pinned-now")
    if iso:
        moment = datetime.fromisoformat(iso)
        if moment.tzinfo is None:
            raise pytest.UsageError("--pinned-now needs a UTC offset, e.g. 2026-12-31T23:30+07:00")
        # a fixed offset, never a ZoneInfo: time-machine would otherwise change the process's own zone
        moment = moment.astimezone(timezone(moment.utcoffset()))
        travel = time_machine.travel(moment, tick=True)
        travel.start()
        config.stash[_TRAVEL] = travel


def pytest_unconfigure(config):
    travel = config.stash.get(_TRAVEL, None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    if config.getoption("--pinned-now"):
        return f"clock pinned at {config.getoption('--pinned-now')} (ticking)"
    return None


@pytest.fixture
def pinned():
    """The clock at :data:`PINNED` for the whole test; yields that moment."""
    with pin_clock(PINNED):
        yield PINNED


SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """No test ever touches the real user folder or a configured database."""
    monkeypatch.setenv("LOKET_PBI_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("LOKET_PBI_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _office_keys(tmp_path):
    """Office keys in a 0600 file of the test's own (never the developer's credential store); shared by the
    offices and child processes of one test, like one PC's store (app/services/keys.py). Its own MonkeyPatch:
    a test that undoes its ``monkeypatch`` keeps its keys."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LOKET_PBI_KEY_DIR", str(tmp_path / "office-keys"))
        yield


@pytest.fixture(scope="session")
def pg_server():
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL tidak terpasang di mesin ini (initdb/pg_ctl tidak ditemukan); "
                    "uji PostgreSQL dilewati. .ci/run memasangnya.")
    server = PgServer(bindir)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    return pg_server.create_database("t_" + uuid.uuid4().hex[:12])


@pytest.fixture(scope="session")
def _template_database(tmp_path_factory) -> Path:
    """One SQLite database migrated to head for the whole run: each test's office starts as a copy of it
    instead of running every migration again (the migrations themselves are tested in tests/core)."""
    from app.context import open_office

    root = tmp_path_factory.mktemp("template") / "data"
    open_office(root).close()  # closing the last connection checkpoints the WAL into the file
    database = root / "loket-pbi.sqlite3"
    assert not database.with_name(database.name + "-wal").exists() or \
        database.with_name(database.name + "-wal").stat().st_size == 0
    return database


def _open(tmp_path: Path, url: str | None, template: Path | None = None):
    from app.config import LocalConfig
    from app.context import open_office

    data = tmp_path / "data"
    data.mkdir(parents=True, exist_ok=True)
    if url:
        LocalConfig(database_url=url).save(data / "config.json")
    elif template is not None and not (data / template.name).exists():
        shutil.copyfile(template, data / template.name)
    return open_office(data)


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing():
    """argon2id with small cost parameters while testing (every test makes users; the production hasher's
    ~0.1 s and 64 MiB per hash were a good part of the suite's time). Same algorithm and code path; the
    production parameters are checked in tests/core/test_users_and_audit.py."""
    from argon2 import PasswordHasher

    from app.services import users

    production = users._hasher
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    users._hasher = production


@pytest.fixture
def office(tmp_path, _template_database):
    """A fresh office on the embedded SQLite default (a copy of the migrated template database)."""
    o = _open(tmp_path, None, _template_database)
    yield o
    o.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_office(request, tmp_path):
    """The same test on SQLite and on a real PostgreSQL server."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    o = _open(tmp_path, url, None if url else request.getfixturevalue("_template_database"))
    yield o
    o.close()


def _setup(o):
    from app.services import office as office_svc
    from app.services import users

    office_svc.save_profile(o, actor=None, first_run=True, values={
        "government": "PEMERINTAH KOTA PANGKALPINANG", "region_name": "Pangkalpinang",
        "city": "Pangkalpinang", "address": "Jl. Rasakunda No. 1, Pangkalpinang", "phone": "(0717) 421234",
        "email": "dinsos@pangkalpinangkota.go.id", "website": "dinsos.pangkalpinangkota.go.id",
        "postal_code": "33121", "code": "DINSOS-PKP"})
    info = users.create_first_admin(o, username="admin", full_name="Admin Kantor", password="rahasia-123")
    return users.actor_for(info)


@pytest.fixture
def admin(office):
    return _setup(office)


@pytest.fixture
def any_admin(any_office):
    return _setup(any_office)


@pytest.fixture
def make_user(office, admin):
    """``make_user("front_office", "manager")`` → an Actor holding those roles."""
    from app.services import users

    counter = {"n": 0}

    def make(*roles: str, password: str = "rahasia-123"):
        counter["n"] += 1
        info = users.add_user(office, actor=admin, username=f"u{counter['n']}_{roles[0]}",
                              full_name=f"Petugas {counter['n']}", password=password, roles=list(roles))
        return users.actor_for(info)

    return make
