"""A case's due documents are issued from its own data through the letters engine, and marked issued."""

from __future__ import annotations

import pytest

from app.documents import examples
from app.errors import PermissionDenied, ValidationError
from app.services import case_letters, cases
from app.services import office as office_svc
from tests.services.helpers import add_dtsen, kk, nik

pytestmark = pytest.mark.clock


@pytest.fixture
def officials(office, admin):
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)


def test_receipt_and_recommendation_issued_from_the_case(office, staff, officials):
    add_dtsen(office, nik(1), desil=2)
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="SITI AMINAH",
                        no_kk=kk(1), received=["ktp", "kk"],
                        person={"address": "Jl. Melati No. 7", "rt": "003", "rw": "001", "kelurahan": "Bukit Intan",
                                "birth_date": "1980-01-01", "birth_place": "Pangkalpinang", "sex": "L"})
    receipt = case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="tanda_terima")
    assert receipt.case_id == c.id and receipt.docx_path.exists()
    c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert [d["key"] for d in c.documents_due] == []
    assert c.data["documents"][0]["number"] == receipt.number
    c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code="sktm",
                            received=True)
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="dibuat pada langkah: Persetujuan"):  # not before its step
        case_letters.issue_document(office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert [d["key"] for d in c.documents_due] == ["rekomendasi_pbi"]
    with pytest.raises(ValidationError, match="belum diterbitkan"):  # the step cannot complete without it
        cases.advance(office, actor=staff.manager, case_id=c.id, version=c.version)
    with pytest.raises(PermissionDenied):  # only the step's role (the manager), not the front office
        case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="rekomendasi_pbi")
    info = case_letters.issue_document(office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    with pytest.raises(ValidationError, match="sudah diterbitkan dengan nomor .*cetak ulang"):
        case_letters.issue_document(office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    c = cases.get_case(office, actor=staff.manager, case_id=c.id)
    assert c.documents_due == [] and info.number in [d["number"] for d in c.data["documents"]]
    assert c.clock == "terpenuhi"  # the product is issued: the service-time standard is met
    c = cases.advance(office, actor=staff.manager, case_id=c.id, version=c.version)
    assert c.current_step == "usulan_apbn"
    from app.db.models import Letter

    with office.db.read() as s:
        row = s.get(Letter, info.id)
        assert row.data["pemohon"]["nik"] == nik(1) and row.data["kasus"]["nomor_registrasi"] == c.reg_number
        assert row.data["pemohon"]["status_dtsen"].endswith("desil 2")


def test_jamkesda_notice_needs_a_decision_and_collective_letters_are_refused(office, staff, officials):
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="A")
    with pytest.raises(ValidationError, match="Pemberitahuan hasil kepada pemohon"):  # only at its step
        case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="pemberitahuan_jamkesda")
    with pytest.raises(ValidationError, match="kolektif"):
        case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="usulan_jamkesda")


def test_deactivation_recommendation_carries_the_evidence_the_counter_typed(office, staff, officials):
    """The wizard stores the supporting evidence as ``bukti``; the letter prints it under "Bukti pendukung"."""
    from app.documents.render import docx_text

    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(3), name="Andi",
                        no_kk=kk(3), received=["kk", "ktp", "kis", "surat_pernyataan"],
                        data={"reason_code": "mampu", "bukti": "Surat keterangan bekerja dari PT Timah"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    letter = case_letters.issue_document(office, actor=staff.back_office, case_id=c.id,
                                         key="rekomendasi_penonaktifan")
    assert "Surat keterangan bekerja dari PT Timah" in docx_text(letter.docx_path)
