"""Screenshots of issue 18 point 5 at 1366×768 into docs/screenshots/ (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python scripts/konsep_screenshots.py

68 the paraf officer sees the KONSEP beside the Paraf button; 69 the Kepala Dinas sees it beside
"Tanda tangani dan terbitkan".
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.counter_screenshots import _office, settle, shot  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui import i18n

    i18n.install("id")
    from app.db.models import DtsenRecord
    from app.services import case_letters, cases, users
    from app.services import office as office_svc
    from ui.main_window import MainWindow
    from ui.session import UiSession
    from ui.tasks import TaskRunner

    office, fo, _sup = _office(Path(tempfile.mkdtemp(prefix="loket-konsep-")))
    admin = users.login(office, username="admin", password="rahasia-123")

    def user(role: str, name: str):
        return users.actor_for(users.add_user(office, actor=admin, username=role, full_name=name,
                                              password="rahasia-123", roles=[role]))

    for key, title, name in (("kabid_linjamsos", "Kepala Bidang Perlindungan dan Jaminan Sosial",
                              "Yusuf Hamdani, S.Sos."),
                             ("sekretaris", "Sekretaris Dinas Sosial", "Hj. Rosmala Dewi, S.H.")):
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name,
                                 nip="197805122005011002", rank="Pembina (IV/a)")
    bo, ps = user("back_office", "Rahmat Hidayat"), user("penyuluh_sosial", "Lestari Wulandari, S.Sos.")
    kabid, sek, kadis = (user("kabid_linjamsos", "Yusuf Hamdani, S.Sos."), user("sekretaris", "Hj. Rosmala Dewi, S.H."),
                         user("kepala_dinas", "Drs. H. Ahmad Fauzi, M.Si."))
    nik = "1971015208810001"
    with office.db.write() as s:
        s.add(DtsenRecord(nik=nik, no_kk="1971010101100077", name="NURHAYATI", address="Jl. Kenanga No. 12",
                          rt="002", rw="004", kelurahan="Rawa Bangun", kecamatan="Taman Sari",
                          birth_date=date(1981, 8, 12), desil=3, dtsen_id="D810001", row_hash="x" * 32))
    c = cases.open_case(office, actor=fo, service_code="reaktivasi-sk", nik=nik, name="Nurhayati",
                        no_kk="1971010101100077", received=["kartu_jkn", "kk", "identitas", "status_bpjs",
                                                            "surat_faskes"])
    c = cases.advance(office, actor=fo, case_id=c.id, version=c.version,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-07-01"})
    c = cases.advance(office, actor=fo, case_id=c.id, version=c.version)
    for _ in range(2):
        c = cases.advance(office, actor=bo, case_id=c.id, version=c.version)
    case_letters.make_konsep(office, actor=bo, case_id=c.id, key="keterangan_reaktivasi")
    c = cases.get_case(office, actor=bo, case_id=c.id)
    c = cases.advance(office, actor=bo, case_id=c.id, version=c.version)
    runner = TaskRunner()
    for who, name, after in ((ps, "68-paraf-melihat-konsep", ()), (kadis, "69-tanda-tangan-di-samping-konsep",
                                                                  (ps, kabid, sek))):
        for p in after:
            c = cases.get_case(office, actor=p, case_id=c.id)
            cases.paraf(office, actor=p, case_id=c.id, version=c.version)
        win = MainWindow(UiSession(office, who, runner), "Dinas Sosial Kota Pangkalpinang")
        win.resize(1366, 768)
        win.show()
        settle(app, runner)
        win.open_case(c.id)
        for _ in range(3):
            settle(app, runner, ms=1200)
        dlg = win.detail_windows[c.id]
        dlg.resize(1366, 768)  # the case window as the officer opens it, on the usual office monitor
        settle(app, runner, ms=1200)
        shot(dlg, name)
        dlg.close()
        win.close()
    runner.wait(30_000)
    office.close()


if __name__ == "__main__":
    main()
