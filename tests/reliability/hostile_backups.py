"""Hostile backup files, made on the spot from a real backup (nothing large is committed).

Each maker takes a sound backup (encrypted with the office key, read through app.services.backup.open_backup
with the key the tests keep) and writes a variant as a plain ZIP — as an earlier version wrote, which a
restore still accepts, so each refusal is the one under test: an entry whose name climbs out or is absolute,
a link, a device name, a zip bomb (a 2 GiB entry compressed to a few MB, made without compressing 2 GiB),
a backup without a database, with a database of a newer schema or without users.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import struct
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from app.services import backup

#: entry names a backup can never contain (each must be refused, nothing written anywhere)
BAD_NAMES = [
    "letters/../../keluar.txt",
    "letters/../../../../../../tmp/keluar-absolut.txt",
    "/tmp/keluar-absolut.txt",
    "C:/Users/Public/keluar.txt",
    "letters/C:keluar.txt",
    "letters\\..\\..\\keluar.txt",
    "..\\keluar.txt",
    "letters/CON.pdf",
    "attachments/2026/nul.txt",
    "letters/lpt1.docx",
    "letters/titik.",
    "letters/spasi ",
    "letters//ganda.txt",
    "letters/./x.txt",
    "letters/a\x00b.txt",
    "letters/a\x1bb.txt",
    "logs/app.log",
    "config.json",
    "loket-pbi.sqlite3",
    "letters",
    "letters/Cafe\u0301.txt",  # not NFC
    "letters/aliran:ads.txt",
]


@contextmanager
def _source(src: Path):
    """The backup ``src`` as a ZIP: decrypted with the office key (tests keep it in LOKET_PBI_KEY_DIR)."""
    with backup.open_backup(src, data_root=Path(src).parent) as zf:
        yield zf


def plain_copy(src: Path, dst: Path) -> Path:
    """``src`` as an earlier version's unencrypted backup ZIP (same entries, same manifest)."""
    return _rewrite(src, dst)


def _rewrite(src: Path, dst: Path, *, drop=(), add=(), replace=None, manifest_too: bool = True) -> Path:
    """Copy ``src`` to ``dst`` without the names in ``drop``, with ``add`` (name, bytes) added and
    ``replace`` {name: bytes}; the manifest lists what is in the ZIP (so only the refusal under test bites)."""
    replace = replace or {}
    with _source(src) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        items = [(i.filename, replace.get(i.filename, zin.read(i.filename))) for i in zin.infolist()
                 if i.filename != "manifest.json" and i.filename not in drop]
    items += list(add)
    if manifest_too:
        manifest["files"] = {n: hashlib.sha256(b).hexdigest() for n, b in items}
    with zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            zout.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data)
        zout.writestr("manifest.json", json.dumps(manifest))
    return dst


def with_name(src: Path, dst: Path, name: str) -> Path:
    return _rewrite(src, dst, add=[(name, b"isi yang tidak boleh keluar")])


def with_symlink(src: Path, dst: Path) -> Path:
    path = _rewrite(src, dst)
    with zipfile.ZipFile(path, "a") as zf:
        info = zipfile.ZipInfo("letters/tautan", (2026, 1, 1, 0, 0, 0))
        info.external_attr = (0o120777 << 16)
        info.create_system = 3
        zf.writestr(info, "/etc/passwd")
    return path


def with_case_twins(src: Path, dst: Path) -> Path:
    return _rewrite(src, dst, add=[("letters/Surat.docx", b"a"), ("letters/surat.DOCX", b"b")])


def without_database(src: Path, dst: Path) -> Path:
    return _rewrite(src, dst, drop=("database.sqlite3",))


def _edit_db(src: Path, work: Path, sql: list[str]) -> bytes:
    with _source(src) as zf:
        data = zf.read("database.sqlite3")
    db = work / "edit.sqlite3"
    db.write_bytes(data)
    con = sqlite3.connect(db)
    try:
        for stmt in sql:
            con.execute(stmt)
        con.commit()
    finally:
        con.close()
    out = db.read_bytes()
    db.unlink()
    return out


def newer_schema(src: Path, dst: Path) -> Path:
    data = _edit_db(src, dst.parent, ["UPDATE alembic_version SET version_num = '9999_dari_masa_depan'"])
    return _rewrite(src, dst, replace={"database.sqlite3": data})


def without_users(src: Path, dst: Path) -> Path:
    data = _edit_db(src, dst.parent, ["DELETE FROM user_role", "DELETE FROM app_user"])
    return _rewrite(src, dst, replace={"database.sqlite3": data})


def not_a_database(src: Path, dst: Path) -> Path:
    return _rewrite(src, dst, replace={"database.sqlite3": b"bukan basis data " * 1000})


def _bomb_stream(size: int) -> tuple[bytes, int]:
    """A raw DEFLATE stream of ``size`` zero bytes and its CRC-32, made from one compressed 1 MiB block
    repeated (a full flush makes every block after the first identical), so 2 GiB cost no 2 GiB of work."""
    chunk = bytes(1 << 20)
    assert size % len(chunk) == 0
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    n = size // len(chunk)
    stream = first + block * (n - 1) + c.flush()
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def zip_bomb(src: Path, dst: Path, *, name: str = "letters/bom.docx", size: int = 2 << 30) -> Path:
    """``src`` plus one entry of ``size`` zero bytes (honest sizes in the headers; a few MB on disk)."""
    stream, crc = _bomb_stream(size)
    path = _rewrite(src, dst, manifest_too=False)
    # The manifest must list it, or the refusal would be for the list. Its digest is not computed (2 GiB of
    # hashing): the size alone must refuse it, before a byte is unpacked.
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        items = [(i.filename, zf.read(i.filename)) for i in zf.infolist() if i.filename != "manifest.json"]
    manifest["files"] = {n: hashlib.sha256(b).hexdigest() for n, b in items}
    manifest["files"][name] = "0" * 64
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for n, b in items:
            zf.writestr(n, b)
    _append_raw_entry(path, name, stream, crc, size)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
    with zipfile.ZipFile(path) as zf:  # a valid ZIP whose header says what it unpacks to
        assert zf.getinfo(name).file_size == size
    return path


def _append_raw_entry(path: Path, name: str, stream: bytes, crc: int, size: int) -> None:
    """Append an already-compressed entry (ZIP64 sizes) by rewriting the central directory."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        start = zf.start_dir
    raw = path.read_bytes()
    body = raw[:start]
    offset = len(body)
    fname = name.encode()
    zip64_local = struct.pack("<HHQQ", 1, 16, size, len(stream))
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 45, 0, 8, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                        len(fname), len(zip64_local)) + fname + zip64_local
    body += local + stream
    central = b""
    for info in infos:
        central += _central(info.filename.encode(), info.CRC, info.compress_size, info.file_size,
                            info.header_offset, info.compress_type)
    zip64_central = struct.pack("<HHQQQ", 1, 24, size, len(stream), offset)
    central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 45, 45, 0, 8, 0, 0x21, crc, 0xFFFFFFFF,
                           0xFFFFFFFF, len(fname), len(zip64_central), 0, 0, 0, 0, 0xFFFFFFFF) + fname + zip64_central
    cd_offset = len(body)
    count = len(infos) + 1
    zip64_end = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), cd_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, cd_offset + len(central), 1)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(body + central + zip64_end + locator + end)


def _central(fname: bytes, crc: int, csize: int, size: int, offset: int, method: int) -> bytes:
    return struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, csize, size,
                       len(fname), 0, 0, 0, 0, 0, offset) + fname
