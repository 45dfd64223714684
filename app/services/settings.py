"""Office settings (everything SPEC marks **setting**), stored in the database per section.

Each domain owns one section: a frozen dataclass with the shipped defaults, e.g.
``LetterSettings`` under ``"letters"``. Stored values are merged over the defaults, so a new
setting added in a later version simply takes its default in an existing office.

    @dataclass(frozen=True)
    class LetterSettings:
        paper: str = "A4"

    cfg = settings.load(office, "letters", LetterSettings)
    settings.save(office, actor=admin, section="letters", value=replace(cfg, paper="F4"))
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

from app.context import Office
from app.db.models import Setting
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

T = TypeVar("T")


def _from_json(cls: type[T], raw: dict[str, Any]) -> T:
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    try:
        return cls(**{k: v for k, v in raw.items() if k in names})
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"Pengaturan tersimpan tidak sah: {exc}") from exc


def to_json(value: Any) -> dict[str, Any]:
    return json.loads(json.dumps(dataclasses.asdict(value), default=str))


def load(office: Office, section: str, cls: type[T]) -> T:
    with office.db.read() as s:
        row = s.get(Setting, section)
        return _from_json(cls, row.value if row else {})


def load_in(session, section: str, cls: type[T]) -> T:
    """Same as :func:`load` inside a caller's transaction."""
    row = session.get(Setting, section)
    return _from_json(cls, row.value if row else {})


def save(office: Office, *, actor: Actor, section: str, value: Any) -> None:
    """Store a whole section. Validation belongs in the dataclass's ``__post_init__``."""
    require(actor, "settings.edit")
    new = to_json(value)
    with office.db.write() as s:
        row = s.get(Setting, section)
        old = dict(row.value) if row else {}
        if row is None:
            row = Setting(key=section, value=new, updated_by=actor.id)
        else:
            row.value, row.updated_by, row.updated_at = new, actor.id, utcnow()
        s.add(row)
        audit.record(s, actor=actor, action="settings.save", entity="setting", entity_id=section, old=old, new=new)
