"""Issue 16 point 7: text lengths are checked in the core (an Indonesian message, nothing stored, the same on
SQLite and PostgreSQL), and no log line carries a full NIK — not even a database driver's error text."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func
from sqlmodel import select

from app.db.models import Person
from app.errors import ValidationError
from app.logfile import LOG_NAME, NikMaskFilter, mask_niks, setup_file_logging

NIK = "1971015208810011"


def _count(office) -> int:
    with office.db.read() as s:
        return s.exec(select(func.count()).select_from(Person)).one()


@pytest.mark.parametrize(("field", "value", "label", "limit"), [
    ("phone", "+62 812 3456 7890 123 456", "Nomor telepon", 20),
    ("name", "Siti " * 30, "Nama", 120),
    ("address", "Jl. Melati " * 30, "Alamat", 250),
])
def test_overlong_text_is_refused_in_indonesian_and_nothing_is_stored(any_office, field, value, label, limit):
    """On PostgreSQL the driver used to refuse with its own English error (quoting the row); now the core does."""
    office = any_office
    before = _count(office)
    values = {"nik": NIK, "name": "Siti", field: value}
    with pytest.raises(ValidationError) as info, office.db.write() as s:
        s.add(Person(**values))
    message = str(info.value)
    assert message.startswith(f"{label} terlalu panjang: {len(value)} karakter, paling banyak {limit}.")
    assert NIK not in message and value.strip() not in message  # never quotes the value (personal data)
    assert _count(office) == before


def test_a_change_to_an_existing_row_is_checked_too(any_office):
    office = any_office
    with office.db.write() as s:
        s.add(Person(nik=NIK, name="Siti", phone="081234567890"))
    with pytest.raises(ValidationError, match="Nomor telepon terlalu panjang"), office.db.write() as s:
        p = s.exec(select(Person).where(Person.nik == NIK)).one()
        p.phone = "0812" * 10
        s.add(p)
    with office.db.read() as s:
        assert s.exec(select(Person.phone).where(Person.nik == NIK)).one() == "081234567890"


def test_values_at_the_limit_are_stored(any_office):
    office = any_office
    with office.db.write() as s:
        s.add(Person(nik=NIK, name="A" * 120, phone="0" * 20, address="B" * 250))
    assert _count(office) == 1
    with office.db.read() as s:
        assert s.exec(select(Person.name)).one() == "A" * 120


def test_mask_niks_masks_every_sixteen_digit_run_and_nothing_else():
    assert mask_niks(f"Key (nik)=({NIK}) already exists") == "Key (nik)=(197101********11) already exists"
    assert mask_niks(f"[parameters: ('{NIK}', 'Siti', '1971011507090012')]") == (
        "[parameters: ('197101********11', 'Siti', '197101********12')]")
    assert mask_niks("NIK" + NIK + "x") == "NIK197101********11x"
    assert mask_niks("12345678901234567") == "12345678901234567"  # 17 digits: not a NIK
    assert mask_niks("nomor 081234567890, tahun 2026") == "nomor 081234567890, tahun 2026"


def test_no_full_nik_reaches_the_log_file(any_office, tmp_path):
    """A real driver error (the unique NIK index; PostgreSQL quotes the key) logged with its traceback, plus
    %-arguments and a stack."""
    office = any_office
    from sqlalchemy.exc import IntegrityError

    root = logging.getLogger()
    level = root.level
    handler = setup_file_logging(tmp_path / "logs")
    try:
        with office.db.write() as s:
            s.add(Person(nik=NIK, name="Siti"))
        log = logging.getLogger("app.test")
        with pytest.raises(IntegrityError), office.db.write() as s:
            s.add(Person(nik=NIK, name="Siti lagi"))
            try:
                s.flush()
            except IntegrityError:
                log.exception("Penyimpanan gagal untuk %s", NIK)
                raise
        log.warning("NIK %s dan KK %s", NIK, "1971011507090012", stack_info=True)
        logging.getLogger("sqlalchemy.engine").error("INSERT … [parameters: ('%s',)]", NIK)
        handler.flush()
        text = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(level)
        logging.captureWarnings(False)  # as it was: pytest restores warnings.showwarning after each test
    assert "IntegrityError" in text and "197101********11" in text
    assert NIK not in text and "1971011507090012" not in text


def test_the_filter_keeps_records_whole():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a %s b %d", (NIK, 5), None)
    assert NikMaskFilter().filter(record)
    assert record.getMessage() == "a 197101********11 b 5"
