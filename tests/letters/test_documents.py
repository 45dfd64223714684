"""Pure document functions: dates, numbers, placeholders, rendering, QR."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document

from app.documents import catalog, dates, numbering, placeholders, qr
from app.documents.examples import emblem_png, example_data
from app.documents.render import docx_text, render_docx
from app.errors import ValidationError
from app.paths import resource_path

pytestmark = pytest.mark.clock


def test_indonesian_dates_without_leading_zero():
    assert dates.tanggal(date(2027, 1, 2)) == "2 Januari 2027"
    assert dates.tanggal(datetime(2026, 11, 22, 9, 30)) == "22 November 2026"
    assert dates.tempat_tanggal("Pangkalpinang", date(2026, 11, 22)) == "Pangkalpinang, 22 November 2026"
    assert [dates.nama_bulan(m) for m in (2, 8, 12)] == ["Februari", "Agustus", "Desember"]
    assert [dates.bulan_romawi(m) for m in (1, 4, 9, 11, 12)] == ["I", "IV", "IX", "XI", "XII"]


def test_terbilang():
    assert catalog.terbilang(1) == "satu"
    assert catalog.terbilang(11) == "sebelas"
    assert catalog.terbilang(12) == "dua belas"
    assert catalog.terbilang(25) == "dua puluh lima"
    assert catalog.terbilang(100) == "seratus"
    assert catalog.terbilang(1250) == "seribu dua ratus lima puluh"


def test_number_pattern_tokens():
    on = date(2026, 11, 2)
    assert numbering.format_number(numbering.DEFAULT_PATTERN, serial=123, on=on, kode="400.9.11",
                                   unit="Dinsos") == "400.9.11/123/Dinsos/XI/2026"
    assert numbering.format_number("{kode}/{urut:04}/{kantor}/{bulan}/{tahun}", serial=7, on=on, kode="400.9.11",
                                   unit="Dinsos", kantor="DINSOS-PKP") == "400.9.11/0007/DINSOS-PKP/11/2026"


@pytest.mark.parametrize("pattern, word", [
    ("{kode}/{urutan}/{tahun}", "urutan"),      # misspelled token
    ("{kode}/{unit}/{tahun}", "urut"),          # serial missing
    ("{kode}/{urut}/{unit}", "tahun"),          # year missing: serial restarts yearly
])
def test_bad_patterns_are_refused(pattern, word):
    with pytest.raises(ValidationError, match=word):
        numbering.LetterSettings(pattern=pattern)


def test_two_registers_may_not_share_a_pattern():
    with pytest.raises(ValidationError, match="pola nomor yang sama"):
        numbering.LetterSettings(patterns={}, series={"tanda_terima": "tanda_terima"})
    with pytest.raises(ValidationError, match="A4 atau F4"):
        numbering.LetterSettings(paper="Letter")
    with pytest.raises(ValidationError, match="Kode klasifikasi"):
        numbering.LetterSettings(classification={"rekomendasi_pbi": "4 00"})


def test_placeholder_discovery_follows_loops_and_names_unknown_ones():
    src = ("{{ kantor.kota }} {%for p in peserta%}{{ p.nama }} {{ loop.index }} {{ p.nmaa|upper }}{%endfor%}"
           "{{ pemohon.nama.upper() }}{% if keputusan.layak %}x{% endif %}{% set z = 1 %}{{ z }}{{ foo }}")
    check = placeholders.check_source(src)
    assert {"kantor.kota", "peserta[].nama", "pemohon.nama", "keputusan.layak"} <= check.used
    assert check.unknown == ("foo", "peserta[].nmaa")


def test_every_shipped_template_passes_the_check():
    for key in catalog.KINDS:
        path = resource_path("templates", f"{key}.docx")
        assert path.exists(), key
        result = placeholders.validate_template(path)
        assert "surat.nomor" in result.used or key == "tanda_terima", key
        assert "ttd.nama" in result.used or key == "tanda_terima", key


def _misspelled_copy(tmp_path: Path, key: str, old: str, new: str) -> Path:
    doc = Document(str(resource_path("templates", f"{key}.docx")))
    for p in doc.paragraphs:
        for r in p.runs:
            if old in r.text:
                r.text = r.text.replace(old, new)
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for r in p.runs:
                        if old in r.text:
                            r.text = r.text.replace(old, new)
    out = tmp_path / f"{key}.docx"
    doc.save(str(out))
    return out


def test_misspelled_placeholder_refused_with_its_name_and_a_suggestion(tmp_path):
    bad = _misspelled_copy(tmp_path, "rekomendasi_pbi", "{{ pemohon.nama }}", "{{ pemohon.nmaa }}")
    with pytest.raises(ValidationError) as exc:
        placeholders.validate_template(bad)
    msg = str(exc.value)
    assert "rekomendasi_pbi.docx" in msg and "pemohon.nmaa" in msg and "pemohon.nama" in msg


def test_broken_jinja_refused(tmp_path):
    bad = _misspelled_copy(tmp_path, "rujukan_dtsen", "{{ kasus.catatan }}", "{{ kasus.catatan }")
    with pytest.raises(ValidationError, match="rusak"):
        placeholders.validate_template(bad)


def test_not_a_word_file_refused(tmp_path):
    f = tmp_path / "x.docx"
    f.write_text("bukan docx")
    with pytest.raises(ValidationError, match="bukan dokumen Word"):
        placeholders.validate_template(f)


def test_readme_documents_every_placeholder():
    readme = resource_path("templates", "README.md").read_text(encoding="utf-8")
    for path in placeholders.PLACEHOLDERS:
        shown = f"{{{{ {path} }}}}" if "[]" not in path else path
        assert shown in readme, path


def test_render_and_reopen_with_python_docx_and_paper_f4(tmp_path):
    ctx = example_data("rujukan_disdukcapil")
    ctx.update({"kantor": {"pemerintah": "PEMERINTAH KOTA BANDUNG", "dinas": "DINAS SOSIAL", "kota": "Bandung",
                           "daerah": "Kota Bandung", "alamat": "Jl. Sindangsirna No. 40", "kontak": "Telepon 022"},
                "surat": {"nomor": "400.9.11/5/Dinsos/I/2027", "tempat_tanggal": "Bandung, 2 Januari 2027",
                          "sifat": "Biasa", "hal": "Rujukan"},
                "tujuan": {"yth": "Kepala Disdukcapil Kota Bandung", "di": "Bandung"},
                "ttd": {"atas_nama": "a.n. Kepala Dinas Sosial Kota Bandung", "jabatan": "Sekretaris",
                        "nama": "Dra. Hj. Ani", "pangkat": "Pembina (IV/a)", "nip": "19720103 199503 1 001"},
                "paraf": [{"no": 1, "jabatan": "Kasi Jaminan Sosial", "nama": "X"}],
                "verifikasi": {"kode": "abcdef0123456789", "teks": "LOKETPBI|x|y"}})
    out = render_docx(resource_path("templates", "rujukan_disdukcapil.docx"), ctx, tmp_path / "a.docx",
                      paper="F4", qr_png=qr.qr_png("LOKETPBI|x|y"), emblem_png=emblem_png(80))
    text = docx_text(out)
    for expected in ("PEMERINTAH KOTA BANDUNG", "Bandung, 2 Januari 2027", "400.9.11/5/Dinsos/I/2027",
                     "Yth. Kepala Disdukcapil Kota Bandung", "a.n. Kepala Dinas Sosial Kota Bandung,", "Sekretaris,",
                     "NIP. 19720103 199503 1 001", "SITI AMINAH", "1971014501850003", "Kasi Jaminan Sosial"):
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text
    sec = Document(str(out)).sections[0]
    assert round(sec.page_width.mm) == 215 and round(sec.page_height.mm) == 330
    assert len(Document(str(out)).inline_shapes) == 2       # emblem + QR


def test_qr_payload_roundtrip():
    text = qr.payload("400.9.11/1/Dinsos/I/2027", "ab" * 32)
    assert text == "LOKETPBI|400.9.11/1/Dinsos/I/2027|abababababababab"
    assert qr.parse(text) == ("400.9.11/1/Dinsos/I/2027", "abababababababab")
    assert qr.parse("something else") is None
    assert qr.qr_png(text).startswith(b"\x89PNG")
