"""What the Batch bulanan screen asks the core: contents (masked), delivery history, the period to close."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.errors import PermissionDenied
from app.services import batches
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases

pytestmark = pytest.mark.clock


def test_items_mask_nik_for_roles_without_full_view(office, supervisor, make_user):
    make_cases(office, "penonaktifan", 2, data={"alasan": "meninggal"})
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    full = batches.batch_items(office, actor=supervisor, batch_id=res.batch.id)
    assert all(len(i["nik"]) == 16 and i["nik"].isdigit() for i in full)
    kabid = make_user("kabid_linjamsos")  # may list batches, may not see whole NIKs
    masked = batches.batch_items(office, actor=kabid, batch_id=res.batch.id)
    assert [i["case_id"] for i in masked] == [i["case_id"] for i in full]
    assert [i["reg_number"] for i in full] == ["REG-penonaktifan-0", "REG-penonaktifan-1"]
    for m, f in zip(masked, full, strict=True):
        assert m["nik"] != f["nik"] and "*" in m["nik"] and m["nik"][:4] == f["nik"][:4]
        assert m["row"]["nik"] == m["nik"] and "*" in m["row"]["no_kk"]
        assert m["row"]["nama"] == f["row"]["nama"]
    with pytest.raises(PermissionDenied):
        batches.batch_items(office, actor=make_user("front_office"), batch_id=res.batch.id)


def test_delivery_history_lists_every_attempt(office, admin, supervisor, make_user, tmp_path):
    from app.services import outbox

    make_cases(office, "penonaktifan", 1)
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert batches.delivery_history(office, actor=supervisor, batch_id=res.batch.id) == []
    usb = tmp_path / "usb" / "kirim"
    settings_svc.save(office, actor=admin, section=outbox.SECTION,
                      value=outbox.DeliverySettings(folder=str(usb), max_attempts=1, backoff_seconds=1))
    assert not outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)[0].delivered
    usb.mkdir(parents=True)
    assert outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)[0].delivered
    history = batches.delivery_history(office, actor=supervisor, batch_id=res.batch.id)
    assert [(h["kind"], h["ok"]) for h in history] == [("folder", False), ("folder", True)]
    assert "tidak dapat dijangkau" in history[0]["error"] and history[1]["receipt"]
    assert history[0]["at"] <= history[1]["at"]
    with pytest.raises(PermissionDenied):
        batches.delivery_history(office, actor=make_user("front_office"), batch_id=res.batch.id)


def test_suggested_period(office, supervisor):
    today = date(2026, 11, 23)
    # nothing waiting: last month (the usual close in the first days of a month)
    assert batches.suggested_period(office, actor=supervisor, service_code="penonaktifan", today=today) == "2026-10"
    assert batches.suggested_period(office, actor=supervisor, service_code="penonaktifan",
                                    today=date(2027, 1, 3)) == "2026-12"
    # cases of this month waiting: this month (closing at the end of the month)
    make_cases(office, "penonaktifan", 2, ready_at=datetime(2026, 11, 10, 3, tzinfo=UTC))
    assert batches.suggested_period(office, actor=supervisor, service_code="penonaktifan", today=today) == "2026-11"
    # an older month left open comes first
    make_cases(office, "penonaktifan", 1, start=50, ready_at=datetime(2026, 9, 14, 3, tzinfo=UTC))
    assert batches.suggested_period(office, actor=supervisor, service_code="penonaktifan", today=today) == "2026-09"
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-09")
    assert batches.suggested_period(office, actor=supervisor, service_code="penonaktifan", today=today) == "2026-11"
    # a case carried into a month that has not begun is never suggested before its month
    make_cases(office, "jamkesda", 1, start=80, ready_at=datetime(2026, 12, 1, tzinfo=UTC))
    assert batches.suggested_period(office, actor=supervisor, service_code="jamkesda", today=today) == "2026-10"
