"""The three checks the workflow engine asks of the network, each one small function.

* :func:`check_owner` — a case has one owner at a time; only the owning office changes it (called where the
  engine claims a case). There is then nothing to merge.
* :func:`check_step_here` — which steps a kelurahan may perform is part of the service definition
  (``Step.at``); a move at any other step is refused here.
* :func:`check_may_issue` — letters are issued at the Dinas; a kelurahan issues only the receipt and shows
  the Dinas's letters it received.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.errors import ValidationError
from app.network import identity

#: documents a kelurahan issues itself (everything else comes from the Dinas with its number)
KELURAHAN_DOCUMENTS = frozenset({"tanda_terima"})


class NotOwner(ValidationError):
    """The case belongs to another office of the network."""


def check_owner(s: Session, case: Any) -> None:
    owner = getattr(case, "owner_office", None)
    if not owner:
        return
    ident = identity.load_in(s)
    if owner != ident.code:
        raise NotOwner(f"Berkas {case.reg_number} sudah diserahkan kepada {owner} dan hanya dapat diubah di sana. "
                       "Statusnya diperbarui setiap kali paket dari kantor itu diterima.")


def office_may_perform(kind: str, step: Any) -> bool:
    return kind in getattr(step, "at", ("dinas",))


def check_step_here(s: Session, step: Any) -> None:
    kind = identity.load_in(s).kind
    if not office_may_perform(kind, step):
        where = "Dinas Sosial" if "dinas" in step.at else "kelurahan/desa"
        here = identity.KINDS.get(kind, kind)
        raise ValidationError(f"Langkah '{step.name}' dikerjakan di {where}, bukan di kantor ini ({here}). "
                              "Kirim berkas ke Dinas lewat menu Jaringan → Kirim ke Dinas.")


def check_may_issue(s: Session, key: str) -> None:
    if identity.load_in(s).is_kelurahan and key not in KELURAHAN_DOCUMENTS:
        raise ValidationError("Surat ini diterbitkan oleh Dinas Sosial. Kelurahan menerima nomor dan berkas suratnya "
                              "dalam paket dari Dinas, lalu menyerahkannya kepada pemohon.")
