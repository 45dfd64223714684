"""The open office: its folders, its database and this PC's configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.config import LocalConfig
from app.datalock import FolderLock
from app.db.engine import Database, sqlite_url
from app.db.migrate import upgrade
from app.paths import DataDirs, resolve_data_dir
from app.tempwork import open_lock


@dataclass
class Office:
    dirs: DataDirs
    db: Database
    config: LocalConfig
    #: the shared lock on the data folder (app.datalock) held while this office is open
    lock: FolderLock | None = None

    @property
    def config_path(self) -> Path:
        return self.dirs.root / "config.json"

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()


def open_office(data_dir: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Office:
    """Open (and create, on first use) the office data folder and bring its database up to date.

    The office holds the data folder's shared lock until :meth:`Office.close` (a running restore refuses the
    open, and a restore is refused while the office is open). A restore that a kill interrupted is rolled
    back first, and temporary work left by a killed process (``tmp/``) is removed when nobody else has it.
    """
    dirs = resolve_data_dir(data_dir).ensure()
    lock = open_lock(dirs)
    try:
        config = LocalConfig.load(dirs.root / "config.json")
    except BaseException:
        lock.release()
        raise
    url = config.effective_database_url() or sqlite_url(dirs.database)
    db = Database(url)
    office = Office(dirs=dirs, db=db, config=config, lock=lock)
    from app.services import keys, seals

    seals.attach([db.engine, db.write_engine], keys.KeyStore(dirs.root))
    try:
        if migrate:
            upgrade(db, backup_dir=dirs.backups, data_root=dirs.root)
        # A service definition (shipped or the office's own) that names an unknown rule, role or
        # document stops the start with its file and line, before anyone works with it.
        from app.servicedefs.loader import check_all

        check_all(office)
    except BaseException:
        office.close()
        raise
    return office
