"""Letters bound to their steps: the out-of-order acts an auditor tried are refused in Indonesian, and
nothing is written (no letter, no number, no change to the case)."""

from __future__ import annotations

import pytest

from app.db.models import Case, Counter, Letter
from app.errors import LoketError, PermissionDenied, ValidationError
from app.servicedefs import get as get_definition
from app.services import case_letters, cases, letters
from app.workflow import products
from tests.services.helpers import add_dtsen, advance, at, kk, nik

pytestmark = pytest.mark.clock


def _counts(office) -> tuple[int, int, int]:
    """Letters, number counters' sum and the case versions' sum: what a refused act must not change."""
    with office.db.read() as s:
        from sqlmodel import select

        n_letters = len(s.exec(select(Letter)).all())
        numbers = sum(c.value for c in s.exec(select(Counter)).all())
        versions = sum(c.version for c in s.exec(select(Case)).all())
    return n_letters, numbers, versions


def _refused(office, fn, match: str | None = None, exc: type[LoketError] = ValidationError) -> None:
    before = _counts(office)
    with pytest.raises(exc, match=match):
        fn()
    assert _counts(office) == before


def _pbi_at_manager(office, staff, i=1):
    add_dtsen(office, nik(i), desil=2)
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(i), name=f"Warga {i}",
                        no_kk=kk(i), received=["ktp", "kk", "sktm"], now=at(2026, 11, 3, 9))
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 5))
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 15))
    assert c.current_step == "keputusan_manajer"
    return c


def test_a_refused_case_gets_no_recommendation(office, staff):
    """Found: a Rekomendasi was issued for a case already refused as "tidak memenuhi kriteria"."""
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        no_kk=kk(1), received=["ktp", "kk", "sktm"])
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=staff.verifier, case_id=c.id, version=c.version, data={"field_poor": False},
                      reason="Rumah permanen, kendaraan roda empat")
    assert c.outcome == "tidak_memenuhi_kriteria"
    for who in (staff.manager, staff.kepala_dinas, staff.front_office):
        _refused(office, lambda who=who: case_letters.issue_document(office, actor=who, case_id=c.id,
                                                                     key="rekomendasi_pbi"), "tidak dapat dibuat")


def test_front_office_cannot_issue_a_letter_signed_by_the_kepala_dinas(office, staff):
    c = _pbi_at_manager(office, staff)
    _refused(office, lambda: case_letters.issue_document(office, actor=staff.front_office, case_id=c.id,
                                                         key="rekomendasi_pbi"), exc=PermissionDenied)


def test_one_letter_per_case_a_copy_is_a_reprint_of_the_same_number(office, staff):
    c = _pbi_at_manager(office, staff)
    first = case_letters.issue_document(office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    _refused(office, lambda: case_letters.issue_document(office, actor=staff.manager, case_id=c.id,
                                                         key="rekomendasi_pbi"), "Cetak ulang")
    again = letters.reprint(office, actor=staff.manager, letter_id=first.id)
    assert again.read_bytes() == first.docx_path.read_bytes()  # the same letter, the same number


def test_a_voided_letter_is_made_again_at_its_step_with_a_new_number(office, staff):
    c = _pbi_at_manager(office, staff)
    first = case_letters.issue_document(office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    letters.void_letter(office, actor=staff.supervisor, letter_id=first.id, reason="Salah ketik alamat pemohon")
    c = cases.get_case(office, actor=staff.manager, case_id=c.id)
    with pytest.raises(ValidationError, match="belum diterbitkan"):  # the step needs its letter again
        cases.advance(office, actor=staff.manager, case_id=c.id, version=c.version)
    second = case_letters.issue_document(office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    assert second.number != first.number
    c = cases.get_case(office, actor=staff.manager, case_id=c.id)
    statuses = [(d["key"], d["status"]) for d in c.data["documents"] if d["key"] == "rekomendasi_pbi"]
    assert statuses == [("rekomendasi_pbi", "voided"), ("rekomendasi_pbi", "issued")]


def test_no_case_closes_as_served_without_its_product(office, staff):
    defn = get_definition(office, "penonaktifan")
    with pytest.raises(ValidationError, match="tanpa produknya"):
        products.require_product({"documents": []}, defn, "selesai")
    products.require_product({"documents": []}, defn, "ditolak")  # a refusal closes without a product


def test_deactivation_letter_only_at_its_same_day_step(office, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(3), name="Andi",
                        no_kk=kk(3), received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    _refused(office, lambda: case_letters.issue_document(office, actor=staff.back_office, case_id=c.id,
                                                         key="rekomendasi_penonaktifan"), "dibuat pada langkah")
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    _refused(office, lambda: cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version),
             "belum diterbitkan")
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.current_step == "rekap_bulanan" and c.clock == "terpenuhi"


def test_a_waiting_case_is_never_overdue(office, staff):
    """A case at a step that waits (window, recap, BPJS) is "menunggu jadwal", not "lewat tenggat"."""
    c = _pbi_at_manager(office, staff)
    with office.db.write() as s:
        row = s.get(Case, c.id)
        row.clock = "menunggu"
        s.add(row)
    assert cases.overdue(office, actor=staff.supervisor, now=at(2026, 12, 30, 9)) == []
    with office.db.write() as s:
        row = s.get(Case, c.id)
        row.clock = "berjalan"
        s.add(row)
    assert [x.id for x in cases.overdue(office, actor=staff.supervisor, now=at(2026, 12, 30, 9))] == [c.id]
