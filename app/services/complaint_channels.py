"""The office's complaint channels as data (section ``pengaduan``, SPEC §1.6, issue 17).

Every channel the five service standards name is seeded — datang langsung, surat tertulis, kotak saran,
surel, WhatsApp, laman web, media sosial, SP4N-LAPOR! (with its ticket), SLRT, layanan online (Jamkesda),
SIPEPEK — each with its contact, which the office edits (Pengaturan → Kanal pengaduan). A channel may be
switched off, may ask for a ticket number (SP4N-LAPOR!), and may be limited to some services (the online
Jamkesda service only on the Jamkesda receipt). The complaints register accepts exactly the active channels;
receipts, letters and the complaints screen show them with their contacts.

    cfg = complaint_channels.load_settings(office)
    cfg.line_for("jamkesda", profile)   # "Datang langsung: Loket …; SP4N-LAPOR!: www.lapor.go.id …"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from app.context import Office
from app.db.models import OfficeProfile
from app.errors import ValidationError
from app.services import settings

SECTION = "pengaduan"
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,29}$")


@dataclass(frozen=True)
class Channel:
    """One way a citizen can complain. ``contact`` is printed after the label; for ``email`` and ``website``
    an empty contact means the office profile's e-mail / web address."""

    code: str
    label: str
    contact: str = ""
    #: a complaint through this channel must carry its ticket number (SP4N-LAPOR!)
    ticket: bool = False
    active: bool = True
    #: service codes this channel is shown for (empty = every service)
    services: tuple[str, ...] = ()


DEFAULT_CHANNELS: tuple[Channel, ...] = (
    Channel("langsung", "Datang langsung", "Loket pelayanan Dinas Sosial, hari kerja pada jam kantor"),
    Channel("surat", "Surat tertulis", "ditujukan kepada Kepala Dinas Sosial (alamat pada kop surat)"),
    Channel("kotak_saran", "Kotak saran", "di ruang tunggu loket pelayanan"),
    Channel("email", "Surat elektronik", ""),
    Channel("whatsapp", "WhatsApp", ""),
    Channel("website", "Laman web", ""),
    Channel("medsos", "Media sosial", ""),
    Channel("lapor", "SP4N-LAPOR!", "www.lapor.go.id, SMS 1708", ticket=True),
    Channel("slrt", "SLRT (Sistem Layanan dan Rujukan Terpadu)", "Puskesos kelurahan/desa"),
    Channel("layanan_online", "Layanan online Jamkesda", "", services=("jamkesda",)),
    Channel("sipepek", "SIPEPEK", ""),
)


@dataclass(frozen=True)
class ComplaintChannelSettings:
    """Settings section ``pengaduan``: the channels in the order they are printed."""

    channels: tuple[Channel, ...] = DEFAULT_CHANNELS

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for c in self.channels:
            if not _CODE.match(c.code or ""):
                raise ValidationError(f"Kode kanal pengaduan '{c.code}' tidak sah: huruf kecil, angka dan garis "
                                      "bawah, diawali huruf (mis. 'kotak_saran').")
            if c.code in seen:
                raise ValidationError(f"Kanal pengaduan '{c.code}' tercantum dua kali.")
            seen.add(c.code)
            if not c.label.strip():
                raise ValidationError(f"Kanal pengaduan '{c.code}' perlu nama yang dicetak.")
        if not any(c.active for c in self.channels):
            raise ValidationError("Sekurang-kurangnya satu kanal pengaduan harus aktif.")

    def active(self, service_code: str | None = None) -> list[Channel]:
        return [c for c in self.channels if c.active
                and (service_code is None or not c.services or service_code in c.services)]

    def get(self, code: str) -> Channel | None:
        return next((c for c in self.channels if c.code == code), None)

    def label(self, code: str) -> str:
        c = self.get(code)
        return c.label if c else code

    def require_active(self, code: str) -> Channel:
        c = self.get(code)
        if c is None or not c.active:
            raise ValidationError("Kanal pengaduan harus salah satu dari: "
                                  + ", ".join(f"{x.code} ({x.label})" for x in self.active()) + ".")
        return c

    def entries(self, service_code: str | None = None, profile: OfficeProfile | None = None) -> list[str]:
        """``"Label: contact"`` (or the label alone) for every active channel of the service."""
        return [f"{c.label}: {contact}" if (contact := contact_of(c, profile)) else c.label
                for c in self.active(service_code)]

    def line_for(self, service_code: str | None = None, profile: OfficeProfile | None = None) -> str:
        """The printed complaint line of a receipt or letter: entries separated by semicolons."""
        return "; ".join(self.entries(service_code, profile))


def contact_of(c: Channel, profile: OfficeProfile | None) -> str:
    if c.contact.strip():
        return c.contact.strip()
    if profile is not None:
        if c.code == "email":
            return profile.email
        if c.code == "website":
            return profile.website
        if c.code == "surat":
            return profile.address
    return ""


def load_settings(office: Office) -> ComplaintChannelSettings:
    return settings.load(office, SECTION, ComplaintChannelSettings)


def load_in(session: Session) -> ComplaintChannelSettings:
    return settings.load_in(session, SECTION, ComplaintChannelSettings)


def line_in(session: Session, service_code: str | None = None) -> str:
    """The complaint line for ``service_code`` inside a caller's transaction (receipts, letters)."""
    return load_in(session).line_for(service_code, session.get(OfficeProfile, 1))


def labels_in(session: Session, service_code: str | None = None) -> tuple[str, ...]:
    return tuple(load_in(session).entries(service_code, session.get(OfficeProfile, 1)))
