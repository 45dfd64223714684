"""Periods and batches: closed after the month ends (early only with a confirmation naming what moves on),
late cases join the next period by themselves, the list of closable periods, the product letter as "Nomor
surat", and a cover letter (Surat Pengantar) for every service's batch."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from app.batching.model import EarlyClose
from app.db.models import Batch, BatchItem, Case, Letter, Person
from app.errors import ValidationError
from app.servicedefs import load_all
from app.services import batches
from tests.batches.helpers import make_cases
from tests.clock import JANUARY, WIB

pytestmark = pytest.mark.clock

MID_DECEMBER = datetime(2026, 12, 16, 10, 0, tzinfo=WIB)


def _open_case(office, reg: str, service: str = "penonaktifan", step: str = "verifikasi") -> int:
    """A case still in the workflow: it has not reached the batch step."""
    with office.db.write() as s:
        p = Person(nik=f"19710101018{len(reg) % 10:01d}{abs(hash(reg)) % 10000:04d}", name=reg)  # 16 digits
        s.add(p)
        s.flush()
        c = Case(reg_number=reg, service_code=service, person_id=p.id, status="diproses", current_step=step)
        s.add(c)
        s.flush()
        return c.id


def _count(office, model) -> int:
    with office.db.read() as s:
        return len(s.exec(select(model)).all())


def test_a_month_is_closed_after_it_ends_early_only_with_confirmation(office, supervisor):
    make_cases(office, "penonaktifan", 2, ready_at=datetime(2026, 12, 3, 3, tzinfo=UTC))
    moving = _open_case(office, "NON-2026-00077")
    with pytest.raises(EarlyClose) as refused:
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12",
                            now=MID_DECEMBER)
    msg = str(refused.value)
    assert "belum berakhir" in msg and "31-12-2026" in msg and "NON-2026-00077" in msg and "2027-01" in msg
    assert [m.reg_number for m in refused.value.moving] == ["NON-2026-00077"]
    assert refused.value.next_period == "2027-01"
    assert _count(office, Batch) == 0 and _count(office, Letter) == 0  # nothing written, no number spent
    with pytest.raises(EarlyClose, match="NON-2026-00077"):  # a confirmation that misses a moving case
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12",
                            now=MID_DECEMBER, confirm_early=[])
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12",
                              now=MID_DECEMBER, confirm_early=["NON-2026-00077"])
    assert res.created and res.batch.record_count == 2

    # the moving case reaches the batch step on 20 December: it joins January's batch by itself
    with office.db.write() as s:
        c = s.get(Case, moving)
        c.batch_ready_at, c.status = datetime(2026, 12, 20, 3, tzinfo=UTC), "selesai"
        s.add(c)
    waiting = batches.waiting_cases(office, actor=supervisor, service_code="penonaktifan")
    assert [(w["reg_number"], w["ready_period"], w["period"]) for w in waiting] == [
        ("NON-2026-00077", "2026-12", "2027-01")]
    with pytest.raises(EarlyClose):  # January has not ended on 6 January
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2027-01", now=JANUARY)
    late = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2027-01",
                               now=datetime(2027, 2, 2, 9, tzinfo=WIB))
    assert late.batch.record_count == 1 and late.batch.sequence == 2
    with office.db.read() as s:
        assert s.get(Case, moving).batch_id == late.batch.id


def test_a_month_not_begun_is_refused_and_an_empty_one_says_so_first(office, supervisor):
    make_cases(office, "penonaktifan", 1, ready_at=datetime(2026, 12, 3, 3, tzinfo=UTC))
    with pytest.raises(ValidationError, match="belum dimulai"):
        batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2027-01",
                            now=MID_DECEMBER)
    with pytest.raises(batches.EmptyBatch, match="Tidak ada kasus"):  # nothing to confirm when nothing waits
        batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-12", now=MID_DECEMBER)
    assert _count(office, Batch) == 0


def test_a_late_case_of_a_closed_month_is_never_stranded(office, supervisor):
    make_cases(office, "penonaktifan", 2)  # November
    first = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                                now=JANUARY)
    late = make_cases(office, "penonaktifan", 1, start=30)[0]  # ready in November, after November was closed
    earlier = make_cases(office, "penonaktifan", 1, start=40,
                         ready_at=datetime(2026, 10, 5, 3, tzinfo=UTC))[0]  # October: still its own batch
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12",
                              now=JANUARY)
    assert res.batch.record_count == 1 and first.batch.sequence == 1 and res.batch.sequence == 2
    with office.db.read() as s:
        assert s.get(Case, late).batch_id == res.batch.id
        assert s.get(Case, earlier).batch_id is None
    october = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-10",
                                  now=JANUARY)
    assert october.batch.record_count == 1


def test_closable_periods_per_service_with_name_count_and_sequence(office, supervisor):
    make_cases(office, "penonaktifan", 3)  # November
    make_cases(office, "penonaktifan", 2, start=10, ready_at=datetime(2026, 12, 3, 3, tzinfo=UTC))
    make_cases(office, "jamkesda", 1, start=20, ready_at=datetime(2026, 12, 4, 3, tzinfo=UTC))
    batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-12", now=JANUARY,
                        with_letters=False)
    make_cases(office, "jamkesda", 2, start=30, ready_at=datetime(2026, 12, 28, 3, tzinfo=UTC))  # late
    _open_case(office, "NON-2026-00099")
    names = {code: d.name for code, d in load_all(office).items()}
    listed = batches.closable_periods(office, actor=supervisor, now=MID_DECEMBER)
    assert [(p.service_code, p.period, p.case_count, p.sequence, p.ended) for p in listed] == [
        ("penonaktifan", "2026-11", 3, 1, True), ("penonaktifan", "2026-12", 2, 2, False)]
    dec = listed[1]
    assert dec.service_name == names["penonaktifan"] == "Penonaktifan KIS PBI-APBD"
    assert dec.period_name == "Desember 2026" and dec.next_period == "2027-01"
    assert [m.reg_number for m in dec.moving] == ["NON-2026-00099"] and listed[0].moving == ()
    later = batches.closable_periods(office, actor=supervisor, now=JANUARY)
    jkd = [p for p in later if p.service_code == "jamkesda"]
    assert [(p.period, p.case_count, p.sequence, p.ended) for p in jkd] == [("2027-01", 2, 2, False)]
    assert jkd[0].service_name == names["jamkesda"]
    # closing the list as shown gives exactly those sequence numbers
    for p in [p for p in later if p.ended]:
        res = batches.close_batch(office, actor=supervisor, service_code=p.service_code, period=p.period,
                                  now=JANUARY, with_letters=False)
        assert (res.batch.sequence, res.batch.record_count) == (p.sequence, p.case_count)


def _letter(office, case_id: int, number: str, letter_type: str, day: int) -> None:
    with office.db.write() as s:
        s.add(Letter(number=number, series="uji", year=2026, serial=day, classification_code="400.9.11",
                     letter_type=letter_type, case_id=case_id, template_name="t", template_sha256="0", data={},
                     data_sha256="0", docx_path=f"2026/{day}.docx", docx_sha256="0",
                     issued_at=datetime(2026, 11, day, 2, tzinfo=UTC)))


def test_nomor_surat_is_the_services_own_product_letter(office, supervisor):
    a, b = make_cases(office, "reaktivasi-rekom", 2)
    _letter(office, a, "400.9.11/5/Dinsos/XI/2026", "rekomendasi_reaktivasi", 5)
    _letter(office, a, "400.9.11/9/Dinsos/XI/2026", "rujukan_disdukcapil", 9)  # later, but not the product
    _letter(office, b, "400.9.11/8/Dinsos/XI/2026", "rujukan_disdukcapil", 8)  # no product at all
    res = batches.close_batch(office, actor=supervisor, service_code="reaktivasi-rekom", period="2026-11",
                              with_letters=False)
    with office.db.read() as s:
        rows = {i.case_id: i.row for i in s.exec(select(BatchItem).where(BatchItem.batch_id == res.batch.id))}
    assert (rows[a]["nomor_surat"], rows[a]["tanggal_surat"]) == ("400.9.11/5/Dinsos/XI/2026", "05-11-2026")
    assert (rows[b]["nomor_surat"], rows[b]["tanggal_surat"]) == ("", "")


@pytest.mark.parametrize("service", ["pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"])
def test_every_services_batch_has_its_cover_letter(office, supervisor, service):
    defn = load_all(office)[service]
    make_cases(office, service, 2, data={"score": "7.5", "rank": 1})
    res = batches.close_batch(office, actor=supervisor, service_code=service, period="2026-11")
    assert res.cover_letter
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        cover = [n for n in zf.namelist() if n.startswith("surat_pengantar_") and n.endswith(".docx")]
        body = zipfile.ZipFile(io.BytesIO(zf.read(cover[0]))).read("word/document.xml").decode()
    assert manifest["service"] == {"code": service, "name": defn.name, "product": defn.product}
    assert manifest["cover_letter"]["letter_type"] == defn.cover_letter
    assert "NOVEMBER 2026" in body and "{{" not in body and "{%" not in body  # the list's title: its period
    with office.db.read() as s:
        niks = [p.nik for p in s.exec(select(Person)).all()]
        letter = s.exec(select(Letter).where(Letter.batch_id == res.batch.id,
                                             Letter.letter_type == defn.cover_letter)).one()
    assert letter.number == manifest["cover_letter"]["number"] and all(n in body for n in niks)


def test_names_columns_and_letters_come_from_the_definition_file(office, supervisor):
    """An office's own definition renames the service and moves its extra column: the batch follows."""
    text = Path(load_all(None)["penonaktifan"].source).read_text(encoding="utf-8")
    text = text.replace('name = "Penonaktifan KIS PBI-APBD"', 'name = "Pencabutan KIS Daerah"')
    text = text.replace('batch_columns = [{ key = "alasan", after = "tanggal_surat" }]',
                        'batch_columns = [{ key = "alasan", header = "Alasan nonaktif" }]')
    text = text.replace("batch_letters = true", "batch_letters = false")
    office.dirs.services.mkdir(parents=True, exist_ok=True)
    (office.dirs.services / "penonaktifan.toml").write_text(text, encoding="utf-8")
    make_cases(office, "penonaktifan", 1, data={"alasan": "meninggal"})
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    manifest = json.loads(zipfile.ZipFile(res.batch.zip_path).read("manifest.json"))
    assert manifest["service"]["name"] == "Pencabutan KIS Daerah"
    assert manifest["columns"][-1] == {"key": "alasan", "header": "Alasan nonaktif"}
    assert "individual_letters" not in manifest
