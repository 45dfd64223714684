"""Two counters on one database (SQLite and a real PostgreSQL): optimistic locking and one open case per service."""

from __future__ import annotations

import threading

import pytest

from app.errors import ConflictError, ValidationError
from app.services import audit, cases
from tests.services.helpers import add_dtsen, kk, nik

pytestmark = pytest.mark.clock


def test_second_counter_advancing_the_same_state_gets_reload_error(any_office, any_staff):
    office, staff = any_office, any_staff
    add_dtsen(office, nik(1))
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        no_kk=kk(1), received=["ktp", "kk", "sktm"])
    seen_by_counter_1 = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    seen_by_counter_2 = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    first = cases.advance(office, actor=staff.front_office, case_id=c.id, version=seen_by_counter_1.version)
    with pytest.raises(ConflictError, match="diubah oleh petugas lain; muat ulang"):
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=seen_by_counter_2.version)
    with pytest.raises(ConflictError):
        cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=seen_by_counter_2.version,
                            code="ktp", received=False)
    now = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert now.current_step == first.current_step == "back_office_kesehatan" and now.version == first.version
    assert len(cases.step_log(office, actor=staff.front_office, case_id=c.id)) == 1
    with office.db.read() as s:
        assert audit.verify_chain(s).ok


def test_concurrent_advances_only_one_wins(any_office, any_staff):
    office, staff = any_office, any_staff
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(1), name="A",
                        received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "meninggal"})
    barrier = threading.Barrier(4)
    results: list[str] = []

    def go():
        barrier.wait()
        try:
            cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
            results.append("ok")
        except ConflictError:
            results.append("conflict")

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 3 + ["ok"]
    assert len(cases.step_log(office, actor=staff.front_office, case_id=c.id)) == 1


def test_one_open_case_per_person_per_service_on_both_databases(any_office, any_staff):
    office, staff = any_office, any_staff
    cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A")
    with pytest.raises(ValidationError, match="masih memiliki berkas"):
        cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A")
    other = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A")
    assert other.reg_number.endswith("00002")


def test_two_counters_opening_the_same_person_at_once(any_office, any_staff):
    office, staff = any_office, any_staff
    actor = staff.front_office
    barrier = threading.Barrier(3)
    results: list[str] = []

    def go():
        barrier.wait()
        try:
            cases.open_case(office, actor=actor, service_code="pbi-baru", nik=nik(7), name="Sama", no_kk=kk(7))
            results.append("ok")
        except (ValidationError, ConflictError):
            results.append("refused")

    threads = [threading.Thread(target=go) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused", "refused"]
    assert len(cases.list_cases(office, actor=actor, service_code="pbi-baru")) == 1
