"""Scanned documents stored with a case (SPEC §1: "attachments of scanned documents … are stored with the case").

A file is checked first (type by its first bytes, not only its name; size; not empty; readable), then
copied into ``attachments/<registration number>/<sha-prefix>-<safe name>`` through a temporary name, fsync
and ``os.replace``; only then is its :class:`Attachment` row written, in one transaction with the audit
entry. If that transaction fails the copy is removed again. A file in the folder without a row (left by a
power cut between the copy and the commit) is never an attachment: lists read the rows, and
:func:`verify_attachments` names such files apart.

A PDF must be a plain scan: one with active content (``/JS``, ``/JavaScript``, ``/Launch``, ``/EmbeddedFile``,
``/OpenAction`` or ``/AA`` that runs a script, ``/RichMedia``, ``/XFA`` forms, …) — also spelled with ``#xx``
escapes or hidden in a compressed object stream — or a polyglot (a ZIP, HTML, script or a second file type
before the header or after the last ``%%EOF``) is refused, as is a PDF that PDFium cannot open or that
carries document JavaScript or attachments by PDFium's own count (:func:`check_pdf`).

Adding and removing need ``attachment.add`` / ``attachment.remove`` and an open case; a closed case keeps
its attachments as they were when it closed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Attachment, Case, ChecklistItem, User
from app.errors import NotFound, ValidationError
from app.filenames import is_reserved_name
from app.rules.permissions import Actor, allowed, require
from app.services import audit, settings
from app.timeutil import utcnow

SECTION = "attachments"
CHUNK = 1024 * 1024
PART_SUFFIX = ".part"
#: extension → kind; the kind must also be what the first bytes say
EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff"}
KIND_LABELS = {"pdf": "PDF", "jpeg": "JPG", "png": "PNG", "tiff": "TIFF"}
ALLOWED_TEXT = "PDF, JPG, PNG atau TIFF"


@dataclass(frozen=True)
class AttachmentSettings:
    """Office setting: the largest file accepted, in megabytes."""

    max_mb: int = 10

    def __post_init__(self) -> None:
        if not 1 <= int(self.max_mb) <= 200:
            raise ValidationError("Batas ukuran lampiran harus antara 1 dan 200 MB.")


@dataclass(frozen=True)
class FileToAttach:
    """A file the user chose, and the requirement it shows (``""``: not tied to one)."""

    path: Path
    requirement_code: str = ""
    file_name: str = ""  # shown name; defaults to the file's own name

    @property
    def name(self) -> str:
        return self.file_name or Path(self.path).name


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    name: str
    kind: str
    size: int


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    case_id: int
    requirement_code: str
    requirement_label: str
    file_name: str
    size: int
    sha256: str
    added_by: int | None
    added_by_name: str
    added_at: datetime
    path: Path

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def size_text(size: int) -> str:
    """``12,3 MB`` / ``845 KB`` (Indonesian decimal comma)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def load_settings(office: Office) -> AttachmentSettings:
    return settings.load(office, SECTION, AttachmentSettings)


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes say it is (``None``: none of the accepted kinds)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


#: PDF names that make a document do something beyond showing pages
ACTIVE_PDF_NAMES = {b"JS": "JavaScript", b"JavaScript": "JavaScript", b"Launch": "perintah menjalankan program",
                    b"EmbeddedFile": "berkas tersisip", b"EmbeddedFiles": "berkas tersisip",
                    b"RichMedia": "media aktif", b"XFA": "formulir XFA", b"SubmitForm": "pengiriman formulir",
                    b"ImportData": "impor data", b"GoToR": "tautan ke berkas lain",
                    b"GoToE": "tautan ke berkas tersisip"}
_PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
#: what another file type puts at its start, found outside a PDF's streams
_FOREIGN = [(re.compile(rb"PK\x03\x04|PK\x05\x06"), "arsip ZIP"),
            (re.compile(rb"<(?:!doctype\s+html|html|script|body|iframe|svg)[\s>]", re.IGNORECASE), "HTML/skrip"),
            (re.compile(rb"MZ\x90\x00"), "program Windows"), (re.compile(rb"\x7fELF"), "program")]
_INFLATE_BUDGET = 256 * 1024 * 1024  # bytes decompressed from a PDF's streams while looking for hidden names


def _names(data: bytes) -> set[bytes]:
    out = set()
    for m in _PDF_NAME.finditer(data):
        name = m.group(1)
        if b"#" in name:
            name = _HEX.sub(lambda h: bytes([int(h.group(1), 16)]), name)
        out.add(name)
    return out


def _split_streams(data: bytes) -> tuple[bytes, list[tuple[set[bytes], bytes]]]:
    """The PDF without its stream bodies, and each stream as (names in its dictionary, body up to ``endstream``)."""
    outside = bytearray()
    streams = []
    pos = 0
    while (m := _STREAM.search(data, pos)) is not None:
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        outside += data[pos:m.end()]
        head = data[max(pos, m.start() - 4096):m.start()]
        head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
        streams.append((_names(head), data[m.end():end]))
        pos = end + len(b"endstream")
    outside += data[pos:]
    return bytes(outside), streams


def _is_zlib(body: bytes) -> bool:
    return len(body) > 2 and body[0] & 0x0F == 8 and ((body[0] << 8) | body[1]) % 31 == 0


def check_pdf(data: bytes, name: str) -> None:
    """Refuse a PDF that runs anything or is also another kind of file (a polyglot).

    Names are looked for outside the streams and inside compressed object streams (``/ObjStm``, where a PDF 1.5
    file keeps its dictionaries); image and font data are never searched (random bytes could spell ``/JS``)."""
    refuse = (f"Berkas '{name}' bukan pindaian PDF biasa: {{what}}. Lampiran hanya boleh berupa pindaian; cetak "
              "ke PDF atau pindai ulang dokumennya.")
    if not data.startswith(b"%PDF-"):
        raise ValidationError(refuse.format(what="kepala PDF tidak berada di awal berkas"))
    last_eof = data.rfind(b"%%EOF")  # none: a cut-off scan (its tail is still searched below)
    if last_eof >= 0 and data[last_eof + 5:].strip(b"\r\n\t \x00"):
        raise ValidationError(refuse.format(what="ada data lain setelah akhir PDF (berkas ganda/poliglot)"))
    outside, streams = _split_streams(data)
    for pattern, what in _FOREIGN:
        if pattern.search(outside):
            raise ValidationError(refuse.format(what=f"berisi {what} di dalam PDF (berkas ganda/poliglot)"))
    found = _names(outside)
    budget = _INFLATE_BUDGET
    for names, body in streams:
        if b"ObjStm" not in names or not _is_zlib(body) or budget <= 0:
            continue
        try:
            plain = zlib.decompressobj().decompress(body, budget)
        except zlib.error:
            continue
        budget -= len(plain)
        found |= _names(plain)
    active = sorted({ACTIVE_PDF_NAMES[n] for n in found if n in ACTIVE_PDF_NAMES})
    if active and (b"OpenAction" in found or b"AA" in found):
        active.insert(0, "tindakan otomatis saat dibuka")
    if active:
        raise ValidationError(refuse.format(what="berisi " + ", ".join(active)))
    _check_with_pdfium(data, name, refuse)


def _check_with_pdfium(data: bytes, name: str, refuse: str) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():  # its object streams are encrypted: what they hold cannot be checked
            raise ValidationError(f"Berkas '{name}' adalah PDF yang dilindungi kata sandi; isinya tidak dapat "
                                  "diperiksa. Simpan tanpa kata sandi atau pindai ulang dokumennya.") from exc
        return  # PDFium cannot read it at all: nothing it could run (the byte checks above passed)
    try:
        if pdfium_c.FPDFDoc_GetJavaScriptActionCount(doc.raw) > 0:
            raise ValidationError(refuse.format(what="berisi JavaScript"))
        if pdfium_c.FPDFDoc_GetAttachmentCount(doc.raw) > 0:
            raise ValidationError(refuse.format(what="berisi berkas tersisip"))
        if len(doc) == 0:
            raise ValidationError(f"Berkas '{name}' adalah PDF tanpa halaman; pindai ulang dokumennya.")
    finally:
        doc.close()


def check_file(path: str | os.PathLike[str], *, max_bytes: int) -> CheckedFile:
    """Refuse (with an Indonesian sentence) anything that is not a readable, non-empty scan of an accepted type."""
    p = Path(path)
    name = p.name
    kind = EXTENSIONS.get(p.suffix.lower())
    if kind is None:
        raise ValidationError(f"Jenis berkas '{name}' tidak diterima; lampirkan berkas {ALLOWED_TEXT}.")
    try:
        if not p.is_file():
            raise ValidationError(f"Berkas '{name}' tidak ditemukan atau bukan berkas biasa.")
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - 65_557))  # a ZIP's end record lies within its last 64 KB + 22 bytes
            tail = fh.read()
    except OSError as exc:
        raise ValidationError(f"Berkas '{name}' tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if size == 0:
        raise ValidationError(f"Berkas '{name}' kosong (0 byte); pindai ulang dokumennya.")
    if size > max_bytes:
        raise ValidationError(f"Berkas '{name}' terlalu besar ({size_text(size)}); batasnya "
                              f"{size_text(max_bytes)}. Pindai ulang dengan resolusi lebih rendah.")
    actual = sniff(head)
    if actual is None and kind == "pdf" and b"%PDF-" in head:
        check_pdf(head, name)  # a header further in: refused as a polyglot
    if actual is None:
        raise ValidationError(f"Isi berkas '{name}' bukan {ALLOWED_TEXT} yang sah, walaupun namanya berakhiran "
                              f"{p.suffix}; berkas mungkin rusak atau berjenis lain.")
    if actual != kind:
        raise ValidationError(f"Isi berkas '{name}' adalah {KIND_LABELS[actual]}, tidak sesuai akhiran namanya "
                              f"({p.suffix}); ganti nama berkasnya atau pindai ulang.")
    if b"PK\x05\x06" in tail or _FOREIGN[1][0].search(head):
        raise ValidationError(f"Berkas '{name}' bukan pindaian {KIND_LABELS[actual]} biasa: berisi juga arsip ZIP "
                              "atau HTML (berkas ganda/poliglot). Lampiran hanya boleh berupa pindaian; pindai ulang "
                              "dokumennya.")
    if kind == "pdf":
        try:
            data = p.read_bytes()  # at most the size limit (200 MB)
        except OSError as exc:
            raise ValidationError(f"Berkas '{name}' tidak dapat dibaca: {exc.strerror or exc}.") from exc
        check_pdf(data, name)
    return CheckedFile(p, name, kind, size)


def safe_name(name: str) -> str:
    """A file name every file system accepts (no path, no odd characters), the extension kept."""
    name = unicodedata.normalize("NFKD", Path(name).name).encode("ascii", "ignore").decode()
    suffix = Path(name).suffix
    stem = name[: len(name) - len(suffix)]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-") or "lampiran"
    suffix = re.sub(r"[^a-z0-9.]+", "", suffix.lower()[:6])
    if is_reserved_name(stem):  # CON, nul.txt, LPT1…: a device on Windows, never a file
        first, dot, rest = stem.partition(".")
        stem = first.rstrip(" ") + "_" + dot + rest
    return stem[:80] + suffix


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def store_copy(src: CheckedFile, folder: Path, *, max_bytes: int) -> tuple[Path, str, int]:
    """Copy ``src`` into ``folder`` crash-safely; returns (path, sha256, size). The name starts with the hash."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{os.getpid()}-{safe_name(src.name)}{PART_SUFFIX}"
    digest = hashlib.sha256()
    size = 0
    try:
        with src.path.open("rb") as fin, tmp.open("wb") as fout:
            while chunk := fin.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise ValidationError(f"Berkas '{src.name}' terlalu besar; batasnya {size_text(max_bytes)}.")
                digest.update(chunk)
                fout.write(chunk)
            fout.flush()
            os.fsync(fout.fileno())
        if size == 0:
            raise ValidationError(f"Berkas '{src.name}' kosong (0 byte); pindai ulang dokumennya.")
        sha = digest.hexdigest()
        target = folder / f"{sha[:12]}-{safe_name(src.name)}"
        os.replace(tmp, target)
        _fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(f"Berkas '{src.name}' tidak dapat disalin ke folder data: "
                              f"{exc.strerror or exc}.") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target, sha, size


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _case_folder(office: Office, reg_number: str) -> Path:
    return office.dirs.attachments / safe_name(reg_number)


def _rel(office: Office, path: Path) -> str:
    return path.relative_to(office.dirs.attachments).as_posix()


def _info(office: Office, row: Attachment, labels: dict[str, str], names: dict[int, str]) -> AttachmentInfo:
    return AttachmentInfo(row.id or 0, row.case_id, row.requirement_code,
                          labels.get(row.requirement_code, row.requirement_code or "lain-lain"), row.file_name,
                          row.size, row.sha256, row.added_by, names.get(row.added_by or 0, ""), row.added_at,
                          office.dirs.attachments / row.stored_path)


def _lookups(s: Session, case_id: int, rows: Iterable[Attachment]) -> tuple[dict[str, str], dict[int, str]]:
    labels = {i.code: i.label for i in s.exec(select(ChecklistItem).where(ChecklistItem.case_id == case_id)).all()}
    ids = {r.added_by for r in rows if r.added_by}
    users = s.exec(select(User).where(col(User.id).in_(ids))).all() if ids else []
    return labels, {u.id or 0: u.full_name for u in users}


def _open_case(s: Session, case_id: int) -> Case:
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
    if case.closed_at is not None:
        raise ValidationError(f"Berkas {case.reg_number} sudah ditutup; lampirannya tidak dapat diubah lagi.")
    from app.network.guard import check_owner

    check_owner(s, case)  # a case handed over to the Dinas is changed only there (SPEC §8)
    return case


def add_files(office: Office, *, actor: Actor, case_id: int, files: Iterable[FileToAttach],
              tick_received: bool = True) -> list[AttachmentInfo]:
    """Attach scans to an open case, all or none. ``tick_received`` ticks each file's requirement as received.

    Every file is checked before anything is copied; a refused file leaves the case and the folder as they were.
    """
    require(actor, "attachment.add")
    files = list(files)
    if not files:
        return []
    max_bytes = load_settings(office).max_mb * 1024 * 1024
    checked = [(f, check_file(f.path, max_bytes=max_bytes)) for f in files]
    with office.db.read() as s:
        case = _open_case(s, case_id)
        reg = case.reg_number
        codes = {i.code for i in s.exec(select(ChecklistItem).where(ChecklistItem.case_id == case_id)).all()}
    unknown = sorted({f.requirement_code for f in files if f.requirement_code and f.requirement_code not in codes})
    if unknown:
        raise ValidationError(f"Persyaratan tidak dikenal untuk berkas {reg}: {', '.join(unknown)}.")
    folder = _case_folder(office, reg)
    copies: list[tuple[FileToAttach, CheckedFile, Path, str, int]] = []
    try:
        for f, c in checked:
            path, sha, size = store_copy(c, folder, max_bytes=max_bytes)
            copies.append((f, c, path, sha, size))
        now = utcnow()
        with office.db.write() as s:
            _open_case(s, case_id)
            rows = _insert(s, office, actor=actor, case_id=case_id, copies=copies, tick_received=tick_received,
                           now=now)
            labels, names = _lookups(s, case_id, rows)
            return [_info(office, r, labels, names) for r in rows]
    except BaseException:
        # No row points at these copies (the transaction rolled back): remove them, unless an earlier
        # attachment of this case is the very same file (same hash, same name → same path).
        with office.db.read() as s:
            kept = set(s.exec(select(Attachment.stored_path).where(Attachment.case_id == case_id)).all())
        for _f, _c, path, _sha, _size in copies:
            if _rel(office, path) not in kept:
                path.unlink(missing_ok=True)
        raise


def _insert(s: Session, office: Office, *, actor: Actor, case_id: int,
            copies: list[tuple[FileToAttach, CheckedFile, Path, str, int]], tick_received: bool, now: datetime
            ) -> list[Attachment]:
    """The attachment rows of stored copies (a file already attached is refused), their requirements ticked,
    one audit entry; inside the caller's transaction."""
    existing = {r.sha256: r.file_name for r in s.exec(select(Attachment).where(Attachment.case_id == case_id)).all()}
    rows: list[Attachment] = []
    seen: set[str] = set()
    for f, _c, path, sha, size in copies:
        if sha in existing or sha in seen:
            raise ValidationError(f"Berkas '{f.name}' sudah dilampirkan pada berkas ini"
                                  + (f" (sebagai '{existing[sha]}')." if sha in existing else "."))
        seen.add(sha)
        row = Attachment(case_id=case_id, requirement_code=f.requirement_code, file_name=f.name[:255],
                         stored_path=_rel(office, path), sha256=sha, size=size, added_by=actor.id, added_at=now)
        s.add(row)
        rows.append(row)
        if tick_received and f.requirement_code:
            item = s.get(ChecklistItem, (case_id, f.requirement_code))
            if item is not None and not item.received:
                item.received, item.updated_by, item.updated_at = True, actor.id, now
                s.add(item)
    s.flush()
    audit.record(s, actor=actor, action="case.attachment_add", entity="case", entity_id=case_id,
                 new={"files": [{"id": r.id, "name": r.file_name, "requirement": r.requirement_code,
                                 "sha256": r.sha256, "size": r.size} for r in rows]})
    return rows


def check_files(office: Office, files: Iterable[FileToAttach]) -> list[tuple[FileToAttach, CheckedFile]]:
    """Check every file (type, size, readable) before anything is stored; raises on the first bad one."""
    max_bytes = load_settings(office).max_mb * 1024 * 1024
    return [(f, check_file(f.path, max_bytes=max_bytes)) for f in files]


def add_files_in(s: Session, office: Office, *, actor: Actor, case: Case,
                 checked: list[tuple[FileToAttach, CheckedFile]], now: datetime) -> int:
    """Attach checked scans to a case being created or changed in the caller's transaction (intake): the
    copies are stored now and removed again if that transaction rolls back. Ticks their requirements.
    Returns how many were attached."""
    require(actor, "attachment.add")
    if not checked:
        return 0
    assert case.id is not None
    codes = {i.code for i in s.exec(select(ChecklistItem).where(ChecklistItem.case_id == case.id)).all()}
    unknown = sorted({f.requirement_code for f, _c in checked
                      if f.requirement_code and f.requirement_code not in codes})
    if unknown:
        raise ValidationError(f"Persyaratan tidak dikenal untuk berkas {case.reg_number}: {', '.join(unknown)}.")
    max_bytes = load_settings(office).max_mb * 1024 * 1024
    folder = _case_folder(office, case.reg_number)
    copies: list[tuple[FileToAttach, CheckedFile, Path, str, int]] = []
    from sqlalchemy import event

    state = {"open": True}

    def on_rollback(_session) -> None:  # no row points at the copies: remove them
        if state["open"]:
            state["open"] = False
            for _f, _c, path, _sha, _size in copies:
                path.unlink(missing_ok=True)

    def on_commit(_session) -> None:
        state["open"] = False

    event.listen(s, "after_rollback", on_rollback)
    event.listen(s, "after_commit", on_commit)
    for f, c in checked:
        path, sha, size = store_copy(c, folder, max_bytes=max_bytes)
        copies.append((f, c, path, sha, size))
    return len(_insert(s, office, actor=actor, case_id=case.id, copies=copies, tick_received=True, now=now))


def list_attachments(office: Office, *, actor: Actor, case_id: int) -> list[AttachmentInfo]:
    """The case's attachments (rows only: a stray file in the folder is not one), oldest first."""
    require(actor, "attachment.view")
    with office.db.read() as s:
        rows = list(s.exec(select(Attachment).where(Attachment.case_id == case_id)
                           .order_by(col(Attachment.added_at), col(Attachment.id))).all())
        labels, names = _lookups(s, case_id, rows)
        return [_info(office, r, labels, names) for r in rows]


def permitted(office: Office, *, actor: Actor, case_id: int) -> dict[str, bool]:
    """What the window may offer on this case's attachments (the core checks again on each call)."""
    with office.db.read() as s:
        case = s.get(Case, case_id)
        is_open = case is not None and case.closed_at is None
    return {"view": allowed(actor, "attachment.view"),
            "add": is_open and allowed(actor, "attachment.add"),
            "remove": is_open and allowed(actor, "attachment.remove")}


def _row(s: Session, attachment_id: int) -> Attachment:
    row = s.get(Attachment, attachment_id)
    if row is None:
        raise NotFound(f"Lampiran #{attachment_id} tidak ditemukan.")
    return row


def remove(office: Office, *, actor: Actor, attachment_id: int, reason: str = "") -> None:
    """Remove an attachment of an open case (row and file). The removal and its reason are audited."""
    require(actor, "attachment.remove")
    with office.db.write() as s:
        row = _row(s, attachment_id)
        _open_case(s, row.case_id)
        path = office.dirs.attachments / row.stored_path
        shared = s.exec(select(Attachment).where(Attachment.stored_path == row.stored_path,
                                                 Attachment.id != attachment_id)).first()
        old = {"id": row.id, "name": row.file_name, "requirement": row.requirement_code, "sha256": row.sha256}
        s.delete(row)
        audit.record(s, actor=actor, action="case.attachment_remove", entity="case", entity_id=row.case_id,
                     old=old, new={"reason": reason.strip()})
    if shared is None:  # after the commit: a crash before this line leaves a stray file, never a lost row
        path.unlink(missing_ok=True)


def export_copy(office: Office, *, actor: Actor, attachment_id: int, dest: str | os.PathLike[str]) -> Path:
    """Copy the stored file into folder ``dest`` under its shown name (to open or hand over); checks the hash.

    Opening a scan is a view of personal data: it is recorded in the audit log.
    """
    require(actor, "attachment.view")
    with office.db.read() as s:
        row = _row(s, attachment_id)
        name, rel, sha, case_id = row.file_name, row.stored_path, row.sha256, row.case_id
    src = office.dirs.attachments / rel
    if not src.exists():
        raise ValidationError(f"Berkas lampiran '{name}' hilang dari folder data ({src}); pulihkan dari cadangan.")
    if sha256_file(src) != sha:
        raise ValidationError(f"Berkas lampiran '{name}' telah berubah sejak disimpan (SHA-256 tidak cocok); "
                              "pulihkan dari cadangan.")
    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    shutil.copyfile(src, target)
    with office.db.write() as s:
        audit.record(s, actor=actor, action="case.attachment_open", entity="case", entity_id=case_id,
                     new={"id": attachment_id, "name": name})
    return target


def _files(root: Path) -> Iterator[Path]:
    if root.exists():
        yield from (p for p in root.rglob("*") if p.is_file())


@dataclass(frozen=True)
class AttachmentCheck:
    problems: list[str]
    checked: int
    stray: list[Path]  # files with no row (a copy whose transaction never committed); never counted


def verify_attachments(office: Office) -> AttachmentCheck:
    """Each attachment row's file exists and matches its SHA-256; files without a row are listed apart."""
    problems: list[str] = []
    with office.db.read() as s:
        rows = [(r.file_name, r.stored_path, r.sha256, r.case_id)
                for r in s.exec(select(Attachment).order_by(col(Attachment.id))).all()]
        from app.db.models import WizardDraft

        drafts = {str(d.id) for d in s.exec(select(WizardDraft)).all()}
    known = set()
    for name, rel, sha, case_id in rows:
        known.add(rel)
        path = office.dirs.attachments / rel
        if not path.exists():
            problems.append(f"Lampiran '{name}' (berkas #{case_id}) hilang: {path}.")
        elif sha256_file(path) != sha:
            problems.append(f"Lampiran '{name}' (berkas #{case_id}) telah berubah sejak disimpan (SHA-256 tidak "
                            f"cocok): {path}.")
    stray = []
    for p in _files(office.dirs.attachments):
        rel = p.relative_to(office.dirs.attachments)
        if rel.parts[0] == "drafts" and len(rel.parts) > 2 and rel.parts[1] in drafts:
            continue  # staged by a saved wizard draft
        if rel.as_posix() not in known:
            stray.append(p)
    return AttachmentCheck(problems, len(rows), stray)
