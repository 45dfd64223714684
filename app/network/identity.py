"""Which kind of office this is (Dinas Sosial or kelurahan/desa post) and its name in the network.

Kept in the setting row ``network``. An office that never chose is a Dinas: every step of every service
may be performed there, exactly as before the network existed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlmodel import Session

from app.context import Office
from app.db.models import Setting
from app.errors import ValidationError
from app.rules.permissions import Actor
from app.services import audit
from app.timeutil import utcnow

SECTION = "network"
KINDS = {"dinas": "Dinas Sosial (kabupaten/kota)", "kelurahan": "Kelurahan/desa (Puskesos/SLRT)"}
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,23}$")
_AREA = re.compile(r"^\d{10}$")


@dataclass(frozen=True)
class NetworkIdentity:
    kind: str = "dinas"
    code: str = ""  # this office's code in the network (a kelurahan gets it from its enrolment file)
    name: str = ""
    area_code: str = ""  # a kelurahan's region code (10 digits, as in the DTSEN extract)
    dinas_code: str = ""  # a kelurahan's Dinas, once enrolled
    sign_public: str = ""
    box_public: str = ""

    @property
    def is_kelurahan(self) -> bool:
        return self.kind == "kelurahan"

    @property
    def enrolled(self) -> bool:
        return bool(self.code) and (self.kind == "dinas" or bool(self.dinas_code))

    @property
    def fingerprint(self) -> str:
        from app.network.keys import fingerprint

        return fingerprint(self.sign_public, self.box_public) if self.sign_public else ""


def check_code(code: str) -> str:
    code = code.strip().upper()
    if not _CODE.match(code):
        raise ValidationError(f"Kode kantor '{code}' tidak sah: 2–24 huruf besar, angka atau '-', "
                              "mis. DINSOS-PKP atau KEL-1971011001.")
    return code


def check_area(area: str) -> str:
    area = area.strip().replace(".", "")
    if not _AREA.match(area):
        raise ValidationError(f"Kode wilayah kelurahan '{area}' tidak sah: 10 angka seperti pada ekstrak DTSEN, "
                              "mis. 1971011001.")
    return area


def load_in(s: Session) -> NetworkIdentity:
    row = s.get(Setting, SECTION)
    raw = dict(row.value) if row and row.value else {}
    names = NetworkIdentity.__dataclass_fields__
    return NetworkIdentity(**{k: v for k, v in raw.items() if k in names})


def load(office: Office) -> NetworkIdentity:
    with office.db.read() as s:
        return load_in(s)


def save_in(s: Session, value: NetworkIdentity, *, actor: Actor | None, action: str) -> None:
    row = s.get(Setting, SECTION)
    old = dict(row.value) if row and row.value else {}
    if row is None:
        row = Setting(key=SECTION, value=asdict(value), updated_by=actor.id if actor else None)
    else:
        row.value, row.updated_at = asdict(value), utcnow()
        row.updated_by = actor.id if actor else None
    s.add(row)
    audit.record(s, actor=actor, action=action, entity="network", entity_id=value.code or value.kind,
                 old={k: old.get(k) for k in ("kind", "code", "name", "area_code", "dinas_code")},
                 new={k: getattr(value, k) for k in ("kind", "code", "name", "area_code", "dinas_code")}
                 | {"fingerprint": value.fingerprint})


def set_up(office: Office, *, kind: str, name: str, code: str = "", area_code: str = "",
           actor: Actor | None = None) -> NetworkIdentity:
    """Choose the office kind once (first run or ``init``) and make its key pair.

    A Dinas names its own code now; a kelurahan receives its code from the Dinas's enrolment file.
    """
    if kind not in KINDS:
        raise ValidationError("Jenis kantor harus 'dinas' atau 'kelurahan'.")
    if not name.strip():
        raise ValidationError("Nama kantor wajib diisi.")
    code = check_code(code) if code or kind == "dinas" else ""
    area = check_area(area_code) if kind == "kelurahan" else ""
    with office.db.write() as s:
        from app.network import keys as keys_mod

        current = load_in(s)
        if current.sign_public:
            raise ValidationError("Jenis kantor dan kunci sudah ditetapkan; tidak diubah.")
        # a key file without a recorded identity is left from a set-up that never committed
        keys_mod.key_path(office.dirs.root).unlink(missing_ok=True)
        new_keys = keys_mod.OfficeKeys.generate()
        ident = NetworkIdentity(kind=kind, code=code, name=name.strip(), area_code=area,
                                sign_public=new_keys.sign_public, box_public=new_keys.box_public)
        save_in(s, ident, actor=actor, action="network.setup")
        # The key file is written inside the transaction: if it cannot be written, nothing is recorded.
        keys_mod.save_keys(office.dirs.root, new_keys)
    return ident
