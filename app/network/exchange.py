"""Send, receive and status for the command line (``loket-pbi exchange``) and the window.

:func:`send` makes the next package for every enrolled peer and delivers every package the peer has not yet
acknowledged to every configured transport (never twice to the same one). :func:`receive` collects package
files from the transports into the local inbox (``network/masuk``, where a file can also be dropped by hand)
and applies them in sequence order per sender: applied or replayed files move to ``network/diterima``,
refused ones to ``network/ditolak`` with the reason beside them, and a package waiting for a missing earlier
one stays in the inbox until that one arrives. :func:`status` lists per office what went where.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import func
from sqlmodel import col, select

from app.context import Office
from app.db.models import Case, NetworkCase, NetworkFlag, NetworkPackage, NetworkPeer
from app.errors import ValidationError
from app.network import envelope, identity, incoming, outgoing, transports
from app.rules.permissions import Actor, require
from app.services import settings as settings_svc
from app.timeutil import utcnow

SECTION = "exchange"
#: a package delivered but not acknowledged after this long is delivered again (a replay changes nothing there)
RESEND_AFTER = timedelta(hours=24)
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ExchangeSettings:
    """Setting section ``exchange``: where packages travel.

    ``folder``: a folder both offices reach (network share, USB stick, cloud-synced folder); a package for
    office X is put in ``<folder>/X/``. ``https_url`` (+ ``https_token``): a drop box with the same layout.
    ``watch``: the window watches the inbox and receives on its own; ``poll_seconds``: how often it also
    looks (network shares and synced folders do not always report new files).
    """

    secret_fields: ClassVar[tuple[str, ...]] = ("https_token",)

    folder: str = ""
    https_url: str = ""
    https_token: str = ""  # a secret: kept encrypted, never in the audit log (settings.secret_fields)
    watch: bool = True
    poll_seconds: int = 60
    timeout_seconds: float = 30.0

    def __post_init__(self) -> None:
        if self.https_url:
            transports.HttpsTransport(self.https_url)  # validates the address
        if not 5 <= int(self.poll_seconds) <= 3600:
            raise ValidationError("Selang pemeriksaan kotak masuk harus antara 5 dan 3600 detik.")

    def transports(self) -> list[transports.FolderTransport | transports.HttpsTransport]:
        out: list[transports.FolderTransport | transports.HttpsTransport] = []
        if self.folder.strip():
            out.append(transports.FolderTransport(Path(self.folder.strip())))
        if self.https_url.strip():
            out.append(transports.HttpsTransport(self.https_url.strip(), self.https_token, self.timeout_seconds))
        return out


def load_settings(office: Office) -> ExchangeSettings:
    return settings_svc.load(office, SECTION, ExchangeSettings)


def _dirs(office: Office) -> tuple[Path, Path, Path]:
    base = office.dirs.root / "network"
    inbox, done, refused = incoming.inbox_dir(office), base / "diterima", base / "ditolak"
    for d in (inbox, done, refused):
        d.mkdir(parents=True, exist_ok=True)
    return inbox, done, refused


# --------------------------------------------------------------------------- send


@dataclass
class SendReport:
    built: list[outgoing.BuiltPackage] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # packages not yet delivered anywhere, with the reason

    @property
    def ok(self) -> bool:
        return not self.waiting


def send(office: Office, *, actor: Actor, now: datetime | None = None, progress: Progress | None = None,
         pdf: bool = True) -> SendReport:
    require(actor, "network.exchange")
    say = progress or (lambda _f, _m: None)
    cfg = load_settings(office)
    report = SendReport()
    if pdf and not identity.load(office).is_kelurahan:
        ids = outgoing.letters_without_pdf(office)
        if ids:  # best effort: where no converter exists, the .docx travels instead
            say(0.02, f"Membuat PDF {len(ids)} surat …")
            from app.services import letters

            letters.convert_pdfs(office, actor=actor, letter_ids=ids)
    say(0.05, "Menyiapkan paket …")
    report.built = outgoing.build_all(office, actor=actor, now=now)
    targets = cfg.transports()
    with office.db.read() as s:
        pending = s.exec(select(NetworkPackage).where(NetworkPackage.direction == "out",
                                                      col(NetworkPackage.acked_at).is_(None))
                         .order_by(col(NetworkPackage.peer_code), col(NetworkPackage.sequence))).all()
        revoked = {p.code for p in s.exec(select(NetworkPeer).where(NetworkPeer.status == "revoked")).all()}
    pending = [p for p in pending if p.peer_code not in revoked]
    if not targets and pending:
        report.waiting += [f"{p.file_name}: belum ada tujuan pengiriman (Pengaturan → Jaringan); berkasnya ada di "
                           f"{outgoing.outbox_dir(office, p.peer_code)}" for p in pending]
        return report
    for i, pkg in enumerate(pending):
        say(0.1 + 0.9 * i / max(1, len(pending)), f"Mengirim {pkg.file_name} …")
        file = outgoing.outbox_dir(office, pkg.peer_code) / pkg.file_name
        done = set((pkg.summary or {}).get("delivered", []))
        last = (pkg.summary or {}).get("delivered_at")
        if done and last and (now or utcnow()) - datetime.fromisoformat(last) > RESEND_AFTER:
            done = set()  # still not acknowledged a day later (lost, or refused there): deliver it again
        if not file.is_file():
            report.waiting.append(f"{pkg.file_name}: berkas paket tidak ada lagi di {file.parent}")
            continue
        errors, new = [], False
        for t in targets:
            if t.label in done:
                continue
            try:
                t.deliver(file, pkg.peer_code, pkg.sha256)
                done.add(t.label)
                new = True
            except transports.TransportError as exc:
                errors.append(str(exc))
        if not new and not errors:
            continue  # already with every target; waiting for the peer's acknowledgement
        with office.db.write() as s:
            row = s.get(NetworkPackage, pkg.id)
            if row is not None:
                row.summary = {**(row.summary or {}), "delivered": sorted(done),
                               "delivered_at": (now or utcnow()).isoformat()}
                s.add(row)
        if errors:
            report.waiting.append(f"{pkg.file_name}: " + "; ".join(errors))
        if new:
            report.delivered.append(pkg.file_name)
    say(1.0, "Selesai.")
    return report


# --------------------------------------------------------------------------- receive


@dataclass(frozen=True)
class FileResult:
    file: str
    outcome: str  # applied | replayed | waiting | refused
    message: str
    kind: str = ""  # the refusal's kind (truncated, tampered, …)


@dataclass
class ReceiveReport:
    results: list[FileResult] = field(default_factory=list)
    transport_errors: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)


def collect(office: Office) -> tuple[list[Path], list[str]]:
    """Move waiting package files from every transport into the local inbox."""
    ident = identity.load(office)
    inbox, _done, _refused = _dirs(office)
    taken, errors = [], []
    if not ident.code:
        return taken, errors
    for t in load_settings(office).transports():
        try:
            taken += t.collect(ident.code, inbox)
        except transports.TransportError as exc:
            errors.append(str(exc))
    return taken, errors


def _move(src: Path, folder: Path, reason: str = "") -> None:
    dest = folder / src.name
    n = 1
    while dest.exists():
        dest = folder / f"{src.stem}.{n}{src.suffix}"
        n += 1
    shutil.move(str(src), dest)
    if reason:
        dest.with_name(dest.name + ".txt").write_text(reason + "\n", encoding="utf-8")


def receive(office: Office, *, actor: Actor, now: datetime | None = None, progress: Progress | None = None,
            use_transports: bool = True) -> ReceiveReport:
    require(actor, "network.exchange")
    say = progress or (lambda _f, _m: None)
    report = ReceiveReport()
    inbox, done, refused = _dirs(office)
    if use_transports:
        say(0.05, "Mengambil paket dari tujuan pertukaran …")
        _taken, report.transport_errors = collect(office)
    files: list[tuple[str, int, Path]] = []
    for f in sorted(inbox.glob(f"*{envelope.SUFFIX}")):
        try:
            h, _ = envelope.read_header(f)
        except envelope.PackageRefused as exc:
            report.results.append(FileResult(f.name, "refused", str(exc), exc.kind))
            _move(f, refused, str(exc))
            continue
        files.append((h.sender, h.sequence, f))
    files.sort()
    for i, (_sender, _seq, f) in enumerate(files):
        say(0.1 + 0.9 * i / max(1, len(files)), f"Menerapkan {f.name} …")
        try:
            r = incoming.receive_file(office, actor=actor, path=f, now=now)
        except envelope.PackageRefused as exc:
            if exc.kind == "gap":
                report.results.append(FileResult(f.name, "waiting", str(exc), exc.kind))
                continue
            report.results.append(FileResult(f.name, "refused", str(exc), exc.kind))
            _move(f, refused, str(exc))
            continue
        report.results.append(FileResult(f.name, r.status, r.message))
        with contextlib.suppress(OSError):
            _move(f, done)
    say(1.0, "Selesai.")
    return report


# --------------------------------------------------------------------------- status


@dataclass(frozen=True)
class PeerStatus:
    code: str
    name: str
    kind: str
    status: str
    packages_sent: int
    packages_received: int
    last_sequence_sent: int
    last_sequence_received: int
    last_acknowledged: int
    last_sent_at: str | None
    last_received_at: str | None
    lag_days: int | None  # days since the last package from this office
    cases_received: int  # Dinas: cases it handed over; kelurahan: cases handed over to this Dinas
    cases_pending: int  # of those, still open (waiting for the Dinas's decision)
    flags: int  # Dinas: NIKs held back as already submitted elsewhere

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class OfficeStatus:
    kind: str
    code: str
    name: str
    enrolled: bool
    fingerprint: str
    cases_waiting: int  # kelurahan: cases waiting to be handed over
    peers: list[PeerStatus]

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["offices"] = d.pop("peers")
        return d


def status(office: Office, *, actor: Actor | None = None, now: datetime | None = None) -> OfficeStatus:
    if actor is not None:
        require(actor, "network.view")
    now = now or utcnow()
    ident = identity.load(office)
    waiting = outgoing.cases_waiting(office) if ident.is_kelurahan else 0
    peers = []
    with office.db.read() as s:
        for p in s.exec(select(NetworkPeer).order_by(col(NetworkPeer.code))).all():
            def n(direction: str, code: str = p.code) -> int:
                return s.exec(select(func.count()).select_from(NetworkPackage).where(
                    NetworkPackage.peer_code == code, NetworkPackage.direction == direction)).one()

            origin = ident.code if ident.is_kelurahan else p.code
            base = select(func.count()).select_from(NetworkCase).join(Case, col(Case.id) == NetworkCase.case_id) \
                .where(NetworkCase.origin_office == origin)
            received = s.exec(base).one()
            pending = s.exec(base.where(col(Case.closed_at).is_(None))).one()
            flags = s.exec(select(func.count()).select_from(NetworkFlag)
                           .where(NetworkFlag.office_code == p.code)).one() if not ident.is_kelurahan else 0
            lag = (now - p.last_received_at).days if p.last_received_at else None
            peers.append(PeerStatus(
                p.code, p.name, p.kind, "terdaftar" if p.status == "enrolled" else "dicabut", n("out"), n("in"),
                p.last_seq_sent, p.last_seq_received, p.last_ack_received,
                p.last_sent_at.isoformat() if p.last_sent_at else None,
                p.last_received_at.isoformat() if p.last_received_at else None, lag, received, pending, flags))
    return OfficeStatus(ident.kind, ident.code, ident.name, ident.enrolled, ident.fingerprint, waiting, peers)


@dataclass(frozen=True)
class HandedOverCase:
    case_id: int
    reg_number: str
    service_code: str
    name: str
    handed_over_at: datetime
    package_sequence: int
    status: str
    step_name: str
    outcome: str
    reason: str
    updated_at: datetime | None
    letters: tuple[str, ...]


def handed_over(office: Office, *, actor: Actor, limit: int = 500) -> list[HandedOverCase]:
    """At a kelurahan: every case handed over to the Dinas, with what the Dinas last said about it."""
    require(actor, "network.view")
    from app.db.models import NetworkLetter, Person

    ident = identity.load(office)
    with office.db.read() as s:
        dinas = s.exec(select(NetworkPeer).where(NetworkPeer.code == ident.dinas_code)).first()
        acked = dinas.last_ack_received if dinas else 0
        rows = s.exec(select(NetworkCase, Case, Person).join(Case, col(Case.id) == NetworkCase.case_id)
                      .join(Person, col(Person.id) == Case.person_id)
                      .where(NetworkCase.origin_office == ident.code)
                      .order_by(col(NetworkCase.handed_over_at).desc(), col(NetworkCase.case_id).desc())
                      .limit(limit)).all()
        ids = [c.id for _, c, _ in rows]
        letters: dict[int, list[str]] = {}
        if ids:
            for lt in s.exec(select(NetworkLetter).where(col(NetworkLetter.case_id).in_(ids))
                             .order_by(col(NetworkLetter.id))).all():
                letters.setdefault(lt.case_id or 0, []).append(lt.number)
        out = []
        for link, c, p in rows:
            # before the Dinas says anything: sent, and received once the Dinas acknowledged that package
            arrived = link.package_sequence <= acked
            status = link.remote_status or ("diterima" if arrived else "terkirim")
            step = link.remote_step_name or ("diterima Dinas, menunggu diproses" if arrived
                                             else f"dalam paket #{link.package_sequence}, belum diakui Dinas")
            out.append(HandedOverCase(c.id or 0, c.reg_number, c.service_code, p.name, link.handed_over_at,
                                      link.package_sequence, status, step, link.remote_outcome, link.remote_reason,
                                      link.remote_updated_at, tuple(letters.get(c.id or 0, ()))))
        return out


@dataclass(frozen=True)
class NoticeInfo:
    reference: str
    period: str
    received_at: datetime
    rows: tuple[dict[str, Any], ...]
    notice_id: int = 0
    #: the numbered notice letter of the Dinas ("" until it arrives) and when it was issued
    letter_number: str = ""
    letter_issued_at: str = ""


def notices(office: Office, *, actor: Actor) -> list[NoticeInfo]:
    """At a kelurahan: the monthly Puskesos deactivation notices received, newest first."""
    require(actor, "network.view")
    from app.db.models import NetworkNotice
    from app.rules.identifiers import mask_nik
    from app.rules.permissions import allowed

    full = allowed(actor, "nik.view_full")
    with office.db.read() as s:
        rows = s.exec(select(NetworkNotice).order_by(col(NetworkNotice.period).desc(),
                                                     col(NetworkNotice.id).desc())).all()
        return [NoticeInfo(n.reference, n.period, n.received_at,
                           tuple({**r, "nik": r.get("nik", "") if full else mask_nik(r.get("nik", ""))}
                                 for r in (n.rows or [])), n.id or 0, str((n.letter or {}).get("number") or ""),
                           str((n.letter or {}).get("issued_at") or "")) for n in rows]


def notice_letter_file(office: Office, *, actor: Actor, notice_id: int) -> Path:
    """At a kelurahan: the received file of a Puskesos notice letter (the PDF when the Dinas sent one, else the
    .docx), checked against the SHA-256 it arrived with."""
    require(actor, "network.view")
    from app.batching.writers import sha256_file
    from app.db.models import NetworkNotice

    with office.db.read() as s:
        row = s.get(NetworkNotice, notice_id)
    letter = (row.letter or {}) if row is not None else {}
    if not letter.get("number"):
        raise ValidationError("Surat pemberitahuan Puskesos untuk pemberitahuan ini belum diterima dari Dinas.")
    files = sorted(letter.get("files") or [], key=lambda f: not str(f.get("file_name", "")).lower().endswith(".pdf"))
    if not files:
        raise ValidationError(f"Berkas surat {letter['number']} belum diterima dari Dinas.")
    path = office.dirs.root / files[0]["stored_path"]
    if not path.is_file() or sha256_file(path) != files[0]["sha256"]:
        raise ValidationError(f"Berkas surat {letter['number']} hilang atau berubah sejak diterima; minta Dinas "
                              "mengirim ulang.")
    return path


@dataclass(frozen=True)
class FlagInfo:
    office_code: str
    reg_number: str
    service_code: str
    nik_masked: str
    other_office: str
    message: str
    at: datetime
    answered: bool


def flags(office: Office, *, actor: Actor) -> list[FlagInfo]:
    """At the Dinas: the same NIK handed over by two kelurahan for the same service (held back, answered)."""
    require(actor, "network.view")
    from app.rules.identifiers import mask_nik

    with office.db.read() as s:
        return [FlagInfo(f.office_code, f.origin_reg_number, f.service_code, mask_nik(f.nik), f.other_office,
                         f.message, f.at, f.answered)
                for f in s.exec(select(NetworkFlag).order_by(col(NetworkFlag.id).desc())).all()]


def letter_file(office: Office, *, actor: Actor, number: str) -> Path:
    """At a kelurahan: the file of a letter received from the Dinas (to open or print for the applicant)."""
    require(actor, "network.view")
    from app.db.models import NetworkLetter

    with office.db.read() as s:
        row = s.exec(select(NetworkLetter).where(NetworkLetter.number == number)).first()
    if row is None or not row.stored_path:
        raise ValidationError(f"Berkas surat {number} belum diterima dari Dinas.")
    path = office.dirs.root / row.stored_path
    from app.batching.writers import sha256_file

    if not path.is_file() or sha256_file(path) != row.sha256:
        raise ValidationError(f"Berkas surat {number} hilang atau berubah sejak diterima; minta Dinas mengirim ulang.")
    return path


def watched_folders(office: Office) -> list[Path]:
    """The folders the window watches: the local inbox and this office's box in the shared folder."""
    ident = identity.load(office)
    inbox, _done, _refused = _dirs(office)
    folders = [inbox]
    cfg = load_settings(office)
    if cfg.folder.strip() and ident.code:
        folders.append(Path(cfg.folder.strip()) / ident.code)
    return folders
