"""A flag set on an open case (the applicant was deactivated as deceased or moved, issue 15) is a visible
banner on the case screen, and only there where the case carries one."""

from __future__ import annotations

import os
from pathlib import Path

from app.services import cases
from tests.services.helpers import Staff, add_dtsen, advance, at, kk, nik

ALL = ["kk", "ktp", "kis", "surat_pernyataan"]


def _deceased(office, staff, i):
    """A penonaktifan (meninggal) of person ``i`` walked to its end: their other open cases are flagged."""
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(i), name=f"Warga {i}",
                        no_kk=kk(i), received=ALL, now=at(2026, 11, 3, 9))
    c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                data={"reason_code": "meninggal", "kepesertaan": "bukan_peserta_dicatat"}, now=at(2026, 11, 3, 9, 5))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 30))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 10))
    for actor in (staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris):
        c = cases.paraf(office, actor=actor, case_id=c.id, version=c.version, now=at(2026, 11, 3, 11))
    c = advance(office, actor=staff.kepala_dinas, case_id=c.id, version=c.version, now=at(2026, 11, 3, 12))
    c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 13))
    assert c.status == "selesai"
    return c


def _detail(qtbot, office, actor, case_id):
    from tests.ui.casedata import new_runner
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailView

    v = CaseDetailView(UiSession(office, actor, new_runner()), case_id)
    qtbot.addWidget(v)
    v.resize(1366, 768)
    v.show()
    qtbot.waitUntil(lambda: v.loaded is not None, timeout=20_000)
    return v


def test_flag_banner_on_the_case_screen(qtbot, office, admin, tmp_path):
    staff = Staff(office, admin)
    add_dtsen(office, nik(3))
    other = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(3), name="Warga 3",
                            no_kk=kk(3), received=["ktp", "kk", "sktm"], now=at(2026, 11, 2, 9))
    plain = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(4), name="Warga 4",
                            no_kk=kk(4), received=["ktp", "kk", "sktm"], now=at(2026, 11, 2, 9))
    dead = _deceased(office, staff, 3)

    v = _detail(qtbot, office, staff.front_office, other.id)
    banner = v.flags_banner
    assert banner.isVisible() and banner.width() > 600
    text = banner.text()
    assert "Perhatian" in text and "Meninggal dunia" in text and dead.reg_number in text
    assert "3 Nov 2026" in text  # when, in office time
    # the flags are the banner, not a raw row of the data table
    assert all(v.data_table.item(r, 0).text() != "flags" for r in range(v.data_table.rowCount()))
    shot = Path(os.environ.get("LOKET_SCREENSHOTS", tmp_path)) / "case_flag_banner_1366x768.png"
    assert v.grab().save(str(shot)) and shot.stat().st_size > 0

    quiet = _detail(qtbot, office, staff.front_office, plain.id)
    assert not quiet.flags_banner.isVisible() and quiet.flags_banner.text() == ""
