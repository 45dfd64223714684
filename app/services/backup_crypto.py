"""The encrypted backup file: a ZIP inside AES-256-GCM, written and read as a stream.

Layout::

    MAGIC (8 bytes)  office-id length (1)  office id (ASCII)  nonce prefix (8)
    chunk 0, chunk 1, … each: AES-GCM(plaintext of CHUNK bytes) + 16-byte tag
    the last chunk: shorter than CHUNK (possibly empty), sealed as "last"

Each chunk's nonce is the prefix and the chunk's number; its associated data is the header, the number and
whether it is the last, so chunks cannot be reordered, dropped, or the file cut short without the
decryption failing. The key is derived from the office key (app/services/keys.py); the header names the
office, so a restore knows which key to ask the credential store for, or that it needs the recovery key.

:class:`EncryptingWriter` takes what ``zipfile`` writes (no plaintext on disk); :class:`DecryptedFile` is a
seekable read-only file that ``zipfile`` opens directly (again nothing decrypted is written anywhere).
"""

from __future__ import annotations

import io
import os
import secrets
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import ValidationError

MAGIC = b"LPBIENC1"
CHUNK = 1 << 20
TAG = 16


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">IB", index, 1 if last else 0)


def is_encrypted(path: Path) -> bool:
    with Path(path).open("rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def read_header(fh: BinaryIO) -> tuple[bytes, str, bytes]:
    """``(header bytes, office id, nonce prefix)``; raises when the file is not an encrypted backup."""
    magic = fh.read(len(MAGIC))
    if magic != MAGIC:
        raise ValidationError("Berkas ini bukan cadangan terenkripsi Loket PBI.")
    n = fh.read(1)
    if not n:
        raise ValidationError("Kepala berkas cadangan terenkripsi terpotong.")
    office = fh.read(n[0])
    prefix = fh.read(8)
    if len(office) != n[0] or len(prefix) != 8 or not office.isalnum():
        raise ValidationError("Kepala berkas cadangan terenkripsi rusak.")
    return magic + n + office + prefix, office.decode("ascii"), prefix


def office_of(path: Path) -> str:
    with Path(path).open("rb") as fh:
        return read_header(fh)[1]


class EncryptingWriter(io.RawIOBase):
    """A write-only, non-seekable stream that encrypts into ``fh`` (``tell`` counts plaintext bytes)."""

    def __init__(self, fh: BinaryIO, key: bytes, office_id: str):
        super().__init__()
        self._fh, self._aes = fh, AESGCM(key)
        oid = office_id.encode("ascii")
        self._prefix = secrets.token_bytes(8)
        self._header = MAGIC + bytes([len(oid)]) + oid + self._prefix
        fh.write(self._header)
        self._buf = bytearray()
        self._index = 0
        self._written = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._written

    def seek(self, *_args, **_kwargs) -> int:
        raise io.UnsupportedOperation("seek")

    def _emit(self, data: bytes, last: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._index)
        self._fh.write(self._aes.encrypt(nonce, data, _aad(self._header, self._index, last)))
        self._index += 1

    def write(self, b) -> int:  # type-compatible with RawIOBase.write
        data = bytes(b)
        self._buf += data
        self._written += len(data)
        while len(self._buf) >= CHUNK + 1:  # keep at least one byte back: the last chunk is never full
            self._emit(bytes(self._buf[:CHUNK]), False)
            del self._buf[:CHUNK]
        return len(data)

    def close(self) -> None:
        if not self.closed:
            if len(self._buf) == CHUNK:
                self._emit(bytes(self._buf), False)
                self._buf.clear()
            self._emit(bytes(self._buf), True)
            self._buf.clear()
            self._fh.flush()
        super().close()


class DecryptedFile(io.RawIOBase):
    """A seekable, read-only view of the plaintext of an encrypted backup (decrypted chunk by chunk)."""

    def __init__(self, path: Path, key: bytes):
        super().__init__()
        self._fh = Path(path).open("rb")  # noqa: SIM115 - closed by close(); the object is the open file
        try:
            self._header, self.office_id, self._prefix = read_header(self._fh)
            body = os.fstat(self._fh.fileno()).st_size - len(self._header)
            self._full, rest = divmod(body, CHUNK + TAG)
            if rest < TAG:
                raise ValidationError("Berkas cadangan terenkripsi terpotong.")
        except BaseException:
            self._fh.close()
            raise
        self._size = self._full * CHUNK + rest - TAG
        self._aes = AESGCM(key)
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None
        self._chunk(0)  # the wrong key fails here, before anyone reads

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        last = index == self._full
        length = (self._size - index * CHUNK) + TAG if last else CHUNK + TAG
        self._fh.seek(len(self._header) + index * (CHUNK + TAG))
        data = self._fh.read(length)
        nonce = self._prefix + struct.pack(">I", index)
        try:
            plain = self._aes.decrypt(nonce, data, _aad(self._header, index, last))
        except InvalidTag as exc:
            raise ValidationError("Cadangan terenkripsi tidak dapat dibuka: kuncinya salah atau berkasnya "
                                  "rusak/terpotong.") from exc
        self._cached = (index, plain)
        return plain

    def readinto(self, b) -> int:
        view = memoryview(b).cast("B")
        done = 0
        while done < len(view) and self._pos < self._size:
            index, offset = divmod(self._pos, CHUNK)
            plain = self._chunk(index)
            n = min(len(view) - done, len(plain) - offset)
            view[done:done + n] = plain[offset:offset + n]
            done += n
            self._pos += n
        return done

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()
