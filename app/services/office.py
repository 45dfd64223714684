"""The office profile (letterhead data) and the officials who sign."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from app.context import Office
from app.db.models import OfficeProfile, Official
from app.errors import NotFound, ValidationError
from app.rules.identifiers import validate_nip
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import OFFICE_ZONES, utcnow

PROFILE_FIELDS = ("code", "government", "agency", "region_kind", "region_name", "city", "address",
                  "postal_code", "phone", "email", "website", "timezone", "unit_code")
ACTING = ("", "a.n.", "Plt.", "Plh.")


@dataclass(frozen=True)
class ProfileData:
    code: str
    government: str
    agency: str
    region_kind: str
    region_name: str
    city: str
    address: str
    postal_code: str
    phone: str
    email: str
    website: str
    timezone: str
    unit_code: str
    emblem_png: bytes | None


def _validate_profile(values: dict) -> dict:
    clean = {k: (str(v).strip() if v is not None else "") for k, v in values.items() if k in PROFILE_FIELDS}
    for required, label in (("government", "Nama pemerintah daerah"), ("region_name", "Nama kota/kabupaten"),
                            ("city", "Tempat surat")):
        if required in clean and not clean[required]:
            raise ValidationError(f"{label} wajib diisi.")
    if "region_kind" in clean and clean["region_kind"] not in ("KOTA", "KABUPATEN"):
        raise ValidationError("Jenis daerah harus KOTA atau KABUPATEN.")
    if "timezone" in clean and clean["timezone"] not in OFFICE_ZONES:
        raise ValidationError("Zona waktu harus WIB, WITA atau WIT.")
    return clean


def _to_data(p: OfficeProfile) -> ProfileData:
    return ProfileData(**{f: getattr(p, f) for f in PROFILE_FIELDS}, emblem_png=p.emblem_png)


def get_profile(office: Office) -> ProfileData | None:
    with office.db.read() as s:
        p = s.get(OfficeProfile, 1)
        return _to_data(p) if p else None


def zone_name(office: Office) -> str:
    """The office's time zone (``WIB``/``WITA``/``WIT``): every time shown or printed is in it."""
    with office.db.read() as s:
        p = s.get(OfficeProfile, 1)
        return p.timezone if p and p.timezone else "WIB"


def save_profile(office: Office, *, actor: Actor | None, values: dict, emblem_png: bytes | None = None,
                 first_run: bool = False) -> ProfileData:
    """Create or update the profile. ``first_run`` allows it without a signed-in administrator, once."""
    clean = _validate_profile(values)
    with office.db.write() as s:
        p = s.get(OfficeProfile, 1)
        if first_run:
            if p is not None:
                raise ValidationError("Profil kantor sudah ada; ubah lewat menu Pengaturan.")
        else:
            if actor is None:
                raise ValidationError("Hanya administrator yang dapat mengubah profil kantor.")
            require(actor, "office.edit")
        old = {f: getattr(p, f) for f in PROFILE_FIELDS} if p else {}
        if p is None:
            missing = [f for f in ("government", "region_name", "city") if not clean.get(f)]
            if missing:
                raise ValidationError("Profil kantor belum lengkap: " + ", ".join(missing) + ".")
            p = OfficeProfile(**clean)
        else:
            for k, v in clean.items():
                setattr(p, k, v)
        if emblem_png is not None:
            if not emblem_png.startswith(b"\x89PNG"):
                raise ValidationError("Lambang daerah harus berkas gambar PNG.")
            p.emblem_png = emblem_png
        p.updated_at = utcnow()
        s.add(p)
        s.flush()
        audit.record(s, actor=actor, action="office.profile", entity="office", entity_id=1, old=old,
                     new={f: getattr(p, f) for f in PROFILE_FIELDS} | {"emblem": emblem_png is not None})
        return _to_data(p)


@dataclass(frozen=True)
class OfficialData:
    id: int
    position_key: str
    position_title: str
    name: str
    nip: str
    rank: str
    acting: str
    active: bool


def _official(o: Official) -> OfficialData:
    return OfficialData(o.id or 0, o.position_key, o.position_title, o.name, o.nip, o.rank, o.acting, o.active)


def save_official(office: Office, *, actor: Actor | None, position_key: str, position_title: str, name: str,
                  nip: str, rank: str = "", acting: str = "", official_id: int | None = None,
                  first_run: bool = False) -> OfficialData:
    if not first_run:
        if actor is None:
            raise ValidationError("Hanya administrator yang dapat mengubah data pejabat.")
        require(actor, "official.manage")
    nip = validate_nip(nip)
    if acting not in ACTING:
        raise ValidationError("Keterangan jabatan harus kosong, 'a.n.', 'Plt.' atau 'Plh.'.")
    if not name.strip() or not position_title.strip():
        raise ValidationError("Nama dan jabatan pejabat wajib diisi.")
    with office.db.write() as s:
        if official_id is not None:
            o = s.get(Official, official_id)
            if o is None:
                raise NotFound(f"Pejabat #{official_id} tidak ditemukan.")
        else:
            o = Official(position_key=position_key, position_title="", name="", nip="")
        old = _official(o).__dict__ if official_id is not None else {}
        o.position_key, o.position_title, o.name, o.nip, o.rank, o.acting = (
            position_key, position_title.strip(), name.strip(), nip, rank.strip(), acting)
        s.add(o)
        s.flush()
        audit.record(s, actor=actor, action="official.save", entity="official", entity_id=o.id, old=old,
                     new=_official(o).__dict__)
        return _official(o)


def list_officials(office: Office) -> list[OfficialData]:
    with office.db.read() as s:
        return [_official(o) for o in s.exec(select(Official).where(Official.active).order_by(col(Official.id))).all()]
