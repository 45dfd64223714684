from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.rules.identifiers import (
    format_nip,
    mangled_reason,
    mask_nik,
    nik_warnings,
    parse_nik,
    validate_kk,
    validate_nip,
    validate_noka,
)

pytestmark = pytest.mark.clock

TODAY = date(2026, 11, 23)


def test_man_and_woman_decoded():
    man = parse_nik("1971011102790003", today=TODAY)
    assert (man.sex, man.birth_date, man.province) == ("L", date(1979, 2, 11), "Kepulauan Bangka Belitung")
    woman = parse_nik("1971015208810001", today=TODAY)  # day 52 = 12 + 40
    assert (woman.sex, woman.birth_date) == ("P", date(1981, 8, 12))


@pytest.mark.parametrize("nik,year", [("1971014101100002", 2010), ("1971014101260002", 2026),
                                      ("1971014101270002", 1927), ("3273010101990001", 1999)])
def test_century_inference(nik, year):
    assert parse_nik(nik, today=TODAY).birth_date.year == year


@pytest.mark.parametrize("nik,fragment", [
    ("2071011102790003", "kode provinsi '20'"),
    ("1071011102790003", "kode provinsi '10'"),
    ("1900011102790003", "kabupaten/kota"),
    ("1971001102790003", "kecamatan"),
    ("1971013202790003", "01–31"),
    ("1971017202790003", "01–31"),
    ("1971010002790003", "01–31"),
    ("1971011113790003", "bulan"),
    ("1971011100790003", "bulan"),
    ("1971011102790000", "0000"),
    ("197101110279000", "16 digit, bukan 15"),
    ("19710111027900031", "16 digit, bukan 17"),
    ("19710111027900O3", "hanya boleh berisi angka"),
    ("", "wajib"),
    ("3.27E+15", "ilmiah"),
    ("1.97101110279E+15", "ilmiah"),
    ("1971011102790003.0", "desimal"),
])
def test_bad_niks_are_refused_with_a_reason(nik, fragment):
    with pytest.raises(ValidationError) as e:
        parse_nik(nik, today=TODAY)
    assert fragment in str(e.value)


def test_15_digits_hint_about_lost_zero():
    with pytest.raises(ValidationError, match="0 di depan hilang"):
        validate_noka("001234567891")


def test_numbers_from_a_spreadsheet_are_mangled():
    assert mangled_reason(1971015208810000.0)
    assert mangled_reason(1971015208810001)
    assert mangled_reason("1971015208810001") is None
    with pytest.raises(ValidationError):
        parse_nik(1971015208810001)


def test_impossible_calendar_date_only_warns():
    info = parse_nik("1971013102790003", today=TODAY)  # 31 February
    assert info.birth_date is None and info.warnings


def test_mismatch_with_record_is_a_warning_not_an_error():
    info = parse_nik("1971015208810001", today=TODAY)
    assert nik_warnings(info, birth_date=date(1981, 8, 12), sex="P") == []
    warnings = nik_warnings(info, birth_date=date(1981, 8, 13), sex="L")
    assert len(warnings) == 2 and "Tanggal lahir" in warnings[0] and "Jenis kelamin" in warnings[1]


def test_kk_noka_nip():
    assert validate_kk("1971011507090002") == "1971011507090002"
    with pytest.raises(ValidationError):
        validate_kk("0071011507090002")
    assert validate_noka("0001234567891") == "0001234567891"
    with pytest.raises(ValidationError):
        validate_noka("00012345678912")
    assert validate_nip("197201031995031001") == "197201031995031001"
    assert format_nip("197201031995031001") == "19720103 199503 1 001"
    for bad in ("197213031995031001", "197201031995131001", "197201031995033001", "19720103199503100"):
        with pytest.raises(ValidationError):
            validate_nip(bad)


def test_mask():
    assert mask_nik("1971015208810001") == "197101********01"


@given(st.text(max_size=40))
def test_any_text_gives_a_result_or_a_validation_error(raw):
    try:
        info = parse_nik(raw, today=TODAY)
    except ValidationError as exc:
        assert str(exc)
    else:
        assert len(info.nik) == 16 and info.sex in "LP"


@given(st.integers(min_value=11, max_value=96), st.integers(1, 99), st.integers(1, 99),
       st.dates(date(1930, 1, 1), date(2025, 12, 31)), st.booleans(), st.integers(1, 9999))
def test_generated_valid_niks_roundtrip(prov, reg, dist, born, female, serial):
    from app.rules.identifiers import PROVINCES

    if f"{prov:02d}" not in PROVINCES:
        return
    day = born.day + (40 if female else 0)
    nik = f"{prov:02d}{reg:02d}{dist:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    info = parse_nik(nik, today=TODAY)
    assert info.sex == ("P" if female else "L")
    assert (info.birth_date.day, info.birth_date.month) == (born.day, born.month)
