"""A WhatsApp message to the applicant, opened in the officer's own WhatsApp through a ``wa.me`` link.

No account, no server, no API: the core prepares the text from the office's template (settings section
``loket``, :mod:`app.services.counter`) and the link ``https://wa.me/62…?text=…``; the window opens it and the
officer presses Send in WhatsApp. Two messages:

- ``receipt``: from the tanda terima — the registration number, and what is still missing or that the file is
  complete;
- ``ready``: "surat siap diambil" — which letter is ready, where to pick it up.

Phone numbers are normalised to the international form ``62…`` (``0812-3456-7890`` → ``6281234567890``); a
missing or invalid number is refused with the reason, so the officer can type the right one.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from sqlmodel import select

from app.context import Office
from app.db.models import Case, OfficeProfile, Person
from app.documents.dates import tanggal
from app.errors import NotFound, ValidationError
from app.rules.permissions import Actor, require
from app.services import audit, cases, letters
from app.timeutil import utcnow, zone

KINDS = {"receipt": "Tanda terima berkas", "ready": "Surat siap diambil"}
COMMON = {
    "nama": "nama pemohon",
    "nomor_registrasi": "nomor registrasi berkas",
    "layanan": "nama layanan",
    "tanggal": "tanggal berkas diterima",
    "kantor": "nama kantor",
    "alamat_kantor": "alamat kantor",
    "telepon_kantor": "telepon kantor",
}
#: placeholders each template may use -> what they stand for (shown in the settings page)
PLACEHOLDERS = {
    "receipt": {**COMMON, "kekurangan": "persyaratan yang masih kurang, atau bahwa berkas sudah lengkap"},
    "ready": {**COMMON, "surat": "judul surat yang siap diambil", "nomor_surat": "nomor surat"},
}
WA_LINK = "https://wa.me/{phone}?text={text}"
MAX_TEXT = 2000


@dataclass(frozen=True)
class ApplicantMessage:
    case_id: int
    reg_number: str
    kind: str
    phone: str  # 62…, ready for wa.me
    text: str

    @property
    def url(self) -> str:
        return wa_link(self.phone, self.text)


def normalise_phone(raw: str | None) -> str:
    """An Indonesian mobile number in the form WhatsApp links want: ``62`` and the number without its 0.

    Accepts ``0812 3456 7890``, ``0812-3456-7890``, ``+62 812 3456 7890``, ``62812…``, ``(0812) …`` and
    ``812…``. Refuses an empty number, letters, and numbers that are not mobile numbers (``08…``/``+628…``)
    or have the wrong length (9–13 digits after the 0).
    """
    text = (raw or "").strip()
    if not text:
        raise ValidationError("Nomor HP pemohon belum dicatat. Ketik nomor HP (mis. 0812 3456 7890) lalu coba lagi.")
    if re.search(r"[^\d\s()+.\-]", text):
        raise ValidationError(f"Nomor HP '{text}' tidak sah: hanya angka, spasi, tanda hubung dan + di depan.")
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") and not digits.startswith("62"):
        raise ValidationError(f"Nomor HP '{text}' bukan nomor Indonesia (+62).")
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if not national.startswith("8"):
        raise ValidationError(f"Nomor '{text}' bukan nomor HP (nomor HP diawali 08 atau +628); WhatsApp memerlukan "
                              "nomor HP pemohon.")
    if not 9 <= len(national) <= 13:
        raise ValidationError(f"Nomor HP '{text}' tidak sah: {len(national) + 1} angka (nomor HP Indonesia 10–14 "
                              "angka, mis. 0812 3456 7890).")
    return "62" + national


def mask_phone(phone: str) -> str:
    """``6281234567890`` → ``62812****7890`` (for the audit log)."""
    return phone[:5] + "*" * max(0, len(phone) - 9) + phone[-4:] if len(phone) > 9 else phone


def wa_link(phone: str, text: str) -> str:
    """``https://wa.me/6281234567890?text=Yth.%20Bapak…`` (the text percent-encoded as UTF-8)."""
    return WA_LINK.format(phone=normalise_phone(phone), text=quote(text, safe=""))


def check_template(template: str, kind: str) -> None:
    """Refuse an empty template, a stray brace, or a placeholder the message does not have (naming it)."""
    if kind not in PLACEHOLDERS:
        raise ValidationError(f"Jenis pesan '{kind}' tidak dikenal.")
    title = KINDS[kind]
    if not template.strip():
        raise ValidationError(f"Teks pesan WhatsApp '{title}' kosong.")
    if len(template) > MAX_TEXT:
        raise ValidationError(f"Teks pesan WhatsApp '{title}' terlalu panjang (paling banyak {MAX_TEXT} huruf).")
    try:
        fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ValidationError(f"Teks pesan WhatsApp '{title}' memuat kurung kurawal yang tidak berpasangan. Tulis "
                              "isian sebagai {nama}; kurung kurawal biasa tidak boleh dipakai.") from exc
    unknown = [f for f in fields if f not in PLACEHOLDERS[kind]]
    if unknown:
        raise ValidationError(f"Teks pesan WhatsApp '{title}' memuat isian yang tidak dikenal: "
                              + ", ".join("{" + f + "}" for f in unknown) + ". Isian yang tersedia: "
                              + ", ".join("{" + f + "}" for f in PLACEHOLDERS[kind]) + ".")


def render(template: str, kind: str, values: dict[str, str]) -> str:
    """The message text: the template with its placeholders filled (checked first)."""
    check_template(template, kind)
    text = template.format_map({k: values.get(k, "") for k in PLACEHOLDERS[kind]})
    return "\n".join(line.rstrip() for line in text.splitlines() if line.strip() or not line).strip()


def example_values(kind: str) -> dict[str, str]:
    """Realistic values for the settings page's preview."""
    values = {"nama": "Siti Aminah", "nomor_registrasi": "PBI-2026-00123", "layanan": "Pengajuan PBI JK",
              "tanggal": "3 November 2026", "kantor": "Dinas Sosial Kota Pangkalpinang",
              "alamat_kantor": "Jl. Rasakunda No. 1", "telepon_kantor": "(0717) 421234"}
    if kind == "receipt":
        values["kekurangan"] = "Persyaratan yang masih kurang: SKTM dari kelurahan. Mohon dilengkapi di loket."
    else:
        values.update(surat="Surat Rekomendasi PBI JK", nomor_surat="400.9.11/123/Dinsos/XI/2026")
    return values


def _office_values(profile: OfficeProfile | None) -> dict[str, str]:
    if profile is None:
        return {"kantor": "", "alamat_kantor": "", "telepon_kantor": "-"}
    name = f"{profile.agency.title()} {profile.region_kind.title()} {profile.region_name}".strip()
    return {"kantor": name, "alamat_kantor": profile.address or "-", "telepon_kantor": profile.phone or "-"}


def message_for_case(office: Office, *, actor: Actor, case_id: int, kind: str, phone: str | None = None,
                     letter_id: int | None = None) -> ApplicantMessage:
    """The message of ``kind`` for a case, to ``phone`` (default: the number recorded for the applicant).

    ``ready`` names the letter ``letter_id`` (default: the case's latest issued letter other than the receipt);
    it is refused while the case has no such letter.
    """
    require(actor, "case.view")
    from app.services.counter import load_settings

    if kind not in KINDS:
        raise ValidationError(f"Jenis pesan '{kind}' tidak dikenal. Pilihan: {', '.join(KINDS)}.")
    cfg = load_settings(office)
    with office.db.read() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        person = s.get(Person, case.person_id)
        profile = s.exec(select(OfficeProfile)).first()
        tz = profile.timezone if profile else "WIB"
        stored_phone = person.phone if person else ""
        reg, opened = case.reg_number, case.opened_at
    number = normalise_phone(phone if phone is not None and phone.strip() else stored_phone)
    info = cases.get_case(office, actor=actor, case_id=case_id)
    values = {"nama": info.name, "nomor_registrasi": reg, "layanan": info.service_name,
              "tanggal": tanggal(opened.astimezone(zone(tz))), **_office_values(profile)}
    if kind == "receipt":
        values["kekurangan"] = (
            "Persyaratan yang masih kurang: " + "; ".join(info.missing) + ". Mohon dilengkapi di loket."
            if info.missing else "Persyaratan Anda sudah lengkap.")
        template = cfg.wa_receipt_template
    else:
        issued = [lt for lt in letters.list_letters(office, case_id=case_id)
                  if not lt.voided and lt.letter_type != "tanda_terima"]
        chosen = next((lt for lt in issued if lt.id == letter_id), None) if letter_id else \
            (max(issued, key=lambda lt: lt.issued_at) if issued else None)
        if chosen is None:
            raise ValidationError(f"Berkas {reg} belum memiliki surat yang terbit; pesan 'surat siap diambil' baru "
                                  "dapat dikirim setelah suratnya terbit.")
        values.update(surat=chosen.title, nomor_surat=chosen.number)
        template = cfg.wa_ready_template
    return ApplicantMessage(case_id, reg, kind, number, render(template, kind, values))


def record_sent(office: Office, *, actor: Actor, message: ApplicantMessage, now: datetime | None = None) -> None:
    """Audit that the officer opened the message in WhatsApp (number masked, text not stored: it is personal
    data and can be rebuilt from the case)."""
    require(actor, "case.view")
    with office.db.write() as s:
        audit.record(s, actor=actor, action="case.whatsapp", entity="case", entity_id=message.case_id,
                     new={"kind": message.kind, "phone": mask_phone(message.phone),
                          "at": (now or utcnow()).isoformat()})
