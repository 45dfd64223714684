"""Issuing, numbering, archive, void, reprint, PDF — through the service, on real databases."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from sqlmodel import select

from app.db.models import AuditEntry, Counter, Letter
from app.documents import pdf as pdf_mod
from app.documents.catalog import KINDS
from app.documents.examples import example_data
from app.documents.render import docx_text
from app.errors import PermissionDenied, ValidationError
from app.services import letters
from app.services import settings as settings_svc
from tests.letters.conftest import needs_pdf

pytestmark = pytest.mark.clock


def _counter(o, name="letter:umum:2026"):
    with o.db.read() as s:
        c = s.get(Counter, name)
        return c.value if c else 0


def _rows(o):
    with o.db.read() as s:
        return s.exec(select(Letter).order_by(Letter.id)).all()


NOV = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def test_every_letter_type_renders_and_reopens(lo):
    o, _admin, clerk, _boss = lo
    for i, key in enumerate(KINDS, 1):
        info = letters.issue_letter(o, actor=clerk, letter_type=key, data=example_data(key), issued_at=NOV)
        text = docx_text(info.docx_path)
        assert "{{" not in text and "{%" not in text, key
        assert "PEMERINTAH KOTA PANGKALPINANG" in text and "DINAS SOSIAL" in text
        assert info.number in text, key
        if key == "tanda_terima":
            assert info.number == "TT/1/Dinsos/2026"
            assert "PBI-2026-000123" in text and "Undang-Undang Nomor 27 Tahun 2022" in text
            assert "BELUM" in text and "Yulia Safitri" in text
            continue
        assert info.number == f"400.9.11/{i}/Dinsos/XI/2026", key
        assert "Pangkalpinang, 23 November 2026" in text or "23 November 2026" in text
        assert "Drs. H. Ahmad Sulaiman, M.Si." in text and "NIP. 19720103 199503 1 001" in text
        if key == "pemberitahuan_puskesos":  # the cards of one kelurahan, NIK masked
            assert "Ketua Puskesos/SLRT Kelurahan Bukit Intan" in text and "SITI AMINAH" in text
            assert "2 (dua)" in text and "197101********01" in text and "1971014501850003" not in text
        elif KINDS[key].collective:
            assert "AGUS SETIAWAN" in text and "12 (dua belas)" in text
        elif key == "jawaban_pengaduan":
            assert "BUDI SANTOSO" in text and "ADU-2026-00012" in text and "LAP-2026-118245" in text
        else:
            assert "SITI AMINAH" in text and "1971014501850003" in text
        assert len(Document(str(info.docx_path)).inline_shapes) >= 2, key   # emblem and QR


def test_signature_variants_an_plt(lo):
    from app.services import office as office_svc

    o, admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_reaktivasi", signer="kabid_linjamsos",
                                data=example_data("rekomendasi_reaktivasi"))
    text = docx_text(info.docx_path)
    assert "a.n. Kepala Dinas Sosial Kota Pangkalpinang," in text
    assert "Kepala Bidang Perlindungan dan Jaminan Sosial," in text and "NIP. 19780817 200501 1 004" in text
    head = next(x for x in office_svc.list_officials(o) if x.position_key == "kepala_dinas")
    office_svc.save_official(o, actor=admin, official_id=head.id, position_key="kepala_dinas",
                             position_title="Kepala Dinas Sosial Kota Pangkalpinang", name=head.name, nip=head.nip,
                             rank=head.rank, acting="Plt.")
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    assert "Plt. Kepala Dinas Sosial Kota Pangkalpinang," in docx_text(info.docx_path)


def test_missing_signatory_refused_before_a_number_is_spent(office, pinned):
    from app.documents import examples
    from app.services import office as office_svc
    from app.services import users

    office_svc.save_profile(office, actor=None, first_run=True, values=examples.PROFILE)
    admin = users.actor_for(users.create_first_admin(office, username="admin", full_name="A", password="rahasia-123"))
    with pytest.raises(ValidationError, match="Kepala Dinas"):
        letters.issue_letter(office, actor=admin, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    assert _rows(office) == [] and _counter(office, f"letter:umum:{pinned.year}") == 0
    assert list(office.dirs.letters.rglob("*-rujukan_dtsen.docx")) == []


def test_numbering_sequence_year_restart_and_pattern(any_lo):
    o, admin, clerk, _ = any_lo
    d = example_data("rujukan_dtsen")
    nums = [letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=d, issued_at=NOV).number
            for _ in range(3)]
    assert nums == [f"400.9.11/{i}/Dinsos/XI/2026" for i in (1, 2, 3)]
    # 31 Dec 2026 23:30 WIB is still 2026; 1 Jan 2027 00:10 WIB starts again at 1, in January (I)
    late = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=d,
                                issued_at=datetime(2026, 12, 31, 16, 30, tzinfo=UTC))
    new = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=d,
                               issued_at=datetime(2026, 12, 31, 17, 10, tzinfo=UTC))
    assert late.number == "400.9.11/4/Dinsos/XII/2026"
    assert new.number == "400.9.11/1/Dinsos/I/2027" and new.year == 2027 and new.serial == 1
    # receipts have their own register and pattern
    tt = letters.issue_letter(o, actor=clerk, letter_type="tanda_terima", data=example_data("tanda_terima"),
                              issued_at=NOV)
    assert tt.number == "TT/1/Dinsos/2026" and tt.series == "tanda_terima"
    # an office pattern and classification code
    cfg = letters.load_settings(o)
    settings_svc.save(o, actor=admin, section="letters", value=replace(
        cfg, pattern="{kode}/{urut:03}/{unit}/{bulan}/{tahun}", classification={"rujukan_dtsen": "400.9.2"}))
    nxt = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=d, issued_at=NOV)
    assert nxt.number == "400.9.2/005/Dinsos/11/2026" and nxt.classification_code == "400.9.2"


def test_unknown_placeholder_in_office_template_refused_before_number(lo, tmp_path):
    from tests.letters.test_documents import _misspelled_copy

    o, _admin, clerk, _ = lo
    first = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                                 issued_at=NOV)
    bad = _misspelled_copy(tmp_path, "rujukan_dtsen", "{{ pemohon.nama }}", "{{ pemohon.nmaa }}")
    (o.dirs.templates / "rujukan_dtsen.docx").write_bytes(bad.read_bytes())
    before = _counter(o)
    with pytest.raises(ValidationError, match=r"pemohon\.nmaa"):
        letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                             issued_at=NOV)
    assert _counter(o) == before and len(_rows(o)) == 1
    # the office fixes its copy: it is used (and recorded as the office's), and the numbering continues
    fixed = _misspelled_copy(tmp_path, "rujukan_dtsen", "Bersama ini kami rujuk", "Dengan hormat, kami rujuk")
    (o.dirs.templates / "rujukan_dtsen.docx").write_bytes(fixed.read_bytes())
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                                issued_at=NOV)
    assert info.serial == first.serial + 1 and info.template_name == "kantor:rujukan_dtsen.docx"
    assert "Dengan hormat, kami rujuk" in docx_text(info.docx_path)
    assert (o.dirs.letters / "templat" / f"{info.template_sha256}.docx").exists()


def test_failure_inside_the_transaction_leaves_no_number_no_row_no_file(lo, monkeypatch):
    from app.services import audit

    o, _admin, clerk, _ = lo
    letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                         issued_at=NOV)
    real = audit.record

    def boom(session, **kw):
        if kw.get("action") == "letter.issue":
            raise RuntimeError("disk penuh")
        return real(session, **kw)

    monkeypatch.setattr(audit, "record", boom)
    with pytest.raises(RuntimeError):
        letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                             issued_at=NOV)
    assert _counter(o) == 1 and len(_rows(o)) == 1
    assert sorted(p.name for p in (o.dirs.letters / "2026").iterdir()) == ["umum-00001-rujukan_dtsen.docx"]
    monkeypatch.setattr(audit, "record", real)
    again = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                                 issued_at=NOV)
    assert again.serial == 2     # not skipped


def test_missing_data_refused(lo):
    o, _admin, clerk, _ = lo
    with pytest.raises(ValidationError, match="peserta"):
        letters.issue_letter(o, actor=clerk, letter_type="usulan_jamkesda", data={"periode": {"nama": "x"}})
    with pytest.raises(ValidationError, match="tidak dikenal"):
        letters.issue_letter(o, actor=clerk, letter_type="surat_cinta", data={})
    d = example_data("pemberitahuan_jamkesda")
    d["keputusan"] = {"status": "tidak_layak"}
    with pytest.raises(ValidationError, match="alasan"):
        letters.issue_letter(o, actor=clerk, letter_type="pemberitahuan_jamkesda", data=d)
    assert _rows(o) == []


@pytest.mark.parametrize("status, expected", [
    ("layak", "LAYAK dan diusulkan"), ("daftar_tunggu", "DAFTAR TUNGGU"), ("tidak_layak", "TIDAK LAYAK")])
def test_jamkesda_decisions(lo, status, expected):
    o, _admin, clerk, _ = lo
    d = example_data("pemberitahuan_jamkesda")
    d["keputusan"] = dict(d["keputusan"], status=status, alasan="Skor di bawah batas kelayakan")
    text = docx_text(letters.issue_letter(o, actor=clerk, letter_type="pemberitahuan_jamkesda", data=d).docx_path)
    assert expected in text
    assert ("peringkat 12 dalam daftar tunggu" in text) == (status == "daftar_tunggu")
    assert ("Alasan: Skor di bawah batas kelayakan" in text) == (status == "tidak_layak")


def test_void_keeps_number_with_reason(lo):
    o, _admin, clerk, boss = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                                issued_at=NOV)
    with pytest.raises(PermissionDenied):
        letters.void_letter(o, actor=clerk, number=info.number, reason="salah ketik nama")
    with pytest.raises(ValidationError, match="Alasan"):
        letters.void_letter(o, actor=boss, number=info.number, reason=" ")
    v = letters.void_letter(o, actor=boss, number=info.number, reason="salah ketik nama pemohon")
    assert v.status == "voided" and v.number == info.number
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        letters.void_letter(o, actor=boss, letter_id=info.id, reason="lagi lagi")
    nxt = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                               issued_at=NOV)
    assert nxt.serial == info.serial + 1                      # the voided number is never reused
    listed = letters.list_letters(o, actor=clerk, status="voided")
    assert [(x.number, x.void_reason) for x in listed] == [(info.number, "salah ketik nama pemohon")]
    with pytest.raises(ValidationError, match="dibatalkan"):
        letters.reprint(o, actor=clerk, letter_id=info.id)
    with o.db.read() as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.entity == "letter")).all()]
    assert actions == ["letter.issue", "letter.void", "letter.issue"]


def test_reprint_identical_and_tamper_detected(lo, tmp_path):
    from app.services.integrity import run_checks

    o, _admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_pbi", data=example_data("rekomendasi_pbi"))
    copy = letters.reprint(o, actor=clerk, number=info.number, dest=tmp_path / "cetak.docx")
    assert copy.read_bytes() == info.docx_path.read_bytes()
    assert letters.verify_archive(o) == []
    assert run_checks(o).ok
    # someone edits the archived file in Word
    doc = Document(str(info.docx_path))
    doc.add_paragraph("tambahan")
    doc.save(str(info.docx_path))
    problems = letters.verify_archive(o)
    assert len(problems) == 1 and info.number in problems[0] and "berubah" in problems[0]
    report = run_checks(o)
    assert not report.ok and any(info.number in line for line in report.lines)
    with pytest.raises(letters.ArchiveChanged):
        letters.reprint(o, actor=clerk, number=info.number, dest=tmp_path / "lagi.docx")
    # the stored data is changed behind the app's back
    with o.db.write() as s:
        row = s.get(Letter, info.id)
        row.data = dict(row.data, pemohon=dict(row.data["pemohon"], nama="ORANG LAIN"))
        s.add(row)
    assert any("data surat" in p for p in letters.verify_archive(o))
    info.docx_path.unlink()
    assert any("hilang" in p for p in letters.verify_archive(o))


def test_qr_and_hash_match_stored_data(lo):
    from app.documents import qr

    o, _admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    with o.db.read() as s:
        row = s.get(Letter, info.id)
        data, dsha = row.data, row.data_sha256
    assert letters.data_hash(data) == dsha
    assert data["verifikasi"]["teks"] == qr.payload(info.number, dsha)
    assert dsha[:16] in docx_text(info.docx_path)


def test_f4_paper_setting(lo):
    o, admin, clerk, _ = lo
    settings_svc.save(o, actor=admin, section="letters", value=replace(letters.load_settings(o), paper="F4"))
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    sec = Document(str(info.docx_path)).sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (215, 330)


def test_no_converter_keeps_the_docx_with_a_clear_message(lo, monkeypatch):
    o, _admin, clerk, _ = lo
    monkeypatch.setattr(pdf_mod, "find_soffice", lambda: None)
    monkeypatch.setattr(pdf_mod, "word_available", lambda: False)
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"),
                                pdf=True)
    assert info.pdf_path is None and info.docx_path.exists()
    summary = letters.convert_pdfs(o, actor=clerk)
    assert not summary.ok and "LibreOffice" in summary.message and ".docx" in summary.message
    assert letters.get_letter(o, letter_id=info.id).pdf_path is None


def _pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(ln.split()[-1] for ln in out.splitlines() if ln.startswith("Pages:")))


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_pdf
def test_pdf_batch_conversion_pages_and_text(lo, tmp_path):
    o, _admin, clerk, _ = lo
    issued = {key: letters.issue_letter(o, actor=clerk, letter_type=key, data=example_data(key), issued_at=NOV)
              for key in ("rekomendasi_pbi", "keterangan_reaktivasi", "usulan_jamkesda", "tanda_terima")}
    summary = letters.convert_pdfs(o, actor=clerk)              # all letters without a PDF, one soffice start
    assert summary.ok, summary.message
    assert summary.converter in ("libreoffice", "word") and len(summary.converted) == 4
    pages = {key: _pdf_pages(summary.converted[i.id]) for key, i in issued.items()}
    assert pages == {"rekomendasi_pbi": 1, "keterangan_reaktivasi": 1, "usulan_jamkesda": 2, "tanda_terima": 1}
    text = _pdf_text(summary.converted[issued["rekomendasi_pbi"].id])
    for expected in ("PEMERINTAH KOTA PANGKALPINANG", "400.9.11/1/Dinsos/XI/2026", "Pangkalpinang, 23 November 2026",
                     "SITI AMINAH", "1971014501850003", "NIP. 19720103 199503 1 001", "Paraf Hierarki"):
        assert expected in text, expected
    lamp = _pdf_text(summary.converted[issued["usulan_jamkesda"].id])
    assert "DAFTAR USULAN PESERTA" in lamp and "AGUS SETIAWAN" in lamp
    assert letters.verify_archive(o) == []
    # the PDF is archived with its hash: reprint gives the very file, a change is noticed
    pdf_copy = letters.reprint(o, actor=clerk, number=issued["tanda_terima"].number, dest=tmp_path, pdf=True)
    assert pdf_copy.read_bytes() == summary.converted[issued["tanda_terima"].id].read_bytes()
    with open(summary.converted[issued["tanda_terima"].id], "ab") as f:
        f.write(b"%tamper")
    assert any("PDF" in p for p in letters.verify_archive(o))
    # nothing left to convert
    assert letters.convert_pdfs(o, actor=clerk).converted == {}


@needs_pdf
def test_issue_with_pdf_on_f4(lo):
    o, admin, clerk, _ = lo
    settings_svc.save(o, actor=admin, section="letters", value=replace(letters.load_settings(o), paper="F4"))
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_disdukcapil",
                                data=example_data("rujukan_disdukcapil"), pdf=True)
    assert info.pdf_path is not None and info.pdf_path.exists()
    out = subprocess.run(["pdfinfo", str(info.pdf_path)], capture_output=True, text=True).stdout
    size = next(ln for ln in out.splitlines() if ln.startswith("Page size:"))
    w, h = (float(x) for x in size.split(":")[1].split("pts")[0].split("x"))
    assert (round(w / 72 * 25.4), round(h / 72 * 25.4)) == (215, 330)


def test_minimal_data_renders_with_blanks_not_errors(lo):
    o, _admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_pbi",
                                data={"pemohon": {"nama": "WARGA TANPA DATA LAIN", "nik": "1971014501850003"}})
    text = docx_text(info.docx_path)
    assert "WARGA TANPA DATA LAIN" in text
    assert "None" not in text and "Undefined" not in text and "DARURAT" not in text
    # no dangling separators where the birth place/date or RT/RW are missing
    assert ": ," not in text and "RT  RW" not in text and "RT RW" not in text


def test_birth_and_address_lines_skip_missing_parts(lo):
    o, _admin, clerk, _ = lo
    person = {"nama": "WARGA", "nik": "1971014501850003", "tanggal_lahir": "5 Januari 1985",
              "alamat": "Jl. Melati No. 7", "rw": "001"}
    text = docx_text(letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_pbi",
                                          data={"pemohon": person}).docx_path)
    assert "5 Januari 1985" in text and ", 5 Januari 1985" not in text
    assert "Jl. Melati No. 7 RW 001" in text
    full = dict(person, tempat_lahir="Pangkalpinang", rt="003")
    text = docx_text(letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_pbi",
                                          data={"pemohon": full}).docx_path)
    assert "Pangkalpinang, 5 Januari 1985" in text and "Jl. Melati No. 7 RT 003 RW 001" in text


def test_pdf_chunks_keep_names_apart_and_command_lines_short(monkeypatch):
    files = [Path(f"/a/{y}/umum-00001-x.docx") for y in (2026, 2027)] + [Path(f"/a/2026/f{i}.docx") for i in range(5)]
    groups = pdf_mod._chunks(files)
    assert sum(len(g) for g in groups) == 7
    assert all(len({f.stem for f in g}) == len(g) for g in groups)
    monkeypatch.setattr(pdf_mod, "MAX_COMMAND_CHARS", 2000 + 3 * 25)
    assert max(len(g) for g in pdf_mod._chunks(files)) <= 3


@needs_pdf
def test_pdf_parallel_workers(lo, monkeypatch):
    o, _admin, clerk, _ = lo
    monkeypatch.setattr(pdf_mod, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pdf_mod.os, "cpu_count", lambda: 2)
    ids = [letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen")).id
           for _ in range(4)]
    seen = []
    summary = letters.convert_pdfs(o, actor=clerk, letter_ids=ids, progress=lambda d, t: seen.append((d, t)))
    assert summary.ok and sorted(summary.converted) == ids
    assert all(_pdf_pages(p) == 1 for p in summary.converted.values())
    assert seen[-1] == (4, 4)


@needs_pdf
def test_pdf_a_file_libreoffice_skipped_is_retried_once(lo, monkeypatch):
    o, _admin, clerk, _ = lo
    ids = [letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen")).id
           for _ in range(2)]
    real = pdf_mod._run_soffice
    calls = []

    def flaky(soffice, group, *a, **kw):
        out, reason = real(soffice, group, *a, **kw)
        calls.append(len(group))
        if len(calls) == 1:
            (out / (group[0].stem + ".pdf")).unlink()      # exit code 0 but no PDF, as LibreOffice sometimes does
        return out, reason

    monkeypatch.setattr(pdf_mod, "_run_soffice", flaky)
    summary = letters.convert_pdfs(o, actor=clerk, letter_ids=ids)
    assert summary.ok and sorted(summary.converted) == ids and calls == [2, 1]


def test_rendering_is_deterministic_so_a_missing_file_is_rebuilt_identically(lo, tmp_path):
    from app.documents import examples
    from app.services import office as office_svc

    o, admin, clerk, _ = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rekomendasi_pbi", data=example_data("rekomendasi_pbi"))
    original = info.docx_path.read_bytes()
    # e.g. issued on another counter's PC: the file is not in this PC's archive folder
    info.docx_path.unlink()
    out = letters.reprint(o, actor=clerk, letter_id=info.id, dest=tmp_path / "ulang.docx")
    assert out.read_bytes() == original and info.docx_path.read_bytes() == original
    assert letters.verify_archive(o) == []
    # the office has since changed its template: the archived template version is used
    (o.dirs.templates / "rekomendasi_pbi.docx").write_bytes(
        (o.dirs.letters / "templat" / f"{info.template_sha256}.docx").read_bytes() + b"")
    info.docx_path.unlink()
    assert letters.reprint(o, actor=clerk, letter_id=info.id).read_bytes() == original
    # a new emblem makes a different document: refused rather than printed differently
    office_svc.save_profile(o, actor=admin, values={}, emblem_png=examples.emblem_png(90))
    info.docx_path.unlink()
    with pytest.raises(letters.ArchiveChanged, match="tidak dapat dibuat ulang"):
        letters.reprint(o, actor=clerk, letter_id=info.id)


def test_word_path_converts_a_folder_per_call_and_falls_back(tmp_path):
    """docx2pdf is driven with one folder per call (one Word start); whatever Word misses goes on."""
    files = []
    for i in range(3):
        f = tmp_path / "arsip" / f"surat{i}.docx"
        f.parent.mkdir(exist_ok=True)
        f.write_bytes(b"docx")
        files.append(f)
    calls = []

    def fake_convert(src, dst, *, keep_active):
        assert keep_active is True  # docx2pdf would otherwise quit the officer's Word
        calls.append(src)
        for d in Path(src).glob("*.docx"):
            if d.stem != "surat2":                     # Word "fails" on one file
                (Path(dst) / (d.stem + ".pdf")).write_bytes(b"%PDF")

    result = pdf_mod.PdfResult()
    left = pdf_mod._convert_word(files, None, result, None, convert=fake_convert)
    assert len(calls) == 1 and left == [files[2]]
    assert sorted(p.name for p in result.done.values()) == ["surat0.pdf", "surat1.pdf"]
    assert all(p.parent == files[0].parent for p in result.done.values())

    def broken(src, dst, *, keep_active):
        raise RuntimeError("Word tidak terpasang")

    assert pdf_mod._convert_word(files, None, pdf_mod.PdfResult(), None, convert=broken) == files


@needs_pdf
def test_pdf_conversion_can_be_cancelled(lo, monkeypatch):
    import threading
    import time

    o, _admin, clerk, _ = lo
    ids = [letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen")).id
           for _ in range(3)]
    # cancelled before it starts: nothing converted, nothing recorded, no LibreOffice started
    stop = threading.Event()
    stop.set()
    summary = letters.convert_pdfs(o, actor=clerk, letter_ids=ids, cancel=stop)
    assert summary.converted == {} and set(summary.failed) == set(ids) and "Dibatalkan" in summary.message
    # cancelled while LibreOffice runs: the process is stopped at once
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    t0 = time.monotonic()
    summary = letters.convert_pdfs(o, actor=clerk, letter_ids=ids, cancel=stop)
    assert time.monotonic() - t0 < 10 and "Dibatalkan" in summary.message
    assert len(summary.converted) + len(summary.failed) == 3
    # one file per start, cancelled from the progress callback after the first: that one is kept
    monkeypatch.setattr(pdf_mod, "CHUNK", 1)
    stop = threading.Event()
    summary = letters.convert_pdfs(o, actor=clerk, letter_ids=ids, cancel=stop, progress=lambda d, t: stop.set())
    assert len(summary.converted) == 1 and len(summary.failed) == 2
    assert letters.get_letter(o, letter_id=next(iter(summary.converted))).pdf_path is not None
