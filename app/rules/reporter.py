"""The reporter (pelapor) of a deactivation: who reports a participant's death (or speaks for them), with
their relation and NIK. The participant stays the case's person; the reporter is recorded in the case data
(``data["pelapor"]``), signs the surat pernyataan penonaktifan and is named on the receipt and the letter."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.errors import ValidationError
from app.rules.identifiers import validate_nik

RELATIONS = ("Suami", "Istri", "Anak", "Orang tua", "Saudara kandung", "Kepala keluarga", "Anggota keluarga lain",
             "Ketua RT/RW", "Perangkat kelurahan/desa", "Lainnya")
FIELDS = ("nama", "nik", "hubungan", "alamat", "no_hp")


def clean(raw: Mapping[str, Any] | None, *, participant_nik: str = "") -> dict[str, str]:
    """The reporter as stored: name, NIK (16 digits, checked), relation to the participant; address and phone
    optional. An empty reporter is ``{}``. The reporter is someone else than the participant."""
    if not raw or not any(str(raw.get(k) or "").strip() for k in FIELDS):
        return {}
    out = {k: " ".join(str(raw.get(k) or "").split()) for k in FIELDS}
    missing = [label for key, label in (("nama", "nama"), ("nik", "NIK"), ("hubungan", "hubungan dengan peserta"))
               if not out[key]]
    if missing:
        raise ValidationError("Data pelapor belum lengkap: " + ", ".join(missing) + " wajib diisi.")
    out["nik"] = validate_nik(out["nik"])
    if participant_nik and out["nik"] == participant_nik:
        raise ValidationError("Pelapor adalah orang lain dari peserta yang dinonaktifkan: NIK pelapor sama dengan "
                              "NIK peserta.")
    return out


def check(data: Mapping[str, Any]) -> str:
    """``""`` when the case data's reporter is absent or valid, else the reason (for an eligibility rule)."""
    try:
        clean(data.get("pelapor"))
    except ValidationError as exc:
        return str(exc)
    return ""
