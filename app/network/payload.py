"""What is inside a package, before sealing and after opening: a ZIP with ``paket.json`` and the files
(scans, letter PDFs) it names by SHA-256. Built and read with bounded memory for the files."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.network.envelope import PackageRefused

DOCUMENT = "paket.json"
FORMAT = 1
#: sections a package may carry; an unknown one is refused (the sender runs a newer, incompatible version)
SECTIONS = ("cases", "statuses", "letters", "notices", "dtsen")
#: ``paket.json`` as unpacked (a kelurahan's whole DTSEN area on its first exchange is some tens of MB)
MAX_DOCUMENT_BYTES = 256 * 1024 ** 2
#: one file of a package (a scan or a letter), as unpacked: the largest scan an office may allow is 200 MB
MAX_FILE_BYTES = 200 * 1024 ** 2


@dataclass
class Content:
    sender: str
    receiver: str
    sequence: int
    created_at: str
    ack: int = 0  # the highest sequence the sender received from the receiver
    sender_kind: str = ""
    cases: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    letters: list[dict[str, Any]] = field(default_factory=list)
    notices: list[dict[str, Any]] = field(default_factory=list)
    dtsen: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # sha256 → file to include (when writing)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, s) for s in SECTIONS)

    def counts(self) -> dict[str, int]:
        return {s: len(getattr(self, s)) for s in SECTIONS if getattr(self, s)}

    def add_file(self, path: Path, sha256: str) -> str:
        self.files[sha256] = path
        return f"files/{sha256}"


def write(content: Content, out: Path) -> None:
    doc = {"format": FORMAT, "from": content.sender, "to": content.receiver, "seq": content.sequence,
           "created_at": content.created_at, "ack": content.ack, "sender_kind": content.sender_kind,
           **{s: getattr(content, s) for s in SECTIONS}}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr(DOCUMENT, json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str))
        for sha, path in content.files.items():
            # scans and PDFs are already compressed: stored as they are
            z.write(path, f"files/{sha}", compress_type=zipfile.ZIP_STORED)


class _TooBig(Exception):
    pass


def _bad(message: str) -> PackageRefused:
    return PackageRefused("format", f"Isi paket tidak sah ({message}); paket ditolak dan tidak ada yang diubah.")


def read(path: Path) -> Content:
    """Read ``paket.json`` (the files stay in the ZIP until :func:`extract`)."""
    try:
        with zipfile.ZipFile(path) as z, z.open(DOCUMENT) as src:
            raw = src.read(MAX_DOCUMENT_BYTES + 1)  # bounded: the size the ZIP declares is not trusted
        if len(raw) > MAX_DOCUMENT_BYTES:
            raise _bad(f"{DOCUMENT} melebihi {MAX_DOCUMENT_BYTES // 1024 ** 2} MB")
        doc = json.loads(raw)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _bad(str(exc)) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _bad("versi isi tidak dikenal")
    try:
        c = Content(str(doc["from"]), str(doc["to"]), int(doc["seq"]), str(doc["created_at"]), int(doc.get("ack", 0)),
                    str(doc.get("sender_kind", "")))
        for s in SECTIONS:
            value = doc.get(s, [])
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise _bad(f"bagian {s}")
            setattr(c, s, value)
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad(str(exc)) from exc
    unknown = set(doc) - {"format", "from", "to", "seq", "created_at", "ack", "sender_kind", *SECTIONS}
    if unknown:
        raise _bad("bagian tidak dikenal: " + ", ".join(sorted(unknown)))
    return c


def extract(path: Path, name: str, dest: Path) -> str:
    """Copy one file out of the content ZIP to ``dest`` (through a temporary name); checks its SHA-256."""
    expected = name.rsplit("/", 1)[-1]
    tmp = dest.with_name(f".{dest.name}.part")
    h = hashlib.sha256()
    size = 0
    try:
        with zipfile.ZipFile(path) as z, z.open(name) as src, tmp.open("wb") as out:
            while chunk := src.read(1 << 20):
                size += len(chunk)
                if size > MAX_FILE_BYTES:  # counted as unpacked: the size the ZIP declares is not trusted
                    raise _TooBig
                h.update(chunk)
                out.write(chunk)
    except _TooBig:
        tmp.unlink(missing_ok=True)
        raise _bad(f"berkas {name} melebihi {MAX_FILE_BYTES // 1024 ** 2} MB") from None
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise _bad(f"berkas {name} tidak ada") from exc
    if h.hexdigest() != expected:
        tmp.unlink(missing_ok=True)
        raise _bad(f"berkas {name} tidak sesuai SHA-256-nya")
    shutil.move(tmp, dest)
    return expected


def names(path: Path) -> Iterable[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("files/")]
