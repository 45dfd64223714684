"""SOP reaktivasi-sk (Kab. Bulukumba): status BPJS → lapor → cek DTSEN → formulir → surat → paraf
penyuluh sosial → Kabid → Sekretaris → tanda tangan Kepala Dinas → penyerahan (rekap bulanan)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.documents.render import docx_text
from app.errors import PermissionDenied, ValidationError
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import case_letters, cases, letters, settings
from tests.services.helpers import add_dtsen, at, kk, nik

pytestmark = pytest.mark.clock

BASE = ["kartu_jkn", "kk", "identitas", "status_bpjs"]


def _open(office, staff, received, now=None):
    return cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1),
                           name="Peserta Nonaktif", no_kk=kk(1), received=received, now=now or at(2026, 11, 3, 9))


def test_full_sop_with_faskes_letter_and_paraf_chain_in_order(office, staff):
    add_dtsen(office, nik(1), desil=4)
    c = _open(office, staff, BASE + ["surat_faskes"])  # faskes letter accepted, SKTM optional (2026)
    assert c.complete
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-07-01"})
    assert c.current_step == "lapor_dinas"
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 20))
    assert c.current_step == "formulir"
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.current_step == "konsep_surat"
    # "Pembuatan surat keterangan" cannot be completed with no letter, and no number is taken here
    with pytest.raises(ValidationError, match="konsep Surat Keterangan Permohonan Reaktivasi PBI JK belum dibuat"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="hanya dibuat sebagai konsep|belum dibuat"):
        case_letters.issue_document(office, actor=staff.back_office, case_id=c.id, key="keterangan_reaktivasi")
    konsep = case_letters.make_konsep(office, actor=staff.back_office, case_id=c.id, key="keterangan_reaktivasi")
    assert "KONSEP" in docx_text(konsep) and letters.list_letters(office, case_id=c.id) == []
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.current_step == "paraf" and c.paraf_next == "penyuluh_sosial"
    # the paraf steps see the KONSEP; nobody issues the letter before the signature
    assert case_letters.konsep_path(office, actor=staff.penyuluh_sosial, case_id=c.id,
                                    key="keterangan_reaktivasi") == konsep
    with pytest.raises(ValidationError, match="hanya diterbitkan pada langkah 'Penandatanganan"):
        case_letters.issue_document(office, actor=staff.kepala_dinas, case_id=c.id, key="keterangan_reaktivasi")
    # Out of order: Sekretaris before the penyuluh sosial and the Kabid
    with pytest.raises(ValidationError, match="berurutan"):
        cases.paraf(office, actor=staff.sekretaris, case_id=c.id, version=c.version)
    with pytest.raises(PermissionDenied):
        cases.paraf(office, actor=staff.front_office, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="paraf"):
        cases.advance(office, actor=staff.penyuluh_sosial, case_id=c.id, version=c.version)
    c = cases.paraf(office, actor=staff.penyuluh_sosial, case_id=c.id, version=c.version)
    assert c.paraf_done == ("penyuluh_sosial",) and c.paraf_next == "kabid_linjamsos"
    with pytest.raises(ValidationError, match="berurutan"):
        cases.paraf(office, actor=staff.sekretaris, case_id=c.id, version=c.version)
    c = cases.paraf(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version)
    c = cases.paraf(office, actor=staff.sekretaris, case_id=c.id, version=c.version)
    assert c.current_step == "tanda_tangan"
    with pytest.raises(PermissionDenied):  # a front-office user never signs for the Kepala Dinas
        case_letters.issue_document(office, actor=staff.front_office, case_id=c.id, key="keterangan_reaktivasi")
    with pytest.raises(ValidationError, match="belum diterbitkan"):
        cases.advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version)
    letter = case_letters.issue_document(office, actor=staff.kepala_dinas, case_id=c.id, key="keterangan_reaktivasi")
    assert "KONSEP" not in docx_text(letter.docx_path) and letter.number in docx_text(letter.docx_path)
    c = cases.get_case(office, actor=staff.kepala_dinas, case_id=c.id)
    c = cases.advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version)
    assert c.current_step == "penyerahan" and c.batch_ready_at is not None
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    assert c.status == "selesai"
    actions = [(e.step, e.action) for e in cases.step_log(office, actor=staff.front_office, case_id=c.id)]
    assert actions.count(("paraf", "paraf")) == 3


def test_sktm_required_when_faskes_letter_not_accepted(office, admin, staff):
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION,
                  value=replace(cfg, faskes_letter_accepted=False, sktm_optional=False))
    c = _open(office, staff, BASE)
    assert c.missing == ("SKTM dari kelurahan/desa",)
    assert "surat_faskes" not in [i.code for i in c.checklist]


def test_either_faskes_letter_or_sktm_is_needed(office, staff):
    c = _open(office, staff, BASE)
    assert c.missing == ("Surat keterangan dari fasilitas kesehatan (bukti utama) atau SKTM dari kelurahan/desa",)
    c = cases.set_checklist(office, actor=staff.front_office, case_id=c.id, version=c.version, code="sktm",
                            received=True)
    assert c.complete


def test_already_active_automatically(office, staff):
    c = _open(office, staff, BASE + ["surat_faskes"])
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"bpjs_status": "aktif"})
    assert c.status == "selesai" and c.outcome == "sudah_aktif_otomatis"


@pytest.mark.parametrize(("deactivated", "today", "ok"), [
    ("2026-05-03", (2026, 11, 2), True),   # 5 months 30 days
    ("2026-05-03", (2026, 11, 3), False),  # exactly 6 months: no longer "less than 6 months"
])
def test_reactivation_limit_is_checked_before_the_letter(office, staff, deactivated, today, ok):
    add_dtsen(office, nik(1))
    now = at(*today, 9)
    c = _open(office, staff, BASE + ["surat_faskes"], now=now)
    for actor, data in ((staff.front_office, {"bpjs_status": "nonaktif", "deactivated_on": deactivated}),
                        (staff.front_office, None)):
        c = cases.advance(office, actor=actor, case_id=c.id, version=c.version, data=data, now=now)
    if ok:
        c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)
        assert c.current_step == "formulir"
    else:
        with pytest.raises(ValidationError, match="melewati batas reaktivasi 6 bulan"):
            cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=now)


def test_not_in_dtsen_cannot_get_the_letter(office, staff):
    c = _open(office, staff, BASE + ["surat_faskes"])
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-10-01"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="tidak terdaftar di DTSEN"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    c = cases.reject(office, actor=staff.back_office, case_id=c.id, version=c.version,
                     reason="Tidak terdaftar di DTSEN; diarahkan mendaftar", outcome="tidak_memenuhi_kriteria")
    assert c.status == "ditolak"


def test_return_for_revision_to_a_named_earlier_step_resets_the_paraf(office, staff):
    add_dtsen(office, nik(1))
    c = _open(office, staff, BASE + ["surat_faskes"])
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-10-01"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    for _ in range(2):
        c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    konsep = case_letters.make_konsep(office, actor=staff.back_office, case_id=c.id, key="keterangan_reaktivasi")
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    c = cases.paraf(office, actor=staff.penyuluh_sosial, case_id=c.id, version=c.version)
    with pytest.raises(ValidationError, match="alasan"):
        cases.return_for_revision(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version,
                                  to_step="konsep_surat", reason=" ")
    with pytest.raises(ValidationError, match="sudah dilalui"):
        cases.return_for_revision(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version,
                                  to_step="tanda_tangan", reason="x")
    c = cases.return_for_revision(office, actor=staff.kabid_linjamsos, case_id=c.id, version=c.version,
                                  to_step="konsep_surat", reason="Nama ibu kandung salah ketik")
    assert c.current_step == "konsep_surat" and c.status == "proses" and c.is_open
    # the return discarded the draft and spent no number; the step must draft again
    assert not konsep.exists() and letters.list_letters(office, case_id=c.id) == []
    with pytest.raises(ValidationError, match="belum dibuat"):
        cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    case_letters.make_konsep(office, actor=staff.back_office, case_id=c.id, key="keterangan_reaktivasi")
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    assert c.data["path"] == ["cek_status_bpjs", "lapor_dinas", "cek_dtsen", "formulir"]
    with pytest.raises(ValidationError, match="sudah dilalui"):  # paraf lies ahead again, not behind
        cases.return_for_revision(office, actor=staff.back_office, case_id=c.id, version=c.version,
                                  to_step="paraf", reason="x")
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.paraf_done == () and c.paraf_next == "penyuluh_sosial"
    log = cases.step_log(office, actor=staff.front_office, case_id=c.id)
    assert any(e.action == "return" and e.reason == "Nama ibu kandung salah ketik" for e in log)


def _to_signature(office, staff, i):
    add_dtsen(office, nik(i))
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(i),
                        name=f"Peserta {i}", no_kk=kk(i), received=BASE + ["surat_faskes"], now=at(2026, 11, 3, 9))
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-10-01"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    for _ in range(2):
        c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    case_letters.make_konsep(office, actor=staff.back_office, case_id=c.id, key="keterangan_reaktivasi")
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    for who in (staff.penyuluh_sosial, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=who, case_id=c.id, version=c.version)
    assert c.current_step == "tanda_tangan"
    return c


def test_the_office_chooses_who_signs_the_surat_keterangan(office, admin, staff):
    """Seed "Layanan Surat Keterangan Reaktivasi": the Kabid Linjamsos or the Kepala Dinas signs; by default
    either may, the office can narrow it to one."""
    c = _to_signature(office, staff, 1)
    letter = case_letters.issue_document(office, actor=staff.kabid_linjamsos, case_id=c.id,
                                         key="keterangan_reaktivasi")
    kabid = _signer_of(office, letter.id)
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION,
                  value=replace(cfg, step_roles={"reaktivasi-sk.tanda_tangan": ["kepala_dinas"]}))
    c2 = _to_signature(office, staff, 2)
    with pytest.raises(PermissionDenied):
        case_letters.issue_document(office, actor=staff.kabid_linjamsos, case_id=c2.id, key="keterangan_reaktivasi")
    other = case_letters.issue_document(office, actor=staff.kepala_dinas, case_id=c2.id, key="keterangan_reaktivasi")
    kadis = _signer_of(office, other.id)
    assert kabid["nama"] and kadis["nama"] and kabid["nama"] != kadis["nama"]  # each signed in their own name
    assert "Kepala Dinas" in kadis["jabatan"] and "Kepala Dinas" not in kabid["jabatan"]


def _signer_of(office, letter_id):
    from app.db.models import Letter

    with office.db.read() as s:
        return s.get(Letter, letter_id).data["ttd"]
