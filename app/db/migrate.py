"""Bring a database to the current schema: refuse newer databases, back up before migrating."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db.engine import Database
from app.errors import DatabaseVersionError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    with db.write_engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _backup_sqlite(db_path: Path, backup_dir: Path, revision: str | None) -> Path:
    """Consistent copy through SQLite's online backup API (safe even while another reader is open)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"sebelum-migrasi-{revision or 'kosong'}-{stamp}.sqlite3"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(db: Database, *, backup_dir: Path | None = None, data_root: Path | None = None) -> Path | None:
    """Migrate ``db`` to head. Returns the backup made before migrating, if any.

    ``data_root``: the data folder, for revisions that rewrite paths relative to it (0008).

    Raises :class:`DatabaseVersionError` when the database comes from a newer app.
    """
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    current = current_revision(db)
    if current == head:
        return None
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseVersionError(
            f"Basis data ini dibuat oleh versi Loket PBI yang lebih baru (skema '{current}'). "
            "Perbarui aplikasi ke versi terbaru sebelum membukanya; data tidak diubah."
        )
    backup = None
    if db.is_sqlite and current is not None and backup_dir is not None:
        db_path = Path(db.url.removeprefix("sqlite:///"))
        if db_path.exists():
            backup = _backup_sqlite(db_path, backup_dir, current)
    cfg = _config()
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["data_root"] = data_root
        command.upgrade(cfg, "head")
    return backup
