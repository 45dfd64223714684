"""DTSEN import: shapes offices receive, what spreadsheets do to them, and that bad files change nothing."""

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import PermissionDenied, ValidationError
from app.services import dtsen
from tests.conftest import SAMPLES

HEADER = "ID_DTSEN,NIK,NO_KK,NAMA,TEMPAT_LAHIR,TGL_LAHIR,JNS_KEL,ALAMAT,RT,RW,KODE_WILAYAH,KELURAHAN,KECAMATAN,DESIL"
ROW1 = ("DT1,1971015208810001,1971011507090002,Nurhayati,Pangkalpinang,12-08-1981,P,Jl. Melayu 7,2,1,"
        "1971011001,Kejaksaan,Taman Sari,1")
ROW2 = ("DT2,1971011102790003,1971011507090002,Rusdi,Pangkalpinang,11-02-1979,L,Jl. Melayu 7,002,001,"
        "1971011001,Kejaksaan,Taman Sari,1")


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_sample_file_imports_and_reimport_changes_nothing(office, admin):
    summary = dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    assert summary.rejected == 0 and summary.inserted == summary.rows_total > 0
    again = dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, summary.rows_total)
    info = dtsen.lookup(office, actor=admin, nik="1971015208810001")
    assert info.name == "Nurhayati" and info.desil == 1 and info.rt == "002" and info.sex == "P"
    last = dtsen.last_import(office)  # usable after its session ended
    assert (last.file_name, last.rows_total, last.unchanged) == ("dtsen_contoh.csv", summary.rows_total,
                                                                 summary.rows_total)


def test_changed_row_is_updated(office, admin, tmp_path):
    dtsen.import_file(office, actor=admin, path=write(tmp_path, "a.csv", f"{HEADER}\n{ROW1}\n{ROW2}\n"))
    s = dtsen.import_file(office, actor=admin,
                          path=write(tmp_path, "b.csv", f"{HEADER}\n{ROW1[:-2]},3\n{ROW2}\n"))
    assert (s.inserted, s.updated, s.unchanged) == (0, 1, 1)
    assert dtsen.lookup(office, actor=admin, nik="1971015208810001").desil == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_semicolons_and_encodings(office, admin, tmp_path, encoding):
    text = f"{HEADER}\n{ROW1.replace('Nurhayati', 'Nur’aini Siti Ṣ' if encoding != 'cp1252' else 'Nur’aini Ségar')}\n"
    p = write(tmp_path, "x.csv", text.replace(",", ";"), encoding)
    s = dtsen.import_file(office, actor=admin, path=p)
    assert s.inserted == 1
    assert dtsen.lookup(office, actor=admin, nik="1971015208810001").name.startswith("Nur’aini")


def test_headers_in_any_order_case_and_language(office, admin, tmp_path):
    text = ("desil,Name,nik,Family Card Number,Birth Date,SEX\n"
            "2,Siti,1971015208810001,1971011507090002,1981-08-12,female\n")
    s = dtsen.import_file(office, actor=admin, path=write(tmp_path, "en.csv", text))
    assert s.inserted == 1
    info = dtsen.lookup(office, actor=admin, nik="1971015208810001")
    assert (info.name, info.desil, info.sex, str(info.birth_date)) == ("Siti", 2, "P", "1981-08-12")


def test_bad_rows_go_to_rejects_file_with_reasons(office, admin, tmp_path):
    rows = [
        ROW1,
        ROW2.replace("1971011102790003", "1.97101E+15"),
        ROW2.replace("1971011102790003", "197101110279003"),
        ROW2.replace(",1\n", ",1").replace("Taman Sari,1", "Taman Sari,11"),
        ROW1,  # duplicate NIK in the same file
        ROW2.replace("11-02-1979", "31/31/1979"),
    ]
    s = dtsen.import_file(office, actor=admin, path=write(tmp_path, "bad.csv", HEADER + "\n" + "\n".join(rows)))
    assert (s.inserted, s.rejected) == (1, 5)
    text = Path(s.rejects_path).read_text(encoding="utf-8-sig")
    for fragment in ("ilmiah", "16 digit", "desil", "ganda", "tanggal lahir"):
        assert fragment in text


def test_xlsx_with_identifiers_as_numbers_is_flagged(office, admin, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["NIK", "No KK", "Nama", "Desil"])
    ws.append(["1971015208810001", "1971011507090002", "Teks", 1])
    ws.append([1971011102790003, "1971011507090002", "Angka", 1])
    ws.append([1.97101110279e15, "1971011507090002", "Float", 1])
    p = tmp_path / "d.xlsx"
    wb.save(p)
    s = dtsen.import_file(office, actor=admin, path=p)
    assert (s.inserted, s.rejected) == (1, 2)
    assert "lembar kerja" in Path(s.rejects_path).read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("content,fragment", [
    ("NAMA,ALAMAT\nBudi,Jl. A\n", "Kolom wajib tidak ditemukan"),
    ("", "kosong"),
    (HEADER + "\n", "hanya berisi baris judul"),
    ("%PDF-1.4 garbage", "PDF"),
])
def test_bad_files_refused_and_nothing_changes(office, admin, tmp_path, content, fragment):
    dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    before = dtsen.record_count(office)
    with pytest.raises(ValidationError, match=fragment):
        dtsen.import_file(office, actor=admin, path=write(tmp_path, "bad.csv", content))
    assert dtsen.record_count(office) == before


def test_old_xls_and_oversize_refused(office, admin, tmp_path, monkeypatch):
    p = tmp_path / "lama.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(ValidationError, match=".xls"):
        dtsen.import_file(office, actor=admin, path=p)
    from app.importing import tabular

    monkeypatch.setattr(tabular, "DEFAULT_MAX_BYTES", 10)
    monkeypatch.setattr(tabular.open_table, "__kwdefaults__", {"max_bytes": 10})
    with pytest.raises(ValidationError, match="terlalu besar"):
        dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")


def test_cancel_rolls_back_everything(office, admin, tmp_path, monkeypatch):
    monkeypatch.setattr(dtsen, "CHUNK_ROWS", 2)
    with pytest.raises(dtsen.ImportCancelled):
        dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv", cancelled=lambda: True)
    assert dtsen.record_count(office) == 0
    assert dtsen.last_import(office) is None
    assert not list(office.dirs.imports.glob("*"))


def test_progress_is_reported(office, admin, tmp_path):
    body = "\n".join(ROW1.replace("0001,", f"{i:04d},", 1) for i in range(1, 60))
    seen = []
    dtsen.import_file(office, actor=admin, path=write(tmp_path, "p.csv", HEADER + "\n" + body),
                      progress=lambda f, n: seen.append((f, n)))
    assert seen[-1] == (1.0, 59)


def test_front_office_may_look_up_but_not_import(office, make_user):
    fo = make_user("front_office")
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        dtsen.import_file(office, actor=fo, path=SAMPLES / "dtsen_contoh.csv")
    assert dtsen.lookup(office, actor=fo, nik="1971015208810001") is None
    with pytest.raises(ValidationError):
        dtsen.lookup(office, actor=fo, nik="12345")


def test_import_on_postgresql(any_office, any_admin, tmp_path):
    shutil.copy(SAMPLES / "dtsen_contoh.csv", tmp_path / "s.csv")
    s = dtsen.import_file(any_office, actor=any_admin, path=tmp_path / "s.csv")
    again = dtsen.import_file(any_office, actor=any_admin, path=tmp_path / "s.csv")
    assert again.unchanged == s.inserted and again.inserted == again.updated == 0
    assert dtsen.lookup(any_office, actor=any_admin, nik="6172024303670001").kecamatan == "Singkawang Barat"
