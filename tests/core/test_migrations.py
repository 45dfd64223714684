import sqlite3

import pytest
from sqlalchemy import text

from app.context import open_office
from app.db import migrate
from app.errors import DatabaseVersionError


def test_fresh_database_is_at_head(office):
    assert migrate.current_revision(office.db) == migrate.head_revision()


def test_newer_database_is_refused_and_untouched(tmp_path):
    o = open_office(tmp_path / "d")
    with o.db.write() as s:
        s.exec(text("UPDATE alembic_version SET version_num='9999_from_the_future'"))
    o.close()
    db_file = tmp_path / "d" / "loket-pbi.sqlite3"
    before = db_file.read_bytes()
    with pytest.raises(DatabaseVersionError, match="lebih baru"):
        open_office(tmp_path / "d")
    assert db_file.read_bytes() == before


def test_backup_is_made_before_migrating(tmp_path, monkeypatch):
    o = open_office(tmp_path / "d")
    o.close()
    # Pretend the database is one revision behind: an older schema with a fake earlier revision.
    con = sqlite3.connect(tmp_path / "d" / "loket-pbi.sqlite3")
    con.execute("UPDATE alembic_version SET version_num='0000_base'")
    con.commit()
    con.close()
    monkeypatch.setattr(migrate, "command", type("C", (), {"upgrade": staticmethod(lambda cfg, rev: None)}))

    class FakeRev:
        def __init__(self, r):
            self.revision = r

    real = migrate.ScriptDirectory.from_config

    def patched(cfg):
        script = real(cfg)
        script.walk_revisions = lambda: [FakeRev("0000_base"), FakeRev(script.get_current_head())]
        return script

    monkeypatch.setattr(migrate.ScriptDirectory, "from_config", staticmethod(patched))
    o = open_office(tmp_path / "d")
    o.close()
    backups = list((tmp_path / "d" / "backups").glob("sebelum-migrasi-0000_base-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_data_dir_override_by_env_and_flag(tmp_path, monkeypatch):
    from app.paths import resolve_data_dir

    monkeypatch.setenv("LOKET_PBI_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir().root == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "flag").root == tmp_path / "flag"


def test_data_folder_private_on_posix(office):
    import os
    import stat

    if os.name == "posix":
        assert stat.S_IMODE(office.dirs.root.stat().st_mode) == 0o700


def test_broken_office_service_definition_stops_the_start(tmp_path):
    from app.paths import resource_path
    from app.servicedefs.loader import ServiceDefinitionError

    o = open_office(tmp_path / "d")

    text = resource_path("services", "penonaktifan.toml").read_text(encoding="utf-8")
    o.close()
    (tmp_path / "d" / "services" / "penonaktifan.toml").write_text(
        text.replace('role = "front_office"', 'role = "petugas_gaib"', 1), encoding="utf-8")
    with pytest.raises(ServiceDefinitionError, match=r"penonaktifan.toml, baris \d+"):
        open_office(tmp_path / "d")


def test_models_match_the_migrations(office):
    """A model change without its migration (or the reverse) shows up here, not in an office."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with office.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []
