"""The outbox: folder and HTTPS-like targets, failures, retries, and never delivering twice."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import select

from app.db.models import Batch, Delivery
from app.errors import PermissionDenied, ValidationError
from app.services import batches, outbox
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases
from tests.clock import JANUARY


class FakeBpjs:
    """A local endpoint on 127.0.0.1 that follows a script: "500", "timeout", "401", "ok"."""

    def __init__(self, script: list[str], *, delay: float = 1.5):
        self.script = list(script)
        self.delay = delay
        self.requests: list[dict] = []
        self.stored: dict[str, bytes] = {}  # idempotency key → body (what the server has accepted)
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_a):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                key = self.headers.get("Idempotency-Key", "")
                with fake.lock:
                    step = fake.script.pop(0) if fake.script else "ok"
                    fake.requests.append({"key": key, "auth": self.headers.get("Authorization"), "step": step,
                                          "size": len(body)})
                if step == "500":
                    self._answer(500, {"error": "internal"})
                    return
                if step == "401":
                    self._answer(401, {"error": "token salah"})
                    return
                with fake.lock:
                    already = key in fake.stored
                    if not already:
                        fake.stored[key] = body
                if step == "timeout":  # stored, but the answer comes too late
                    time.sleep(fake.delay)
                self._answer(200, {"receipt": f"BPJS-{key[:8]}", "duplicate": already})

            def _answer(self, code, payload):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/batch"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_exc):
        self.server.shutdown()
        self.server.server_close()


def _configure(office, admin, **values):
    settings_svc.save(office, actor=admin, section=outbox.SECTION,
                      value=outbox.DeliverySettings(**values))


def _closed_batch(office, supervisor, n=3, period="2026-11"):
    make_cases(office, "penonaktifan", n)
    return batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period=period).batch


def test_https_fails_times_out_then_succeeds_exactly_once(office, admin, supervisor):
    info = _closed_batch(office, supervisor)
    sleeps: list[float] = []
    with FakeBpjs(["500", "timeout", "ok"]) as srv:
        _configure(office, admin, https_url=srv.url, https_token="tok-123", timeout_seconds=0.5,
                   max_attempts=4, backoff_seconds=2)
        res = outbox.send_pending(office, actor=supervisor, sleep=sleeps.append)
        assert len(res) == 1 and res[0].delivered and res[0].attempts == 3
        assert sleeps == [2, 4]  # exponential backoff between the attempts
        assert [r["step"] for r in srv.requests] == ["500", "timeout", "ok"]
        assert {r["key"] for r in srv.requests} == {info.zip_sha256}  # idempotency key = ZIP SHA-256
        assert all(r["auth"] == "Bearer tok-123" for r in srv.requests)
        # the server holds exactly one copy, identical to the ZIP
        assert list(srv.stored) == [info.zip_sha256]
        assert hashlib.sha256(srv.stored[info.zip_sha256]).hexdigest() == info.zip_sha256
        # a second run sends nothing
        before = len(srv.requests)
        assert outbox.send_pending(office, actor=supervisor, sleep=sleeps.append) == []
        assert len(srv.requests) == before
    with office.db.read() as s:
        b = s.get(Batch, info.id)
        assert b.status == "delivered" and b.delivered_at is not None
        assert "BPJS-" in b.delivery_receipt
        rows = s.exec(select(Delivery).where(Delivery.batch_id == info.id).order_by(Delivery.id)).all()
        assert [d.ok for d in rows] == [False, False, True]
        assert "HTTP 500" in rows[0].error and "tidak menjawab" in rows[1].error
    listed = batches.list_batches(office, actor=supervisor)
    assert listed[0].status == "delivered" and listed[0].delivery_attempts == 3


def test_unreachable_endpoint_keeps_batch_pending_then_delivers(office, admin, supervisor):
    info = _closed_batch(office, supervisor)
    srv = FakeBpjs(["ok"])
    url = srv.url
    srv.server.server_close()  # nobody listens on that port now
    _configure(office, admin, https_url=url, timeout_seconds=0.5, max_attempts=2, backoff_seconds=1)
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert not res[0].delivered and res[0].attempts == 2 and "tidak dapat dihubungi" in res[0].errors[0]
    assert outbox.pending(office) == [(info.id, "penonaktifan 2026-11 #1")]
    with FakeBpjs(["ok"]) as srv2:
        _configure(office, admin, https_url=srv2.url, timeout_seconds=2, max_attempts=2, backoff_seconds=1)
        res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
        assert res[0].delivered and len(srv2.requests) == 1
    assert outbox.pending(office) == []


def test_refused_token_is_not_retried_in_the_same_run(office, admin, supervisor):
    _closed_batch(office, supervisor)
    with FakeBpjs(["401", "ok"]) as srv:
        _configure(office, admin, https_url=srv.url, timeout_seconds=2, max_attempts=5, backoff_seconds=1)
        res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
        assert not res[0].delivered and len(srv.requests) == 1 and "HTTP 401" in res[0].errors[0]


def test_folder_target_missing_then_present(office, admin, supervisor, tmp_path):
    info = _closed_batch(office, supervisor)
    usb = tmp_path / "usb" / "kirim"
    _configure(office, admin, folder=str(usb), max_attempts=2, backoff_seconds=1)
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert not res[0].delivered and "tidak dapat dijangkau" in res[0].errors[0]
    usb.mkdir(parents=True)
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert res[0].delivered
    copied = usb / Path(info.zip_path).name
    assert hashlib.sha256(copied.read_bytes()).hexdigest() == info.zip_sha256
    assert [p.name for p in usb.iterdir()] == [copied.name]  # no temporary file left
    mtime = copied.stat().st_mtime_ns
    assert outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None) == []
    assert copied.stat().st_mtime_ns == mtime


def test_folder_already_holding_the_same_file_is_not_rewritten(office, admin, supervisor, tmp_path):
    info = _closed_batch(office, supervisor)
    share = tmp_path / "share"
    share.mkdir()
    (share / Path(info.zip_path).name).write_bytes(Path(info.zip_path).read_bytes())
    _configure(office, admin, folder=str(share))
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert res[0].delivered and "sudah ada" in next(iter(res[0].receipts.values()))


def test_folder_with_a_different_file_of_that_name_is_not_overwritten(office, admin, supervisor, tmp_path):
    info = _closed_batch(office, supervisor)
    share = tmp_path / "share"
    share.mkdir()
    (share / Path(info.zip_path).name).write_bytes(b"other")
    _configure(office, admin, folder=str(share), max_attempts=3)
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert not res[0].delivered and res[0].attempts == 1
    assert (share / Path(info.zip_path).name).read_bytes() == b"other"


def test_both_targets_and_tampered_zip(office, admin, supervisor, tmp_path):
    info = _closed_batch(office, supervisor)
    share = tmp_path / "share"
    share.mkdir()
    with FakeBpjs(["500"]) as srv:
        _configure(office, admin, folder=str(share), https_url=srv.url, max_attempts=1, timeout_seconds=2)
        res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
        assert not res[0].delivered and list(res[0].receipts) == [str(share)]
        res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
        assert res[0].delivered and list(res[0].receipts) == [srv.url]  # the folder is not written again
    # a batch whose ZIP changed on disk is never sent
    make_cases(office, "penonaktifan", 1, start=40)
    from datetime import UTC, datetime
    with office.db.write() as s:
        from app.db.models import Case
        c = s.exec(select(Case).where(Case.batch_id.is_(None))).one()
        c.batch_ready_at = datetime(2026, 12, 5, tzinfo=UTC)
        s.add(c)
    second = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12",
                                 now=JANUARY).batch
    Path(second.zip_path).write_bytes(b"rusak")
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert not res[0].delivered and "SHA-256 tidak cocok" in res[0].errors[0]
    assert info.id != second.id


def test_settings_and_permissions(office, admin, make_user):
    with pytest.raises(ValidationError, match="https"):
        outbox.DeliverySettings(https_url="http://bpjs.example.org/batch")
    outbox.DeliverySettings(https_url="http://127.0.0.1:9/x")
    with pytest.raises(ValidationError, match="Belum ada tujuan"):
        outbox.send_pending(office, actor=make_user("supervisor"))
    with pytest.raises(PermissionDenied):
        outbox.send_pending(office, actor=make_user("front_office"))


def test_a_batch_being_sent_elsewhere_is_left_alone(office, admin, supervisor, tmp_path):
    """The background attempt and `outbox send` (or two PCs) never send the same batch at the same moment."""
    import time as _time

    from app.db.models import Counter

    info = _closed_batch(office, supervisor)
    share = tmp_path / "share"
    share.mkdir()
    _configure(office, admin, folder=str(share))
    with office.db.write() as s:
        s.add(Counter(name=f"outbox.lease:{info.id}", value=int(_time.time()) + 300))
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert not res[0].delivered and "sedang dikirim" in res[0].errors[0] and list(share.iterdir()) == []
    with office.db.write() as s:  # the other sender crashed: its lease runs out
        s.get(Counter, f"outbox.lease:{info.id}").value = int(_time.time()) - 1
    res = outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)
    assert res[0].delivered
    with office.db.read() as s:
        assert s.get(Counter, f"outbox.lease:{info.id}").value == 0
