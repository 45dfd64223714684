"""Issue 17: complaint channels as office data (with their contacts on receipts and letters), the complaint
answered with a numbered letter, the legal basis on the tanda terima, Lampiran and tembusan on every letter,
and no "Label :" line printed with nothing after it."""

from __future__ import annotations

import dataclasses

import pytest
from docx import Document

from app.documents import examples
from app.documents.render import docx_text
from app.errors import ValidationError
from app.services import case_letters, cases, complaint_channels, complaints, letters, settings
from app.services import office as office_svc
from tests.services.helpers import at, kk, nik

pytestmark = pytest.mark.clock

SEEDED = {"langsung", "surat", "kotak_saran", "email", "whatsapp", "website", "medsos", "lapor", "slrt",
          "layanan_online", "sipepek"}


@pytest.fixture
def officials(office, admin):
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)


def test_every_channel_the_standards_name_is_seeded_and_accepted(office, staff):
    cfg = complaint_channels.load_settings(office)
    assert {c.code for c in cfg.channels} == SEEDED
    # the channels that were refused before issue 17
    for code in ("website", "surat", "layanan_online", "slrt", "sipepek"):
        x = complaints.register(office, actor=staff.front_office, channel=code, topic=f"Lewat {code}")
        assert x.channel == code and x.channel_label == cfg.label(code) and x.standard == "14 hari kerja"
    with pytest.raises(ValidationError, match="tiket"):
        complaints.register(office, actor=staff.front_office, channel="lapor", topic="Tanpa tiket")


def test_channels_are_office_data_contacts_inactive_custom_and_ticket(office, admin, staff):
    cfg = complaint_channels.load_settings(office)
    changed = tuple(dataclasses.replace(c, contact="0812-7000-1234") if c.code == "whatsapp" else
                    dataclasses.replace(c, active=False) if c.code == "medsos" else c for c in cfg.channels)
    changed += (complaint_channels.Channel("sms_center", "SMS Center Dinsos", "0811-123-456", ticket=True),)
    settings.save(office, actor=admin, section=complaint_channels.SECTION,
                  value=dataclasses.replace(cfg, channels=changed))
    cfg = complaint_channels.load_settings(office)
    with pytest.raises(ValidationError, match="Kanal pengaduan"):
        complaints.register(office, actor=staff.front_office, channel="medsos", topic="x")
    with pytest.raises(ValidationError, match="tiket"):
        complaints.register(office, actor=staff.front_office, channel="sms_center", topic="x")
    x = complaints.register(office, actor=staff.front_office, channel="sms_center", topic="x", lapor_ticket="S-1")
    assert x.channel_label == "SMS Center Dinsos"
    with office.db.read() as s:
        line = complaint_channels.line_in(s, "pbi-baru")
        jamkesda = complaint_channels.line_in(s, "jamkesda")
    assert "WhatsApp: 0812-7000-1234" in line and "Media sosial" not in line
    # an empty e-mail / web contact is the office profile's own
    assert "Surat elektronik: dinsos@pangkalpinangkota.go.id" in line
    assert "Laman web: dinsos.pangkalpinangkota.go.id" in line
    # the online Jamkesda service is shown only for Jamkesda
    assert "Layanan online Jamkesda" in jamkesda and "Layanan online Jamkesda" not in line
    with pytest.raises(ValidationError, match="dua kali"):
        complaint_channels.ComplaintChannelSettings(channels=changed + changed[:1])
    with pytest.raises(ValidationError, match="aktif"):
        complaint_channels.ComplaintChannelSettings(
            channels=tuple(dataclasses.replace(c, active=False) for c in changed))


def test_complaint_answered_with_a_numbered_letter_in_one_transaction(office, staff, officials):
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="SITI AMINAH")
    x = complaints.register(office, actor=staff.front_office, channel="lapor", lapor_ticket="LAP-2026-77",
                            topic="Rekomendasi belum terbit", complainant_name="BUDI SANTOSO",
                            complainant_contact="081234567890", case_id=c.id, received_at=at(2026, 11, 6, 10))
    x = complaints.follow_up(office, actor=staff.manager, complaint_id=x.id, text="Diperiksa ke back office",
                             at=at(2026, 11, 9))
    with pytest.raises(ValidationError, match="wajib"):
        complaints.answer_with_letter(office, actor=staff.manager, complaint_id=x.id, text="  ")
    x, letter = complaints.answer_with_letter(office, actor=staff.manager, complaint_id=x.id,
                                              text="Surat rekomendasi telah terbit.", at=at(2026, 11, 10))
    assert x.status == "dijawab" and x.letter_number == letter.number and x.letter_id == letter.id
    assert not x.answered_late() and x.sla_text(at(2026, 12, 30)) == "dijawab dalam tenggat"
    assert letter.letter_type == "jawaban_pengaduan" and letter.case_id == c.id
    assert letter.number == "400.9.11/1/Dinsos/XI/2026"
    text = docx_text(letter.docx_path)
    for expected in ("BUDI SANTOSO", "ADU-2026-00001", "SP4N-LAPOR! tiket LAP-2026-77", "Rekomendasi belum terbit",
                     "Surat rekomendasi telah terbit.", "Diperiksa ke back office", c.reg_number,
                     "26 November 2026", "14 hari kerja", "Kepala Bidang Perlindungan dan Jaminan Sosial"):
        assert expected in text, expected
    # the complaints list shows the letter
    assert complaints.list_complaints(office, actor=staff.manager)[0].letter_number == letter.number
    with pytest.raises(ValidationError, match="sudah dijawab dengan surat"):
        complaints.answer_with_letter(office, actor=staff.manager, complaint_id=x.id, text="Lagi")


def test_answer_letter_without_signatory_records_nothing(office, staff):
    x = complaints.register(office, actor=staff.front_office, channel="email", topic="Antrean lama")
    from sqlmodel import delete

    from app.db.models import Official

    with office.db.write() as s:  # an office whose signatories are not filled in yet
        s.exec(delete(Official))
    with pytest.raises(ValidationError, match="Pejabat"):
        complaints.answer_with_letter(office, actor=staff.manager, complaint_id=x.id, text="Maaf")
    x = complaints.get(office, actor=staff.manager, complaint_id=x.id)
    assert x.status == "baru" and x.answer == "" and letters.list_letters(office) == []


def test_sla_of_an_open_complaint(office, staff):
    x = complaints.register(office, actor=staff.front_office, channel="langsung", topic="x",
                            received_at=at(2026, 11, 6, 10))
    assert x.sla_text(at(2026, 11, 20)) == "dalam tenggat"
    assert x.sla_text(at(2026, 11, 27)) == "LEWAT TENGGAT"


def test_receipt_prints_legal_basis_fee_and_complaint_contacts(office, admin, staff):
    from app.rules.rule_settings import RULES_SECTION, RuleSettings

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=dataclasses.replace(
        cfg, legal_basis={"pbi-baru": "Keputusan Kepala Dinas Sosial Nomor 400.9/12/Dinsos/2026"}))
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        received=["ktp"])
    receipt = case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="tanda_terima")
    text = docx_text(receipt.docx_path)
    assert "Keputusan Kepala Dinas Sosial Nomor 400.9/12/Dinsos/2026" in text
    assert "Tidak dipungut biaya" in text
    assert "SP4N-LAPOR!: www.lapor.go.id, SMS 1708" in text and "SIPEPEK" in text
    r = cases.receipt(office, actor=staff.front_office, case_id=c.id)
    assert r.legal_basis.endswith("400.9/12/Dinsos/2026") and "SP4N-LAPOR!: www.lapor.go.id, SMS 1708" in \
        r.complaint_channels
    # another service without an SK: the "Dasar hukum" line is left out, not printed empty
    c2 = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(2), name="B")
    text2 = docx_text(case_letters.issue_document(office, actor=staff.front_office, case_id=c2.id,
                                                  key="tanda_terima").docx_path)
    assert "Dasar hukum" not in text2 and "Layanan" in text2


def test_empty_line_left_out_lampiran_counts_and_tembusan(office, admin, staff, officials):
    """A deactivation without evidence text prints no "Bukti pendukung :" line; the Lampiran counts the
    requirement copies sent; the standard's tembusan (Kepala Bidang, yang bersangkutan, arsip) are printed."""
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(3), name="Andi",
                        no_kk=kk(3), received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)  # to its letter's step
    letter = case_letters.issue_document(office, actor=staff.back_office, case_id=c.id,
                                         key="rekomendasi_penonaktifan")
    text = docx_text(letter.docx_path)
    assert "Bukti pendukung" not in text and "Alasan penonaktifan" in text
    assert "4 (empat) berkas" in text
    for line in ("Tembusan:", "1. Kepala Bidang Perlindungan dan Jaminan Sosial", "2. Yang bersangkutan", "Arsip."):
        assert line in text, line
    rows = [[c.text for c in r.cells] for t in Document(str(letter.docx_path)).tables for r in t.rows]
    assert not any(":" in r and r[-1].strip() == "" for r in rows if len(r) >= 3 and r[-2] == ":")
    # an office edits the tembusan per letter type; an empty list prints none
    cfg = letters.load_settings(office)
    settings.save(office, actor=admin, section=letters.SECTION,
                  value=dataclasses.replace(cfg, tembusan={**cfg.tembusan, "rekomendasi_penonaktifan": [],
                                                           "rujukan_disdukcapil": ["Camat Girimaya"]}))
    c2 = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(4), name="Budi",
                         no_kk=kk(4), received=["kk", "ktp", "kis", "surat_pernyataan"],
                         data={"reason_code": "mampu", "bukti": "Surat keterangan bekerja"})
    c2 = cases.advance(office, actor=staff.front_office, case_id=c2.id, version=c2.version)
    text2 = docx_text(case_letters.issue_document(office, actor=staff.back_office, case_id=c2.id,
                                                  key="rekomendasi_penonaktifan").docx_path)
    assert "Tembusan" not in text2 and "Bukti pendukung" in text2 and "Surat keterangan bekerja" in text2


def test_collective_letter_lampiran_counts_persons(office, admin, officials):
    from app.services import users

    clerk = users.actor_for(users.add_user(office, actor=admin, username="k1", full_name="K", password="rahasia-123",
                                           roles=["supervisor"]))
    info = letters.issue_letter(office, actor=clerk, letter_type="pengantar_penonaktifan",
                                data=examples.example_data("pengantar_penonaktifan"))
    assert "1 (satu) berkas (12 orang)" in docx_text(info.docx_path)


def test_first_run_asks_the_sk_and_stores_it_for_every_service(tmp_path):
    from app.context import open_office
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.services import setup

    office = open_office(tmp_path / "data")
    try:
        data = setup.FirstRun(profile={"government": "PEMERINTAH KOTA BANDUNG", "region_name": "Bandung",
                                       "city": "Bandung"},
                              admin_username="admin", admin_full_name="Admin", admin_password="rahasia-123",
                              legal_basis="SK Kepala Dinas Sosial Kota Bandung Nomor 12 Tahun 2026")
        setup.first_run(office, data)
        cfg = settings.load(office, RULES_SECTION, RuleSettings)
        assert set(cfg.legal_basis) == {"pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"}
        assert set(cfg.legal_basis.values()) == {"SK Kepala Dinas Sosial Kota Bandung Nomor 12 Tahun 2026"}
    finally:
        office.close()
