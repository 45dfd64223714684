"""The monthly deactivation notice to the Puskesos of each kelurahan (seed Cirebon step 8): a letter and an XLSX
list per kelurahan inside the penonaktifan batch ZIP, NIK masked; no letter where nothing was deactivated."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlmodel import col, select

from app.db.models import Case, Letter, Person
from app.errors import ValidationError
from app.rules.identifiers import mask_nik
from app.services import batches, puskesos_notices
from tests.batches.helpers import make_cases

pytestmark = pytest.mark.usefixtures("pinned")


def _move(office, case_ids: list[int], kelurahan: str, code: str, kecamatan: str) -> None:
    with office.db.write() as s:
        for cid in case_ids:
            case = s.get(Case, cid)
            assert case is not None
            person = s.get(Person, case.person_id)
            assert person is not None
            person.kelurahan, person.kelurahan_code, person.kecamatan = kelurahan, code, kecamatan
            s.add(person)


def _people(office, case_ids: list[int]) -> list[tuple[str, str]]:
    with office.db.read() as s:
        rows = s.exec(select(Person.name, Person.nik).join(Case, col(Case.person_id) == Person.id)
                      .where(col(Case.id).in_(case_ids))).all()
    return [(n, k) for n, k in rows]


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_close_makes_one_letter_and_list_per_kelurahan(office, supervisor):
    a = make_cases(office, "penonaktifan", 2, data={"alasan": "Meninggal dunia"})
    b = make_cases(office, "penonaktifan", 1, start=10, data={"alasan": "Pindah domisili"})
    _move(office, b, "Gabek Satu", "1971051002", "Gabek")
    # a deactivation in a third kelurahan that is not in this month's batch (ready in December)
    later = make_cases(office, "penonaktifan", 1, start=20, ready_at=datetime(2026, 12, 2, 3, tzinfo=UTC))
    _move(office, later, "Rejosari", "1971031003", "Taman Sari")

    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        assert zf.testzip() is None
        files = {n: zf.read(n) for n in zf.namelist()}
    notice_files = sorted(n for n in files if n.startswith("puskesos/"))
    assert notice_files == sorted([
        *(n for n in notice_files if n.startswith("puskesos/1971041001_Bukit-Intan/")),
        *(n for n in notice_files if n.startswith("puskesos/1971051002_Gabek-Satu/")),
    ]) and len(notice_files) == 4  # a letter and a list for each of the two kelurahan, none for Rejosari
    manifest = json.loads(files["manifest.json"])
    assert {n["kelurahan"]: n["count"] for n in manifest["puskesos_notices"]} == {"Bukit Intan": 2, "Gabek Satu": 1}
    listed = {f["name"] for f in manifest["files"]}
    assert set(notice_files) <= listed

    for folder, ids, kel, reason in (("1971041001_Bukit-Intan", a, "Bukit Intan", "Meninggal dunia"),
                                     ("1971051002_Gabek-Satu", b, "Gabek Satu", "Pindah domisili")):
        people = _people(office, ids)
        letter_name = next(n for n in notice_files if n.startswith(f"puskesos/{folder}/") and n.endswith(".docx"))
        text = _docx_text(files[letter_name])
        assert f"Ketua Puskesos/SLRT Kelurahan {kel}" in text and "November 2026" in text  # a Kota: kelurahan
        assert "{{" not in text and "{%" not in text
        assert "Drs. H. Ahmad Fauzi, M.Si." in text  # the Kepala Dinas signs
        for name, nik in people:
            assert name in text and mask_nik(nik) in text and nik not in text
        others = [mask_nik(k) for n, k in _people(office, [*a, *b, *later]) if (n, k) not in people]
        assert others and not any(o in text for o in others)  # only this kelurahan's cards
        xlsx_name = next(n for n in notice_files if n.startswith(f"puskesos/{folder}/") and n.endswith(".xlsx"))
        book = load_workbook(io.BytesIO(files[xlsx_name]), read_only=True)
        sheet = book.active
        assert sheet is not None
        rows = [[c or "" for c in r] for r in sheet.iter_rows(values_only=True)]
        book.close()
        head = rows[0]
        assert head[:3] == ["No", "Nama", "NIK (tersamar)"]
        body = [dict(zip(head, r, strict=False)) for r in rows[1:]]
        assert sorted((r["Nama"], r["NIK (tersamar)"]) for r in body) == sorted((n, mask_nik(k)) for n, k in people)
        assert {r["Kelurahan/Desa"] for r in body} == {kel} and {r["Alasan penonaktifan"] for r in body} == {reason}

    with office.db.read() as s:
        notices = s.exec(select(Letter).where(Letter.batch_id == res.batch.id,
                                              Letter.letter_type == "pemberitahuan_puskesos")).all()
        numbers = {n.number for n in notices}
    assert len(notices) == 2 and len(numbers) == 2
    assert {n["number"] for n in manifest["puskesos_notices"]} == numbers


def test_supervisor_action_for_a_closed_period_issues_only_what_is_missing(office, supervisor, tmp_path):
    ids = make_cases(office, "penonaktifan", 2, data={"alasan": "Data ganda"})
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11",
                              with_letters=False)  # closed without letters: no notice yet
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("puskesos/")]
    made = puskesos_notices.issue_for_batch(office, actor=supervisor, batch_id=res.batch.id, dest=tmp_path)
    assert len(made.letters) == 1 and "Bukit Intan" in made.message
    docx = next(p for p in made.files if p.suffix == ".docx")
    text = _docx_text(docx.read_bytes())
    for name, nik in _people(office, ids):
        assert name in text and mask_nik(nik) in text
    xlsx = next(p for p in made.files if p.suffix == ".xlsx")
    book = load_workbook(xlsx, read_only=True)  # read-only keeps the file open until closed
    try:
        sheet = book.active
        assert sheet is not None and len(list(sheet.iter_rows(values_only=True))) == 3
    finally:
        book.close()
    again = puskesos_notices.issue_for_batch(office, actor=supervisor, batch_id=res.batch.id, dest=tmp_path)
    assert again.letters == [] and "tidak ada pemberitahuan Puskesos baru" in again.message
    with office.db.read() as s:
        assert len(s.exec(select(Letter).where(Letter.letter_type == "pemberitahuan_puskesos")).all()) == 1


def test_only_penonaktifan_batches_have_notices(office, supervisor, tmp_path):
    make_cases(office, "reaktivasi-rekom", 1)
    res = batches.close_batch(office, actor=supervisor, service_code="reaktivasi-rekom", period="2026-11")
    with pytest.raises(ValidationError, match="definisinya menyebut 'pemberitahuan_puskesos'"):
        puskesos_notices.issue_for_batch(office, actor=supervisor, batch_id=res.batch.id, dest=tmp_path)
