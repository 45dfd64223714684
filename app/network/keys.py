"""An office's key pairs: Ed25519 to sign what it sends, X25519 to open what is sent to it.

The private keys never leave the office. They are kept in the data folder as ``network/kunci-kantor.json``,
readable only by the Windows/POSIX user (mode 0600 on POSIX), outside the database so that a database
backup or a PostgreSQL server shared by several counters never carries them. Only the PC holding that file
can send and receive packages. (The OS credential store through ``keyring`` is the intended next home,
once the audit key uses it; the file is the documented fallback.)
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app.errors import ValidationError

KEY_FILE = "kunci-kantor.json"


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> str:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()


def fingerprint(sign_public: str, box_public: str) -> str:
    """A short code both offices read aloud by telephone to be sure they hold the same public keys."""
    digest = hashlib.sha256(bytes.fromhex(sign_public) + bytes.fromhex(box_public)).hexdigest().upper()
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


def sign_public_key(hex_value: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_value))
    except ValueError as exc:
        raise ValidationError("Kunci publik tanda tangan tidak sah.") from exc


def box_public_key(hex_value: str) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(bytes.fromhex(hex_value))
    except ValueError as exc:
        raise ValidationError("Kunci publik enkripsi tidak sah.") from exc


@dataclass(frozen=True)
class OfficeKeys:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls) -> OfficeKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_public(self) -> str:
        return _raw_public(self.sign.public_key())

    @property
    def box_public(self) -> str:
        return _raw_public(self.box.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.box_public)

    def to_json(self) -> str:
        return json.dumps({"format": 1, "sign": _raw_private(self.sign), "box": _raw_private(self.box)})

    @classmethod
    def from_json(cls, text: str) -> OfficeKeys:
        raw = json.loads(text)
        return cls(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(raw["sign"])),
                   X25519PrivateKey.from_private_bytes(bytes.fromhex(raw["box"])))


def key_path(root: Path) -> Path:
    return root / "network" / KEY_FILE


def save_keys(root: Path, keys: OfficeKeys) -> Path:
    """Write the private keys (refuses to replace existing ones: packages already sent depend on them)."""
    path = key_path(root)
    if path.exists():
        raise ValidationError(f"Kunci kantor sudah ada di {path}; kunci tidak diganti.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.parent.chmod(0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(keys.to_json())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path


def load_keys(root: Path) -> OfficeKeys:
    path = key_path(root)
    try:
        return OfficeKeys.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValidationError(
            f"Kunci kantor tidak ditemukan ({path}). Pertukaran paket hanya dapat dijalankan di komputer yang "
            "menyimpan kunci kantor; pulihkan berkas itu dari cadangan atau daftarkan kantor ini ulang.") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise ValidationError(f"Berkas kunci kantor {path} rusak atau tidak terbaca: {exc}") from exc
