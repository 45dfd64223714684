"""Issue 18 point 1 on the real wizard: a corrected NIK clears what the old NIK filled in and fills again from the
new one; where the KTP as typed, DTSEN and the stored person differ, the officer chooses side by side and a
change to what is stored is an audited correction made before the case is saved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.db.models import AuditEntry, DtsenRecord
from app.services import cases
from tests.ui.casedata import settle
from tests.ui.test_service_wizards import KK, NIK, finish, make_wizard, tick

pytestmark = pytest.mark.clock

OTHER_NIK = "1971014501850011"  # the NIK typed first by mistake: another person, registered in DTSEN
OTHER_KK = "1971010101100099"


@pytest.fixture
def officer(make_user):
    return make_user("front_office")


def _dtsen(office, nik, name, kk, address, desil=2):
    with office.db.write() as s:
        s.add(DtsenRecord(nik=nik, no_kk=kk, name=name, address=address, rt="004", rw="002",
                          kelurahan="Bukit Intan", kecamatan="Bukit Intan", birth_date=date(1985, 1, 5),
                          desil=desil, dtsen_id=f"D{nik[-6:]}", row_hash="x" * 32))


def test_a_corrected_nik_clears_what_the_old_nik_filled(qtbot, office, officer):
    _dtsen(office, OTHER_NIK, "BUDI SANTOSO", OTHER_KK, "Jl. Kenari 9")
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    page = w.person_page
    qtbot.keyClicks(page.phone, "081234567890")  # typed by the officer: stays
    qtbot.keyClicks(page.nik, OTHER_NIK)
    settle()
    assert page.name.text() == "BUDI SANTOSO" and page.no_kk.text() == OTHER_KK
    assert page.address.text() == "Jl. Kenari 9" and "Terdaftar" in page.dtsen_state.text()
    # the officer sees the mistake and corrects the NIK (last two digits)
    page.nik.setFocus()
    qtbot.keyClick(page.nik, "\b")
    qtbot.keyClick(page.nik, "\b")
    qtbot.keyClicks(page.nik, "03")
    assert page.nik.text() == NIK
    settle()
    for edit in (page.name, page.no_kk, page.address, page.rt, page.rw, page.kelurahan, page.kecamatan):
        assert edit.text() == "", edit.objectName()
    assert "Tidak terdaftar" in page.dtsen_state.text() and "Terdaftar di" not in page.dtsen_state.text()
    assert page.phone.text() == "081234567890"
    assert not page.isComplete()  # the name has to be typed for this person
    qtbot.keyClicks(page.name, "Siti Aminah")
    w.next()
    settle()
    assert w.currentPage() is w.checklist_page
    tick(w, "ktp", "kk", "sktm")
    w.next()
    w.next()
    res = finish(qtbot, w)
    c = cases.get_case(office, actor=officer, case_id=res.case.id)
    assert (c.nik, c.name, c.no_kk) == (NIK, "Siti Aminah", "")
    assert "desil" not in c.data  # no DTSEN mark carried over from the other NIK


def _stored(office, officer):
    c = cases.open_case(office, actor=officer, service_code="penonaktifan", nik=NIK, name="Siti Aminah", no_kk=KK,
                        person={"birth_date": "1985-01-05"})
    cases.reject(office, actor=officer, case_id=c.id, version=c.version, reason="uji: berkas lama")


def _to_identity_dialog(qtbot, w, name):
    page = w.person_page
    qtbot.keyClicks(page.nik, NIK)
    settle()
    page.name.clear()
    qtbot.keyClicks(page.name, name)
    page.no_kk.clear()
    qtbot.keyClicks(page.no_kk, KK)
    w.next()
    settle()
    dlg = page.identity_dialog
    assert dlg is not None and dlg.isVisible() and w.currentPage() is page
    return dlg


def _corrections(office):
    with office.db.read() as s:
        return list(s.exec(select(AuditEntry).where(AuditEntry.action == "person.correct")).all())


def test_the_officer_chooses_side_by_side_and_the_correction_is_audited(qtbot, office, officer):
    _stored(office, officer)
    _dtsen(office, NIK, "SITI AMINAH", "1971010101100055", "Jl. Melati 7")
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    dlg = _to_identity_dialog(qtbot, w, "Siti Aminah Zahra")
    rows = {d.field: d for d in dlg.differences}
    assert (rows["name"].typed, rows["name"].stored) == ("Siti Aminah Zahra", "Siti Aminah")
    assert (rows["no_kk"].typed, rows["no_kk"].dtsen, rows["no_kk"].stored) == (KK, "1971010101100055", KK)
    # KTP / DTSEN / tersimpan: the stored value is chosen until the officer picks another
    assert dlg.ok.isEnabled() and dlg.corrections() == {}
    dlg.choose("name", "typed")
    assert not dlg.ok.isEnabled() and "alasan" in dlg.state.text()
    qtbot.keyClicks(dlg.reason, "sesuai KTP asli, nama lengkap")
    assert dlg.ok.isEnabled()
    dlg.ok.click()
    settle()
    assert w.currentPage() is w.checklist_page
    (entry,) = _corrections(office)
    assert entry.old_values == {"name": "Siti Aminah"} and entry.new_values["name"] == "Siti Aminah Zahra"
    assert entry.new_values["alasan"] == "sesuai KTP asli, nama lengkap"
    tick(w, "ktp", "kk", "sktm")
    w.next()
    w.next()
    res = finish(qtbot, w)
    assert res.case.name == "Siti Aminah Zahra" and res.case.no_kk == KK


def test_keeping_what_is_stored_changes_nothing(qtbot, office, officer):
    _stored(office, officer)
    w = make_wizard(qtbot, office, officer, "pbi-baru")
    dlg = _to_identity_dialog(qtbot, w, "Siti Aminh")  # a typing slip
    assert [d.field for d in dlg.differences] == ["name"]
    dlg.ok.click()  # keep "Siti Aminah" as stored
    settle()
    assert w.person_page.name.text() == "Siti Aminah" and w.currentPage() is w.checklist_page
    assert _corrections(office) == []
