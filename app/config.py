"""This PC's own configuration (``config.json`` in the data folder): which database, which counter.

Office-wide settings live in the database (``app.services.settings``); only what differs per PC is
here, so several counters can point at one PostgreSQL server.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.errors import ValidationError

ENV_DATABASE_URL = "LOKET_PBI_DATABASE_URL"


@dataclass
class LocalConfig:
    database_url: str = ""  # empty: the embedded SQLite file in the data folder
    counter: str = "Loket 1"
    language: str = "id"

    @classmethod
    def load(cls, path: Path) -> LocalConfig:
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValidationError(f"Berkas konfigurasi {path} rusak atau tidak terbaca: {exc}") from exc
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def effective_database_url(self) -> str:
        return os.environ.get(ENV_DATABASE_URL) or self.database_url
