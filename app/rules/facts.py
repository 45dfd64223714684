"""Facts that decide eligibility are typed by an officer, never invented by the app (issue 15 "Facts, not
defaults", issue 18 point 6).

A step input that decides eligibility and arrives empty (``None`` or blank) is refused here with an
Indonesian message, before anything is written; the eligibility rules (:mod:`app.rules.eligibility`)
refuse a step whose fact was never given at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.errors import ValidationError

#: step-input key → what the officer must fill in
REQUIRED_FACTS: dict[str, str] = {
    "deactivated_on": "Tanggal nonaktif kepesertaan",
    "reported_on": "Tanggal lapor ke Dinas",
    "electricity_va": "Daya listrik",
    "dependants": "Jumlah tanggungan",
    "bpjs_status": "Status di BPJS",
    "reason_code": "Alasan penonaktifan",
    "field_poor": "Hasil verifikasi lapangan",
}

#: the parts of a BPJS confirmation, each required when one is recorded
CONFIRMATION_FACTS: dict[str, str] = {
    "confirmed_by": "Petugas BPJS yang mengonfirmasi",
    "confirmed_at": "Waktu konfirmasi BPJS",
    "answer": "Jawaban BPJS",
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def refuse_empty(values: Mapping[str, Any] | None, facts: Mapping[str, str] = REQUIRED_FACTS) -> None:
    """Refuse step inputs that name an eligibility fact but leave it empty."""
    empty = [label for key, label in facts.items() if key in (values or {}) and _blank((values or {})[key])]
    if empty:
        raise ValidationError(f"{', '.join(empty)} wajib diisi oleh petugas; aplikasi tidak mengisinya sendiri.")


def refuse_incomplete_confirmation(confirmed_by: Any, confirmed_at: Any, answer: Any) -> None:
    """A BPJS confirmation names who, when and the answer; none of them is filled in by the app."""
    refuse_empty({"confirmed_by": confirmed_by, "confirmed_at": confirmed_at, "answer": answer}, CONFIRMATION_FACTS)
