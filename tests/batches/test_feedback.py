"""Feedback import: accepted/rejected with reason and TMT; unknown NIKs and rows not in a sent batch listed."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlmodel import select

from app.db.models import AuditEntry, BatchItem
from app.errors import PermissionDenied
from app.services import batches, feedback
from tests.batches.helpers import make_cases
from tests.clock import JANUARY
from tests.conftest import SAMPLES

pytestmark = pytest.mark.clock

SAMPLE = SAMPLES / "umpan_balik_bpjs_contoh.csv"
NURHAYATI, RUSDI = "1971015208810001", "1971011102790003"


def _items(office):
    with office.db.read() as s:
        return {i.nik: (i.feedback_status, i.feedback_reason, i.tmt, i.feedback_at is not None)
                for i in s.exec(select(BatchItem)).all()}


def test_sample_file_marks_accepted_and_rejected(office, supervisor):
    make_cases(office, "jamkesda", 3, niks=[NURHAYATI, RUSDI, "1971010101900001"])
    batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11")
    rep = feedback.import_feedback(office, actor=supervisor, path=SAMPLE)
    assert (rep.rows_total, rep.accepted, rep.rejected, rep.unchanged) == (2, 1, 1, 0)
    assert not rep.unknown_nik and not rep.not_in_batch and not rep.errors
    items = _items(office)
    assert items[NURHAYATI] == ("diterima", "", date(2026, 12, 1), True)
    assert items[RUSDI] == ("ditolak", "NIK tidak padan dengan data Dukcapil", None, True)
    assert items["1971010101900001"] == ("", "", None, False)  # no answer yet
    from app.db.models import Case, Person
    with office.db.read() as s:
        answers = {p.nik: (c.data.get("bpjs_feedback"), c.version)
                   for c, p in s.exec(select(Case, Person).join(Person, Person.id == Case.person_id)).all()}
    assert answers[NURHAYATI][0]["status"] == "diterima" and answers[NURHAYATI][0]["tmt"] == "2026-12-01"
    assert answers[RUSDI][0]["reason"] == "NIK tidak padan dengan data Dukcapil"
    assert answers["1971010101900001"][0] is None
    again = feedback.import_feedback(office, actor=supervisor, path=SAMPLE)
    assert (again.accepted, again.rejected, again.unchanged) == (0, 0, 2)
    with office.db.read() as s:
        assert len(s.exec(select(AuditEntry).where(AuditEntry.action == "feedback.import")).all()) == 2
    listed = batches.list_batches(office, actor=supervisor)
    assert listed[0].feedback_received == 2


def test_unknown_not_in_batch_and_bad_rows_are_listed_not_guessed(office, supervisor, tmp_path):
    make_cases(office, "penonaktifan", 2, niks=[NURHAYATI, RUSDI])
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    # a person known here but whose case is not in any batch (ready in another month, never closed)
    from datetime import UTC, datetime
    make_cases(office, "penonaktifan", 1, niks=["1971010101900001"], start=5,
               ready_at=datetime(2026, 12, 2, tzinfo=UTC))
    f = tmp_path / "jawaban.csv"
    f.write_text(
        "No;Nama Peserta;NIK;Hasil;Keterangan;TMT Aktif\n"
        f"1;Nurhayati;{NURHAYATI};Diterima;;1 Desember 2026\n"
        "2;Orang Asing;3273010101900009;DITERIMA;;01/12/2026\n"
        "3;Belum Dikirim;1971010101900001;DITERIMA;;\n"
        "4;Rusak;1.97101E+15;DITOLAK;;\n"
        f"5;Rusdi;{RUSDI};MUNGKIN;;\n"
        f"6;Nurhayati lagi;{NURHAYATI};DITOLAK;ganda;\n"
        "7;Tanggal;1971014107950002;DITERIMA;;31-31-2026\n",
        encoding="cp1252",
    )
    rep = feedback.import_feedback(office, actor=supervisor, path=f)
    assert rep.rows_total == 7 and rep.accepted == 1 and rep.rejected == 0
    assert [(i.line, i.nik) for i in rep.unknown_nik] == [(3, "3273010101900009")]
    assert [(i.line, i.nik) for i in rep.not_in_batch] == [(4, "1971010101900001")]
    lines = {i.line: i.message for i in rep.errors}
    assert set(lines) == {5, 6, 7, 8}
    assert "ilmiah" in lines[5] and "tidak dikenali" in lines[6] and "baris 2" in lines[7] and "TMT" in lines[8]
    assert _items(office)[RUSDI][0] == ""
    assert "NIK tidak dikenal 1" in rep.summary()


def test_xlsx_with_numeric_nik_is_flagged_and_dry_run_changes_nothing(office, supervisor, tmp_path):
    make_cases(office, "jamkesda", 2, niks=[NURHAYATI, RUSDI])
    batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11")
    wb = Workbook()
    ws = wb.active
    ws.append(["nik", "nama", "status", "alasan", "tmt"])
    ws.append([NURHAYATI, "Nurhayati", "diterima", None, date(2027, 1, 1)])
    ws.append([int(RUSDI), "Rusdi", "ditolak", "data ganda", None])
    f = tmp_path / "jawaban.xlsx"
    wb.save(f)
    preview = feedback.import_feedback(office, actor=supervisor, path=f, dry_run=True)
    assert preview.accepted == 1 and len(preview.errors) == 1 and "angka" in preview.errors[0].message
    assert _items(office)[NURHAYATI][0] == ""
    rep = feedback.import_feedback(office, actor=supervisor, path=f)
    assert rep.accepted == 1
    assert _items(office)[NURHAYATI][:3] == ("diterima", "", date(2027, 1, 1))


def test_feedback_goes_to_the_newest_waiting_batch_and_needs_supervisor(office, supervisor, make_user):
    from datetime import UTC, datetime
    make_cases(office, "reaktivasi-rekom", 1, niks=[NURHAYATI])
    b1 = batches.close_batch(office, actor=supervisor, service_code="reaktivasi-rekom", period="2026-11").batch
    with office.db.write() as s:  # the same person applies again later (a new case)
        from app.db.models import Case, Person
        p = s.exec(select(Person).where(Person.nik == NURHAYATI)).one()
        s.add(Case(reg_number="REG-2", service_code="penonaktifan", person_id=p.id,
                   batch_ready_at=datetime(2026, 12, 3, tzinfo=UTC)))
    b2 = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12", now=JANUARY).batch
    rep = feedback.import_feedback(office, actor=supervisor, path=SAMPLE, batch_id=b1.id)
    assert rep.batches == {b1.id: 1} and len(rep.unknown_nik) == 1
    rep = feedback.import_feedback(office, actor=supervisor, path=SAMPLE, service_code="penonaktifan")
    assert rep.batches == {b2.id: 1}
    with pytest.raises(PermissionDenied):
        feedback.import_feedback(office, actor=make_user("front_office"), path=SAMPLE)
