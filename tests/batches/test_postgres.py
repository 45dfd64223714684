"""Outbox, feedback and reconciliation on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from app.db.models import BatchItem
from app.services import batches, feedback, outbox, reconcile
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases
from tests.conftest import SAMPLES

NURHAYATI, RUSDI = "1971015208810001", "1971011102790003"


def test_month_on_both_backends(any_office, any_admin, any_supervisor, tmp_path):
    make_cases(any_office, "jamkesda", 3, niks=[NURHAYATI, RUSDI, "1971010101900001"], data={"score": 80, "rank": 1})
    res = batches.close_batch(any_office, actor=any_supervisor, service_code="jamkesda", period="2026-11")
    assert res.created and res.batch.record_count == 3
    assert batches.verify_batch(any_office, actor=any_supervisor, batch_id=res.batch.id) == []
    share = tmp_path / "share"
    share.mkdir()
    settings_svc.save(any_office, actor=any_admin, section=outbox.SECTION,
                      value=outbox.DeliverySettings(folder=str(share)))
    [sent] = outbox.send_pending(any_office, actor=any_supervisor, sleep=lambda _s: None)
    assert sent.delivered and outbox.pending(any_office) == []
    rep = feedback.import_feedback(any_office, actor=any_supervisor, path=SAMPLES / "umpan_balik_bpjs_contoh.csv")
    assert (rep.accepted, rep.rejected) == (1, 1)
    with any_office.db.read() as s:
        item = s.exec(select(BatchItem).where(BatchItem.nik == NURHAYATI)).one()
        assert (item.feedback_status, item.tmt) == ("diterima", date(2026, 12, 1))
        assert item.row["skor"] == "80" and item.row["peringkat"] == "1"
    bpjs = tmp_path / "bpjs.csv"
    bpjs.write_text(f"nik,nama\n{RUSDI},Rusdi\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    rec = reconcile.reconcile(any_office, actor=any_supervisor, bpjs_path=bpjs, dukcapil_path=None, out_path=out)
    assert sorted((f.kind, f.nik) for f in rec.findings) == [("bpjs_tidak_di_kantor", RUSDI),
                                                             ("kantor_tidak_di_bpjs", NURHAYATI)]
    assert out.is_file()
