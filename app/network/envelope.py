"""The package file: signed by the sender, then encrypted to the receiver.

Layout (all integers big-endian)::

    MAGIC (10 bytes) | header length (4) | header JSON | chunk* | final chunk

The header is readable without any key (format, sender, receiver, sequence, the ephemeral X25519 public
key) so that a package meant for another office, or from an office that is not enrolled, is refused before
anything else; it is also bound to every chunk as associated data, so changing it breaks decryption.

The content (a ZIP: ``paket.json`` plus scans and letter files) is encrypted in 1 MiB chunks with AES-256-GCM
under a key derived (HKDF-SHA256) from an ephemeral X25519 key and the receiver's X25519 public key — a lost
USB stick reveals nothing. Each chunk is ``length (4) | ciphertext``; its nonce is the chunk number with a
last-chunk flag, so a reordered, dropped or cut-off chunk is noticed. The last chunk holds the sender's
Ed25519 signature over the header and the SHA-256 of the whole content: the content is used only after
the signature has been checked (sign, then encrypt).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import ValidationError
from app.network import keys as keys_mod

MAGIC = b"LOKETPBI\x01\n"
FORMAT = 1
CHUNK = 1 << 20
MAX_HEADER = 4096
#: the largest package file accepted (checked before anything is decrypted); a first exchange carrying every
#: open case of a kelurahan with its scans stays far below it
MAX_PACKAGE_BYTES = 2 * 1024 ** 3
SUFFIX = ".lpbi"
_SIGN_DOMAIN = b"loket-pbi paket v1\x00"
_KDF_INFO = b"loket-pbi paket v1 aes-256-gcm"


class PackageRefused(ValidationError):
    """A package that is not applied, with the reason in Indonesian. ``kind`` names the fault for callers and
    tests: truncated, tampered, foreign, unenrolled, revoked, replayed, gap, format."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


@dataclass(frozen=True)
class Header:
    sender: str
    receiver: str
    sequence: int
    ephemeral: str  # hex X25519 public key
    created_at: str

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, "from": self.sender, "to": self.receiver, "seq": self.sequence,
                           "eph": self.ephemeral, "created_at": self.created_at},
                          sort_keys=True, separators=(",", ":")).encode("utf-8")

    @property
    def file_name(self) -> str:
        return package_name(self.sender, self.receiver, self.sequence)


def package_name(sender: str, receiver: str, sequence: int) -> str:
    return f"{sender}_{receiver}_{sequence:06d}{SUFFIX}"


def _key(shared: bytes, eph_public: bytes, receiver_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_public + receiver_public,
                info=_KDF_INFO).derive(shared)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _sign_message(header: bytes, digest: bytes) -> bytes:
    return _SIGN_DOMAIN + struct.pack(">I", len(header)) + header + digest


def seal(content: Path, out: Path, *, sender: str, receiver: str, sequence: int, created_at: str,
         sender_keys: keys_mod.OfficeKeys, receiver_box_public: str) -> str:
    """Write the package for ``content`` to ``out`` (through a temporary name); returns its SHA-256."""
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes_raw()
    receiver_pub = keys_mod.box_public_key(receiver_box_public)
    key = _key(eph.exchange(receiver_pub), eph_pub, receiver_pub.public_bytes_raw())
    aead = AESGCM(key)
    header = Header(sender, receiver, sequence, eph_pub.hex(), created_at)
    hb = header.to_bytes()
    content_hash = hashlib.sha256()
    file_hash = hashlib.sha256()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with content.open("rb") as src, tmp.open("wb") as dst:
            def put(data: bytes) -> None:
                dst.write(data)
                file_hash.update(data)

            put(MAGIC + struct.pack(">I", len(hb)) + hb)
            index = 0
            while True:
                block = src.read(CHUNK)
                if not block:
                    break
                content_hash.update(block)
                ct = aead.encrypt(_nonce(index, False), block, hb)
                put(struct.pack(">I", len(ct)) + ct)
                index += 1
            signature = sender_keys.sign.sign(_sign_message(hb, content_hash.digest()))
            ct = aead.encrypt(_nonce(index, True), signature, hb)
            put(struct.pack(">I", len(ct)) + ct)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return file_hash.hexdigest()


def read_header(path: Path) -> tuple[Header, bytes]:
    """The clear header of a package file (nothing decrypted yet)."""
    try:
        with path.open("rb") as f:
            return _read_header(f)
    except OSError as exc:
        raise PackageRefused("format", f"Berkas paket {path.name} tidak dapat dibaca: {exc.strerror or exc}.") from exc


def _read_header(f: BinaryIO) -> tuple[Header, bytes]:
    magic = f.read(len(MAGIC))
    if magic != MAGIC:
        if MAGIC.startswith(magic):
            raise PackageRefused("truncated", "Paket terpotong (berkas berhenti sebelum kepalanya lengkap); "
                                              "salin ulang paket dari pengirim.")
        raise PackageRefused("format", "Berkas ini bukan paket Loket PBI.")
    raw_len = f.read(4)
    if len(raw_len) < 4:
        raise PackageRefused("truncated", "Paket terpotong; salin ulang paket dari pengirim.")
    (n,) = struct.unpack(">I", raw_len)
    if n > MAX_HEADER:
        raise PackageRefused("format", "Kepala paket tidak sah; berkas ini bukan paket Loket PBI yang utuh.")
    hb = f.read(n)
    if len(hb) < n:
        raise PackageRefused("truncated", "Paket terpotong; salin ulang paket dari pengirim.")
    try:
        raw = json.loads(hb)
        if raw.get("format") != FORMAT:
            raise PackageRefused("format", f"Versi paket {raw.get('format')} tidak dikenal; perbarui Loket PBI.")
        header = Header(str(raw["from"]), str(raw["to"]), int(raw["seq"]), str(raw["eph"]), str(raw["created_at"]))
        bytes.fromhex(header.ephemeral)
    except PackageRefused:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise PackageRefused("format", "Kepala paket tidak sah; berkas ini bukan paket Loket PBI yang utuh.") from exc
    if hb != header.to_bytes():
        raise PackageRefused("tampered", "Kepala paket telah diubah; paket ditolak dan tidak ada yang diubah.")
    return header, hb


def open_package(path: Path, *, own_keys: keys_mod.OfficeKeys, sender_sign_public: str,
                 workdir: Path | None = None, check: Callable[[Header], None] | None = None
                 ) -> tuple[Header, Path, str]:
    """Decrypt and verify a package. Returns the header, the content file (a temporary file the caller
    removes) and the package file's SHA-256. ``check`` is called with the header before decrypting.

    Raises :class:`PackageRefused`: ``truncated`` when the file ends early, ``tampered`` when any byte was
    changed or the signature is not the sender's.
    """
    tampered = PackageRefused("tampered", "Paket rusak atau telah diubah (pemeriksaan enkripsi/tanda tangan gagal); "
                                          "paket ditolak dan tidak ada yang diubah. Minta pengirim mengirim ulang.")
    truncated = PackageRefused("truncated", "Paket terpotong (tidak lengkap); paket ditolak dan tidak ada yang "
                                            "diubah. Salin ulang paket dari pengirim.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageRefused("format", f"Berkas paket {path.name} tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if size > MAX_PACKAGE_BYTES:
        mb, cap = f"{size // 1024 ** 2:,}".replace(",", "."), f"{MAX_PACKAGE_BYTES // 1024 ** 2:,}".replace(",", ".")
        raise PackageRefused("format", f"Paket {path.name} terlalu besar ({mb} MB; batasnya {cap} MB); paket ditolak "
                                       "dan tidak ada yang diubah.")
    file_hash = hashlib.sha256()
    with path.open("rb") as f:
        header, hb = _read_header(f)
        if check is not None:
            check(header)
        file_hash.update(MAGIC + struct.pack(">I", len(hb)) + hb)
        try:
            eph_pub = keys_mod.box_public_key(header.ephemeral)
        except ValidationError as exc:
            raise tampered from exc
        key = _key(own_keys.box.exchange(eph_pub), eph_pub.public_bytes_raw(), bytes.fromhex(own_keys.box_public))
        aead = AESGCM(key)
        fd, name = tempfile.mkstemp(prefix="paket-", suffix=".zip", dir=workdir)
        content = Path(name)
        content_hash = hashlib.sha256()
        ok = False
        try:
            with os.fdopen(fd, "wb") as out:
                index = 0
                pending: bytes | None = None  # a chunk is known to be the last only when nothing follows it
                while True:
                    raw_len = f.read(4)
                    if not raw_len:
                        break
                    if len(raw_len) < 4:
                        raise truncated
                    (n,) = struct.unpack(">I", raw_len)
                    if n > CHUNK + 16 or n < 16:
                        raise tampered
                    ct = f.read(n)
                    if len(ct) < n:
                        raise truncated
                    file_hash.update(raw_len + ct)
                    if pending is not None:
                        try:
                            block = aead.decrypt(_nonce(index, False), pending, hb)
                        except InvalidTag as exc:
                            raise tampered from exc
                        content_hash.update(block)
                        out.write(block)
                        index += 1
                    pending = ct
                if pending is None:
                    raise truncated
                try:
                    signature = aead.decrypt(_nonce(index, True), pending, hb)
                except InvalidTag as exc:
                    try:  # a whole middle chunk decrypts: the file was cut after it
                        aead.decrypt(_nonce(index, False), pending, hb)
                    except InvalidTag:
                        raise tampered from exc
                    raise truncated from exc
            try:
                keys_mod.sign_public_key(sender_sign_public).verify(
                    signature, _sign_message(hb, content_hash.digest()))
            except InvalidSignature as exc:
                raise PackageRefused("tampered", "Tanda tangan paket bukan milik pengirim yang terdaftar; paket "
                                                 "ditolak dan tidak ada yang diubah.") from exc
            ok = True
            return header, content, file_hash.hexdigest()
        finally:
            if not ok:
                with contextlib.suppress(OSError):
                    content.unlink()
