"""First run: office profile, first administrator and signatories, all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import func, select

from app.context import Office
from app.db.models import OfficeProfile, Official, User
from app.errors import ValidationError
from app.rules.identifiers import validate_nip
from app.services import audit, seals
from app.services.office import ACTING, PROFILE_FIELDS, _validate_profile
from app.services.users import UserInfo, _check_password, _check_username, _info, _insert_user


@dataclass(frozen=True)
class OfficialInput:
    position_key: str
    position_title: str
    name: str
    nip: str
    rank: str = ""
    acting: str = ""


@dataclass(frozen=True)
class FirstRun:
    profile: dict
    admin_username: str
    admin_full_name: str
    admin_password: str
    admin_nip: str | None = None
    emblem_png: bytes | None = None
    officials: list[OfficialInput] = field(default_factory=list)
    #: the number of the decree (SK) that sets the service standards, printed on every tanda terima; it is
    #: stored as every service's legal basis (Pengaturan → Aturan layanan → legal_basis, editable per service)
    legal_basis: str = ""


def is_set_up(office: Office) -> bool:
    with office.db.read() as s:
        return bool(s.exec(select(func.count()).select_from(User)).one())


def validate(data: FirstRun) -> FirstRun:
    """Check everything before anything is written; raise the first problem in Indonesian."""
    profile = _validate_profile(data.profile)
    missing = [label for key, label in (("government", "nama pemerintah daerah"), ("region_name", "nama daerah"),
                                        ("city", "tempat surat")) if not profile.get(key)]
    if missing:
        raise ValidationError("Profil kantor belum lengkap: " + ", ".join(missing) + ".")
    _check_username(data.admin_username)
    _check_password(data.admin_password)
    if not data.admin_full_name.strip():
        raise ValidationError("Nama lengkap administrator wajib diisi.")
    if data.admin_nip:
        validate_nip(data.admin_nip)
    if len(data.legal_basis.strip()) > 300:
        raise ValidationError("Nomor SK standar pelayanan terlalu panjang (paling banyak 300 karakter).")
    if data.emblem_png is not None and not data.emblem_png.startswith(b"\x89PNG"):
        raise ValidationError("Lambang daerah harus berkas gambar PNG.")
    for o in data.officials:
        validate_nip(o.nip)
        if o.acting not in ACTING:
            raise ValidationError("Keterangan jabatan harus kosong, 'a.n.', 'Plt.' atau 'Plh.'.")
        if not o.name.strip() or not o.position_title.strip():
            raise ValidationError("Nama dan jabatan pejabat wajib diisi.")
    return data


def first_run(office: Office, data: FirstRun) -> UserInfo:
    validate(data)
    profile = _validate_profile(data.profile)
    with office.db.write() as s:
        if s.exec(select(func.count()).select_from(User)).one() or s.get(OfficeProfile, 1):
            raise ValidationError("Kantor ini sudah disiapkan. Tidak ada yang diubah.")
        seals.fresh_office_key(s)
        s.add(OfficeProfile(**profile, emblem_png=data.emblem_png))
        user = _insert_user(s, username=_check_username(data.admin_username), full_name=data.admin_full_name,
                            password=data.admin_password, roles=["administrator"],
                            nip=validate_nip(data.admin_nip) if data.admin_nip else None, counter=None)
        for o in data.officials:
            s.add(Official(position_key=o.position_key, position_title=o.position_title.strip(),
                           name=o.name.strip(), nip=validate_nip(o.nip), rank=o.rank.strip(), acting=o.acting))
        if data.legal_basis.strip():
            _store_legal_basis(s, office, data.legal_basis.strip(), user.id)
        s.flush()
        audit.record(s, actor=None, action="office.first_run", entity="office", entity_id=1,
                     new={**{k: profile.get(k, "") for k in PROFILE_FIELDS}, "admin": user.username,
                          "officials": [o.name for o in data.officials], "legal_basis": data.legal_basis.strip()})
        return _info(s, user)


def _store_legal_basis(s, office: Office, basis: str, user_id: int | None) -> None:
    """The SK of the service standards as the legal basis of every service (rules section), in the set-up's
    transaction."""
    from dataclasses import replace

    from app.db.models import Setting
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.servicedefs import load_all
    from app.services import settings

    cfg = settings.load_in(s, RULES_SECTION, RuleSettings)
    value = replace(cfg, legal_basis={**{code: basis for code in load_all(office)}, **cfg.legal_basis})
    stored = settings.to_json(settings.validate(RuleSettings, settings.to_json(value), section=RULES_SECTION))
    stored[settings.VERSION_KEY] = settings.current_version(RULES_SECTION)
    row = s.get(Setting, RULES_SECTION)
    if row is None:
        s.add(Setting(key=RULES_SECTION, value=stored, updated_by=user_id))
    else:
        row.value, row.updated_by = stored, user_id
        s.add(row)
