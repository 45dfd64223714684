"""Every malformed file of the corpus against every importer: a clear message, nothing changed, no crash.

Regenerate the corpus with ``python -m tests.reliability.make_corpus`` (it is committed).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from app.db.models import AuditEntry, BatchItem, Case, DtsenImport, DtsenRecord, Person
from app.errors import LoketError
from tests.reliability.figures import record

CORPUS = Path(__file__).resolve().parent / "corpus"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def snapshot(office) -> dict:
    """What an import could change: the data tables (counts and content) and the logs."""
    with office.db.read() as s:
        dtsen = hashlib.sha256(repr(s.exec(select(DtsenRecord.nik, DtsenRecord.row_hash)
                                           .order_by(DtsenRecord.nik)).all()).encode()).hexdigest()
        feedback = s.exec(select(BatchItem.case_id, BatchItem.feedback_status, BatchItem.tmt)
                          .order_by(BatchItem.case_id)).all()

        def n(model):
            return s.exec(select(func.count()).select_from(model)).one()

        return {"dtsen": dtsen, "dtsen_rows": n(DtsenRecord), "feedback": repr(feedback), "persons": n(Person),
                "cases": n(Case), "imports": n(DtsenImport), "audit": n(AuditEntry)}


@pytest.fixture
def loaded(office, admin):
    """An office with a real DTSEN import and a closed batch, so a change would show."""
    from app.services import batches, dtsen
    from tests.batches.helpers import make_cases
    from tests.services.helpers import Staff

    staff = Staff(office, admin)
    if (SAMPLES / "dtsen_contoh.csv").exists():
        dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    make_cases(office, "penonaktifan", 3, data={"reason_code": "mampu", "alasan": "Mampu"})
    batches.close_batch(office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11",
                        with_letters=False)
    return office, staff


def _importers(office, staff, tmp_path):
    from app.services import dtsen, feedback, reconcile

    def run_dtsen(p):
        r = dtsen.import_file(office, actor=staff.supervisor, path=p)
        assert r.inserted == 0 and r.updated == 0 and r.rejected == r.rows_total, r
        return r

    def run_feedback(p):
        r = feedback.import_feedback(office, actor=staff.supervisor, path=p)
        assert r.applied == 0 and r.accepted == 0 and r.rejected == 0, r
        return r

    def run_bpjs(p):
        return reconcile.reconcile(office, actor=staff.supervisor, bpjs_path=p, dukcapil_path=None,
                                   out_path=tmp_path / "rekon.xlsx")

    def run_dukcapil(p):
        return reconcile.reconcile(office, actor=staff.supervisor, bpjs_path=None, dukcapil_path=p)

    return {"dtsen": run_dtsen, "feedback": run_feedback, "rekonsiliasi-bpjs": run_bpjs,
            "rekonsiliasi-dukcapil": run_dukcapil}


def test_corpus_has_at_least_50_files():
    assert len(corpus_files()) >= 50


def test_every_corpus_file_against_every_importer(loaded, tmp_path):
    office, staff = loaded
    failures: list[str] = []
    tried = refused = reported = 0
    for name, run in _importers(office, staff, tmp_path).items():
        for path in corpus_files():
            before = snapshot(office)
            tried += 1
            try:
                run(path)
            except LoketError as exc:
                refused += 1
                if not str(exc).strip():
                    failures.append(f"{name} {path.name}: empty message")
                if snapshot(office) != before:
                    failures.append(f"{name} {path.name}: refused but something changed")
                continue
            except Exception as exc:  # a crash: the thing this test exists to catch
                failures.append(f"{name} {path.name}: CRASH {type(exc).__name__}: {exc}")
                continue
            reported += 1
            after = snapshot(office)
            for key in ("dtsen", "dtsen_rows", "feedback", "persons", "cases"):
                if after[key] != before[key]:
                    failures.append(f"{name} {path.name}: accepted a malformed row ({key} changed)")
    record("corpus", {"files": len(corpus_files()), "runs": tried, "refused_with_message": refused,
                      "read_and_every_row_refused": reported, "crashes": sum("CRASH" in f for f in failures)})
    assert failures == []
