"""How package files travel, both ways: a folder (network share, USB stick, cloud-synced folder such as
Google Drive or OneDrive) or an HTTPS drop box.

Both use one layout: a package for office ``X`` is put under ``X/`` (``<folder>/X/<file>`` or
``POST <url>/X/<file>``); an office collects what lies under its own code and moves it into its local inbox.
Copies go through a temporary name and are checked by SHA-256, so a half-copied file is never taken for a
package, and a file already at the destination with the same content is not written again. Package files
are already encrypted and signed, so the transport needs no secrecy of its own (HTTPS is still required
beyond this PC, as for batches).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from app.batching.writers import sha256_file
from app.errors import ValidationError
from app.network.envelope import SUFFIX

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class TransportError(Exception):
    """The target cannot be reached now (try again later); the message is Indonesian."""


def _copy_atomic(src: Path, dest: Path, digest: str) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    try:
        with src.open("rb") as a, tmp.open("wb") as b:
            shutil.copyfileobj(a, b, 1 << 20)
            b.flush()
            os.fsync(b.fileno())
        if sha256_file(tmp) != digest:
            raise TransportError(f"salinan di {dest.parent} tidak sama dengan aslinya (media rusak?)")
        os.replace(tmp, dest)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@dataclass(frozen=True)
class FolderTransport:
    root: Path

    @property
    def label(self) -> str:
        return f"folder {self.root}"

    def _reachable(self) -> Path:
        root = Path(self.root).expanduser()
        if not root.is_dir():
            raise TransportError(f"folder {root} tidak dapat dijangkau (flashdisk/jaringan belum tersambung?)")
        return root

    def deliver(self, file: Path, receiver: str, digest: str) -> str:
        box = self._reachable() / receiver
        try:
            box.mkdir(exist_ok=True)
            dest = box / file.name
            if dest.exists() and sha256_file(dest) == digest:
                return f"sudah ada di {dest}"
            _copy_atomic(file, dest, digest)
        except OSError as exc:
            raise TransportError(f"gagal menyalin ke {box}: {exc.strerror or exc}") from exc
        return f"disalin ke {dest}"

    def collect(self, own_code: str, inbox: Path) -> list[Path]:
        box = self._reachable() / own_code
        if not box.is_dir():
            return []
        taken = []
        for f in sorted(box.glob(f"*{SUFFIX}")):
            dest = inbox / f.name
            try:
                digest = sha256_file(f)
                if not (dest.exists() and sha256_file(dest) == digest):
                    _copy_atomic(f, dest, digest)
                f.unlink()
            except OSError as exc:
                raise TransportError(f"gagal mengambil {f.name} dari {box}: {exc.strerror or exc}") from exc
            taken.append(dest)
        return taken


@dataclass(frozen=True)
class HttpsTransport:
    """A drop box on a web server: ``POST``/``GET``/``DELETE`` ``<url>/<office>/<file>``, ``GET <url>/<office>/``
    lists the files waiting for that office (JSON list of names)."""

    url: str
    token: str = ""
    timeout: float = 30.0

    def __post_init__(self) -> None:
        u = urllib.parse.urlparse(self.url)
        if u.scheme not in ("https", "http") or not u.hostname:
            raise ValidationError(f"Alamat pertukaran '{self.url}' tidak sah (harus https://…).")
        if u.scheme == "http" and u.hostname not in _LOOPBACK:
            raise ValidationError("Pertukaran paket lewat internet wajib memakai https://.")

    @property
    def label(self) -> str:
        return f"server {self.url}"

    def _request(self, method: str, path: str, body: bytes | None = None,
                 headers: dict[str, str] | None = None) -> bytes:
        h = {"User-Agent": "LoketPBI-jaringan", **(headers or {})}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(self.url.rstrip("/") + "/" + path, data=body, method=method, headers=h)
        context = ssl.create_default_context() if self.url.startswith("https") else None
        try:
            with urllib.request.urlopen(req, timeout=self.timeout, context=context) as resp:  # noqa: S310
                return resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 409:
                return b""
            raise TransportError(f"server menjawab HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TransportError(f"server {self.url} tidak dapat dihubungi ({reason})") from exc

    def deliver(self, file: Path, receiver: str, digest: str) -> str:
        data = file.read_bytes()
        self._request("POST", f"{urllib.parse.quote(receiver)}/{urllib.parse.quote(file.name)}", data,
                      {"Content-Type": "application/octet-stream", "Idempotency-Key": digest,
                       "X-Content-SHA256": digest})
        return f"dikirim ke {self.url}"

    def collect(self, own_code: str, inbox: Path) -> list[Path]:
        box = urllib.parse.quote(own_code)
        try:
            names = json.loads(self._request("GET", f"{box}/") or b"[]")
        except ValueError as exc:
            raise TransportError(f"jawaban server {self.url} tidak dapat dibaca") from exc
        taken = []
        for name in names:
            if not isinstance(name, str) or "/" in name or not name.endswith(SUFFIX):
                continue
            data = self._request("GET", f"{box}/{urllib.parse.quote(name)}")
            dest = inbox / name
            tmp = dest.with_name(f".{name}.part")
            tmp.write_bytes(data)
            os.replace(tmp, dest)
            self._request("DELETE", f"{box}/{urllib.parse.quote(name)}")
            taken.append(dest)
        return taken
