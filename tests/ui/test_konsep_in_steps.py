"""Issue 18 point 5: the steps that paraf or sign a letter show its KONSEP beside the one button of the act;
the letter's own buttons live in the step that makes or issues it, not in the Surat tab."""

from __future__ import annotations

import pytest

from app.services import cases, letters
from tests.services.helpers import add_dtsen, at, kk, nik
from tests.ui.casedata import new_runner, settle

pytestmark = pytest.mark.clock

BASE = ["kartu_jkn", "kk", "identitas", "status_bpjs", "surat_faskes"]


def detail(qtbot, office, actor, case_id, size=(1366, 768)):
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailView

    v = CaseDetailView(UiSession(office, actor, new_runner()), case_id)
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    settle()
    assert v.loaded is not None
    return v


def letter_buttons(v):
    return {b.objectName(): b for b in v.issue_buttons}


def at_konsep_step(office, staff):
    add_dtsen(office, nik(1), desil=4)
    c = cases.open_case(office, actor=staff.front_office, service_code="reaktivasi-sk", nik=nik(1),
                        name="Peserta Nonaktif", no_kk=kk(1), received=BASE, now=at(2026, 11, 3, 9))
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                      data={"bpjs_status": "nonaktif", "deactivated_on": "2026-07-01"})
    c = cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 20))
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.current_step == "konsep_surat"
    return c


def test_konsep_made_at_its_step_then_shown_to_paraf_and_signature(qtbot, office, staff, tmp_path):
    c = at_konsep_step(office, staff)
    key = "keterangan_reaktivasi"
    v = detail(qtbot, office, staff.back_office, c.id)
    make = letter_buttons(v)[f"konsep_{key}"]
    # the button to draft sits in the step's own row, above the tabs, beside "Selesaikan langkah ini"
    assert make.isVisible() and make.parentWidget() is v.advance_button.parentWidget()
    assert v.tabs.indexOf(v.konsep) < 0  # no KONSEP yet, no tab
    make.click()
    settle()
    assert v.tabs.indexOf(v.konsep) >= 0 and letters.list_letters(office, case_id=c.id) == []
    c = cases.get_case(office, actor=staff.back_office, case_id=c.id)
    c = cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version)
    assert c.current_step == "paraf"

    v = detail(qtbot, office, staff.penyuluh_sosial, c.id)
    assert v.paraf_button.isVisible() and v.paraf_button.isEnabled()
    assert v.tabs.currentWidget() is v.konsep  # the paraf officer reads what they initial
    assert "KONSEP" in v.konsep.heading.text() and "belum bernomor" in v.konsep.heading.text()
    assert v.konsep.page_labels and v.konsep.page_labels[0].pixmap().width() > 300
    assert f"issue_{key}" not in letter_buttons(v)  # nobody issues before the signature
    v.grab().save(str(tmp_path / "paraf.png"))
    v.paraf_button.click()
    settle()
    for role in ("kabid_linjamsos", "sekretaris"):
        c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
        cases.paraf(office, actor=getattr(staff, role), case_id=c.id, version=c.version)

    v = detail(qtbot, office, staff.kepala_dinas, c.id)
    sign = letter_buttons(v)[f"issue_{key}"]
    assert sign.isVisible() and sign.text().startswith("Tanda tangani dan terbitkan")
    assert not v.advance_button.isVisible()  # one button, named for the act
    assert v.tabs.currentWidget() is v.konsep and v.konsep.page_labels
    sign.click()
    settle()
    issued = letters.list_letters(office, case_id=c.id)
    assert len(issued) == 1 and issued[0].number
    assert v.tabs.indexOf(v.konsep) < 0 and v.advance_button.isVisible() and v.advance_button.isEnabled()
    assert f"issue_{key}" not in letter_buttons(v)  # issued once; another copy is a reprint
