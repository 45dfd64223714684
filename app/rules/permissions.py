"""Roles (SPEC §6) and which role may do which action. The core checks; the window only hides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from app.errors import PermissionDenied

ROLES: dict[str, str] = {
    "front_office": "Petugas Front Office",
    "back_office": "Petugas Back Office",
    "verifier": "Verifikator / Fasilitator",
    "penyuluh_sosial": "Penyuluh Sosial",
    "manager": "Manajer Pelayanan",
    "kasi_linjamsos": "Kasi Linjamsos",
    "kabid_linjamsos": "Kabid Linjamsos",
    "sekretaris": "Sekretaris",
    "kepala_dinas": "Kepala Dinas",
    "supervisor": "Supervisor",
    "administrator": "Administrator",
}

ALL_ROLES = frozenset(ROLES)
_STAFF = ALL_ROLES  # every signed-in role

#: action → roles that may perform it. Extended by each domain as it is built; an action missing
#: here is refused for everyone (deny by default).
ACTIONS: dict[str, frozenset[str]] = {
    "office.edit": frozenset({"administrator"}),
    "settings.edit": frozenset({"administrator"}),
    "user.manage": frozenset({"administrator"}),
    "official.manage": frozenset({"administrator"}),
    "audit.verify": frozenset({"administrator", "supervisor"}),
    "backup.make": frozenset({"administrator", "supervisor"}),
    "dtsen.import": frozenset({"administrator", "supervisor"}),
    "dtsen.lookup": _STAFF,
    # Cases (the step's own role is checked again by the workflow engine)
    "case.open": frozenset({"front_office", "back_office", "manager", "supervisor"}),
    "case.view": _STAFF,
    "case.checklist": frozenset({"front_office", "back_office", "verifier"}),
    "case.edit": frozenset({"front_office", "back_office", "verifier", "penyuluh_sosial", "manager"}),
    "case.move": _STAFF - {"administrator"},
    "case.document": _STAFF - {"administrator"},
    "case.overdue": _STAFF,
    # Correcting a stored person's name, No KK or birth date: explicit, with a reason, audited (never a side
    # effect of opening a case).
    "person.correct": frozenset({"front_office", "back_office", "verifier", "manager", "supervisor"}),
    # Scanned documents of a case: whoever opens, ticks or edits cases adds and removes them (open cases only).
    "attachment.add": frozenset({"front_office", "back_office", "verifier", "penyuluh_sosial", "manager",
                                 "supervisor"}),
    "attachment.remove": frozenset({"front_office", "back_office", "verifier", "penyuluh_sosial", "manager",
                                    "supervisor"}),
    "attachment.view": _STAFF,
    # Wizards saved half-way: whoever opens cases; the supervising roles also see and clear other users' drafts.
    "draft.save": frozenset({"front_office", "back_office", "manager", "supervisor"}),
    "draft.view_all": frozenset({"manager", "supervisor"}),
    "jamkesda.rank": frozenset({"back_office", "kabid_linjamsos", "manager", "supervisor"}),
    "jamkesda.release": frozenset({"back_office", "kabid_linjamsos", "manager", "supervisor"}),
    # Complaints (SPEC §1.6) and the satisfaction survey
    "complaint.register": frozenset({"front_office", "back_office", "manager", "supervisor"}),
    "complaint.handle": frozenset({"back_office", "manager", "kasi_linjamsos", "kabid_linjamsos", "supervisor"}),
    "complaint.view": _STAFF,
    "survey.record": frozenset({"front_office", "back_office", "manager", "supervisor"}),
    "survey.report": frozenset({"manager", "supervisor", "kasi_linjamsos", "kabid_linjamsos", "sekretaris",
                                "kepala_dinas", "administrator"}),
    # Seeing a full (unmasked) NIK: the jobs that type or check it against documents.
    "nik.view_full": frozenset({"front_office", "back_office", "verifier", "penyuluh_sosial", "manager",
                                "supervisor", "administrator"}),
    # Monthly batches, outbox, feedback and reconciliation (SPEC §4–§5): the supervisor's job.
    "batch.close": frozenset({"supervisor"}),
    "batch.list": frozenset({"supervisor", "administrator", "kasi_linjamsos", "kabid_linjamsos", "manager"}),
    "batch.carry": frozenset({"supervisor"}),
    "outbox.send": frozenset({"supervisor", "administrator"}),
    "feedback.import": frozenset({"supervisor"}),
    # Quarterly reconciliation (SOP Cirebon step 7: Kasi and/or Kabid Linjamsos with BPJS and Dukcapil), and
    # the import of the office's PBI-APBD roster from BPJS it reconciles against.
    "reconcile.run": frozenset({"supervisor", "kasi_linjamsos", "kabid_linjamsos"}),
    "roster.import": frozenset({"supervisor", "kasi_linjamsos", "kabid_linjamsos"}),
    # Writing files that carry full (unmasked) NIKs out of the app; always logged.
    "export.full_nik": frozenset({"supervisor"}),
    # Letters (SPEC §3): every counter role issues and reprints; voiding a number needs a superior.
    "letter.issue": _STAFF,
    "letter.list": _STAFF,
    "letter.reprint": _STAFF,
    "letter.pdf": _STAFF,
    "letter.void": frozenset({"supervisor", "manager", "kasi_linjamsos", "kabid_linjamsos", "sekretaris",
                              "kepala_dinas", "administrator"}),
    # Personal data (UU 27/2022 PDP): a subject's access request and anonymisation after retention.
    "privacy.export": frozenset({"administrator", "supervisor"}),
    "privacy.anonymise": frozenset({"administrator"}),
    # Kelurahan–Dinas network (SPEC §8): enrolment by the administrator; packages sent and received by the
    # counter staff and the supervisor; everyone sees the status.
    "network.manage": frozenset({"administrator"}),
    "network.exchange": frozenset({"front_office", "back_office", "verifier", "manager", "supervisor",
                                   "administrator"}),
    "network.view": _STAFF,
}


class RoleSource(Protocol):
    """Where the core reads a user's current roles (the office database: app/services/users.py)."""

    def current_roles(self, user_id: int, username: str) -> frozenset[str] | None:
        """The roles the user holds now (sealed rows only), or ``None`` for an unknown or disabled user."""
        ...


@dataclass(frozen=True)
class Actor:
    """The signed-in user as the core sees them (detached from any session).

    ``roles`` is what the user held when they signed in; it only decides what a window shows.
    :func:`require` never trusts it: it reads the user's roles again from ``source`` (the office database),
    so an Actor built by hand, or one whose roles were changed since, is refused.
    """

    id: int
    username: str
    full_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    source: RoleSource | None = field(default=None, compare=False, repr=False)

    def has(self, role: str) -> bool:
        return role in self.roles


def allowed(actor: Actor, action: str) -> bool:
    """Whether the roles the actor signed in with include ``action`` (for showing or hiding a control)."""
    return bool(actor.roles & ACTIONS.get(action, frozenset()))


def current_roles(actor: Actor) -> frozenset[str]:
    """The actor's roles as the database holds them now; empty for a hand-built or changed Actor."""
    if actor.source is None:
        return frozenset()
    roles = actor.source.current_roles(actor.id, actor.username)
    if roles is None or roles != actor.roles:
        return frozenset()
    return roles


def require(actor: Actor, action: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` holds a role allowed to do ``action``.

    The roles are read again from the database for every call (see :class:`Actor`).
    """
    if not (current_roles(actor) & ACTIONS.get(action, frozenset())):
        needed = sorted(ROLES[r] for r in ACTIONS.get(action, frozenset()))
        raise PermissionDenied(action, actor.username, needed)


def role_label(role: str) -> str:
    return ROLES.get(role, role)
