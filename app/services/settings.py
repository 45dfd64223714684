"""Office settings (everything SPEC marks **setting**), stored in the database per section.

Each domain owns one section: a frozen dataclass with the shipped defaults, e.g.
``LetterSettings`` under ``"letters"``. Stored values are merged over the defaults, so a new
setting added in a later version simply takes its default in an existing office.

    @dataclass(frozen=True)
    class LetterSettings:
        paper: str = "A4"

    cfg = settings.load(office, "letters", LetterSettings)
    settings.save(office, actor=admin, section="letters", value=replace(cfg, paper="F4"))

What is read is checked, not trusted: every stored value is validated against the dataclass's field types by
pydantic (a text where a number belongs is refused, naming the section and the setting), then the
dataclass's own ``__post_init__`` checks the rules between fields. A plain field with a default needs nothing
more. A setting whose meaning or shape changes gets an upgrade step instead (Picard's ``config_upgrade``):

    @settings.upgrade("rules", 1)
    def _quota_period_named(raw: dict) -> dict:      # version 0 → 1
        ...

The stored JSON carries its section's version (``"_versi"``); loading applies the missing steps in order
(in memory: the database is not written by a read), and saving stores the upgraded, current version.

A field named in the dataclass's ``secret_fields`` (a ``ClassVar``; e.g. the HTTPS delivery token) is a
secret: :func:`save` keeps it encrypted apart from the section (app/services/secrets.py, row
``rahasia:<section>.<field>``), stores it empty in the section and writes it to the audit log only as
:data:`MASK` (set / changed), never its value; :func:`load` puts it back. A value an earlier version stored in
clear in the section is still read, and moved out at the next save.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pydantic

from app.context import Office
from app.db.models import Setting
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.services import audit, secrets
from app.timeutil import utcnow

T = TypeVar("T")
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

VERSION_KEY = "_versi"
#: section → its upgrade steps; step ``n`` (at index n-1) turns version n-1 into version n
_UPGRADES: dict[str, list[Upgrade]] = {}

_KINDS = {  # pydantic error type prefix → what the value must be, in Indonesian
    "int": "bilangan bulat", "float": "angka", "bool": "ya/tidak (true/false)", "string": "teks",
    "str": "teks", "dict": "pasangan kunci–nilai (objek JSON)", "list": "daftar (larik JSON)",
    "tuple": "daftar (larik JSON)", "missing": "diisi",
}


def upgrade(section: str, version: int) -> Callable[[Upgrade], Upgrade]:
    """Register the step that turns ``section``'s stored version ``version - 1`` into ``version``."""

    def register(step: Upgrade) -> Upgrade:
        steps = _UPGRADES.setdefault(section, [])
        if version != len(steps) + 1:
            raise RuntimeError(f"upgrade {section} v{version} registered out of order (have {len(steps)} steps)")
        steps.append(step)
        return step

    return register


def current_version(section: str) -> int:
    return len(_UPGRADES.get(section, []))


def upgraded(section: str, raw: dict[str, Any]) -> dict[str, Any]:
    """The stored JSON of ``section`` brought to the current version (without the version key)."""
    raw = dict(raw)
    stored = raw.pop(VERSION_KEY, 0)
    if not isinstance(stored, int) or stored < 0:
        raise ValidationError(f"Pengaturan '{section}' tersimpan dengan versi yang tidak sah ({stored!r}).")
    if stored > current_version(section):
        raise ValidationError(f"Pengaturan '{section}' disimpan oleh versi Loket PBI yang lebih baru (versi "
                              f"pengaturan {stored}); perbarui aplikasi di komputer ini.")
    for step in _UPGRADES.get(section, [])[stored:]:
        raw = step(dict(raw))
    return raw


@functools.cache
def _adapter(cls: type) -> pydantic.TypeAdapter:
    return pydantic.TypeAdapter(cls)


def _explain(section: str, exc: pydantic.ValidationError) -> str:
    problems = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "(bagian)"
        kind = next((v for k, v in _KINDS.items() if err["type"].startswith(k)), None)
        must = f"harus {kind}" if kind else "tidak sah"
        shown = "" if err["type"] == "missing" else f" (isian: {err.get('input')!r})"
        problems.append(f"'{field}' {must}{shown}")
    return f"Pengaturan '{section}' tidak sah: {'; '.join(problems)}. Perbaiki di menu Pengaturan."


def validate(cls: type[T], raw: dict[str, Any], *, section: str = "") -> T:
    """Build ``cls`` from plain values, checking every field's type (lax JSON-like conversion: ``"5"`` is 5)
    and then the dataclass's own rules. Unknown keys are ignored (a setting a later version removed)."""
    names = {f.name for f in dataclasses.fields(cast(Any, cls))}
    known = {k: v for k, v in raw.items() if k in names}
    try:
        return _adapter(cls).validate_python(known)
    except pydantic.ValidationError as exc:
        raise ValidationError(_explain(section or cls.__name__, exc)) from exc
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"Pengaturan tersimpan tidak sah: {exc}") from exc


MASK = "•••••• (rahasia, disimpan terenkripsi)"
MASK_CHANGED = "•••••• (rahasia baru, disimpan terenkripsi)"


def secret_fields(cls: type) -> tuple[str, ...]:
    return tuple(getattr(cls, "secret_fields", ()))


def secret_key(section: str, name: str) -> str:
    return f"rahasia:{section}.{name}"


def _from_row(section: str, cls: type[T], row: Setting | None, session=None) -> T:
    raw = upgraded(section, row.value) if row else {}
    if session is not None:
        for name in secret_fields(cls):
            kept = secrets.open_in(session, secret_key(section, name))
            if kept is not None:
                raw[name] = kept
    return validate(cls, raw, section=section)


def _masked(values: dict[str, Any], names: tuple[str, ...],
            changed: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
    """``values`` for the audit log: every secret shown as set (and whether it changed) or empty, never itself."""
    out = dict(values)
    for name in names:
        if name in out:
            out[name] = (MASK_CHANGED if name in changed else MASK) if out[name] else ""
    return out


def to_json(value: Any) -> dict[str, Any]:
    return json.loads(json.dumps(dataclasses.asdict(value), default=str))


def load(office: Office, section: str, cls: type[T]) -> T:
    with office.db.read() as s:
        return _from_row(section, cls, s.get(Setting, section), s)


def load_in(session, section: str, cls: type[T]) -> T:
    """Same as :func:`load` inside a caller's transaction."""
    return _from_row(section, cls, session.get(Setting, section), session)


def save(office: Office, *, actor: Actor, section: str, value: Any) -> None:
    """Store a whole section (validated like a load), marked with the section's current version. Checks that
    only a save needs (not every load) live in the value's ``check_before_save()`` (letter number patterns)."""
    require(actor, "settings.edit")
    check = getattr(value, "check_before_save", None)
    if callable(check):
        check()
    new = to_json(validate(type(value), to_json(value), section=section))
    new[VERSION_KEY] = current_version(section)
    hidden = secret_fields(type(value))
    with office.db.write() as s:
        row = s.get(Setting, section)
        old = dict(row.value) if row else {}
        changed: set[str] = set()
        for name in hidden:
            before = secrets.open_in(s, secret_key(section, name)) or str(old.get(name) or "")
            old[name] = before
            if new.get(name) != before:
                changed.add(name)
            secrets.seal_in(s, secret_key(section, name), str(new.get(name) or ""), user_id=actor.id)
        stored = {**new, **{name: "" for name in hidden}}  # the secret itself lives only encrypted
        if row is None:
            row = Setting(key=section, value=stored, updated_by=actor.id)
        else:
            row.value, row.updated_by, row.updated_at = stored, actor.id, utcnow()
        s.add(row)
        audit.record(s, actor=actor, action="settings.save", entity="setting", entity_id=section,
                     old=_masked(old, hidden), new=_masked(new, hidden, changed))
