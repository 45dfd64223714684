"""The Jaringan page: "Kirim ke Dinas" at the kelurahan, "Terima dari kelurahan" at the Dinas with its view of
its kelurahan, and back at the kelurahan the status of every case handed over — real offices, real packages
over a shared folder, the window offscreen."""

from __future__ import annotations

import pytest

from app.services import cases
from tests.network.helpers import DINAS_CODE, enrol, make_node, use_folder
from tests.services.helpers import add_dtsen, at, kk, nik
from tests.ui.casedata import drain_runners, new_runner
from ui.session import UiSession
from ui.views.network_view import NetworkView


@pytest.fixture(autouse=True)
def _errors_fail(monkeypatch):
    """An error dialog would wait for a click offscreen: fail the test with the error instead."""
    def fail(_parent, exc, tb=""):
        raise AssertionError(f"{exc}\n{tb}")

    monkeypatch.setattr("ui.views.network_view.show_error", fail)


@pytest.fixture
def net(tmp_path):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE)
    kel = make_node(tmp_path / "kel", kind="kelurahan", name="Kelurahan Kejaksaan", area="1971011001")
    enrol(dinas, kel, tmp_path / "berkas")
    for n in (dinas, kel):
        use_folder(n, tmp_path / "bersama")
    yield dinas, kel
    drain_runners()
    dinas.close()
    kel.close()


def _view(qtbot, node, actor) -> NetworkView:
    v = NetworkView(UiSession(node.office, actor, new_runner()))
    qtbot.addWidget(v)
    v.resize(1366, 768)
    v.show()
    qtbot.waitUntil(lambda: v.status is not None, timeout=10_000)
    return v


def _done(qtbot, v: NetworkView) -> None:
    qtbot.waitUntil(lambda: not v.busy, timeout=60_000)
    drain_runners()
    qtbot.waitUntil(lambda: v.send_button.isEnabled(), timeout=10_000)


def test_send_receive_and_see_the_status_there_and_back(qtbot, net):
    dinas, kel = net
    add_dtsen(kel.office, nik(1), desil=2)
    c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="pbi-baru", nik=nik(1),
                        name="Siti Aminah", no_kk=kk(1), received=["ktp", "kk", "sktm"], now=at(2026, 11, 3, 9))
    c = cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version)

    k = _view(qtbot, kel, kel.staff.front_office)
    assert k.send_button.text() == "&Kirim ke Dinas" and "menunggu dikirim ke Dinas: 1" in k.summary.text()
    k.send_button.click()
    _done(qtbot, k)
    assert "Paket #1 ke DINSOS-PKP: 1 berkas" in k.message.text()
    assert k.cases.rowCount() == 1 and k.cases.item(0, 1).text() == "Siti Aminah"
    assert k.cases.item(0, 4).text() == "terkirim" and "belum diakui" in k.cases.item(0, 6).text()

    d = _view(qtbot, dinas, dinas.staff.back_office)
    assert d.receive_button.text() == "&Terima dari kelurahan"
    d.receive_button.click()
    _done(qtbot, d)
    assert "Paket #1 dari KEL-1971011001 diterima: 1 berkas" in d.message.text()
    assert d.offices.rowCount() == 1
    row = [d.offices.item(0, i).text() for i in range(d.offices.columnCount())]
    assert row[0] == "KEL-1971011001" and row[6:8] == ["1", "1"] and row[4] == "0 hari"

    mine = cases.list_cases(dinas.office, actor=dinas.staff.back_office)[0]
    cases.reject(dinas.office, actor=dinas.staff.back_office, case_id=mine.id, version=mine.version,
                 reason="Pemohon sudah menjadi peserta PBI JK aktif")
    d.send_button.click()
    _done(qtbot, d)
    k.receive_button.click()
    _done(qtbot, k)
    assert k.cases.item(0, 4).text() == "ditolak"
    assert k.cases.item(0, 6).text() == "Pemohon sudah menjadi peserta PBI JK aktif"


def test_first_run_asks_for_the_office_kind(qtbot, tmp_path):
    from PySide6.QtWidgets import QWizard

    from app.context import open_office
    from app.network import identity
    from tests.ui.test_first_run_dtsen import _fill_to_last_page
    from ui.wizards.first_run import FirstRunWizard

    office = open_office(tmp_path / "kelurahan")
    runner = new_runner()
    try:
        wiz = FirstRunWizard(office, runner)
        qtbot.addWidget(wiz)
        wiz.show()
        box = wiz.profile_page.kind_box
        box.kind.setCurrentIndex(box.kind.findData("kelurahan"))
        assert box.area.isEnabled() and not box.code.isEnabled()
        qtbot.keyClicks(box.name, "Kelurahan Kejaksaan")
        qtbot.keyClicks(box.area, "19.71.01.1001")
        _fill_to_last_page(qtbot, wiz)
        with qtbot.waitSignal(wiz.completed, timeout=30_000):
            wiz.button(QWizard.WizardButton.FinishButton).click()
            from tests.ui.conftest import confirm_recovery_key

            confirm_recovery_key(qtbot, wiz)
        ident = identity.load(office)
        assert (ident.kind, ident.name, ident.area_code, ident.code) == ("kelurahan", "Kelurahan Kejaksaan",
                                                                         "1971011001", "")
        assert ident.fingerprint and (office.dirs.root / "network" / "kunci-kantor.json").is_file()
    finally:
        drain_runners()
        office.close()


def test_the_notice_shows_its_letter_number_and_opens_the_letter(qtbot, net, monkeypatch):
    """The Dinas closes November's penonaktifan batch with the Puskesos letters; at the kelurahan the notice's
    rows show the letter's number and "Buka surat pemberitahuan" opens the received file (checked first)."""
    from PySide6.QtGui import QDesktopServices
    from sqlmodel import select

    from app.db.models import Letter
    from app.services import batches
    from tests.batches.helpers import make_cases
    from tests.clock import PINNED, pin_clock

    dinas, kel = net
    with pin_clock(PINNED):
        ids = make_cases(dinas.office, "penonaktifan", 2, data={"alasan": "Meninggal dunia"})
        from app.db.models import Case, Person

        with dinas.office.db.write() as s:  # the people live in this kelurahan (Kejaksaan)
            for cid in ids:
                case = s.get(Case, cid)
                assert case is not None
                person = s.get(Person, case.person_id)
                assert person is not None
                person.kelurahan, person.kelurahan_code, person.kecamatan = "Kejaksaan", "1971011001", "Taman Sari"
                s.add(person)
        batches.close_batch(dinas.office, actor=dinas.staff.supervisor, service_code="penonaktifan",
                            period="2026-11")
    with dinas.office.db.read() as s:
        letter = s.exec(select(Letter).where(Letter.letter_type == "pemberitahuan_puskesos")).one()

    d = _view(qtbot, dinas, dinas.staff.supervisor)
    d.send_button.click()
    _done(qtbot, d)
    assert "1 pemberitahuan penonaktifan" in d.message.text()

    k = _view(qtbot, kel, kel.staff.front_office)
    k.receive_button.click()
    _done(qtbot, k)
    assert "1 surat pemberitahuan Puskesos" in k.message.text()
    k.tabs.setCurrentWidget(k.notice_page)
    table = k.notice_table
    assert table.rowCount() == 2 and table.horizontalHeaderItem(6).text() == "Surat pemberitahuan"
    assert [table.item(r, 6).text() for r in range(2)] == [letter.number] * 2
    assert not k.notice_letter_button.isEnabled()  # nothing chosen yet
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    table.selectRow(1)
    assert k.notice_letter_button.isEnabled()
    k.notice_letter_button.click()
    assert len(opened) == 1
    sent = dinas.office.dirs.letters / letter.docx_path
    from pathlib import Path

    assert Path(opened[0]).read_bytes() == sent.read_bytes()
    assert Path(opened[0]).resolve().is_relative_to(kel.office.dirs.root.resolve())
