"""Facts that decide eligibility are never defaulted: an empty one is refused by the core with an Indonesian
message and nothing is written (issue 15 "Facts, not defaults", issue 18 point 6)."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services import cases
from tests.services.helpers import add_dtsen, at, kk, nik
from tests.services.test_jamkesda import ALL as JAMKESDA_ALL

pytestmark = pytest.mark.clock


def _rekom_at_confirmation(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-rekom", nik=nik(1),
                        name="Peserta", no_kk=kk(1), received=["kk", "ktp", "kis", "sk_dtsen"], now=at(2026, 11, 3, 9))
    return cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9))


@pytest.mark.parametrize(("values", "label"), [
    ({"deactivated_on": ""}, "Tanggal nonaktif kepesertaan"),
    ({"deactivated_on": None}, "Tanggal nonaktif kepesertaan"),
    ({"electricity_va": None, "dependants": " "}, "Daya listrik, Jumlah tanggungan"),
])
def test_an_empty_fact_is_refused_and_nothing_written(office, staff, values, label):
    c = _rekom_at_confirmation(office, staff)
    with pytest.raises(ValidationError, match=f"^{label} wajib diisi oleh petugas"):
        cases.update_data(office, actor=staff.back_office, case_id=c.id, version=c.version, values=values)
    with pytest.raises(ValidationError, match="wajib diisi oleh petugas"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, data=values)
    again = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    assert again.version == c.version and not set(values) & set(again.data)


def test_a_confirmation_without_its_time_is_refused(office, staff):
    c = _rekom_at_confirmation(office, staff)
    with pytest.raises(ValidationError, match="Waktu konfirmasi BPJS wajib diisi"):
        cases.record_bpjs_confirmation(office, actor=staff.back_office, case_id=c.id, version=c.version,
                                       confirmed_by="Rina (BPJS KC)", confirmed_at="", answer="dapat_direaktivasi")
    assert "bpjs_confirmation" not in cases.get_case(office, actor=staff.back_office, case_id=c.id).data


def test_a_step_whose_fact_was_never_given_does_not_complete(office, staff):
    add_dtsen(office, nik(1), desil=1)
    c = _rekom_at_confirmation(office, staff)
    c = cases.record_bpjs_confirmation(office, actor=staff.back_office, case_id=c.id, version=c.version,
                                       confirmed_by="Rina", confirmed_at="2026-11-03T09:10",
                                       answer="dapat_direaktivasi")
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9))
    assert c.current_step == "konsep_surat"
    with pytest.raises(ValidationError, match="Tanggal penonaktifan kepesertaan belum diisi"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9))


def test_jamkesda_dependants_are_typed_never_assumed_zero(office, staff):
    now = at(2026, 3, 2, 9)
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A",
                        received=JAMKESDA_ALL, now=now)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=now)
    with pytest.raises(ValidationError, match="Jumlah tanggungan belum diisi"):
        cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"electricity_va": 450}, now=now)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"electricity_va": 450, "dependants": 0}, now=now)
    assert c.data["dependants"] == 0
