"""The outbox (SPEC §4): closed batches wait here until a delivery target is reachable.

Targets are settings (section ``delivery``): a **folder** (network share, USB stick, cloud-synced
folder) and/or an **HTTPS endpoint**. :func:`send_pending` tries every closed, undelivered batch
against every configured target it has not yet reached, with retries and exponential backoff, and
records each attempt (``delivery`` table) and the receipt. A batch becomes *delivered* once every
configured target has it.

Never twice: a target that has a successful attempt for a batch is never sent that batch again;
the HTTPS POST carries the ZIP's SHA-256 as ``Idempotency-Key`` so that a retry after a timeout (the
server may have stored the first copy) is recognised by the server; a folder that already holds a
file with the same SHA-256 counts as delivered without writing it again. No network I/O happens
inside a database transaction.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

from sqlmodel import col, select

from app.batching.model import zip_file
from app.batching.writers import sha256_file
from app.context import Office
from app.db.models import Batch, Counter, Delivery
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.services import audit
from app.services import settings as settings_svc
from app.timeutil import utcnow

SECTION = "delivery"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class DeliverySettings:
    """Setting section ``delivery``: where batches go and how hard to try.

    ``folder``: a folder path (empty = not used). ``https_url`` + ``https_token``: an endpoint that
    accepts ``POST`` of the ZIP (empty = not used); plain ``http://`` is accepted only for this PC
    (127.0.0.1/localhost). Retries: ``max_attempts`` per target per run, waiting
    ``backoff_seconds`` × 2ⁿ (at most ``backoff_max_seconds``) between attempts.
    """

    secret_fields: ClassVar[tuple[str, ...]] = ("https_token",)

    folder: str = ""
    https_url: str = ""
    https_token: str = ""  # a secret: kept encrypted, never in the audit log (settings.secret_fields)
    timeout_seconds: float = 30.0
    max_attempts: int = 3
    backoff_seconds: float = 5.0
    backoff_max_seconds: float = 300.0
    verify_tls: bool = True

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValidationError("Jumlah percobaan pengiriman minimal 1.")
        if self.timeout_seconds <= 0 or self.backoff_seconds < 0:
            raise ValidationError("Batas waktu dan jeda pengiriman harus bernilai positif.")
        if self.https_url:
            u = urlparse(self.https_url)
            if u.scheme not in ("https", "http") or not u.hostname:
                raise ValidationError(f"Alamat pengiriman '{self.https_url}' tidak sah (harus https://…).")
            if u.scheme == "http" and u.hostname not in _LOOPBACK:
                raise ValidationError("Pengiriman lewat internet wajib memakai https:// (data pribadi).")

    def targets(self) -> list[tuple[str, str]]:
        out = []
        if self.folder.strip():
            out.append(("folder", self.folder.strip()))
        if self.https_url.strip():
            out.append(("https", self.https_url.strip()))
        return out


class _Transient(Exception):
    """Worth retrying (unreachable, timeout, 5xx)."""


class _Permanent(Exception):
    """Retrying now will not help (bad token, refused, file conflict)."""


@dataclass
class BatchDelivery:
    """What happened to one batch in one :func:`send_pending` run."""

    batch_id: int
    label: str
    delivered: bool = False
    attempts: int = 0
    receipts: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    done: set[tuple[str, str]] = field(default_factory=set, repr=False)


Sleep = Callable[[float], None]


def load_settings(office: Office) -> DeliverySettings:
    return settings_svc.load(office, SECTION, DeliverySettings)


def pending(office: Office) -> list[tuple[int, str]]:
    """``(batch id, label)`` of closed batches not yet delivered (for a status line or a background timer)."""
    with office.db.read() as s:
        rows = s.exec(select(Batch).where(Batch.status == "closed").order_by(col(Batch.id))).all()
        return [(b.id or 0, _label(b)) for b in rows]


def _label(b: Batch) -> str:
    return f"{b.service_code} {b.period} #{b.sequence}"


# --------------------------------------------------------------------------- targets


def _deliver_folder(zip_path: Path, digest: str, folder: str) -> str:
    target = Path(folder).expanduser()
    if not target.is_dir():
        raise _Transient(f"folder tujuan {target} tidak dapat dijangkau (flashdisk/jaringan belum tersambung?)")
    dest = target / zip_path.name
    if dest.exists():
        try:
            existing = sha256_file(dest)
        except OSError as exc:
            raise _Transient(f"tidak dapat membaca {dest}: {exc}") from exc
        if existing == digest:
            return json.dumps({"target": str(dest), "sha256": digest, "note": "sudah ada di tujuan"})
        raise _Permanent(f"di {target} sudah ada berkas {dest.name} dengan isi berbeda; tidak ditimpa")
    tmp = target / f".{zip_path.name}.{os.getpid()}.part"
    try:
        with zip_path.open("rb") as src, tmp.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        if sha256_file(tmp) != digest:
            raise _Transient("salinan di tujuan tidak sama dengan aslinya (media rusak?)")
        os.replace(tmp, dest)
    except OSError as exc:
        raise _Transient(f"gagal menyalin ke {target}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return json.dumps({"target": str(dest), "sha256": digest, "size": dest.stat().st_size,
                       "at": utcnow().isoformat()})


@dataclass(frozen=True)
class _Pending:
    id: int
    service_code: str
    period: str
    sequence: int
    zip_path: str
    zip_sha256: str
    label: str


def _deliver_https(zip_path: Path, digest: str, batch: _Pending, cfg: DeliverySettings) -> str:
    size = zip_path.stat().st_size
    headers = {
        "Content-Type": "application/zip",
        "Content-Length": str(size),
        "Idempotency-Key": digest,
        "X-Content-SHA256": digest,
        "X-Loket-Batch": f"{batch.service_code}/{batch.period}/{batch.sequence}",
        "X-Loket-Filename": zip_path.name,
        "User-Agent": "LoketPBI-outbox",
    }
    if cfg.https_token:
        headers["Authorization"] = f"Bearer {cfg.https_token}"
    context = None
    if cfg.https_url.startswith("https") and not cfg.verify_tls:
        # An explicit office setting (a server with a self-signed certificate), through ssl's public API.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    with zip_path.open("rb") as body:
        req = urllib.request.Request(cfg.https_url, data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=cfg.timeout_seconds, context=context) as resp:  # noqa: S310
                text = resp.read(4000).decode("utf-8", "replace")
                return text.strip() or f"HTTP {resp.status}"
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            if exc.code == 409:  # the server already holds this Idempotency-Key
                return detail or "HTTP 409: sudah diterima sebelumnya"
            msg = f"server menjawab HTTP {exc.code}" + (f": {detail}" if detail else "")
            if exc.code in (408, 425, 429) or exc.code >= 500:
                raise _Transient(msg) from exc
            raise _Permanent(msg) from exc
        except TimeoutError as exc:
            raise _Transient(f"server tidak menjawab dalam {cfg.timeout_seconds:g} detik") from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise _Transient(f"server tidak menjawab dalam {cfg.timeout_seconds:g} detik") from exc
            raise _Transient(f"server tidak dapat dihubungi: {reason}") from exc
        except (ConnectionError, OSError) as exc:
            raise _Transient(f"koneksi terputus: {exc}") from exc


# --------------------------------------------------------------------------- the run


def _record(office: Office, *, batch_id: int, kind: str, target: str, ok: bool, receipt: str = "",
            error: str = "") -> None:
    with office.db.write() as s:
        s.add(Delivery(batch_id=batch_id, target_kind=kind, target=target[:500], ok=ok, receipt=receipt[:2000],
                       error=error[:2000]))


def _done_targets(office: Office, batch_id: int) -> set[tuple[str, str]]:
    with office.db.read() as s:
        rows = s.exec(select(Delivery.target_kind, Delivery.target)
                      .where(Delivery.batch_id == batch_id, col(Delivery.ok).is_(True))).all()
        return {(k, t) for k, t in rows}


def send_pending(office: Office, *, actor: Actor, sleep: Sleep = time.sleep,
                 progress: Callable[[str], None] | None = None) -> list[BatchDelivery]:
    """Deliver every closed, undelivered batch to every configured target. Safe to call again at any time."""
    require(actor, "outbox.send")
    cfg = load_settings(office)
    targets = cfg.targets()
    if not targets:
        raise ValidationError("Belum ada tujuan pengiriman: isi folder tujuan dan/atau alamat HTTPS di Pengaturan.")
    with office.db.read() as s:
        rows = s.exec(select(Batch).where(Batch.status == "closed").order_by(col(Batch.id))).all()
        batches = [_Pending(b.id or 0, b.service_code, b.period, b.sequence, b.zip_path, b.zip_sha256, _label(b))
                   for b in rows]
    results = []
    for batch in batches:
        res = BatchDelivery(batch.id, batch.label)
        results.append(res)
        zip_path = zip_file(office.dirs.root, batch.zip_path)
        try:
            ok_file = zip_path.is_file() and sha256_file(zip_path) == batch.zip_sha256
        except OSError:
            ok_file = False
        if not ok_file:
            msg = f"berkas batch {zip_path.name} hilang atau isinya berubah (SHA-256 tidak cocok); tidak dikirim"
            res.errors.append(msg)
            _record(office, batch_id=batch.id, kind="check", target=str(zip_path), ok=False, error=msg)
            continue
        if not _claim(office, batch.id, cfg):
            res.errors.append("sedang dikirim oleh proses atau komputer lain; dicoba lagi nanti")
            continue
        try:
            _send_one(office, batch, zip_path, targets, cfg, res, sleep, progress)
        finally:
            _release(office, batch.id)
        if all(t in res.done for t in targets):
            _mark_delivered(office, actor=actor, batch_id=batch.id, targets=targets)
            res.delivered = True
    return results


def _lease_name(batch_id: int) -> str:
    return f"outbox.lease:{batch_id}"


def _claim(office: Office, batch_id: int, cfg: DeliverySettings) -> bool:
    """Take the batch's sending lease (a counter row holding its expiry, epoch seconds) unless another holds it.

    The lease keeps the app's background attempt and ``outbox send`` (or two PCs on one PostgreSQL
    database) from sending the same batch at the same moment; it expires by itself after a crash.
    """
    now = int(time.time())
    per_target = sum(cfg.timeout_seconds + min(cfg.backoff_max_seconds, cfg.backoff_seconds * 2 ** i)
                     for i in range(cfg.max_attempts))
    worst = per_target * 2 + 600  # two targets, plus time for a slow upload
    with office.db.write() as s:
        row = s.get(Counter, _lease_name(batch_id), with_for_update=True)
        if row is not None and row.value > now:
            return False
        if row is None:
            row = Counter(name=_lease_name(batch_id), value=0)
        row.value = now + int(worst)
        s.add(row)
        return True


def _release(office: Office, batch_id: int) -> None:
    with office.db.write() as s:
        row = s.get(Counter, _lease_name(batch_id), with_for_update=True)
        if row is not None:
            row.value = 0
            s.add(row)


def _send_one(office: Office, batch: _Pending, zip_path: Path, targets: list[tuple[str, str]],
              cfg: DeliverySettings, res: BatchDelivery, sleep: Sleep,
              progress: Callable[[str], None] | None) -> None:
    done = res.done = _done_targets(office, batch.id)
    for kind, target in targets:
        if (kind, target) in done:
            continue
        if progress:
            progress(f"Mengirim {res.label} ke {target} …")
        for attempt in range(cfg.max_attempts):
            if (kind, target) in _done_targets(office, batch.id):  # another PC got there first
                done.add((kind, target))
                break
            res.attempts += 1
            try:
                if kind == "folder":
                    receipt = _deliver_folder(zip_path, batch.zip_sha256, target)
                else:
                    receipt = _deliver_https(zip_path, batch.zip_sha256, batch, cfg)
            except _Permanent as exc:
                res.errors.append(f"{target}: {exc}")
                _record(office, batch_id=batch.id, kind=kind, target=target, ok=False, error=str(exc))
                break
            except _Transient as exc:
                res.errors.append(f"{target}: {exc}")
                _record(office, batch_id=batch.id, kind=kind, target=target, ok=False, error=str(exc))
                if attempt + 1 < cfg.max_attempts:
                    sleep(min(cfg.backoff_max_seconds, cfg.backoff_seconds * (2 ** attempt)))
                continue
            _record(office, batch_id=batch.id, kind=kind, target=target, ok=True, receipt=receipt)
            res.receipts[target] = receipt
            done.add((kind, target))
            break


def _mark_delivered(office: Office, *, actor: Actor, batch_id: int, targets: list[tuple[str, str]]) -> None:
    with office.db.write() as s:
        b = s.get(Batch, batch_id, with_for_update=True)
        if b is None or b.status == "delivered":
            return
        rows = s.exec(select(Delivery).where(Delivery.batch_id == batch_id, col(Delivery.ok).is_(True))
                      .order_by(col(Delivery.id))).all()
        receipt = {f"{d.target_kind}:{d.target}": d.receipt for d in rows}
        b.status = "delivered"
        b.delivered_at = utcnow()
        b.delivery_receipt = json.dumps(receipt, ensure_ascii=False)[:2000]
        s.add(b)
        audit.record(s, actor=actor, action="batch.deliver", entity="batch", entity_id=batch_id,
                     old={"status": "closed"},
                     new={"status": "delivered", "targets": [t for _k, t in targets], "zip_sha256": b.zip_sha256})


def attempts(office: Office, batch_id: int) -> list[dict]:
    """Every delivery attempt of a batch (for the screen)."""
    with office.db.read() as s:
        rows = s.exec(select(Delivery).where(Delivery.batch_id == batch_id).order_by(col(Delivery.id))).all()
        return [{"at": d.attempted_at, "kind": d.target_kind, "target": d.target, "ok": d.ok,
                 "receipt": d.receipt, "error": d.error} for d in rows]
