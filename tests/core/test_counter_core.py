"""The counter screen's rules, without Qt: screen unlock and sign-out (audited, counted towards the lock-out),
WhatsApp messages to applicants, the first-day checklist, words for raw values, file names offered for saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from urllib.parse import unquote

import pytest
from sqlmodel import select

from app import labels
from app.db.models import AuditEntry
from app.errors import AuthError, ValidationError
from app.filenames import offered_file_name
from app.services import case_letters, cases, counter, onboarding, settings, users, whatsapp
from tests.services.helpers import Staff, at, kk, nik

T0 = at(2026, 11, 3, 9)


@pytest.fixture
def staff(office, admin):
    return Staff(office, admin)


def _officials(office, admin) -> None:
    from app.documents import examples
    from app.services import office as office_svc

    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)


def _actions(office, entity_id) -> list[str]:
    with office.db.read() as s:
        return [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.entity_id == str(entity_id))
                                         .order_by(AuditEntry.id)).all()]


# ------------------------------------------------------------------ Kunci layar, Ganti pengguna


def test_unlock_with_own_password_and_failures_count_towards_the_lock_out(office, staff):
    fo = staff.front_office
    users.record_session_event(office, actor=fo, action="screen.lock", reason="idle")
    again = users.unlock(office, actor=fo, password="rahasia-123", now=T0)
    assert again.username == fo.username and again.roles == fo.roles
    for _ in range(users.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthError, match="Kata sandi salah"):
            users.unlock(office, actor=fo, password="salah-sandi", now=T0)
    with pytest.raises(AuthError, match="dikunci 15 menit"):
        users.unlock(office, actor=fo, password="salah-sandi", now=T0)
    with pytest.raises(AuthError, match="terkunci"):  # now even the right password waits, at the login too
        users.unlock(office, actor=fo, password="rahasia-123", now=T0 + timedelta(minutes=1))
    with pytest.raises(AuthError, match="terkunci"):
        users.login(office, username=fo.username, password="rahasia-123", now=T0 + timedelta(minutes=1))
    assert users.unlock(office, actor=fo, password="rahasia-123", now=T0 + timedelta(minutes=16)).id == fo.id
    users.record_session_event(office, actor=fo, action="logout")
    actions = _actions(office, fo.id)
    assert actions[-9:] == ["screen.lock", "screen.unlock"] + ["login.failed"] * 4 + ["login.lock", "screen.unlock",
                                                                                      "logout"]
    with pytest.raises(ValidationError):
        users.record_session_event(office, actor=fo, action="screen.unknown")


def test_unlock_refused_for_a_disabled_account(office, admin, staff):
    fo = staff.front_office
    users.set_active(office, actor=admin, username=fo.username, active=False)
    with pytest.raises(AuthError, match="dinonaktifkan"):
        users.unlock(office, actor=fo, password="rahasia-123")


def test_idle_minutes_setting_is_checked(office, admin):
    cfg = counter.load_settings(office)
    assert cfg.idle_lock_minutes == 10
    settings.save(office, actor=admin, section=counter.SECTION, value=replace(cfg, idle_lock_minutes=3))
    assert counter.load_settings(office).idle_lock_minutes == 3
    with pytest.raises(ValidationError, match="1–120 menit"):
        replace(cfg, idle_lock_minutes=0)


# ------------------------------------------------------------------ WhatsApp


@pytest.mark.parametrize(("raw", "want"), [("0812-3456-7890", "6281234567890"), ("+62 812 3456 7890", "6281234567890"),
                                           ("62812345678", "62812345678"), ("(0812) 3456.7890", "6281234567890"),
                                           ("81234567890", "6281234567890")])
def test_phone_numbers_are_normalised_to_62(raw, want):
    assert whatsapp.normalise_phone(raw) == want


@pytest.mark.parametrize(("raw", "message"), [("", "belum dicatat"), ("0717 421234", "bukan nomor HP"),
                                              ("0812 34", "tidak sah"), ("0812-ABC", "hanya angka"),
                                              ("+1 415 555 0100", "bukan nomor Indonesia")])
def test_bad_phone_numbers_say_why(raw, message):
    with pytest.raises(ValidationError, match=message):
        whatsapp.normalise_phone(raw)


def test_templates_are_checked_when_saved(office, admin):
    cfg = counter.load_settings(office)
    with pytest.raises(ValidationError, match=r"tidak dikenal: \{nik\}"):
        replace(cfg, wa_receipt_template="Halo {nama}, NIK {nik}")
    with pytest.raises(ValidationError, match="tidak berpasangan"):
        replace(cfg, wa_ready_template="Halo {nama")
    with pytest.raises(ValidationError, match="kosong"):
        replace(cfg, wa_ready_template="  ")
    with pytest.raises(ValidationError, match=r"\{surat\}"):  # the ready text's placeholder is not a receipt's
        replace(cfg, wa_receipt_template="{surat}")
    text = whatsapp.render(cfg.wa_ready_template, "ready", whatsapp.example_values("ready"))
    assert "Surat Rekomendasi PBI JK" in text and "{" not in text


def test_receipt_message_names_what_is_missing_and_opens_wa_me(office, staff):
    fo = staff.front_office
    c = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name="Siti Aminah", no_kk=kk(1),
                        person={"phone": "0812-7788-1290"}, received=["ktp", "kk"], now=T0)
    m = whatsapp.message_for_case(office, actor=fo, case_id=c.id, kind="receipt")
    assert m.phone == "6281277881290"
    assert c.reg_number in m.text and "Siti Aminah" in m.text and "3 November 2026" in m.text
    assert "masih kurang: SKTM dari kelurahan, diketahui camat" in m.text
    assert "Dinas Sosial Kota Pangkalpinang" in m.text and "(0717) 421234" in m.text
    assert m.url.startswith("https://wa.me/6281277881290?text=") and unquote(m.url.split("text=")[1]) == m.text
    other = whatsapp.message_for_case(office, actor=fo, case_id=c.id, kind="receipt", phone="+62 813 1111 2222")
    assert other.phone == "6281311112222"
    with pytest.raises(ValidationError, match="bukan nomor HP"):
        whatsapp.message_for_case(office, actor=fo, case_id=c.id, kind="receipt", phone="0717 421234")
    whatsapp.record_sent(office, actor=fo, message=m)
    with office.db.read() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "case.whatsapp")).one()
    assert entry.new_values["phone"] == "62812****1290" and "text" not in entry.new_values


def test_ready_message_needs_an_issued_letter(office, admin, staff):
    _officials(office, admin)
    fo, bo = staff.front_office, staff.back_office
    c = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(2), name="Budi", no_kk=kk(2),
                        person={"phone": "081234567890"}, received=["kk", "ktp", "kis", "surat_pernyataan"],
                        data={"reason_code": "mampu"}, now=T0)
    with pytest.raises(ValidationError, match="belum memiliki surat"):
        whatsapp.message_for_case(office, actor=fo, case_id=c.id, kind="ready")
    c = cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=T0)
    letter = case_letters.issue_document(office, actor=bo, case_id=c.id, key="rekomendasi_penonaktifan")
    m = whatsapp.message_for_case(office, actor=fo, case_id=c.id, kind="ready")
    assert letter.title in m.text and c.reg_number in m.text and "dapat diambil" in m.text
    without_phone = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(3), name="Tanpa HP", now=T0)
    with pytest.raises(ValidationError, match="belum dicatat"):
        whatsapp.message_for_case(office, actor=fo, case_id=without_phone.id, kind="receipt")


# ------------------------------------------------------------------ first-day checklist


def test_first_day_checklist_ticks_from_the_data(office, admin, tmp_path):
    from app.services import backup, dtsen
    from app.services.outbox import SECTION, DeliverySettings
    from tests.conftest import SAMPLES

    first = {line.key: line for line in onboarding.checklist(office, actor=admin)}
    assert list(first) == ["office", "signatories", "users", "dtsen", "delivery", "backups"]
    assert not first["users"].done and "administrator" in first["users"].detail
    assert not first["dtsen"].done and not first["delivery"].done and not first["backups"].done
    assert not first["office"].done and "lambang" in first["office"].detail  # the test office has no emblem
    assert first["office"].page == "settings:office" and first["dtsen"].page == "import"
    assert not first["signatories"].done and "Kepala Dinas" in first["signatories"].detail
    _officials(office, admin)
    users.add_user(office, actor=admin, username="fo", full_name="Petugas Loket", password="rahasia-123",
                   roles=["front_office"])
    if (SAMPLES / "dtsen_contoh.csv").exists():
        dtsen.import_file(office, actor=admin, path=SAMPLES / "dtsen_contoh.csv")
    else:
        from tests.services.helpers import add_dtsen

        add_dtsen(office, nik(9))
    settings.save(office, actor=admin, section=SECTION, value=DeliverySettings(folder=str(tmp_path / "kirim")))
    usb = tmp_path / "usb"
    settings.save(office, actor=admin, section="backup", value=backup.BackupSettings(folder=str(usb)))
    half = {line.key: line for line in onboarding.checklist(office, actor=admin)}
    assert half["users"].done and half["dtsen"].done and half["delivery"].done and half["signatories"].done
    assert not half["backups"].done and "Belum ada cadangan" in half["backups"].detail
    backup.make_backup(office, actor=admin)
    assert {line.key: line.done for line in onboarding.checklist(office, actor=admin)}["backups"]


# ------------------------------------------------------------------ words and file names


def test_raw_values_become_words_and_indonesian_dates():
    assert labels.value_text("bpjs_status", "nonaktif") == "Nonaktif"
    assert labels.value_text("deactivated_on", "2026-09-15") == "15 September 2026"
    assert labels.value_text("x", "2026-11-03T02:30:00+00:00", tz="WIB") == "3 Nov 2026 09.30"
    assert labels.value_text("x", "2026-11-03T02:30:00+00:00", tz="WIT") == "3 Nov 2026 11.30"
    assert labels.value_text("survey", True) == "ya" and labels.value_text("score", 7.0) == "7"
    assert labels.status_with_outcome("Selesai", "selesai") == "Selesai"
    assert labels.status_with_outcome("Ditolak", "tidak_memenuhi_kriteria", "bukan warga") == \
        "Ditolak — tidak memenuhi kriteria: bukan warga"
    assert labels.outcome_text("kode_baru") == "Kode baru"
    assert labels.date_text(date(2026, 8, 17)) == "17 Agustus 2026"
    assert labels.date_text(date(2026, 8, 17), short=True) == "17 Agu 2026"
    assert labels.moment_text(datetime(2026, 5, 1, 1, 0, tzinfo=UTC), "WITA", with_zone=True) == "1 Mei 2026 09.00 WITA"


@pytest.mark.parametrize(("text", "want"), [
    ("Surat TT/294/Dinsos/2026", "Surat TT-294-Dinsos-2026.pdf"),
    ("400.9.11/123/Dinsos/XI/2026", "400.9.11-123-Dinsos-XI-2026.pdf"),
    ("Hal: Rekomendasi\\PBI", "Hal - Rekomendasi-PBI.pdf"),
    ("CON", "CON_.pdf"), ("  ...  ", "dokumen.pdf"), ("Surat A.pdf", "Surat A.pdf"),
])
def test_offered_file_names_have_no_slashes(text, want):
    name = offered_file_name(text, ".pdf")
    assert name == want and not any(c in name for c in '/\\:*?"<>|')
    assert len(offered_file_name("x" * 500, ".pdf")) == 120


def test_each_ranking_row_says_which_key_put_it_below():
    from app.rules.scoring import Candidate
    from app.services.case_queries import _decided_by

    t = datetime(2026, 3, 2, 2, tzinfo=UTC)
    top = Candidate("A", 8, 2, 3, t)
    assert _decided_by(None, top) == "skor tertinggi"
    assert _decided_by(top, Candidate("B", 7, 1, 9, t)) == "skor lebih rendah (7 < 8)"
    assert _decided_by(top, Candidate("B", 8, 3, 9, t)) == "skor sama; desil lebih tinggi (3 > 2)"
    assert _decided_by(top, Candidate("B", 8, None, 9, t)) == "skor sama; tanpa desil"
    assert "tanggungan lebih sedikit (1 < 3)" in _decided_by(top, Candidate("B", 8, 2, 1, t))
    assert "diterima lebih kemudian" in _decided_by(top, Candidate("B", 8, 2, 3, t + timedelta(days=1)))
