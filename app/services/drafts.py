"""Service wizards saved half-way and resumed later (SPEC §1: "a wizard can be saved and resumed").

A draft keeps the wizard's state as JSON (what each page holds) and its chosen scans as staged copies in
``attachments/drafts/<draft id>/``, so resuming works after the applicant's USB stick is gone. A draft is
not a case: it has no registration number, ticks nothing and starts no service time. The wizard deletes
its draft once the case is saved. Officers see their own drafts; managers and supervisors see all.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import OfficeProfile, User, WizardDraft
from app.errors import NotFound, PermissionDenied, ValidationError
from app.rules.identifiers import mask_nik
from app.rules.permissions import Actor, allowed, require
from app.services import attachments, audit
from app.timeutil import utcnow

MAX_STATE_CHARS = 200_000


@dataclass(frozen=True)
class StagedFile:
    """A scan kept with a draft: the requirement it shows, its shown name and the staged copy."""

    requirement_code: str
    file_name: str
    path: Path


@dataclass(frozen=True)
class DraftSummary:
    id: int
    service_code: str
    counter: str | None
    created_by: int | None
    created_by_name: str
    nik: str  # masked, as in every list of cases; the resumed wizard shows it in full
    name: str
    files: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class DraftInfo:
    id: int
    service_code: str
    counter: str | None
    created_by: int | None
    nik: str
    name: str
    state: dict[str, Any]
    files: tuple[StagedFile, ...]
    created_at: datetime
    updated_at: datetime
    #: the office's time zone: the wizard shows when the draft was saved in office time
    zone: str = "WIB"


def _folder(office: Office, draft_id: int) -> Path:
    return office.dirs.attachments / "drafts" / str(draft_id)


def _staged(office: Office, data: dict[str, Any]) -> tuple[StagedFile, ...]:
    return tuple(StagedFile(f.get("requirement", ""), f.get("file_name", ""), office.dirs.attachments / f["path"])
                 for f in data.get("files", []))


def _own(actor: Actor, row: WizardDraft) -> None:
    if row.created_by != actor.id and not allowed(actor, "draft.view_all"):
        raise PermissionDenied("draf milik petugas lain", actor.username)


def _get(s: Session, draft_id: int) -> WizardDraft:
    row = s.get(WizardDraft, draft_id)
    if row is None:
        raise NotFound(f"Draf #{draft_id} tidak ditemukan (mungkin sudah dilanjutkan atau dihapus).")
    return row


def save_draft(office: Office, *, actor: Actor, service_code: str, state: dict[str, Any], nik: str = "",
               name: str = "", files: Iterable[attachments.FileToAttach] = (), draft_id: int | None = None,
               counter: str | None = None) -> DraftInfo:
    """Create (``draft_id=None``) or replace a draft. ``files`` are the scans chosen so far: each is checked
    and copied into the draft's folder (a file already staged there is kept as it is); staged copies no
    longer listed are removed."""
    require(actor, "draft.save")
    if not service_code:
        raise ValidationError("Layanan draf belum dipilih.")
    try:
        size = len(json.dumps(state, default=str))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"Isian wizard tidak dapat disimpan sebagai draf: {exc}.") from exc
    if size > MAX_STATE_CHARS:
        raise ValidationError("Isian wizard terlalu besar untuk disimpan sebagai draf.")
    files = list(files)
    max_bytes = attachments.load_settings(office).max_mb * 1024 * 1024
    checked = [(f, attachments.check_file(f.path, max_bytes=max_bytes)) for f in files]
    now = utcnow()
    nik, name = nik.strip()[:20], name.strip()[:120]
    with office.db.write() as s:
        if draft_id is None:
            row = WizardDraft(service_code=service_code, counter=counter or office.config.counter,
                              created_by=actor.id, created_at=now, updated_at=now, data={})
            s.add(row)
            s.flush()
        else:
            row = _get(s, draft_id)
            _own(actor, row)
            if row.service_code != service_code:
                raise ValidationError("Draf ini untuk layanan lain.")
        did = row.id or 0
        old_files = {f["path"] for f in (row.data or {}).get("files", [])}
        folder = _folder(office, did)
        staged: list[dict[str, str]] = []
        new_copies: list[Path] = []
        try:
            for f, c in checked:
                src = Path(f.path)
                if src.parent.resolve() == folder.resolve() and src.exists():
                    path = src
                else:
                    path, _sha, _size = attachments.store_copy(c, folder, max_bytes=max_bytes)
                    new_copies.append(path)
                staged.append({"requirement": f.requirement_code, "file_name": f.name,
                               "path": path.relative_to(office.dirs.attachments).as_posix()})
            data = {"state": copy.deepcopy(state), "files": staged}
            row.data, row.nik, row.name, row.updated_at = data, nik, name, now
            s.add(row)
            audit.record(s, actor=actor, action="draft.save", entity="wizard_draft", entity_id=did,
                         new={"service": service_code, "nik": mask_nik(nik),
                              "files": len(staged), "new": draft_id is None})
            s.flush()
        except BaseException:
            for p in new_copies:
                p.unlink(missing_ok=True)
            raise
    keep = {f["path"] for f in staged}
    for rel in old_files - keep:  # after the commit: copies the draft no longer lists
        (office.dirs.attachments / rel).unlink(missing_ok=True)
    return load_draft(office, actor=actor, draft_id=did)


def list_drafts(office: Office, *, actor: Actor, service_code: str | None = None) -> list[DraftSummary]:
    """Drafts to resume, newest first: the user's own; managers and supervisors see every user's."""
    require(actor, "draft.save")
    with office.db.read() as s:
        q = select(WizardDraft)
        if not allowed(actor, "draft.view_all"):
            q = q.where(WizardDraft.created_by == actor.id)
        if service_code:
            q = q.where(WizardDraft.service_code == service_code)
        rows = list(s.exec(q.order_by(col(WizardDraft.updated_at).desc(), col(WizardDraft.id).desc())).all())
        ids = {r.created_by for r in rows if r.created_by}
        names = {u.id: u.full_name for u in s.exec(select(User).where(col(User.id).in_(ids))).all()} \
            if ids else {}
        return [DraftSummary(r.id or 0, r.service_code, r.counter, r.created_by, names.get(r.created_by, ""),
                             mask_nik(r.nik), r.name, len((r.data or {}).get("files", [])), r.created_at,
                             r.updated_at) for r in rows]


def load_draft(office: Office, *, actor: Actor, draft_id: int) -> DraftInfo:
    """A draft with its state and staged files (the wizard re-checks everything when it is resumed)."""
    require(actor, "draft.save")
    with office.db.read() as s:
        row = _get(s, draft_id)
        _own(actor, row)
        data = row.data or {}
        profile = s.get(OfficeProfile, 1)
        return DraftInfo(row.id or 0, row.service_code, row.counter, row.created_by, row.nik, row.name,
                         copy.deepcopy(data.get("state", {})), _staged(office, data), row.created_at,
                         row.updated_at, profile.timezone if profile else "WIB")


def delete_draft(office: Office, *, actor: Actor, draft_id: int, reason: str = "") -> None:
    """Delete a draft and its staged copies (also called once the wizard has saved the case)."""
    with office.db.write() as s:
        delete_draft_in(s, office, actor=actor, draft_id=draft_id, reason=reason)


def delete_draft_in(s: Session, office: Office, *, actor: Actor, draft_id: int, reason: str = "") -> None:
    """Delete a draft inside the caller's transaction (intake: the draft became a case); its staged copies are
    removed once that transaction commits, never before."""
    require(actor, "draft.save")
    row = _get(s, draft_id)
    _own(actor, row)
    s.delete(row)
    audit.record(s, actor=actor, action="draft.delete", entity="wizard_draft", entity_id=draft_id,
                 old={"service": row.service_code, "nik": mask_nik(row.nik)},
                 new={"reason": reason})
    folder = _folder(office, draft_id)
    from sqlalchemy import event

    event.listen(s, "after_commit", lambda _s: shutil.rmtree(folder, ignore_errors=True), once=True)
