"""The documents a case produces, bound to the steps of its service definition.

Each document of a case is an entry in ``case.data["documents"]``:

``{"key", "title", "step", "roles", "status", "due_at", "letter_id", "number", ...}``

with ``status`` one of ``due`` (to be made at ``step``), ``konsep`` (drafted, no number yet), ``issued``
(numbered and final), ``voided`` (the letter was voided: the step may issue it again) and ``discarded`` (a
return for revision threw the draft away). A letter is issued only at the step that ``produces`` it, only by a
role of that step, only while the case is at that step (or, for a closing letter, closed with that outcome),
and only once: another copy is a reprint of the same number.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from app.errors import PermissionDenied, ValidationError
from app.rules.permissions import Actor, role_label
from app.servicedefs import DOCUMENT_KEYS, ServiceDef, Step

DUE, KONSEP, ISSUED, VOIDED, DISCARDED = "due", "konsep", "issued", "voided", "discarded"
OPEN = (DUE, KONSEP)
#: documents made wherever the case is (a referral follows a finding, not a step)
ANYWHERE_STEP = "*"
#: positive outcomes of a case: the service's product must have been issued before closing so
POSITIVE_OUTCOMES = ("selesai", "layak")


def title(key: str) -> str:
    return DOCUMENT_KEYS.get(key, key)


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data.setdefault("documents", [])


def current(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The live entry of ``key`` (due, konsep or issued), if any."""
    return next((e for e in reversed(data.get("documents", [])) if e["key"] == key
                 and e.get("status") in (DUE, KONSEP, ISSUED)), None)


def issued(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    e = current(data, key)
    return e if e is not None and e.get("status") == ISSUED else None


def add_due(data: dict[str, Any], key: str, *, step: str, roles: Iterable[str], now: datetime) -> dict[str, Any]:
    """Make ``key`` due at ``step`` (``"*"``: anywhere while the case is open; ``"close:<outcome>"``: after
    closing with that outcome). An existing due or konsep entry moves to ``step``; an issued one stays."""
    e = current(data, key)
    if e is not None:
        if e["status"] in OPEN:
            e.update({"step": step, "roles": list(roles)})
            return e
        if e.get("step") == step or step == ANYWHERE_STEP:
            return e
        # issued elsewhere (e.g. the waiting-list notice before a promotion): this step makes its own
    e = {"key": key, "title": title(key), "step": step, "roles": list(roles), "due_at": now.isoformat(),
         "status": DUE, "letter_id": None, "number": ""}
    entries(data).append(e)
    return e


def on_enter(data: dict[str, Any], step: Step, roles: Iterable[str], now: datetime) -> None:
    """Entering a step makes the letters it drafts or produces due there."""
    for key in (*step.drafts, *step.produces):
        add_due(data, key, step=step.code, roles=roles, now=now)


def blocking(data: dict[str, Any], step: Step) -> list[str]:
    """What the step still has to make before it can be completed (titles)."""
    out = []
    for key in step.drafts:
        e = current(data, key)
        if e is None or e["status"] == DUE:
            out.append(f"konsep {title(key)}")
    for key in step.produces:
        e = current(data, key)
        if e is None or e["status"] != ISSUED:
            out.append(title(key))
    return out


def require_complete(data: dict[str, Any], step: Step) -> None:
    missing = blocking(data, step)
    if missing:
        verb = "dibuat" if all(m.startswith("konsep ") for m in missing) else "diterbitkan"
        raise ValidationError(f"Langkah '{step.name}' belum dapat diselesaikan: {', '.join(missing)} belum "
                              f"{verb} pada langkah ini.")


def require_product(data: dict[str, Any], defn: ServiceDef, outcome: str) -> None:
    """A case closes as served only with its product issued."""
    if outcome in POSITIVE_OUTCOMES and defn.product and issued(data, defn.product) is None:
        raise ValidationError(f"Berkas tidak dapat ditutup '{outcome}' tanpa produknya: {title(defn.product)} "
                              "belum diterbitkan.")


def _check_roles(entry: dict[str, Any], actor: Actor) -> None:
    roles = entry.get("roles") or []
    if roles and not any(actor.has(r) for r in roles):
        raise PermissionDenied(f"surat {entry['title']}", actor.username, [role_label(r) for r in roles])


def _where(defn: ServiceDef, entry: dict[str, Any]) -> str:
    step = entry.get("step", "")
    if step.startswith("close:"):
        return f"setelah berkas ditutup '{step[6:]}'"
    try:
        return f"pada langkah '{defn.step(step).name}'"
    except KeyError:
        return "pada langkahnya"


def _at_its_place(case_step: str, closed: bool, outcome: str, entry: dict[str, Any]) -> bool:
    step = entry.get("step", "")
    if step == ANYWHERE_STEP:
        return not closed
    if step.startswith("close:"):
        return closed and outcome == step[6:]
    return not closed and case_step == step


def _no_entry(defn: ServiceDef, key: str, data: dict[str, Any]) -> ValidationError:
    done = issued(data, key)
    if done is not None:
        return ValidationError(f"{title(key)} untuk berkas ini sudah diterbitkan dengan nomor {done['number']}; "
                               "salinan lain adalah cetak ulang nomor yang sama (menu Cetak ulang).")
    steps = [s.name for s in defn.steps if key in s.produces or key in s.drafts]
    where = f" Surat ini dibuat pada langkah: {', '.join(steps)}." if steps else ""
    return ValidationError(f"{title(key)} tidak dapat dibuat untuk berkas ini pada keadaannya sekarang.{where}")


def for_issue(data: dict[str, Any], defn: ServiceDef, key: str, actor: Actor, *, case_step: str,
              closed: bool, outcome: str) -> dict[str, Any]:
    """The entry a final (numbered) letter is issued for, after every check; raises otherwise."""
    e = current(data, key)
    if e is None or e["status"] == ISSUED:
        raise _no_entry(defn, key, data)
    if not _at_its_place(case_step, closed, outcome, e):
        signing = [s.name for s in defn.steps if key in s.produces]
        if e.get("status") == KONSEP and signing:
            raise ValidationError(f"{e['title']} hanya diterbitkan pada langkah '{signing[-1]}' (konsepnya "
                                  "diparaf lebih dahulu).")
        raise ValidationError(f"{e['title']} hanya diterbitkan {_where(defn, e)}.")
    step = e.get("step", "")
    if step not in (ANYWHERE_STEP,) and not step.startswith("close:") and key not in defn.step(step).produces:
        raise ValidationError(f"Pada langkah '{defn.step(step).name}' {e['title']} hanya dibuat sebagai konsep; "
                              "nomor diambil pada langkah penandatanganan.")
    if any(key in s.drafts for s in defn.steps) and e["status"] != KONSEP and not step.startswith("close:"):
        raise ValidationError(f"Konsep {e['title']} belum dibuat; surat diterbitkan dari konsep yang sudah "
                              "diparaf.")
    _check_roles(e, actor)
    return e


def for_konsep(data: dict[str, Any], defn: ServiceDef, key: str, actor: Actor, *, case_step: str,
               closed: bool) -> dict[str, Any]:
    """The entry a KONSEP is made for (at the drafting step, by its role)."""
    e = current(data, key)
    if e is None or e["status"] == ISSUED:
        raise _no_entry(defn, key, data)
    if closed or case_step != e.get("step") or key not in defn.step(case_step).drafts:
        raise ValidationError(f"Konsep {e['title']} dibuat pada langkah "
                              + ", ".join(f"'{s.name}'" for s in defn.steps if key in s.drafts) + ".")
    _check_roles(e, actor)
    return e


def mark_konsep(e: dict[str, Any], *, path: str, sha256: str, actor: Actor, now: datetime) -> None:
    e.update({"status": KONSEP, "konsep_path": path, "konsep_sha256": sha256, "konsep_at": now.isoformat(),
              "konsep_by": actor.username})


def mark_issued(e: dict[str, Any], *, letter_id: int | None, number: str, now: datetime) -> None:
    e.update({"status": ISSUED, "letter_id": letter_id, "number": number, "issued_at": now.isoformat()})


def mark_voided(data: dict[str, Any], letter_id: int) -> dict[str, Any] | None:
    """A voided letter: its step may issue it again (a new number)."""
    for e in data.get("documents", []):
        if e.get("letter_id") == letter_id and e.get("status") == ISSUED:
            e["status"] = VOIDED
            again = {k: v for k, v in e.items() if k not in ("letter_id", "number", "issued_at", "status")}
            entries(data).append({**again, "status": DUE, "letter_id": None, "number": "",
                                  "konsep_path": None})
            return e
    return None


def discard_from(data: dict[str, Any], defn: ServiceDef, to_step: str) -> list[str]:
    """A return for revision to ``to_step``: drafts made at or after it are thrown away (no number is spent);
    returns the konsep files to delete. A numbered letter made at or after it blocks the return."""
    first = defn.step_index(to_step)
    later = {s.code for s in defn.steps if defn.step_index(s.code) >= first}
    drafted_later = {k for s in defn.steps if s.code in later for k in (*s.drafts, *s.produces)}
    files: list[str] = []
    for e in data.get("documents", []):
        if e["key"] not in drafted_later:
            continue
        if e.get("status") == ISSUED:
            raise ValidationError(f"{e['title']} sudah bernomor ({e['number']}); batalkan surat itu lebih dahulu "
                                  "sebelum berkas dikembalikan ke langkah sebelumnya.")
        if e.get("status") in OPEN:
            if e.get("konsep_path"):
                files.append(e["konsep_path"])
            e["status"] = DISCARDED
    return files
