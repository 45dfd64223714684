"""Indonesian identifiers (SPEC §2): NIK, No KK, BPJS card number (noka), NIP.

Every identifier is text. An error blocks; a NIK whose birth date or sex disagrees with what is
recorded only warns (corrected birth dates keep the old NIK).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from app.errors import ValidationError
from app.timeutil import tanggal_angka

#: Kode provinsi (Kemendagri), including the Papua provinces formed in 2022.
PROVINCES: dict[str, str] = {
    "11": "Aceh", "12": "Sumatera Utara", "13": "Sumatera Barat", "14": "Riau", "15": "Jambi",
    "16": "Sumatera Selatan", "17": "Bengkulu", "18": "Lampung", "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah",
    "34": "DI Yogyakarta", "35": "Jawa Timur", "36": "Banten", "51": "Bali", "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur", "61": "Kalimantan Barat", "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan", "64": "Kalimantan Timur", "65": "Kalimantan Utara", "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah", "73": "Sulawesi Selatan", "74": "Sulawesi Tenggara", "75": "Gorontalo",
    "76": "Sulawesi Barat", "81": "Maluku", "82": "Maluku Utara", "91": "Papua", "92": "Papua Barat",
    "93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

_SCIENTIFIC = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$")
_FLOAT_TAIL = re.compile(r"^\d+[.,]0+$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,\s]\d{3}){3,}$")


def mangled_reason(raw: object) -> str | None:
    """Why a value looks like an identifier a spreadsheet turned into a number, or ``None``."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float):
        return "angka desimal dari lembar kerja (pengenal harus teks; digit terakhir bisa hilang)"
    if isinstance(raw, int):
        return "disimpan sebagai angka di lembar kerja, bukan teks"
    text = str(raw).strip()
    if _SCIENTIFIC.match(text):
        return f"'{text}' berformat ilmiah (mis. 3.27E+15): lembar kerja mengubah pengenal menjadi angka"
    if _FLOAT_TAIL.match(text):
        return f"'{text}' berakhiran desimal: lembar kerja mengubah pengenal menjadi angka"
    if _GROUPED.match(text):
        return f"'{text}' memakai pemisah ribuan: lembar kerja mengubah pengenal menjadi angka"
    return None


def _invisible(ch: str) -> bool:
    """Characters a paste brings along that nobody can see: zero-width and format characters (U+200B,
    U+200C, U+200D, U+2060, the BOM U+FEFF, direction marks, soft hyphen), every kind of space (ordinary,
    no-break U+00A0, narrow no-break U+202F, figure space, …), tabs and line breaks."""
    return unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Cc")


def strip_invisible(text: str) -> str:
    """``text`` without the invisible characters of :func:`_invisible` (anywhere, not only at the ends)."""
    return "".join(ch for ch in text if not _invisible(ch))


def _char_name(ch: str) -> str:
    if "0" <= ch <= "9":
        return ch
    if ch.isprintable() and not _invisible(ch) and ch.isascii():
        return f"'{ch}'"
    name = unicodedata.name(ch, "karakter tanpa nama")
    return f"U+{ord(ch):04X} {name}"


def _digits(raw: object, *, length: int, label: str) -> str:
    if type(raw) is str and len(raw) == length and raw.isdigit() and raw.isascii():
        return raw  # the common case, cheaply
    if isinstance(raw, str):
        raw = strip_invisible(raw)  # a pasted NIK often carries a zero-width or no-break space
    reason = mangled_reason(raw)
    if reason:
        raise ValidationError(f"{label} tidak sah: {reason}. Ketik ulang sebagai teks.")
    text = strip_invisible(str(raw))
    if not text:
        raise ValidationError(f"{label} wajib diisi.")
    if not text.isascii() or not text.isdigit():
        odd = list(dict.fromkeys(ch for ch in text if not ("0" <= ch <= "9")))
        raise ValidationError(f"{label} hanya boleh berisi angka 0–9; ditemukan karakter lain: "
                              f"{', '.join(_char_name(ch) for ch in odd)} (diterima: '{text}'). Ketik ulang "
                              "angkanya.")
    if len(text) != length:
        hint = ""
        if len(text) == length - 1:
            hint = " Mungkin angka 0 di depan hilang karena lembar kerja."
        raise ValidationError(f"{label} harus {length} digit, bukan {len(text)} digit.{hint}")
    return text


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str
    province: str
    regency_code: str
    district_code: str
    birth_date: date | None
    sex: str  # "L" or "P"
    serial: str
    warnings: list[str] = field(default_factory=list)


def _century(yy: int, today: date) -> int:
    """A two-digit year is in this century unless that would put the birth in the future."""
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def parse_nik(raw: object, *, today: date | None = None) -> NikInfo:
    """Validate a NIK and decode it. Raises :class:`ValidationError` with an Indonesian message."""
    nik = _digits(raw, length=16, label="NIK")
    today = today or date.today()
    prov = nik[0:2]
    if prov not in PROVINCES:
        raise ValidationError(f"NIK tidak sah: kode provinsi '{prov}' tidak dikenal.")
    if nik[2:4] == "00":
        raise ValidationError("NIK tidak sah: kode kabupaten/kota tidak boleh 00.")
    if nik[4:6] == "00":
        raise ValidationError("NIK tidak sah: kode kecamatan tidak boleh 00.")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if 1 <= day <= 31:
        sex = "L"
    elif 41 <= day <= 71:
        sex, day = "P", day - 40
    else:
        raise ValidationError(
            f"NIK tidak sah: tanggal lahir '{nik[6:8]}' harus 01–31 (laki-laki) atau 41–71 (perempuan)."
        )
    if not 1 <= month <= 12:
        raise ValidationError(f"NIK tidak sah: bulan lahir '{nik[8:10]}' harus 01–12.")
    if nik[12:16] == "0000":
        raise ValidationError("NIK tidak sah: nomor urut tidak boleh 0000.")
    warnings: list[str] = []
    try:
        born: date | None = date(_century(yy, today), month, day)
    except ValueError:
        born = None
        warnings.append(f"Tanggal lahir dalam NIK ({day:02d}-{month:02d}) bukan tanggal yang ada di kalender.")
    return NikInfo(nik, prov, PROVINCES[prov], nik[2:4], nik[4:6], born, sex, nik[12:16], warnings)


def nik_warnings(info: NikInfo, *, birth_date: date | None = None, sex: str | None = None) -> list[str]:
    """Mismatches between the NIK and the recorded data: warnings only, never a block."""
    warnings = list(info.warnings)
    if birth_date and info.birth_date and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        info.birth_date.day, info.birth_date.month, info.birth_date.year % 100
    ):
        warnings.append(
            f"Tanggal lahir tercatat {tanggal_angka(birth_date)} tidak sama dengan yang tersirat di NIK "
            f"({info.birth_date:%d-%m-%y}). Periksa KTP; NIK lama tetap berlaku bila tanggal lahir dikoreksi."
        )
    if sex and sex.upper() in ("L", "P") and sex.upper() != info.sex:
        warnings.append(
            f"Jenis kelamin tercatat {sex.upper()} tidak sama dengan yang tersirat di NIK ({info.sex})."
        )
    return warnings


def validate_nik(raw: object) -> str:
    return parse_nik(raw).nik


def validate_kk(raw: object) -> str:
    kk = _digits(raw, length=16, label="Nomor KK")
    if kk[0:2] not in PROVINCES:
        raise ValidationError(f"Nomor KK tidak sah: kode provinsi '{kk[0:2]}' tidak dikenal.")
    if kk[2:4] == "00" or kk[4:6] == "00":
        raise ValidationError("Nomor KK tidak sah: kode kabupaten/kota dan kecamatan tidak boleh 00.")
    return kk


def validate_noka(raw: object) -> str:
    """BPJS card number: 13 digits, leading zeros are part of it."""
    return _digits(raw, length=13, label="Nomor kartu BPJS (noka)")


def validate_nip(raw: object) -> str:
    """NIP: 18 digits = birth date YYYYMMDD, appointment YYYYMM, sex 1/2, serial 3."""
    nip = _digits(raw, length=18, label="NIP")
    try:
        date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise ValidationError("NIP tidak sah: delapan digit pertama harus tanggal lahir (TTTTBBHH).") from exc
    if not 1 <= int(nip[12:14]) <= 12:
        raise ValidationError("NIP tidak sah: digit 13–14 harus bulan pengangkatan 01–12.")
    if nip[14] not in "12":
        raise ValidationError("NIP tidak sah: digit ke-15 (jenis kelamin) harus 1 atau 2.")
    return nip


def format_nip(nip: str) -> str:
    """``197201031995031001`` → ``19720103 199503 1 001``."""
    nip = validate_nip(nip)
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


def mask_nik(nik: str) -> str:
    """``1971015208810001`` → ``197101********01``: region visible, birth date and serial hidden."""
    if len(nik) != 16:
        return "*" * len(nik)
    return nik[:6] + "*" * 8 + nik[14:]
