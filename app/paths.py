"""Where things live: the data folder (platformdirs, overridable) and the bundled resources."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "LoketPBI"
APP_AUTHOR = "DinasSosial"
ENV_DATA_DIR = "LOKET_PBI_DATA_DIR"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, also inside a PyInstaller bundle (``sys._MEIPASS``)."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def default_data_dir() -> Path:
    """Windows: the per-machine folder (``C:\\ProgramData\\DinasSosial\\LoketPBI``), one office per PC, made
    by the installer with rights for every user; an earlier version's per-user office is moved there once
    (app.machine_folder). Elsewhere (development, CI) the user's own data folder."""
    import platformdirs  # only when no folder is given: ~10 ms off the start-up

    dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
    if sys.platform == "win32":
        from app.machine_folder import move_user_office

        return move_user_office(Path(dirs.site_data_dir), Path(dirs.user_data_dir))
    return Path(dirs.user_data_dir)


@dataclass(frozen=True)
class DataDirs:
    """Every folder the app writes to, all below one root so a test or a USB install stays contained."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "loket-pbi.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def letters(self) -> Path:
        return self.root / "letters"

    @property
    def batches(self) -> Path:
        return self.root / "batches"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def imports(self) -> Path:
        return self.root / "imports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def tmp(self) -> Path:
        """Temporary work (restore staging, backup checks, batch closes); emptied at the next start."""
        return self.root / "tmp"

    @property
    def templates(self) -> Path:
        """Office copies of Word templates; a file here overrides the shipped one of the same name."""
        return self.root / "templates"

    @property
    def services(self) -> Path:
        """Office overrides of service definitions."""
        return self.root / "services"

    def ensure(self) -> DataDirs:
        """Create the folders, readable only by the user on POSIX (personal data, UU 27/2022)."""
        for folder in (self.root, self.backups, self.letters, self.batches, self.attachments,
                       self.imports, self.logs, self.templates, self.services, self.tmp):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
        return self


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> DataDirs:
    """``--data-dir`` wins, then ``LOKET_PBI_DATA_DIR``, then the platform's folder (:func:`default_data_dir`)."""
    if cli_value:
        return DataDirs(Path(cli_value).expanduser().resolve())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataDirs(Path(env).expanduser().resolve())
    return DataDirs(default_data_dir())
