"""Property tests: any input to a validator or an importer gives a result or a clear Indonesian
message (a LoketError), never a crash, and a refused input changes nothing.

tests/core/test_identifiers.py already checks plain text against parse_nik; here every validator gets
every kind of value (numbers, floats, bytes-like text, non-Latin digits) and the importers get whole
generated files.
"""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from app.errors import LoketError, ValidationError
from app.rules.identifiers import mangled_reason, parse_nik, validate_kk, validate_nik, validate_nip, validate_noka
from tests.reliability.figures import record
from tests.reliability.test_corpus import snapshot

TRIED: dict[str, int] = {}
FIXTURE_OK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
                      deadline=None, max_examples=60)


def _count(name: str) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    record("bad_input", {"examples": sum(TRIED.values()), "by_property": dict(sorted(TRIED.items())), "crashes": 0})


def valid_nik() -> st.SearchStrategy[str]:
    return st.builds(lambda prov, reg, dist, day, female, month, yy, serial:
                     f"{prov}{reg:02d}{dist:02d}{day + (40 if female else 0):02d}{month:02d}{yy:02d}{serial:04d}",
                     st.sampled_from(["11", "19", "31", "32", "36", "51", "64", "73", "91", "96"]),
                     st.integers(1, 99), st.integers(1, 99), st.integers(1, 28), st.booleans(), st.integers(1, 12),
                     st.integers(0, 99), st.integers(1, 9999))


DIGITS_LIKE = st.text(alphabet="0123456789 .,-+eE'\u00a0０１２３٤٥६७²³", min_size=0, max_size=24)
ANY_VALUE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                      st.text(max_size=40), DIGITS_LIKE, valid_nik(),
                      valid_nik().map(lambda n: float(n)), valid_nik().map(lambda n: int(n)),
                      valid_nik().map(lambda n: f"{float(n):.2E}"), valid_nik().map(lambda n: n[1:]),
                      valid_nik().map(lambda n: f" {n[:8]} {n[8:]} "))
VALIDATORS = {"NIK": (validate_nik, 16), "KK": (validate_kk, 16), "noka": (validate_noka, 13),
              "NIP": (validate_nip, 18)}


@pytest.mark.parametrize("label", sorted(VALIDATORS))
@given(raw=ANY_VALUE)
@settings(max_examples=300, deadline=None)
def test_validators_return_digits_or_a_clear_message(label, raw):
    _count(f"validator {label}")
    fn, length = VALIDATORS[label]
    try:
        out = fn(raw)
    except ValidationError as exc:
        assert str(exc).strip() and str(exc)[0].isupper()
        return
    assert isinstance(out, str) and len(out) == length and out.isascii() and out.isdigit()
    assert isinstance(raw, bool) or not isinstance(raw, (int, float)), "a spreadsheet number was accepted"


@given(nik=valid_nik())
@settings(max_examples=200, deadline=None)
def test_a_nik_turned_into_a_number_is_always_refused(nik):
    _count("NIK as spreadsheet number")
    for mangled in (float(nik), int(nik), f"{float(nik):.2E}", f"{int(nik):,}", f"{nik}.0"):
        assert mangled_reason(mangled)
        with pytest.raises(ValidationError, match="teks|angka|lembar kerja"):
            validate_nik(mangled)
    if nik.startswith("1"):  # a lost leading zero can only be noticed by the length
        with pytest.raises(ValidationError, match="16 digit"):
            validate_nik(nik[1:])


@given(nik=valid_nik(), day=st.integers(0, 99), month=st.integers(0, 99))
@settings(max_examples=200, deadline=None)
def test_nik_birth_date_part(nik, day, month):
    _count("NIK birth date")
    raw = nik[:6] + f"{day:02d}{month:02d}" + nik[10:]
    try:
        info = parse_nik(raw, today=date(2026, 11, 23))
    except ValidationError as exc:
        assert not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= month <= 12, exc
        return
    assert info.sex == ("P" if day > 40 else "L")
    assert info.birth_date is None or info.birth_date.month == month


@given(raw=st.one_of(st.text(max_size=30), st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
                     st.from_regex(r"\A\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,5}\Z"),
                     st.from_regex(r"\A\d{1,2} (Januari|Pebruari|Agt|Mei|Desember|Foo) \d{4}\Z"),
                     st.integers(), st.floats(), st.dates(), st.datetimes()))
@settings(max_examples=400, deadline=None)
def test_date_parsers_return_a_date_or_refuse(raw):
    """DTSEN birth dates and feedback TMT dates: a date, nothing, or a refusal; never a crash."""
    from app.services.dtsen import clean_row
    from app.services.feedback import parse_date

    _count("dates")
    try:
        d = parse_date(raw)
        assert d is None or isinstance(d, date)
    except ValueError:
        pass  # the importer turns this into a per-row message (tested through the importers below)
    row = {"nik": "1971015208810001", "no_kk": "1971011507090002", "name": "Nurhayati", "desil": "1",
           "birth_date": raw}
    try:
        assert isinstance(clean_row(row), dict)
    except ValidationError as exc:
        assert str(exc).strip()


NAMES = st.one_of(
    st.sampled_from(["Siti Nur'aini", "D'Costa", "Ma'ruf Amin", "Nur ʼAini", "Müller", "王小明", "محمد بن سلمان",
                     "Ἀλέξανδρος", "Кузнецова", "ꦱꦶꦠꦶ", "=1+1", "@SUM(A1)", "+62 812", "-", "O'Brien-Smith"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), min_size=1,
            max_size=140))


@given(name=NAMES)
@settings(max_examples=200, deadline=None)
def test_dtsen_row_names(name):
    from app.services.dtsen import clean_row

    _count("names (DTSEN row)")
    row = {"nik": "1971015208810001", "no_kk": "1971011507090002", "name": name, "desil": "3"}
    try:
        out = clean_row(row)
    except ValidationError as exc:
        assert str(exc).strip()
        assert not " ".join(name.split()) or len(" ".join(name.split())) > 120
        return
    assert out["name"] == " ".join(name.split())


@given(desil=st.one_of(st.text(max_size=5), st.integers(-5, 20), st.floats()), sex=st.text(max_size=4),
       rt=st.one_of(st.text(max_size=6), st.integers()), region=st.one_of(st.text(max_size=15), st.floats()))
@example(desil="²", sex="L", rt="1", region="")  # superscript two is a digit to str.isdigit, not to int()
@example(desil="1", sex="L", rt="١", region="１９７１")
@settings(max_examples=300, deadline=None)
def test_dtsen_row_other_cells(desil, sex, rt, region):
    from app.services.dtsen import clean_row

    _count("DTSEN row cells")
    row = {"nik": "1971015208810001", "no_kk": "1971011507090002", "name": "Siti", "desil": desil, "sex": sex,
           "rt": rt, "region_code": region}
    try:
        out = clean_row(row)
    except ValidationError as exc:
        assert str(exc).strip()
        return
    assert 0 <= out["desil"] <= 10


@given(name=NAMES)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40, deadline=None)
def test_case_names_with_apostrophes_and_any_script_are_kept(office, admin, name):
    from app.services import cases
    from tests.services.helpers import Staff

    _count("names (open case)")
    assume(name.strip() and "\x00" not in name)
    staff = Staff(office, admin) if not hasattr(office, "_st") else office._st
    office._st = staff
    n = TRIED["names (open case)"]
    nik = f"197101{(n % 28) + 1:02d}0180{n:04d}"
    try:
        c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik, name=name)
    except ValidationError as exc:
        assert str(exc).strip()
        return
    # kept as typed, apart from runs of spaces of any kind (also no-break ones) made one space on purpose
    assert cases.get_case(office, actor=staff.front_office, case_id=c.id).name == " ".join(name.split())


# ------------------------------------------------------------------------------------------ importers
HEADER_SETS = {
    "dtsen": [["NIK", "NO_KK", "NAMA", "TGL_LAHIR", "DESIL"], ["nik", "nokk", "nama lengkap", "desil"],
              ["Nomor Induk Kependudukan", "No. KK", "Nama", "Desil Nasional", "Jenis Kelamin"]],
    "feedback": [["NIK", "NAMA", "STATUS", "ALASAN", "TMT"], ["nik peserta", "hasil verifikasi", "tmt aktif"]],
    "bpjs": [["NIK", "NAMA", "TANGGAL LAHIR", "STATUS"], ["no nik", "nama peserta"]],
}
WRONG_HEADERS = [["ID", "NAME"], ["N I K", "NAMA"], ["NIK;NAMA;STATUS"], [""], ["nik2", "kk2"]]
CELL = st.one_of(st.text(max_size=25), DIGITS_LIKE, valid_nik().map(lambda n: f"{float(n):.2E}"),
                 valid_nik().map(lambda n: n[1:]), valid_nik().map(lambda n: n + "0"),
                 st.sampled_from(["=1+1", "@SUM(A1)", "DITERIMA", "ditolak", "31-02-2026", "1", "12", "", "\"",
                                  "Siti Nur'aini", "王小明"]))


@st.composite
def csv_file(draw, family: str) -> bytes:
    header = draw(st.sampled_from(HEADER_SETS[family] + WRONG_HEADERS))
    rows = draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header)), max_size=12))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
    w.writerow(header)
    w.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = buf.getvalue().encode(encoding, errors="replace")
    if draw(st.booleans()) and data:
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]  # a file cut off while copying
    return data


@pytest.fixture
def office_with_batch(office, admin):
    from app.services import batches
    from tests.batches.helpers import make_cases
    from tests.services.helpers import Staff

    staff = Staff(office, admin)
    make_cases(office, "penonaktifan", 2, data={"reason_code": "mampu", "alasan": "Mampu"})
    batches.close_batch(office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11",
                        with_letters=False)
    return office, staff


_seq = itertools.count()


def _check_import(office, tmp_path, data: bytes, run, suffix=".csv"):
    path = tmp_path / f"gen-{next(_seq)}{suffix}"
    path.write_bytes(data)
    before = snapshot(office)
    try:
        result = run(path)
    except LoketError as exc:
        assert str(exc).strip()
        assert snapshot(office) == before
        return None
    after = snapshot(office)
    assert after["persons"] == before["persons"] and after["cases"] == before["cases"]
    return result


@given(data=csv_file("dtsen"))
@FIXTURE_OK
def test_generated_dtsen_files(office_with_batch, tmp_path, data):
    from app.db.models import DtsenRecord
    from app.services import dtsen

    _count("DTSEN files")
    office, staff = office_with_batch
    r = _check_import(office, tmp_path, data, lambda p: dtsen.import_file(office, actor=staff.supervisor, path=p))
    if r is not None:
        assert r.inserted + r.updated + r.unchanged + r.rejected == r.rows_total
        with office.db.read() as s:
            from sqlmodel import select

            for n in s.exec(select(DtsenRecord.nik)).all():
                assert validate_nik(n) == n  # nothing that is not a valid NIK ever got in


@given(data=csv_file("feedback"))
@FIXTURE_OK
def test_generated_feedback_files(office_with_batch, tmp_path, data):
    from app.services import feedback

    _count("feedback files")
    office, staff = office_with_batch
    r = _check_import(office, tmp_path, data,
                      lambda p: feedback.import_feedback(office, actor=staff.supervisor, path=p))
    if r is not None:
        assert r.applied == 0  # no generated NIK belongs to the batch


@given(data=csv_file("bpjs"))
@FIXTURE_OK
def test_generated_reconciliation_files(office_with_batch, tmp_path, data):
    from app.services import reconcile

    _count("reconciliation files")
    office, staff = office_with_batch
    _check_import(office, tmp_path, data, lambda p: reconcile.reconcile(
        office, actor=staff.supervisor, bpjs_path=p, dukcapil_path=p, out_path=tmp_path / "r.xlsx"))


@given(rows=st.lists(st.lists(st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=20), st.dates(),
                                        st.booleans(), valid_nik().map(float)), min_size=5, max_size=5),
                     max_size=10))
@FIXTURE_OK
def test_generated_xlsx_with_cells_of_any_type(office_with_batch, tmp_path, rows):
    from openpyxl import Workbook

    from app.services import dtsen, feedback

    _count("XLSX files")
    office, staff = office_with_batch
    wb = Workbook()
    wb.active.append(["NIK", "NO_KK", "NAMA", "DESIL", "STATUS"])
    buf = io.BytesIO()
    try:
        for r in rows:
            wb.active.append(r)
        wb.save(buf)
    except Exception:  # openpyxl itself refuses some control characters: no such file can exist
        assume(False)
    r = _check_import(office, tmp_path, buf.getvalue(),
                      lambda p: dtsen.import_file(office, actor=staff.supervisor, path=p), suffix=".xlsx")
    assert r is None or r.inserted == 0  # a NIK that is a number cell is never taken
    _check_import(office, tmp_path, buf.getvalue(),
                  lambda p: feedback.import_feedback(office, actor=staff.supervisor, path=p), suffix=".xlsx")


def test_huge_file_is_refused_before_reading(office, admin, tmp_path):
    """A file over the limit (sparse, so the test is cheap) is refused at once with the size in the message."""
    from app.importing.tabular import DEFAULT_MAX_BYTES
    from app.services import dtsen, feedback, reconcile
    from tests.services.helpers import Staff

    staff = Staff(office, admin)
    assert staff.supervisor
    big = tmp_path / "dtsen-besar.csv"
    with big.open("wb") as f:
        f.write(b"NIK,NO_KK,NAMA,DESIL\n")
        f.truncate(DEFAULT_MAX_BYTES + 1)
    before = snapshot(office)
    for run in (lambda: dtsen.import_file(office, actor=admin, path=big),
                lambda: feedback.import_feedback(office, actor=staff.supervisor, path=big),
                lambda: reconcile.reconcile(office, actor=staff.supervisor, bpjs_path=big, dukcapil_path=None)):
        with pytest.raises(ValidationError, match="terlalu besar"):
            run()
        _count("huge files")
    assert snapshot(office) == before
