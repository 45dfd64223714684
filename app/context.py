"""The open office: its folders, its database and this PC's configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.config import LocalConfig
from app.db.engine import Database, sqlite_url
from app.db.migrate import upgrade
from app.paths import DataDirs, resolve_data_dir


@dataclass
class Office:
    dirs: DataDirs
    db: Database
    config: LocalConfig

    @property
    def config_path(self) -> Path:
        return self.dirs.root / "config.json"

    def close(self) -> None:
        self.db.dispose()


def open_office(data_dir: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Office:
    """Open (and create, on first use) the office data folder and bring its database up to date."""
    dirs = resolve_data_dir(data_dir).ensure()
    config = LocalConfig.load(dirs.root / "config.json")
    url = config.effective_database_url() or sqlite_url(dirs.database)
    db = Database(url)
    office = Office(dirs=dirs, db=db, config=config)
    try:
        if migrate:
            upgrade(db, backup_dir=dirs.backups)
        # A service definition (shipped or the office's own) that names an unknown rule, role or
        # document stops the start with its file and line, before anyone works with it.
        from app.servicedefs.loader import check_all

        check_all(office)
    except Exception:
        db.dispose()
        raise
    return office
