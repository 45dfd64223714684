"""A person's name, No KK and birth date are facts: opening a case never changes them; a correction is
explicit, needs a reason and is audited with old and new values (issue 15 "Facts, not defaults", issue 18
point 1)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import col, select

from app.db.models import AuditEntry, Case, DtsenRecord, Family, Person
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services import audit, cases, identity
from tests.services.helpers import at, nik

pytestmark = pytest.mark.clock


def kk(i: int) -> str:
    """A valid, distinct No KK per ``i``."""
    return f"197101010190{i:04d}"


def _person(office, nik_: str) -> Person:
    with office.db.read() as s:
        p = s.exec(select(Person).where(Person.nik == nik_)).one()
        s.expunge(p)
        return p


def _audit(office, action: str) -> list[AuditEntry]:
    with office.db.read() as s:
        rows = list(s.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.id))).all())
        for r in rows:
            s.expunge(r)
        return rows


def _first_case(office, staff, **kw):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="Siti Aminah",
                        no_kk=kk(1), person={"birth_date": "1980-01-01", "address": "Jl. Melati 1"},
                        now=at(2026, 11, 2, 9), **kw)
    return cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version,
                        reason="uji: berkas lama ditutup", now=at(2026, 11, 2, 10))


def _cases(office) -> int:
    with office.db.read() as s:
        return len(s.exec(select(Case)).all())


def test_opening_a_case_never_renames_or_changes_kk_or_birth_date(office, staff):
    _first_case(office, staff)
    before = _cases(office)
    with pytest.raises(identity.IdentityConflict) as err:
        cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1),
                        name="Budi Santoso", no_kk=kk(2), person={"birth_date": "1981-02-03"}, now=at(2026, 11, 3, 9))
    msg = str(err.value)
    assert isinstance(err.value, ValidationError)
    assert "Nama: tersimpan 'Siti Aminah', diketik 'Budi Santoso'" in msg
    assert f"No KK: tersimpan '{kk(1)}', diketik '{kk(2)}'" in msg
    assert "Tanggal lahir: tersimpan '01-01-1980', diketik '03-02-1981'" in msg
    assert [d.field for d in err.value.differences] == ["name", "no_kk", "birth_date"]
    p = _person(office, nik(1))
    assert (p.name, p.birth_date) == ("Siti Aminah", date(1980, 1, 1))
    assert _cases(office) == before  # nothing written


def test_same_facts_typed_differently_and_empty_fields_are_no_conflict(office, staff):
    _first_case(office, staff)
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1),
                        name="  SITI   aminah ", no_kk=kk(1), person={"birth_date": "1980-01-01",
                                                                      "address": "Jl. Mawar 2"},
                        now=at(2026, 11, 3, 9))
    assert c.name == "Siti Aminah" and c.no_kk == kk(1)
    assert _person(office, nik(1)).address == "Jl. Mawar 2"  # the address is not an identity fact
    c2 = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="",
                         now=at(2026, 11, 3, 10))
    assert c2.name == "Siti Aminah"


def test_a_missing_stored_birth_date_is_filled_without_correction(office, staff):
    cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(2), name="Ani",
                    now=at(2026, 11, 2, 9))
    cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(2), name="Ani",
                    person={"birth_date": "1980-01-01"}, now=at(2026, 11, 2, 10))
    assert _person(office, nik(2)).birth_date == date(1980, 1, 1)


def test_compare_shows_ktp_dtsen_and_stored_side_by_side(office, staff):
    _first_case(office, staff)
    with office.db.write() as s:
        s.add(DtsenRecord(nik=nik(1), no_kk=kk(3), name="SITI AMINAH", birth_date=date(1980, 1, 2), desil=2,
                          dtsen_id="D1", row_hash="x" * 32))
    diffs = identity.compare(office, actor=staff.front_office, nik=nik(1),
                             typed={"name": "Siti Aminah", "no_kk": kk(1), "birth_date": "01-01-1980"})
    by = {d.field: d for d in diffs}
    assert "name" not in by  # the same name in three spellings
    assert (by["no_kk"].typed, by["no_kk"].dtsen, by["no_kk"].stored) == (kk(1), kk(3), kk(1))
    assert (by["birth_date"].typed, by["birth_date"].dtsen, by["birth_date"].stored) == \
        (date(1980, 1, 1), date(1980, 1, 2), date(1980, 1, 1))
    assert identity.compare(office, actor=staff.front_office, nik=nik(5), typed={"name": "Baru"}) == []


def test_correction_is_explicit_with_reason_and_audited_old_and_new(office, staff):
    old_case = _first_case(office, staff)
    with pytest.raises(ValidationError, match="alasan"):
        identity.correct_person(office, actor=staff.front_office, nik=nik(1), changes={"name": "Siti Aminah Z"},
                                reason="  ")
    with pytest.raises(PermissionDenied):
        identity.correct_person(office, actor=staff.kepala_dinas, nik=nik(1), changes={"name": "X"}, reason="r")
    with pytest.raises(NotFound, match="Belum ada data"):
        identity.correct_person(office, actor=staff.front_office, nik=nik(9), changes={"name": "X"}, reason="r")
    with pytest.raises(ValidationError, match="tidak mengubah"):
        identity.correct_person(office, actor=staff.front_office, nik=nik(1), changes={"name": "Siti Aminah"},
                                reason="r")
    res = identity.correct_person(office, actor=staff.front_office, nik=nik(1),
                                  changes={"name": "Siti Aminah Zahra", "no_kk": kk(2), "birth_date": "02-01-1980"},
                                  reason="sesuai KTP asli")
    assert res.old == {"name": "Siti Aminah", "no_kk": kk(1), "birth_date": date(1980, 1, 1)}
    assert res.new == {"name": "Siti Aminah Zahra", "no_kk": kk(2), "birth_date": date(1980, 1, 2)}
    assert res.cases_moved == (old_case.reg_number,)
    (entry,) = _audit(office, "person.correct")
    assert entry.old_values == {"name": "Siti Aminah", "no_kk": kk(1), "birth_date": "01-01-1980"}
    assert entry.new_values["name"] == "Siti Aminah Zahra" and entry.new_values["birth_date"] == "02-01-1980"
    assert entry.new_values["alasan"] == "sesuai KTP asli"
    with office.db.read() as s:
        assert audit.verify_chain(s).ok
        fam = s.get(Family, s.get(Case, old_case.id).family_id)
        assert fam is not None and fam.no_kk == kk(2)
    # now the corrected facts open a case without conflict
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1),
                        name="Siti Aminah Zahra", no_kk=kk(2), person={"birth_date": "1980-01-02"},
                        now=at(2026, 11, 3, 9))
    assert (c.name, c.no_kk) == ("Siti Aminah Zahra", kk(2))


def test_correction_refuses_bad_values(office, staff):
    _first_case(office, staff)
    with pytest.raises(ValidationError, match="Nomor KK"):
        identity.correct_person(office, actor=staff.front_office, nik=nik(1), changes={"no_kk": "123"}, reason="r")
    with pytest.raises(ValidationError, match="Tanggal lahir"):
        identity.correct_person(office, actor=staff.front_office, nik=nik(1), changes={"birth_date": "31-02-1980"},
                                reason="r")
    with pytest.raises(ValidationError, match="dikosongkan"):
        identity.correct_person(office, actor=staff.front_office, nik=nik(1), changes={"name": " "}, reason="r")
    assert _person(office, nik(1)).name == "Siti Aminah"
