"""Every released schema, kept as a fixture database, opens with the current app and keeps its data."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from app.context import open_office
from app.db import migrate
from app.services import audit, users

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "schemas").glob("*.sqlite3"))


def test_there_is_a_fixture_for_the_current_schema():
    assert any(f.stem == migrate.head_revision() for f in FIXTURES), \
        "run scripts/make_schema_fixture.py for the new schema"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_released_schema_upgrades_and_keeps_its_data(tmp_path, fixture):
    meta = json.loads(fixture.with_suffix(".json").read_text())
    data = tmp_path / "kantor"
    data.mkdir()
    shutil.copy(fixture, data / "loket-pbi.sqlite3")
    # a sealed office (revision 0005 on) brings its office key, made for the tests: <revision>.<office id>.key
    for key in fixture.parent.glob(f"{fixture.stem}.*.key"):
        import os

        folder = Path(os.environ.get("LOKET_PBI_KEY_DIR") or data / ".kunci")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{key.name.split('.')[1]}.key").write_bytes(key.read_bytes())
    office = open_office(data)
    try:
        assert migrate.current_revision(office.db) == migrate.head_revision()
        if meta["revision"] != migrate.head_revision():
            assert list(office.dirs.backups.glob(f"sebelum-migrasi-{meta['revision']}-*.sqlite3"))
        with office.db.read() as s:
            for table, count in meta["counts"].items():
                assert s.exec(text(f"SELECT count(*) FROM {table}")).scalar() == count, table
            assert audit.verify_chain(s).ok
        actor = users.login(office, username="admin", password=meta["admin_password"])
        assert "administrator" in actor.roles
    finally:
        office.close()
