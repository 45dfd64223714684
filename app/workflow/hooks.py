"""Service hooks: what one service needs done at an engine event, declared in its definition, never wired
into the engine.

A definition names its hooks per event (``[hooks]`` in the TOML)::

    [hooks]
    on_open = ["jamkesda.periode_kuota"]
    on_close = ["jamkesda.lepas_slot"]

The engine (:mod:`app.workflow.engine`) calls :func:`fire` at each event, inside the transaction of the move,
with a :class:`HookContext`; a hook that raises rolls the whole move back. Events:

- ``on_open``: a case was just created (before its first flush);
- ``on_enter``: the case entered a step (``ctx.step``);
- ``on_close``: the case closed, served or not (``ctx.outcome``), by a move, a rejection or an outside event.

:data:`CATALOGUE` lists every hook a definition may name, the module that registers it (imported when the
hook is first needed, so the engine imports no service module) and the events it may be attached to. The
definition loader refuses an unknown hook or a hook on the wrong event.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session

    from app.context import Office
    from app.db.models import Case
    from app.rules.permissions import Actor
    from app.rules.rule_settings import RuleSettings
    from app.servicedefs import ServiceDef, Step

EVENTS = ("on_open", "on_enter", "on_close")


@dataclass(frozen=True)
class Hook:
    name: str
    module: str  # the module that registers it
    events: tuple[str, ...]
    description: str


#: every hook a service definition may name
CATALOGUE: dict[str, Hook] = {h.name: h for h in (
    Hook("jamkesda.periode_kuota", "app.services.jamkesda", ("on_open",),
         "berkas masuk periode kuota menurut tanggal penerimaannya"),
    Hook("jamkesda.lepas_slot", "app.services.jamkesda", ("on_close",),
         "peserta layak yang berkasnya ditutup tanpa dilayani (mis. ditolak BPJS) membebaskan kuotanya; "
         "daftar tunggu naik"),
    Hook("jamkesda.keluar_kuota", "app.services.jamkesda", ("on_close",),
         "penonaktifan yang selesai: peserta keluar dari kuota dan daftar tunggu jamkesda (meninggal/pindah), "
         "berkas terbuka lainnya diberi tanda"),
)}


@dataclass
class HookContext:
    """What a hook may use; it changes ``case`` (and other rows) through ``s``, inside the move's transaction."""

    s: Session
    office: Office
    actor: Actor | None
    case: Case
    defn: ServiceDef
    cfg: RuleSettings
    now: datetime
    event: str
    step: Step | None = None  # on_enter: the step entered
    outcome: str = ""  # on_close: the closing outcome

    @property
    def served(self) -> bool:
        return self.case.closed_at is not None and self.case.status == "selesai"


HookFn = Callable[[HookContext], Any]
_REGISTRY: dict[str, HookFn] = {}


def register(name: str) -> Callable[[HookFn], HookFn]:
    """Decorator: the function behind a catalogued hook (called by the module named in the catalogue)."""
    if name not in CATALOGUE:
        raise KeyError(f"hook '{name}' is not in app.workflow.hooks.CATALOGUE")

    def deco(fn: HookFn) -> HookFn:
        _REGISTRY[name] = fn
        return fn

    return deco


def resolve(name: str) -> HookFn:
    """The registered function of a catalogued hook (its module is imported on first use)."""
    fn = _REGISTRY.get(name)
    if fn is None:
        importlib.import_module(CATALOGUE[name].module)
        fn = _REGISTRY.get(name)
    if fn is None:
        raise LookupError(f"hook '{name}' is catalogued but {CATALOGUE[name].module} does not register it")
    return fn


def fire(event: str, ctx: HookContext) -> None:
    """Run the hooks the case's definition declares for ``event``, in their declared order."""
    assert event in EVENTS, event
    for name in ctx.defn.hooks.get(event, ()):
        resolve(name)(ctx)


def check(raw: Any) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, str]]]:
    """Parse a definition's ``[hooks]`` table: (hooks by event, [(message, value)] of what is wrong)."""
    errors: list[tuple[str, str]] = []
    out: dict[str, tuple[str, ...]] = {}
    if raw is None:
        return out, errors
    if not isinstance(raw, dict):
        return out, [("'hooks' harus berupa tabel [hooks].", "hooks")]
    for event, names in raw.items():
        if event not in EVENTS:
            errors.append((f"peristiwa hook tidak dikenal '{event}'. Pilihan: {', '.join(EVENTS)}.", event))
            continue
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list):
            errors.append((f"'{event}' harus berupa daftar nama hook.", event))
            continue
        for n in names:
            hook = CATALOGUE.get(str(n))
            if hook is None:
                errors.append((f"hook tidak dikenal '{n}'. Yang dikenal: {', '.join(CATALOGUE)}.", str(n)))
            elif event not in hook.events:
                errors.append((f"hook '{n}' hanya untuk {', '.join(hook.events)}, bukan {event}.", str(n)))
        out[event] = tuple(str(n) for n in names)
    return out, errors
