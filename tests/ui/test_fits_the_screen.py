"""Every window and dialog fits the usual office monitor, 1366×768: its smallest possible size and the size it
opens at leave room for the window frame and the taskbar, so no button is ever below the screen's edge.
(The letter preview, which opens larger on a big screen, is checked against the screen itself in
test_letter_preview.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.servicedefs import load_all
from app.services import cases, settings
from tests.ui.casedata import kk, new_runner, nik

WIDTH, HEIGHT = 1366, 768 - 48  # the taskbar and the title bar take about 48 pixels of the height


def fits(w: QWidget) -> None:
    w.show()
    minimum, size = w.minimumSizeHint(), w.size()
    name = w.objectName() or type(w).__name__
    assert minimum.width() <= WIDTH and minimum.height() <= HEIGHT, (name, minimum)
    assert size.width() <= WIDTH and size.height() <= HEIGHT, (name, size)


def test_login_lock_and_first_run(qtbot, office):
    from ui.dialogs.login import LoginDialog
    from ui.errors import ErrorReportDialog
    from ui.wizards.first_run import FirstRunWizard

    for w in (LoginDialog(), ErrorReportDialog("Traceback …\n" * 40), FirstRunWizard(office, new_runner())):
        qtbot.addWidget(w)
        fits(w)


def test_main_window_with_every_page_and_the_lock_screen(qtbot, office, admin, staff):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    for actor in (admin, staff.supervisor, staff.front_office):
        win = MainWindow(UiSession(office, actor, new_runner()), "Dinas Sosial Kota Pangkalpinang")
        qtbot.addWidget(win)
        win.resize(WIDTH, HEIGHT)
        for key in win.pages:
            win.show_page(key)
            fits(win)
        win.lock("manual")
        fits(win)


def test_case_window_and_its_dialogs(qtbot, office, admin, staff):
    from ui.dialogs.whatsapp import WhatsAppDialog
    from ui.session import UiSession
    from ui.views.batch_detail import CarryDialog
    from ui.views.case_detail import CaseDetailDialog, ReasonDialog
    from ui.views.complaints_view import NewComplaintDialog
    from ui.views.jamkesda_view import ReleaseDialog
    from ui.views.office_view import OfficialDialog
    from ui.views.users_view import UserDialog

    fo = staff.front_office
    c = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=nik(1), name="Siti Aminah", no_kk=kk(1),
                        person={"phone": "081234567890"}, received=["ktp", "kk"])
    session = UiSession(office, fo, new_runner())
    detail = CaseDetailDialog(session, c.id)
    qtbot.addWidget(detail)
    qtbot.waitUntil(lambda: detail.view.loaded is not None, timeout=20_000)
    steps = [(f"s{n}", "Pemeriksaan kelengkapan berkas dan cek DTSEN") for n in range(8)]
    for w in (detail, ReasonDialog("Kembalikan untuk perbaikan", "Alasan wajib.", steps),
              WhatsAppDialog(session, c.id, "receipt"), CarryDialog(c.reg_number, "2026-11"), NewComplaintDialog(),
              ReleaseDialog("Siti Aminah"), OfficialDialog(), UserDialog()):
        qtbot.addWidget(w)
        fits(w)


@pytest.mark.parametrize("code", sorted(load_all()))
def test_every_service_wizard(qtbot, office, staff, code):
    from app.servicedefs import get
    from ui.session import UiSession
    from ui.wizards.service_wizard import ServiceWizard

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    wiz = ServiceWizard(UiSession(office, staff.front_office, new_runner()), get(office, code), cfg, pdf=False)
    qtbot.addWidget(wiz)
    fits(wiz)
