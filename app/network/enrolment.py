"""Enrolling a kelurahan to its Dinas, with two small files and a fingerprint read aloud.

1. The kelurahan (set up as kind ``kelurahan``) makes a **request file**: its name, region code and public
   keys, signed with its own key (:func:`make_request`).
2. The Dinas reads it, compares the fingerprint with the one the kelurahan reads out by telephone, and makes
   the **enrolment file** (:func:`enrol`): the kelurahan's office code, the Dinas's code and public keys,
   signed by the Dinas. The Dinas keeps the kelurahan's public keys (a :class:`NetworkPeer` row).
3. The kelurahan opens the enrolment file (:func:`accept`): it must name this installation's own keys and
   carry a valid Dinas signature; the kelurahan then knows its code and its Dinas.

The Dinas can revoke a kelurahan (:func:`revoke`): its packages are refused from then on, and nothing more
is sent to it. Private keys never appear in either file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from sqlmodel import select

from app.context import Office
from app.db.models import NetworkPeer
from app.errors import NotFound, ValidationError
from app.network import identity
from app.network import keys as keys_mod
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

REQUEST = "loket-pbi/permintaan-pendaftaran"
ENROLMENT = "loket-pbi/pendaftaran"


def _canonical(doc: dict) -> bytes:
    return json.dumps({k: v for k, v in doc.items() if k != "signature"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _signed(doc: dict, keys: keys_mod.OfficeKeys) -> str:
    doc = dict(doc, signature=keys.sign.sign(_canonical(doc)).hex())
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _verify(doc: dict, sign_public: str, what: str) -> None:
    try:
        keys_mod.sign_public_key(sign_public).verify(bytes.fromhex(str(doc.get("signature", ""))), _canonical(doc))
    except (InvalidSignature, ValueError) as exc:
        raise ValidationError(f"Tanda tangan {what} tidak sah: berkas telah diubah atau bukan dari kantor "
                              "yang disebutnya. Minta berkas baru.") from exc


def _read(path: Path, kind: str, what: str) -> dict:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(f"Berkas {what} {Path(path).name} tidak dapat dibaca: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("type") != kind:
        raise ValidationError(f"Berkas {Path(path).name} bukan berkas {what} Loket PBI.")
    return doc


@dataclass(frozen=True)
class RequestInfo:
    name: str
    area_code: str
    sign_public: str
    box_public: str
    fingerprint: str


def make_request(office: Office, *, actor: Actor, out: Path) -> RequestInfo:
    """Kelurahan: write the request file the Dinas needs to enrol this office."""
    require(actor, "network.manage")
    ident = identity.load(office)
    if not ident.is_kelurahan:
        raise ValidationError("Permintaan pendaftaran dibuat oleh kantor kelurahan/desa; kantor ini adalah Dinas.")
    if ident.enrolled:
        raise ValidationError(f"Kantor ini sudah terdaftar pada {ident.dinas_code} dengan kode {ident.code}.")
    keys = keys_mod.load_keys(office.dirs.root)
    doc = {"type": REQUEST, "format": 1, "name": ident.name, "area_code": ident.area_code,
           "sign_public": keys.sign_public, "box_public": keys.box_public, "created_at": utcnow().isoformat()}
    Path(out).write_text(_signed(doc, keys), encoding="utf-8")
    return RequestInfo(ident.name, ident.area_code, keys.sign_public, keys.box_public, keys.fingerprint)


def read_request(path: Path) -> RequestInfo:
    """What a request file says (signature checked), for the Dinas to compare the fingerprint."""
    doc = _read(path, REQUEST, "permintaan pendaftaran")
    try:
        name, area = str(doc["name"]), identity.check_area(str(doc["area_code"]))
        sign_pub, box_pub = str(doc["sign_public"]), str(doc["box_public"])
        keys_mod.box_public_key(box_pub)
    except KeyError as exc:
        raise ValidationError(f"Berkas permintaan pendaftaran tidak lengkap: {exc} tidak ada.") from exc
    _verify(doc, sign_pub, "permintaan pendaftaran")
    return RequestInfo(name, area, sign_pub, box_pub, keys_mod.fingerprint(sign_pub, box_pub))


@dataclass(frozen=True)
class EnrolmentInfo:
    code: str
    name: str
    area_code: str
    fingerprint: str
    file: Path


def default_code(area_code: str) -> str:
    return f"KEL-{area_code}"


def enrol(office: Office, *, actor: Actor, request: Path, out: Path, code: str = "",
          expected_fingerprint: str = "") -> EnrolmentInfo:
    """Dinas: enrol the kelurahan of ``request`` and write its enrolment file to ``out``."""
    require(actor, "network.manage")
    ident = identity.load(office)
    if ident.kind != "dinas" or not ident.code:
        raise ValidationError("Hanya kantor Dinas yang sudah mempunyai kode kantor dapat mendaftarkan kelurahan.")
    req = read_request(request)
    if expected_fingerprint and expected_fingerprint.strip().upper() != req.fingerprint:
        raise ValidationError(f"Sidik kunci berkas ({req.fingerprint}) tidak sama dengan yang dibacakan "
                              f"({expected_fingerprint.strip().upper()}); jangan daftarkan berkas ini.")
    code = identity.check_code(code or default_code(req.area_code))
    if code == ident.code:
        raise ValidationError("Kode kelurahan tidak boleh sama dengan kode Dinas.")
    keys = keys_mod.load_keys(office.dirs.root)
    now = utcnow()
    with office.db.write() as s:
        old = s.exec(select(NetworkPeer).where(NetworkPeer.code == code)).first()
        if old is not None and old.status == "revoked":
            raise ValidationError(f"Kode {code} pernah dicabut; daftarkan kelurahan ini dengan kode baru.")
        if old is not None and (old.sign_public, old.box_public) != (req.sign_public, req.box_public):
            raise ValidationError(f"Kode {code} sudah dipakai oleh {old.name} dengan kunci lain.")
        twin = s.exec(select(NetworkPeer).where(NetworkPeer.sign_public == req.sign_public)).first()
        if twin is not None and twin.code != code:
            raise ValidationError(f"Kunci ini sudah terdaftar sebagai {twin.code} ({twin.name}).")
        if old is None:
            s.add(NetworkPeer(code=code, name=req.name, kind="kelurahan", area_code=req.area_code,
                              sign_public=req.sign_public, box_public=req.box_public, enrolled_at=now))
        doc = {"type": ENROLMENT, "format": 1, "office_code": code, "office_name": req.name,
               "area_code": req.area_code, "office_sign_public": req.sign_public,
               "office_box_public": req.box_public, "dinas_code": ident.code, "dinas_name": ident.name,
               "dinas_sign_public": keys.sign_public, "dinas_box_public": keys.box_public,
               "issued_at": now.isoformat()}
        audit.record(s, actor=actor, action="network.enrol", entity="network_peer", entity_id=code,
                     new={"name": req.name, "area_code": req.area_code, "fingerprint": req.fingerprint})
        Path(out).write_text(_signed(doc, keys), encoding="utf-8")
    return EnrolmentInfo(code, req.name, req.area_code, req.fingerprint, Path(out))


@dataclass(frozen=True)
class AcceptInfo:
    code: str
    dinas_code: str
    dinas_name: str
    dinas_fingerprint: str


def accept(office: Office, *, actor: Actor, path: Path) -> AcceptInfo:
    """Kelurahan: take the enrolment file the Dinas made for this office."""
    require(actor, "network.manage")
    doc = _read(path, ENROLMENT, "pendaftaran")
    ident = identity.load(office)
    if not ident.is_kelurahan:
        raise ValidationError("Berkas pendaftaran hanya dibuka oleh kantor kelurahan/desa.")
    keys = keys_mod.load_keys(office.dirs.root)
    try:
        mine = (str(doc["office_sign_public"]), str(doc["office_box_public"]))
        code = identity.check_code(str(doc["office_code"]))
        dinas_code = identity.check_code(str(doc["dinas_code"]))
        dinas_sign, dinas_box = str(doc["dinas_sign_public"]), str(doc["dinas_box_public"])
        keys_mod.box_public_key(dinas_box)
    except KeyError as exc:
        raise ValidationError(f"Berkas pendaftaran tidak lengkap: {exc} tidak ada.") from exc
    if mine != (keys.sign_public, keys.box_public):
        raise ValidationError("Berkas pendaftaran ini dibuat untuk kantor lain (kuncinya bukan kunci kantor ini). "
                              "Minta Dinas membuat berkas dari permintaan pendaftaran kantor ini.")
    _verify(doc, dinas_sign, "berkas pendaftaran")
    if ident.enrolled and (ident.code, ident.dinas_code) != (code, dinas_code):
        raise ValidationError(f"Kantor ini sudah terdaftar pada {ident.dinas_code} dengan kode {ident.code}.")
    with office.db.write() as s:
        peer = s.exec(select(NetworkPeer).where(NetworkPeer.code == dinas_code)).first()
        if peer is None:
            s.add(NetworkPeer(code=dinas_code, name=str(doc.get("dinas_name", dinas_code)), kind="dinas",
                              sign_public=dinas_sign, box_public=dinas_box))
        elif (peer.sign_public, peer.box_public) != (dinas_sign, dinas_box):
            raise ValidationError(f"Kunci {dinas_code} dalam berkas ini berbeda dengan yang sudah tersimpan.")
        identity.save_in(s, replace(identity.load_in(s), code=code, dinas_code=dinas_code),
                         actor=actor, action="network.accept")
    return AcceptInfo(code, dinas_code, str(doc.get("dinas_name", "")), keys_mod.fingerprint(dinas_sign, dinas_box))


def revoke(office: Office, *, actor: Actor, code: str, reason: str) -> None:
    """Dinas: stop accepting packages from a kelurahan (its key may be lost or the post closed)."""
    require(actor, "network.manage")
    if not reason.strip():
        raise ValidationError("Pencabutan pendaftaran wajib disertai alasan.")
    with office.db.write() as s:
        peer = s.exec(select(NetworkPeer).where(NetworkPeer.code == code.strip().upper())).first()
        if peer is None or peer.kind != "kelurahan":
            raise NotFound(f"Kelurahan {code} tidak terdaftar di kantor ini.")
        if peer.status == "revoked":
            raise ValidationError(f"{peer.code} sudah dicabut pada {peer.revoked_at:%d-%m-%Y}.")
        peer.status, peer.revoked_at, peer.revoked_reason = "revoked", utcnow(), reason.strip()[:500]
        s.add(peer)
        audit.record(s, actor=actor, action="network.revoke", entity="network_peer", entity_id=peer.code,
                     new={"reason": reason.strip()})
