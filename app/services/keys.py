"""The office key: one secret per office, kept outside the database.

It seals the rows that decide rights and outcomes and links the audit chain (HMAC-SHA256, app/services/
seals.py), encrypts backups (app/services/backup.py) and the passwords and tokens the office stores
(app/services/secrets.py). Each use has its own key derived from it (HKDF-SHA256), so no derived key
reveals another.

Where it is kept:

* the operating system's credential store through ``keyring`` (Windows Credential Manager, macOS
  Keychain, the Secret Service on a Linux desktop), under the service ``Loket PBI`` and the name
  ``kunci-kantor-<office id>``;
* where no credential store works (a headless Linux server, CI) or ``LOKET_PBI_KEY_DIR`` is set: a file
  ``<office id>.key`` readable only by its owner (0600), in ``LOKET_PBI_KEY_DIR`` or else in the data
  folder's ``.kunci/`` (never inside a backup).

The office id (not secret) is stored in the database (setting ``integrity.office``) and in the header of
every encrypted backup, so a backup names the key it needs. The key itself is shown once to the
administrator as the **recovery key** (:func:`recovery_text`): it opens a backup on another PC and
installs the key there (:func:`install_recovery_key`).
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import secrets as pysecrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import LoketError, ValidationError

log = logging.getLogger(__name__)

SERVICE = "Loket PBI"
ENV_KEY_DIR = "LOKET_PBI_KEY_DIR"
KEY_BYTES = 32


class KeyMissing(LoketError):
    """The office has a key, but this PC (or this Windows user) does not hold it."""


def new_office_id() -> str:
    return pysecrets.token_hex(8)


def new_master_key() -> bytes:
    return pysecrets.token_bytes(KEY_BYTES)


def derive(master: bytes, purpose: str) -> bytes:
    """The key for one use (``audit``, ``backup``, ``secrets``) derived from the office key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"loket-pbi/{purpose}".encode()).derive(master)


# ------------------------------------------------------------------------------------------- recovery key
def recovery_text(master: bytes) -> str:
    """The office key as the administrator writes it down: 13 groups of 4 letters/digits (base32)."""
    raw = base64.b32encode(master).decode("ascii").rstrip("=")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def parse_recovery(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("Kunci pemulihan tidak sah: periksa huruf dan angkanya.") from exc
    if len(key) != KEY_BYTES:
        raise ValidationError("Kunci pemulihan tidak sah: panjangnya tidak sesuai.")
    return key


# ----------------------------------------------------------------------------------------------- storage
class KeyStore:
    """Reads and writes office keys for one data folder (the credential store, else a 0600 file)."""

    def __init__(self, data_root: Path):
        self.data_root = Path(data_root)

    # -- the file store
    def _folder(self) -> Path:
        env = os.environ.get(ENV_KEY_DIR)
        return Path(env) if env else self.data_root / ".kunci"

    def _file(self, office_id: str) -> Path:
        if not office_id.isalnum():
            raise ValidationError("Identitas kantor tidak sah.")
        return self._folder() / f"{office_id}.key"

    def _keyring(self):
        """The ``keyring`` module when a real credential store is available, else ``None``."""
        if os.environ.get(ENV_KEY_DIR):
            return None
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            return None
        try:
            backend = keyring.get_keyring()
        except Exception:  # noqa: BLE001 - a broken backend configuration means: use the file
            return None
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            return None
        chained = getattr(backend, "backends", None)
        if chained is not None and not chained:
            return None
        return keyring

    def backend_name(self) -> str:
        kr = self._keyring()
        if kr is not None:
            return f"penyimpanan kredensial sistem operasi ({type(kr.get_keyring()).__name__})"
        return f"berkas kunci {self._folder()}"

    def get(self, office_id: str) -> bytes | None:
        kr = self._keyring()
        if kr is not None:
            try:
                value = kr.get_password(SERVICE, f"kunci-kantor-{office_id}")
            except Exception as exc:  # noqa: BLE001 - a locked or broken store: try the file
                log.warning("credential store unavailable: %s", exc)
                value = None
            if value:
                return parse_recovery(value)
        for path in (self._file(office_id), self.data_root / ".kunci" / f"{office_id}.key"):
            if path.is_file():
                return parse_recovery(path.read_text(encoding="ascii"))
        return None

    def put(self, office_id: str, master: bytes) -> str:
        """Keep ``master``; returns where (for the administrator)."""
        text = recovery_text(master)
        kr = self._keyring()
        if kr is not None:
            try:
                kr.set_password(SERVICE, f"kunci-kantor-{office_id}", text)
                return self.backend_name()
            except Exception as exc:  # noqa: BLE001 - fall back to the file store
                log.warning("credential store refused the office key, using a key file: %s", exc)
        path = self._file(office_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(path.parent, 0o700)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return f"berkas kunci {path}"


class RecoveryKeyNeeded(ValidationError):
    """A backup (or the office in it) needs the office key, which this PC does not hold: ask for the recovery key."""
