"""Why a move is not possible now, in words the officer can act on — so the window can show the button
disabled with its reason instead of hiding it (a hidden button teaches nothing; a disabled one without a reason
costs a phone call).

The core still checks every move when it is made (:mod:`app.services.cases`); these are the same conditions read
ahead of time, from the case as the window shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.context import Office
from app.rules.permissions import Actor, allowed, require, role_label
from app.servicedefs import get as get_definition
from app.services import cases
from app.workflow import products


@dataclass(frozen=True)
class MoveHints:
    """For each move (``advance``, ``paraf``, ``return``, ``reject``): offered (the button shows), and if offered
    but not possible now, why (the button is disabled with this text). ``summary`` is one line for the screen."""

    offered: dict[str, bool]
    blocked: dict[str, str]
    summary: str

    def reason(self, move: str) -> str:
        return self.blocked.get(move, "")


def _roles_text(roles) -> str:
    return " / ".join(role_label(r) for r in roles)


def hints(office: Office, *, actor: Actor, info: cases.CaseInfo) -> MoveHints:
    """What this officer sees for ``info``'s current step (``info`` as just read by :func:`cases.get_case`)."""
    require(actor, "case.view")
    none = {"advance": False, "paraf": False, "return": False, "reject": False}
    if not info.is_open:
        return MoveHints(none, {}, "Berkas sudah ditutup.")
    if not allowed(actor, "case.move"):
        return MoveHints(none, {}, "Peran Anda hanya melihat berkas; tindakan dikerjakan petugas langkahnya.")
    defn = get_definition(office, info.service_code)
    step = defn.step(info.current_step)
    in_chain = [r for r in step.chain if actor.has(r)]
    mine = any(actor.has(r) for r in step.roles) or bool(in_chain)
    if not mine:
        return MoveHints(none, {}, f"Tidak ada tindakan untuk Anda: langkah '{step.name}' dikerjakan oleh "
                                   f"{_roles_text(step.chain or step.roles)}.")
    offered = {"advance": step.kind in ("task", "ranking"), "paraf": step.kind == "paraf",
               "return": any(c != info.current_step for c in info.data.get("path", [])), "reject": True}
    blocked: dict[str, str] = {}
    if step.kind == "ranking":
        blocked["advance"] = ("Berkas ini menunggu peringkatan dalam kuota: jalankan peringkatan di layar Peringkat "
                              "Jamkesda.")
    elif step.kind == "task" and step.code == defn.gate_step.code and info.missing:
        blocked["advance"] = ("Persyaratan belum lengkap: " + "; ".join(info.missing) + ". Centang persyaratan "
                              "yang sudah diterima di tab Persyaratan.")
    if step.kind == "task" and "advance" not in blocked:
        missing = products.blocking(info.data, step)
        if missing:
            verb = "dibuat" if all(m.startswith("konsep ") for m in missing) else "diterbitkan"
            blocked["advance"] = f"Langkah ini selesai setelah {', '.join(missing)} {verb} pada langkah ini."
    if step.kind == "paraf":
        if info.paraf_next is None:
            blocked["paraf"] = "Semua paraf sudah diberikan."
        elif not actor.has(info.paraf_next):
            blocked["paraf"] = (f"Paraf berurutan: menunggu paraf {role_label(info.paraf_next)} lebih dahulu "
                                f"({' → '.join(role_label(r) for r in step.chain)}).")
    summary = next((blocked[m] for m in ("advance", "paraf") if m in blocked and offered[m]), "")
    return MoveHints(offered, blocked, summary)
