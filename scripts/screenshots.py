"""Take screenshots of every screen with realistic data into docs/screenshots/ (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py          # all of them
    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py 09 40    # only the shots whose number is given
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SAMPLES = ROOT.parent / "shared" / "samples"

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app: QApplication, runner=None, ms: int = 300) -> None:
    if runner is not None:
        runner.wait(20_000)
    for _ in range(5):
        loop = QEventLoop()
        QTimer.singleShot(ms // 5, loop.quit)
        loop.exec()
        app.processEvents()


ONLY = tuple(sys.argv[1:])  # number prefixes of the shots to write; empty: all


def shot(widget, name: str) -> None:
    if ONLY and not name.startswith(ONLY):
        return
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui import i18n

    i18n.install("id")  # as the app starts: Qt's own buttons (Batal, Simpan, Ya…) in Indonesian too
    from app.context import open_office
    from app.services import dtsen, setup, users
    from ui.dialogs.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner
    from ui.wizards.first_run import FirstRunWizard

    data = Path(tempfile.mkdtemp(prefix="loket-shots-"))
    office = open_office(data)
    runner = TaskRunner()

    wizard = FirstRunWizard(office, runner)
    p = wizard.profile_page
    p.region_name.setText("Pangkalpinang")
    p._suggest("Pangkalpinang")
    p.address.setText("Jl. Rasakunda No. 1, Kel. Rawa Bangun")
    p.postal_code.setText("33121")
    p.phone.setText("(0717) 421234")
    p.email.setText("dinsos@pangkalpinangkota.go.id")
    p.website.setText("dinsos.pangkalpinangkota.go.id")
    from app.documents.examples import emblem_png

    emblem = data / "lambang-contoh.png"
    emblem.write_bytes(emblem_png(240))
    p.set_emblem(emblem)  # the letterhead carries the regional emblem, as every real office sets it
    wizard.show()
    settle(app)
    shot(wizard, "01-penyiapan-profil-kantor")
    wizard.next()
    a = wizard.admin_page
    a.username.setText("admin")
    a.full_name.setText("Rina Marlina, S.Kom.")
    a.password.setText("rahasia-123")
    a.confirm.setText("rahasia-123")
    settle(app)
    shot(wizard, "02-penyiapan-administrator")
    wizard.next()
    o = wizard.officials_page
    o.head_name.setText("Drs. H. Ahmad Fauzi, M.Si.")
    o.head_nip.setText("197201031995031001")
    o.head_rank.setText("Pembina Utama Muda (IV/c)")
    settle(app)
    shot(wizard, "03-penyiapan-pejabat")
    setup.first_run(office, wizard.data())
    wizard.hide()

    login = LoginDialog()
    login.set_ready("Dinas Sosial Kota Pangkalpinang")
    login.username.setText("admin")
    login.show()
    settle(app)
    shot(login, "04-masuk")
    login.hide()

    actor = users.login(office, username="admin", password="rahasia-123")
    dtsen.import_file(office, actor=actor, path=SAMPLES / "dtsen_contoh.csv")
    win = MainWindow(UiSession(office, actor, runner), "Dinas Sosial Kota Pangkalpinang")
    win.resize(1366, 768)
    win.show()
    settle(app, runner)
    settle(app, runner)
    shot(win, "59-persiapan-hari-pertama")  # the administrator's first-day checklist on the empty main window
    win.show_page("lookup")
    win.lookup.nik.setText("1971015208810001")
    win.lookup._lookup()
    settle(app, runner)
    shot(win, "05-cek-nik-terdaftar")
    win.lookup.nik.setText("1971015208810009")
    win.lookup._lookup()
    settle(app, runner)
    shot(win, "06-cek-nik-tidak-terdaftar")
    win.lookup.nik.setText("3.27E+15")
    settle(app, runner)
    shot(win, "07-cek-nik-rusak-lembar-kerja")
    win.show_page("import")
    win.importer.start(SAMPLES / "dtsen_contoh.csv")
    settle(app, runner)
    shot(win, "08-impor-dtsen-selesai")
    win.show_page("settings")
    tabs = win.settings_view.tabs
    for index, name in ((0, "27-pengaturan-profil-kantor"), (2, "28-pengaturan-aturan-layanan"),
                        (tabs.count() - 1, "29-pengaturan-pengguna"),
                        (tabs.indexOf(win.settings_view.counter), "60-pengaturan-loket-dan-pesan")):
        tabs.setCurrentIndex(index)
        settle(app, runner)
        shot(win, name)
    win.close()
    runner.wait(10_000)
    counter_screens(app, office, actor)
    office.close()


def _make_staff(office, admin):
    from app.services import users

    people = {"front_office": "Yulia Safitri", "back_office": "Andi Pratama, S.Sos.", "verifier": "Hendra Gunawan",
              "kasi_linjamsos": "Rina Marlina, S.Sos.", "kabid_linjamsos": "Rudi Hartono, S.Sos., M.AP.",
              "sekretaris": "Hj. Nurhayati, S.E., M.M.", "kepala_dinas": "Drs. H. Ahmad Fauzi, M.Si.",
              "supervisor": "Dewi Lestari, S.E."}
    out = {}
    for role, name in people.items():
        info = users.add_user(office, actor=admin, username=role.replace("_", ""), full_name=name,
                              password="rahasia-123", roles=[role])
        out[role] = users.actor_for(info)
    return out


def _cases(office, st):
    """A realistic morning: today's walk-ins, an overdue file, one in the paraf chain, and older cases."""
    from datetime import timedelta

    from app.services import cases
    from app.timeutil import utcnow
    from tests.services.helpers import advance

    fo, bo = st["front_office"], st["back_office"]
    now = utcnow()
    names = [
        "Siti Aminah", "Budi Santoso", "Rahmawati", "Hendra Wijaya", "Nurlaila", "Ahmad Fauzan",
        "Sri Wahyuni", "Yusuf Hamdani", "Dewi Anggraini", "Muhammad Ridwan", "Fitriani", "Agus Setiawan",
        "Lina Marlina", "Bambang Irawan", "Kartini", "Joko Susilo", "Maria Ulfa", "Rudi Hermawan",
        "Wati Sulastri", "Taufik Hidayat",
    ]
    services = ["pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"]
    for i, name in enumerate(names, 1):
        female = i % 2 == 1
        day = 1 + (i * 3) % 27
        nik = f"197101{day + 40 if female else day:02d}{1 + i % 12:02d}{60 + i % 35:02d}{i:04d}"
        code = services[i % len(services)]
        data = {"reason_code": "pindah_domisili"} if code == "penonaktifan" else {}
        from app.servicedefs import get

        # a third brought everything (the front office checks them), the others still owe documents
        received = [r.code for r in get(office, code).requirements] if i % 3 == 0 else ()
        cases.open_case(office, actor=fo, service_code=code, nik=nik, name=name, received=received,
                        data=data, counter="Loket 2" if i % 3 else "Loket 1", now=now - timedelta(days=3 + i * 2))
    late = cases.open_case(office, actor=fo, service_code="penonaktifan", nik="3209172006580002", name="Warsidi",
                           no_kk="3209171212120007", received=["kk", "ktp", "kis", "surat_pernyataan"],
                           data={"reason_code": "meninggal", "bukti": "Surat Keterangan Kematian dari Desa Sumber"},
                           now=now - timedelta(days=3, hours=2))
    late = advance(office, actor=fo, case_id=late.id, version=late.version, now=now - timedelta(days=3, hours=1))
    chain = cases.open_case(office, actor=fo, service_code="penonaktifan", nik="7302010707620004",
                            name="Andi Makkasau", no_kk="7302010303030003", family_relation="Kepala Keluarga",
                            person={"birth_place": "Bulukumba", "birth_date": "1962-07-07", "sex": "L",
                                    "address": "Jl. Depati Amir No. 12", "rt": "004", "rw": "002",
                                    "kelurahan": "Bukit Intan", "kecamatan": "Bukit Intan",
                                    "card_number": "0002345678901", "phone": "0812-7188-3301"},
                            received=["kk", "ktp", "kis", "surat_pernyataan"],
                            data={"reason_code": "mampu", "bukti": "Surat keterangan bekerja (PPU) dari PT Timah"},
                            now=now - timedelta(hours=5))
    t = now - timedelta(hours=5)
    chain = advance(office, actor=fo, case_id=chain.id, version=chain.version, now=t + timedelta(minutes=8))
    chain = advance(office, actor=bo, case_id=chain.id, version=chain.version, now=t + timedelta(minutes=52),
                          reason="Surat rekomendasi dicetak")
    chain = advance(office, actor=bo, case_id=chain.id, version=chain.version, now=t + timedelta(minutes=58))
    chain = cases.paraf(office, actor=st["kasi_linjamsos"], case_id=chain.id, version=chain.version,
                        now=t + timedelta(hours=2))
    today = [("pbi-baru", "1971015208810001", "Nurhayati", "1971011507090002", ["ktp", "kk", "sktm"], True),
             ("jamkesda", "6172024303670001", "Tjhin Siu Lan", "6172021010100004",
              ["kk_ktp_suami_istri", "sktm"], False),
             ("reaktivasi-rekom", "3273115111730003", "Euis Komalasari", "3273112020200006",
              ["kk", "ktp", "kis", "sk_dtsen"], False),
             ("reaktivasi-sk", "1971014101100002", "Aulia Putri", "1971011507090002", ["kartu_jkn", "kk"], False)]
    opened = []
    for k, (code, nik, name, kk, received, urgent) in enumerate(today):
        c = cases.open_case(office, actor=fo, service_code=code, nik=nik, name=name, no_kk=kk, received=received,
                            urgent=urgent, data={"keterangan_darurat": "rawat inap di RSUD Depati Hamzah"} if urgent
                            else {}, now=now - timedelta(minutes=90 - k * 20))
        opened.append(c)
    chain = cases.get_case(office, actor=bo, case_id=chain.id)
    rekom = opened[2]
    rekom = advance(office, actor=fo, case_id=rekom.id, version=rekom.version, now=now - timedelta(minutes=30))
    return late, chain, rekom


def lock_screens(app, win, runner) -> None:
    """52: Kunci layar (Ctrl+L or idle minutes) — no personal data; 53: the question before Ganti pengguna with
    the standard buttons in Indonesian; 54: the login after Ganti pengguna."""
    from PySide6.QtWidgets import QMessageBox

    from ui.dialogs.login import LoginDialog

    win.lock("idle")
    settle(app, runner)
    shot(win, "52-kunci-layar")
    win.lock_screen.password.setText("rahasia-123")
    win.lock_screen.unlock_button.click()
    settle(app, runner, 600)
    box = QMessageBox(QMessageBox.Icon.Question, "Ganti pengguna",
                      "Isian berkas baru belum disimpan. Simpan sebagai draf Anda sebelum berganti pengguna?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, win)
    box.show()
    settle(app)
    shot(box, "53-ganti-pengguna-tombol-indonesia")
    box.close()
    login = LoginDialog()
    login.set_ready("Dinas Sosial Kota Pangkalpinang")
    login.status.setText("Silakan masuk dengan akun Anda.")
    login.show()
    settle(app)
    shot(login, "54-masuk-setelah-ganti-pengguna")
    login.close()


def english_queue(app, session, runner) -> None:
    """40: the same queue with the English interface (``--language en``, ``LOKET_PBI_LANGUAGE=en`` or
    Berkas → Bahasa antarmuka)."""
    from ui import i18n
    from ui.main_window import MainWindow

    i18n.install("en")
    try:
        win = MainWindow(session, "Dinas Sosial Kota Pangkalpinang")
        win.resize(1366, 768)
        win.show()
        settle(app, runner, 600)
        settle(app, runner)
        shot(win, "40-english-queue")
        win.close()
        runner.wait(10_000)
    finally:
        i18n.install("id")


def english_wizard(app, session, runner) -> None:
    """44: the new-case wizard's person page with the English interface (same applicant as shot 11)."""
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.servicedefs import get as get_definition
    from app.services import settings
    from ui import i18n
    from ui.wizards.service_wizard import ServiceWizard

    i18n.install("en")
    try:
        cfg = settings.load(session.office, RULES_SECTION, RuleSettings)
        wiz = ServiceWizard(session, get_definition(session.office, "pbi-baru"), cfg, pdf=False)
        wiz.show()
        wiz.person_page.nik.setText("1971011102790003")
        settle(app, runner)
        wiz.person_page.phone.setText("081273456120")
        settle(app, runner)
        shot(wiz, "44-english-wizard")
        wiz.close()
        runner.wait(10_000)
    finally:
        i18n.install("id")


def _scans() -> dict[str, Path]:
    """Scans an applicant brings on a USB stick: a KTP and a KK image, a photo, and a file that is no scan."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    folder = Path(tempfile.mkdtemp(prefix="usb-"))
    out = {}
    for key, name, text in (("ktp", "KTP Budi Santoso.png", "KTP"), ("kk", "Kartu Keluarga 1971.png", "KK"),
                            ("rumah", "foto rumah.png", "FOTO")):
        img = QImage(640, 400, QImage.Format.Format_RGB32)
        img.fill(QColor("#f4f1e8"))
        painter = QPainter(img)
        painter.setPen(QColor("#333"))
        painter.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        path = folder / name
        img.save(str(path))
        out[key] = path
    out["palsu"] = folder / "SKTM.pdf"
    out["palsu"].write_bytes(b"Ini bukan PDF, hanya teks yang diberi nama .pdf")
    out["sktm"] = folder / "SKTM kelurahan.pdf"
    out["sktm"].write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return out


def _drafts(office, st, scans) -> None:
    """Two wizards saved half-way by the counter officer, one of them with a scan."""
    from app.services import drafts
    from app.services.attachments import FileToAttach

    fo = st["front_office"]
    drafts.save_draft(office, actor=fo, service_code="pbi-baru", nik="1971016503880002", name="Rahmawati",
                      state={"person": {"nik": "1971016503880002", "name": "Rahmawati", "address": "Jl. Mentok 12"},
                             "checklist": {"received": ["ktp"]}, "service": {}},
                      files=[FileToAttach(scans["sktm"], "sktm")])
    drafts.save_draft(office, actor=fo, service_code="reaktivasi-sk", nik="1971012207690001", name="Hasan Basri",
                      state={"person": {"nik": "1971012207690001", "name": "Hasan Basri"},
                             "checklist": {"received": []}, "service": {"bpjs_status": "nonaktif"}})


def counter_screens(app, office, admin) -> None:
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.servicedefs import get as get_definition
    from app.services import settings
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner
    from ui.views.case_detail import CaseDetailDialog
    from ui.wizards.service_wizard import ServiceWizard

    st = _make_staff(office, admin)
    late, chain, rekom = _cases(office, st)
    runner = TaskRunner()
    session = UiSession(office, st["front_office"], runner)
    win = MainWindow(session, "Dinas Sosial Kota Pangkalpinang")
    win.resize(1366, 768)
    win.show()
    settle(app, runner, 600)
    settle(app, runner)
    shot(win, "09-antrean-hari-ini")
    shot(win, "50-antrean-darurat-dahulu")  # what this officer can act on now: DARURAT first, then due time
    win.queue.view_buttons["others"].click()
    settle(app, runner, 600)
    shot(win, "51-antrean-menunggu-petugas-lain")
    win.queue.view_buttons["mine"].click()
    settle(app, runner, 600)
    lock_screens(app, win, runner)
    win.queue.search.setText("nurhayati")
    win.queue.run_search()
    settle(app, runner)
    shot(win, "10-cari-berkas")
    win.queue.show_queue()
    settle(app, runner)
    english_queue(app, session, runner)
    english_wizard(app, session, runner)

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    wiz = ServiceWizard(session, get_definition(office, "pbi-baru"), cfg, pdf=False)
    wiz.show()
    p = wiz.person_page
    p.nik.setText("1971011102790003")
    settle(app, runner)
    p.phone.setText("081273456120")
    settle(app, runner)
    shot(wiz, "11-layanan-baru-data-pemohon")
    wiz.next()
    for code in ("ktp", "kk"):
        wiz.checklist_page.boxes[code].setChecked(True)
    settle(app)
    shot(wiz, "12-layanan-baru-persyaratan")
    scans = _scans()
    wiz.checklist_page.attach_paths([scans["ktp"]], "ktp")
    wiz.checklist_page.attach_paths([scans["kk"]], "kk")
    wiz.checklist_page.attach_paths([scans["rumah"]], "")
    wiz.checklist_page.attach_paths([scans["palsu"]], "sktm")  # refused: shows the core's message
    settle(app)
    shot(wiz, "42-layanan-baru-lampiran-pindaian")
    wiz.next()
    wiz.service_page.is_urgent.setChecked(True)
    wiz.service_page.note.setText("Persalinan, dirawat di RSUD Depati Hamzah sejak kemarin")
    wiz.next()
    settle(app)
    shot(wiz, "13-layanan-baru-ringkasan")
    wiz.summary_page.validatePage()
    settle(app, runner, 600)
    shot(wiz, "14-layanan-baru-tanda-terima")
    saved_case = wiz.result.case.id if wiz.result else None
    wiz.close()

    jam = ServiceWizard(session, get_definition(office, "jamkesda"), cfg, pdf=False)
    jam.show()
    jam.person_page.nik.setText("1971012506750004")
    jam.person_page.name.setText("Samsul Bahri")
    jam.person_page.no_kk.setText("1971012002150009")
    settle(app, runner)
    jam.next()
    settle(app, runner)
    jam.checklist_page.all_button.click()
    jam.next()
    settle(app, runner)
    page = jam.service_page
    page.va.setCurrentText("900")  # typed by the officer from the bill: the field starts empty
    page.dependants.setValue(4)
    page.survey.setChecked(True)
    for code in list(page.indicators)[:6]:
        page.indicators[code].setChecked(True)
    settle(app)
    shot(jam, "15-jamkesda-indikator-skor")
    jam.close()

    non = ServiceWizard(session, get_definition(office, "penonaktifan"), cfg, pdf=False)
    non.show()
    non.person_page.nik.setText("1971015810550002")
    non.person_page.name.setText("Kartini")
    settle(app, runner)
    non.next()
    non.checklist_page.boxes["kk"].setChecked(True)
    non.checklist_page.boxes["ktp"].setChecked(True)
    settle(app)
    shot(non, "16-penonaktifan-persyaratan-kurang")
    non.next()
    non.service_page.reason.setCurrentIndex(non.service_page.reason.findData("meninggal"))
    non.service_page.evidence.setText("Surat Keterangan Kematian dari Kelurahan Bukit Intan")
    settle(app)
    shot(non, "17-penonaktifan-alasan")
    non.close()

    win.show_page("cases")
    settle(app, runner, 600)
    shot(win, "18-daftar-berkas")
    _drafts(office, st, scans)
    win.show_page("queue")
    win.queue.drafts.refresh()
    settle(app, runner, 600)
    win.queue.drafts.table.selectRow(0)
    settle(app)
    shot(win, "41-draf-tersimpan")
    win.close()
    if saved_case is not None:
        att = CaseDetailDialog(session, saved_case)
        att.show()
        settle(app, runner, 600)
        att.view.tabs.setCurrentWidget(att.view.attachments)
        att.view.attachments.table.selectRow(0)
        settle(app)
        shot(att, "43-berkas-lampiran")
        att.close()
    runner.wait(10_000)

    kasi_runner = TaskRunner()
    case_screen_shots(app, office, st, kasi_runner, late, chain)
    kabid = UiSession(office, st["kabid_linjamsos"], kasi_runner)
    dlg = CaseDetailDialog(kabid, chain.id)
    dlg.show()
    settle(app, kasi_runner, 600)
    shot(dlg, "19-berkas-data-dan-tindakan")
    dlg.view.tabs.setCurrentIndex(2)
    settle(app)
    shot(dlg, "20-berkas-riwayat-langkah")
    dlg.view.tabs.setCurrentIndex(3)
    dlg.view.letters_table.selectRow(1)
    settle(app)
    shot(dlg, "21-berkas-surat")
    signed = [n for n, lt in enumerate(dlg.view.loaded.letters) if lt.letter_type != "tanda_terima" and not lt.voided]
    dlg.view.letters_table.selectRow(signed[0] if signed else 0)
    dlg.view._preview()
    preview = dlg.view.preview_dialog
    preview.resize(860, 720)  # what it opens at on a 1366×768 monitor (fit to the screen, buttons in view)
    settle(app, kasi_runner, 600)
    settle(app)
    shot(preview, "35-pratinjau-surat")
    preview.close()
    dlg.close()
    bo = CaseDetailDialog(UiSession(office, st["back_office"], kasi_runner), rekom.id)
    bo.show()
    settle(app, kasi_runner, 600)
    bo.view.inputs.fields["confirmed_by"].setText("Sdr. Andi, BPJS Kesehatan KC Pangkalpinang (telepon)")
    settle(app)
    shot(bo, "25-berkas-isian-langkah-konfirmasi-bpjs")
    bo.close()
    kasi_runner.wait(10_000)
    supervisor_screens(app, office, admin, st, late)


def case_screen_shots(app, office, st, runner, late, chain) -> None:
    """55: a disabled move says why (paraf not yet this officer's turn); 56: the WhatsApp message from the receipt."""
    from ui.dialogs.whatsapp import WhatsAppDialog
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailDialog

    sek = UiSession(office, st["sekretaris"], runner)
    dlg = CaseDetailDialog(sek, chain.id)
    dlg.resize(1100, 700)
    dlg.show()
    settle(app, runner, 600)
    shot(dlg, "55-berkas-tombol-nonaktif-beralasan")
    dlg.close()
    fo = UiSession(office, st["front_office"], runner)
    wa = WhatsAppDialog(fo, chain.id, "receipt")
    wa.show()
    settle(app, runner, 600)
    shot(wa, "56-whatsapp-tanda-terima")
    wa.close()


def _jamkesda_applicants(office, admin, st):
    from dataclasses import replace
    from datetime import timedelta

    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.rules.scoring import INDICATOR_SETS
    from app.services import cases, settings
    from app.timeutil import utcnow

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, jamkesda_quota=3))
    codes = [i.code for i in INDICATOR_SETS[cfg.indicator_set].indicators]
    fo, bo = st["front_office"], st["back_office"]
    people = [("Suparmi", 8, 3), ("Rohani", 7, 5), ("Abdul Karim", 7, 2), ("Ngatini", 6, 4), ("Lukman Hakim", 5, 1),
              ("Siti Rahayu", 9, 2)]
    now = utcnow()
    period = None
    for i, (name, met, dependants) in enumerate(people, 1):
        nik = f"197102{40 + i:02d}0{i}70{i:04d}"
        t = now - timedelta(days=20 - i)
        c = cases.open_case(office, actor=fo, service_code="jamkesda", nik=nik, name=name, now=t)
        c = cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=t)
        for r in c.checklist:
            c = cases.set_checklist(office, actor=fo, case_id=c.id, version=c.version, code=r.code, received=True,
                                    now=t)
        c = cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=t,
                          data={"electricity_va": 900, "dependants": dependants})
        c = cases.advance(office, actor=bo, case_id=c.id, version=c.version, now=t)
        c = cases.advance(office, actor=st["verifier"], case_id=c.id, version=c.version, now=t)
        c = cases.advance(office, actor=bo, case_id=c.id, version=c.version, now=t,
                          data={"indicators": {code: n < met for n, code in enumerate(codes)}})
        period = c.data["quota_period"]
    return period


def supervisor_screens(app, office, admin, st, late) -> None:
    from datetime import timedelta

    from app.services import complaints, jamkesda
    from app.timeutil import utcnow
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner

    now = utcnow()
    fo, sup = st["front_office"], st["supervisor"]
    complaints.register(office, actor=fo, channel="lapor", lapor_ticket="LAP-2026-08812",
                        topic="Rekomendasi penonaktifan belum terbit", case_id=late.id,
                        complainant_name="Sutrisno (anak almarhum Warsidi)", complainant_contact="0812-7788-1290",
                        description="Sudah 3 hari sejak berkas diserahkan; BPJS masih menagih iuran.")
    old = complaints.register(office, actor=fo, channel="langsung", topic="Antrean loket terlalu lama",
                              complainant_name="Ibu Marlina", received_at=now - timedelta(days=20))
    complaints.follow_up(office, actor=sup, complaint_id=old.id, text="Disampaikan ke Kasi; tambah petugas Senin.",
                         at=now - timedelta(days=18))
    done = complaints.register(office, actor=fo, channel="whatsapp", topic="Syarat reaktivasi KIS",
                               complainant_name="Pak Darto", complainant_contact="0813-1111-2222",
                               received_at=now - timedelta(days=6))
    complaints.answer(office, actor=sup, complaint_id=done.id, at=now - timedelta(days=5),
                      text="Syarat: KK, KTP, kartu KIS, SK terdaftar DTSEN; datang ke loket 1.")
    period = _jamkesda_applicants(office, admin, st)
    jamkesda.rank_period(office, actor=st["back_office"], period=period)

    runner = TaskRunner()
    win = MainWindow(UiSession(office, sup, runner), "Dinas Sosial Kota Pangkalpinang")
    win.resize(1366, 768)
    win.show()
    settle(app, runner, 600)
    win.show_page("complaints")
    settle(app, runner)
    win.complaints.table.selectRow(0)
    settle(app, runner)
    shot(win, "22-pengaduan")
    win.show_page("jamkesda")
    win.jamkesda.period.setText(period)
    win.jamkesda.refresh()
    settle(app, runner)
    win.jamkesda.table.selectRow(3)
    settle(app, runner, 600)
    shot(win, "23-peringkat-jamkesda")
    win.show_page("dashboard")
    win.dashboard.refresh()
    settle(app, runner, 600)
    shot(win, "24-dasbor-pengawas")
    _batch_screen(app, office, sup, win, runner)
    win.close()
    runner.wait(10_000)


def _batch_screen(app, office, sup, win, runner) -> None:
    """Close the batches that have waiting cases (previous month), then the Batch bulanan page."""
    from app.services import batches

    page = win.batches
    for code in [page.service.itemData(i) for i in range(page.service.count())]:
        for period in sorted({w["period"] for w in batches.waiting_cases(office, actor=sup, service_code=code)
                              if not w["period_closed"]}):
            try:  # in the script, not through the page: an error box would block the offscreen run
                batches.close_batch(office, actor=sup, service_code=code, period=period)
            except Exception as exc:  # noqa: BLE001 - the screenshot goes on without that batch
                print(f"batch {code} {period}: {exc}")
    page.refresh()
    win.show_page("batches")
    settle(app, runner, 600)
    if page.table.rowCount():
        page.table.selectRow(0)  # the lower half shows the selected batch's contents
        settle(app, runner, 600)
    shot(win, "26-batch-bulanan")


if __name__ == "__main__":
    main()
