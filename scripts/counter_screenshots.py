"""Screenshots of issue 18 points 1, 6 and 7 at 1366×768 into docs/screenshots/ (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python scripts/counter_screenshots.py

61–62 identity: a corrected NIK clears what the old NIK filled; KTP / DTSEN / tersimpan side by side.
63–64 no invented facts: the deactivation date empty and required, then typed as dd-mm-yyyy.
65–67 batch close: the list of closable periods by service name, the confirmation, where the ZIP is.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

NAMES = ["Siti Aminah", "Rusdi Hartono", "Nurhayati", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Maria Ulfa",
         "Hendra Gunawan", "Yuliana", "Slamet Riyadi", "Fitri Handayani", "Joko Susilo"]


def settle(app: QApplication, runner=None, ms: int = 300) -> None:
    for _ in range(4):
        if runner is not None:
            runner.wait(30_000)
        loop = QEventLoop()
        QTimer.singleShot(ms // 4, loop.quit)
        loop.exec()
        app.processEvents()


def shot(widget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def _office(data: Path):
    from app.context import open_office
    from app.services import office as office_svc
    from app.services import users

    office = open_office(data)
    office_svc.save_profile(office, actor=None, first_run=True, values={
        "government": "PEMERINTAH KOTA PANGKALPINANG", "region_name": "Pangkalpinang", "city": "Pangkalpinang",
        "address": "Jl. Rasakunda No. 1, Pangkalpinang", "phone": "(0717) 421234",
        "email": "dinsos@pangkalpinangkota.go.id", "website": "dinsos.pangkalpinangkota.go.id",
        "postal_code": "33121", "code": "DINSOS-PKP"})
    admin = users.actor_for(users.create_first_admin(office, username="admin", full_name="Rina Marlina, S.Kom.",
                                                     password="rahasia-123"))
    office_svc.save_official(office, actor=admin, position_key="kepala_dinas", position_title="Kepala Dinas Sosial",
                             name="Drs. H. Ahmad Fauzi, M.Si.", nip="197201031995031001",
                             rank="Pembina Utama Muda (IV/c)")

    def user(role: str, name: str):
        info = users.add_user(office, actor=admin, username=role, full_name=name, password="rahasia-123",
                              roles=[role])
        return users.actor_for(info)

    return office, user("front_office", "Dewi Anggraini"), user("supervisor", "Hendra Wijaya, S.E.")


def _waiting(office, service: str, n: int, ready: datetime, start: int) -> None:
    """Cases already at the batch step (as the workflow leaves them), for the batch screen."""
    from app.db.models import Case, Family, Person

    with office.db.write() as s:
        for i in range(start, start + n):
            nik = f"19710{(i % 9) + 1}{(i % 28) + 1:02d}0285{i:04d}"
            p = Person(nik=nik, name=NAMES[i % len(NAMES)], birth_date=date(1985, 2, (i % 28) + 1), sex="L",
                       address=f"Jl. Merdeka No. {i}", rt="001", rw="002", kelurahan="Bukit Intan",
                       kecamatan="Bukit Intan")
            s.add(p)
            f = Family(no_kk=nik[:8] + "0101" + nik[12:])
            s.add(f)
            s.flush()
            s.add(Case(reg_number=f"NON-2026-{i + 900:05d}", service_code=service, person_id=p.id or 0, family_id=f.id,
                       family_relation="Kepala Keluarga", status="selesai", current_step="batch",
                       data={"reason_code": "meninggal"}, batch_ready_at=ready))


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui import i18n

    i18n.install("id")
    from PySide6.QtWidgets import QWizard

    from app.db.models import DtsenRecord
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.servicedefs import get as get_definition
    from app.services import cases, settings
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner
    from ui.wizards.service_wizard import ServiceWizard

    office, fo, sup = _office(Path(tempfile.mkdtemp(prefix="loket-loket-")))
    runner = TaskRunner()
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    nik, wrong = "1971014501850003", "1971014501850011"
    with office.db.write() as s:
        s.add(DtsenRecord(nik=wrong, no_kk="1971010101100099", name="BUDI SANTOSO", address="Jl. Kenari No. 9",
                          rt="004", rw="002", kelurahan="Bukit Intan", kecamatan="Bukit Intan",
                          birth_date=date(1985, 1, 5), desil=2, dtsen_id="D850011", row_hash="x" * 32))
        s.add(DtsenRecord(nik=nik, no_kk="1971010101100055", name="SITI AMINAH", address="Jl. Melati Gg. Kenanga 7",
                          rt="003", rw="001", kelurahan="Rawa Bangun", kecamatan="Taman Sari",
                          birth_date=date(1985, 1, 5), desil=1, dtsen_id="D850003", row_hash="x" * 32))
    old = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik, name="Siti Aminah",
                          no_kk="1971010101100021", person={"birth_date": "1985-01-05"})
    cases.reject(office, actor=fo, case_id=old.id, version=old.version, reason="berkas lama (contoh)")

    # 61: the NIK typed wrong filled another person's data; corrected, that data is gone and filled again
    session = UiSession(office, fo, runner)
    w = ServiceWizard(session, get_definition(office, "pbi-baru"), cfg, pdf=False)
    w.show()
    page = w.person_page
    page.phone.setText("081277881290")
    page.nik.setText(wrong)
    settle(app, runner)
    page.nik.setText(nik[:-2])
    page.nik.setText(nik)
    settle(app, runner)
    shot(w, "61-nik-dikoreksi-data-lama-dikosongkan")
    # 62: the officer typed the full name from the KTP: KTP / DTSEN / tersimpan side by side
    page.name.setText("Siti Aminah Zahra")
    page.no_kk.setText("1971010101100021")
    w.next()
    settle(app, runner)
    dlg = page.identity_dialog
    dlg.choose("name", "typed")
    dlg.reason.setText("sesuai KTP asli yang diperlihatkan pemohon")
    dlg.resize(760, dlg.sizeHint().height())
    settle(app)
    shot(dlg, "62-data-pemohon-ktp-dtsen-tersimpan")
    dlg.reject()
    w.hide()

    # 63–64: the deactivation date starts empty, Lanjut says why; typed as dd-mm-yyyy
    w2 = ServiceWizard(session, get_definition(office, "reaktivasi-sk"), cfg, pdf=False)
    w2.show()
    p2 = w2.person_page
    p2.nik.setText("1971015208810001")
    settle(app, runner)
    p2.name.setText("Nurhayati")
    w2.next()
    settle(app, runner)
    w2.checklist_page.all_button.click()
    w2.next()
    settle(app)
    shot(w2, "63-tanggal-nonaktif-kosong-wajib")
    sp = w2.service_page
    sp.status.setCurrentIndex(sp.status.findData("nonaktif"))
    sp.deactivated.setText("15-09-2026")
    settle(app)
    assert w2.button(QWizard.WizardButton.NextButton).isEnabled()
    shot(w2, "64-tanggal-nonaktif-diketik")
    w2.hide()

    # 65–67: batch close from the list of closable periods
    now = datetime.now(UTC)
    last_month = datetime(now.year - (now.month == 1), (now.month - 2) % 12 + 1, 10, 3, tzinfo=UTC)
    _waiting(office, "penonaktifan", 7, last_month, 1)
    _waiting(office, "penonaktifan", 3, datetime(now.year, now.month, 2, 3, tzinfo=UTC), 20)
    win = MainWindow(UiSession(office, sup, runner), "Dinas Sosial Kota Pangkalpinang")
    win.resize(1366, 768)
    win.show()
    settle(app, runner)
    win.show_page("batches")
    settle(app, runner)
    view = win.batches
    view.service.setCurrentIndex(view.service.findData("penonaktifan"))
    view.closable.setCurrentIndex(0)
    settle(app, runner)
    shot(win, "65-tutup-batch-daftar-periode")
    view.close_selected()
    settle(app)
    box = view.confirm_box
    shot(box, "66-tutup-batch-konfirmasi")
    from PySide6.QtWidgets import QMessageBox

    box.button(QMessageBox.StandardButton.Yes).click()
    settle(app, runner)
    settle(app, runner)
    shot(win, "67-batch-ditutup-buka-folder")
    runner.wait(30_000)
    office.close()


if __name__ == "__main__":
    main()
