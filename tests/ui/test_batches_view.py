"""Batch bulanan screen as a supervisor uses it: close, send (button and background), feedback, reconciliation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from app.db.models import Case, Person
from app.services import batches, outbox
from app.services import settings as settings_svc
from tests.batches.conftest import _officials
from tests.batches.helpers import make_cases
from tests.clock import JANUARY
from tests.conftest import SAMPLES
from tests.ui.casedata import new_runner, waits_for_cancel

pytestmark = pytest.mark.clock

SAMPLE = SAMPLES / "umpan_balik_bpjs_contoh.csv"
NURHAYATI, RUSDI = "1971015208810001", "1971011102790003"
STRANGER = "1971010606900006"



@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor")


@pytest.fixture
def errors(monkeypatch):
    """show_error without a modal box: the errors are collected."""
    from ui.views import batches_view

    seen: list[BaseException] = []
    monkeypatch.setattr(batches_view, "show_error", lambda _parent, exc, _tb="": seen.append(exc))
    return seen


def make_view(qtbot, office, actor, first_ms=60_000, *, threads: bool = False):
    from ui.session import UiSession
    from ui.views.batches_view import BatchesView

    v = BatchesView(UiSession(office, actor, new_runner(threads=threads)), background_first_ms=first_ms)
    qtbot.addWidget(v)
    v.show()
    return v


def _close(qtbot, v, service_name, period_name):
    """Choose the period from the list the core gives (service NAME, month), then confirm in the dialog."""
    qtbot.waitUntil(lambda: v.closable.count() > 0, timeout=20_000)
    texts = [v.closable.itemText(i) for i in range(v.closable.count())]
    index = next(i for i, text in enumerate(texts) if service_name in text and period_name in text)
    v.closable.setCurrentIndex(index)
    v.close_button.click()
    box = v.confirm_box
    assert box is not None and box.isVisible()
    return box


def _yes(box):
    from PySide6.QtWidgets import QMessageBox

    box.button(QMessageBox.StandardButton.Yes).click()


def test_close_needs_the_official_then_lists_the_batch(qtbot, office, admin, supervisor, errors, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    make_cases(office, "penonaktifan", 3)
    v = make_view(qtbot, office, supervisor)
    name = "Penonaktifan"
    box = _close(qtbot, v, name, "November 2026")
    # the confirmation names the service (not its code), the period, the number of cases and the sequence
    assert "penonaktifan" not in box.text().replace("Penonaktifan", "")
    for expected in ("November 2026", "2026-11", "<b>3</b>", "<b>1</b>", "Nomor urut batch"):
        assert expected in box.text()
    _yes(box)
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert "Kepala Dinas" in str(errors[0]) and "Kepala Dinas" in v.status.text()
    assert v.table.rowCount() == 0 and v.close_button.isEnabled()

    _officials(office, admin)
    _yes(_close(qtbot, v, name, "November 2026"))
    qtbot.waitUntil(lambda: v.table.rowCount() == 1, timeout=20_000)
    assert v.progress.value() == 100
    cells = [v.table.item(0, c).text() for c in range(5)]
    assert name in cells[0] and "(" not in cells[0] and cells[1:] == ["2026-11", "1", "3", "Ditutup, belum terkirim"]
    assert v.status.text()
    # where the ZIP is, and a button that opens its folder
    (batch,) = batches.list_batches(office, actor=supervisor)
    assert batch.zip_path in v.zip_label.text() and v.open_folder_button.isVisible()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    v.open_folder_button.click()
    from pathlib import Path

    assert opened == [str(Path(batch.zip_path).parent)]
    # nothing else waiting: no period offered, the button says why
    qtbot.waitUntil(lambda: v.closable.count() == 0, timeout=20_000)
    assert not v.close_button.isEnabled() and "Tidak ada periode" in v.close_button.toolTip()
    assert len(batches.list_batches(office, actor=supervisor)) == 1


def test_cancel_closes_nothing(qtbot, office, admin, supervisor):
    from PySide6.QtWidgets import QMessageBox

    _officials(office, admin)
    make_cases(office, "penonaktifan", 2)
    v = make_view(qtbot, office, supervisor)
    box = _close(qtbot, v, "Penonaktifan", "November 2026")
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert batches.list_batches(office, actor=supervisor) == []


def test_batalkan_while_the_zip_is_packed_closes_nothing(qtbot, office, admin, supervisor, errors, monkeypatch):
    """The scans make the ZIP large: the bar counts the bytes packed, "Batalkan" stops the close, and nothing of it
    stays (no batch, no number); the status line says so, no error box."""
    from tests.batches.test_batch_attachments import _pdf, _scan, _switch_on

    _officials(office, admin)
    for cid in make_cases(office, "penonaktifan", 2):
        _scan(office, cid, "ktp.pdf", _pdf(100_000))
    _switch_on(office, admin)
    monkeypatch.setattr(batches, "close_batch", waits_for_cancel(batches.close_batch, "packing"))
    v = make_view(qtbot, office, supervisor, threads=True)  # the close runs in a worker while Batalkan is pressed
    assert not v.cancel_button.isVisible()
    _yes(_close(qtbot, v, "Penonaktifan", "November 2026"))
    qtbot.waitUntil(lambda: "Mengemas berkas ZIP" in v.status.text() or errors or v.task is None, timeout=20_000)
    assert "Mengemas berkas ZIP" in v.status.text(), (v.status.text(), errors)
    assert v.cancel_button.isVisible() and v.cancel_button.isEnabled() and not v.close_button.isEnabled()
    v.cancel_button.click()
    qtbot.waitUntil(lambda: v.task is None, timeout=20_000)
    assert "dibatalkan" in v.status.text() and not errors and not v.cancel_button.isVisible()
    assert batches.list_batches(office, actor=supervisor) == []
    assert v.close_button.isEnabled()


def test_early_close_shows_what_moves_and_needs_its_tick(qtbot, office, admin, supervisor, make_user, pinned):
    from app.services import cases

    _officials(office, admin)
    make_cases(office, "penonaktifan", 2, ready_at=datetime(2026, 12, 2, 3, 0, tzinfo=UTC))
    fo = make_user("front_office")
    moving = cases.open_case(office, actor=fo, service_code="penonaktifan", nik="1971014501850003", name="Siti")
    v = make_view(qtbot, office, supervisor)
    box = _close(qtbot, v, "Penonaktifan", "Desember 2026")
    assert "belum berakhir" in v.closable.currentText()
    assert "BELUM berakhir" in box.informativeText() and "2027-01" in box.informativeText()
    assert moving.reg_number in box.detailedText()
    from PySide6.QtWidgets import QMessageBox

    yes = box.button(QMessageBox.StandardButton.Yes)
    assert not yes.isEnabled()  # an early close needs the explicit tick
    v.early_check.setChecked(True)
    assert yes.isEnabled()
    yes.click()
    qtbot.waitUntil(lambda: v.table.rowCount() == 1, timeout=20_000)
    (batch,) = batches.list_batches(office, actor=supervisor)
    assert batch.period == "2026-12" and batch.record_count == 2


def test_a_delivery_failure_the_supervisor_cannot_fix_is_not_red(qtbot, office, admin, supervisor):
    from ui.views.batches_view import ERR_STYLE, WARN_STYLE

    v = make_view(qtbot, office, supervisor)
    v._send_failed_background(RuntimeError("Folder tujuan tidak ada"), "")
    assert v.outbox_status.styleSheet() == WARN_STYLE and "administrator" in v.outbox_status.text()
    w = make_view(qtbot, office, admin)
    w._send_failed_background(RuntimeError("Folder tujuan tidak ada"), "")
    assert w.outbox_status.styleSheet() == ERR_STYLE


def test_send_now_and_background_attempt(qtbot, office, admin, supervisor, errors, tmp_path):
    _officials(office, admin)
    target = tmp_path / "kirim"
    target.mkdir()
    settings_svc.save(office, actor=admin, section=outbox.SECTION, value=outbox.DeliverySettings(folder=str(target)))
    make_cases(office, "penonaktifan", 2)
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    v = make_view(qtbot, office, supervisor)
    qtbot.waitUntil(lambda: v.table.rowCount() == 1, timeout=20_000)
    v.send_button.click()
    qtbot.waitUntil(lambda: v.table.item(0, 4).text() == "Terkirim", timeout=20_000)
    assert "terkirim" in v.status.text() and "terkirim" in v.outbox_status.text()
    assert list(target.iterdir()) and outbox.pending(office) == []

    # background: nothing pending → says so; a new closed batch → sent without a click
    v.background_send()
    qtbot.waitUntil(lambda: "tidak ada batch" in v.outbox_status.text(), timeout=20_000)
    make_cases(office, "penonaktifan", 2, start=100, ready_at=datetime(2026, 12, 10, 3, 0, tzinfo=UTC))
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-12", now=JANUARY)
    v.first_attempt.setInterval(10)
    v.first_attempt.start()
    qtbot.waitUntil(lambda: "Pengiriman otomatis" in v.outbox_status.text() and "2026-12" in v.outbox_status.text(),
                    timeout=20_000)
    qtbot.waitUntil(lambda: outbox.pending(office) == [] and v.table.rowCount() == 2
                    and v.table.item(1, 4).text() == "Terkirim", timeout=20_000)
    assert not errors


def test_background_failure_only_in_the_status_line(qtbot, office, admin, supervisor, errors):
    _officials(office, admin)
    make_cases(office, "penonaktifan", 1)
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    v = make_view(qtbot, office, supervisor, first_ms=10)  # no target configured
    qtbot.waitUntil(lambda: "gagal" in v.outbox_status.text(), timeout=20_000)
    assert "tujuan" in v.outbox_status.text() and not errors


def test_feedback_import_lists_unknown_and_not_in_batch(qtbot, office, admin, supervisor, errors, monkeypatch,
                                                        tmp_path):
    from ui.views import batches_view

    _officials(office, admin)
    make_cases(office, "jamkesda", 2, niks=[NURHAYATI, RUSDI])
    batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11")
    v = make_view(qtbot, office, supervisor)
    chosen = [str(SAMPLE)]
    monkeypatch.setattr(batches_view.QFileDialog, "getOpenFileName", lambda *a, **k: (chosen.pop(0), ""))
    v.feedback_button.click()
    qtbot.waitUntil(lambda: "Umpan balik diimpor" in v.status.text(), timeout=20_000)
    assert "diterima 1, ditolak 1" in v.status.text() and not v.detail.isVisible()
    qtbot.waitUntil(lambda: v.table.rowCount() == 1 and v.table.item(0, 6).text() == "2/2", timeout=20_000)

    odd = tmp_path / "umpan_balik_lain.csv"
    odd.write_text("NIK,NAMA,NOMOR_KARTU,STATUS,ALASAN,TMT\n"
                   f"{STRANGER},Orang Luar,,DITERIMA,,01-12-2026\n", encoding="utf-8")
    chosen.append(str(odd))
    v.feedback_button.click()
    qtbot.waitUntil(lambda: v.detail.isVisible() and v.detail.rowCount() == 1, timeout=20_000)
    assert v.detail.item(0, 1).text() == STRANGER and "NIK tidak dikenal" in v.detail.item(0, 3).text()
    assert not errors


def test_reconcile_shows_findings_and_opens_a_deactivation_case(qtbot, office, admin, supervisor, errors,
                                                                  monkeypatch, tmp_path):
    from app.services import feedback
    from ui.views import batches_view

    _officials(office, admin)
    make_cases(office, "jamkesda", 2, niks=[NURHAYATI, RUSDI])
    batches.close_batch(office, actor=supervisor, service_code="jamkesda", period="2026-11")
    feedback.import_feedback(office, actor=supervisor, path=SAMPLE)  # Nurhayati becomes an active participant
    bpjs = tmp_path / "peserta_bpjs.csv"
    bpjs.write_text("NIK;NAMA;TGL_LAHIR;NOKA;STATUS\n"
                    f"{STRANGER};Orang Luar;01-06-1990;0001234567894;AKTIF\n", encoding="utf-8")
    out = tmp_path / "rekonsiliasi.xlsx"
    v = make_view(qtbot, office, supervisor)
    opened = [str(bpjs), ""]
    monkeypatch.setattr(batches_view.QFileDialog, "getOpenFileName", lambda *a, **k: (opened.pop(0), ""))
    monkeypatch.setattr(batches_view.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    v.reconcile_button.click()
    qtbot.waitUntil(lambda: v.findings_table.isVisible() and v.findings_table.rowCount() == 2, timeout=20_000)
    assert out.exists() and "2 temuan" in v.status.text()
    niks = {v.findings_table.item(r, 1).text(): r for r in range(2)}
    assert set(niks) == {NURHAYATI, STRANGER}
    button = v.findings_table.cellWidget(niks[NURHAYATI], 5)
    assert button.text() == "Buka kasus penonaktifan"
    button.click()
    qtbot.waitUntil(lambda: not button.isEnabled(), timeout=20_000)
    assert "dibuka" in button.text() and "Kasus penonaktifan" in v.status.text()
    with office.db.read() as s:
        rows = s.exec(select(Case, Person).join(Person, Person.id == Case.person_id)
                      .where(Case.service_code == "penonaktifan")).all()
    assert [(p.nik, c.data["source"]["kind"]) for c, p in rows] == [(NURHAYATI, "rekonsiliasi")]
    assert not errors


def test_daily_list_for_bpjs_in_the_background(qtbot, office, admin, supervisor, errors, monkeypatch, tmp_path):
    """Seed Bandung: the supervisor writes today's list of recommended reactivations (XLSX + CSV) to a folder."""
    from openpyxl import load_workbook

    from app.services import bpjs_daily
    from tests.batches.test_bpjs_daily import _recommend
    from ui.dialogs.pick_day import DayDialog
    from ui.views import batches_view

    (cid,) = make_cases(office, "reaktivasi-rekom", 1, niks=[NURHAYATI])
    _recommend(office, cid, datetime.now(UTC), 7)
    v = make_view(qtbot, office, supervisor)
    assert v.daily_button.isVisible()
    monkeypatch.setattr(batches_view.QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    asked = []

    def answer(dlg) -> int:  # the day dialog: today is offered, no later day can be chosen; the officer says OK
        asked.append((dlg.day(), dlg.edit.maximumDate().toPython()))
        return 1

    monkeypatch.setattr(DayDialog, "exec", answer)
    v.daily_button.click()
    qtbot.waitUntil(lambda: "Daftar harian BPJS" in v.status.text(), timeout=20_000)
    assert "1 kasus" in v.status.text() and v.progress.value() == 100 and not errors
    today = bpjs_daily.today(office)
    assert asked == [(today, today)]
    (xlsx,) = tmp_path.glob(f"bpjs-harian_reaktivasi-rekom_{today.isoformat()}.xlsx")
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "NIK" and rows[1][0] == NURHAYATI and "400.9.11/7/Dinsos/XI/2026" in rows[1]
    assert v.open_folder_button.isVisible() and v.zip_folder == tmp_path


def test_puskesos_notices_for_the_selected_batch(qtbot, office, admin, supervisor, errors, monkeypatch, tmp_path):
    from ui.views import batches_view

    _officials(office, admin)
    make_cases(office, "penonaktifan", 2)
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11", with_letters=False)
    v = make_view(qtbot, office, supervisor)
    qtbot.waitUntil(lambda: v.table.rowCount() == 1, timeout=20_000)
    out = tmp_path / "puskesos"
    monkeypatch.setattr(batches_view.QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    v.puskesos_button.click()
    assert "Pilih dahulu batch" in v.status.text()
    v.table.selectRow(0)
    v.puskesos_button.click()
    qtbot.waitUntil(lambda: "pemberitahuan Puskesos diterbitkan" in v.status.text(), timeout=20_000)
    assert not errors and sorted(p.suffix for p in out.rglob("*.*")) == [".docx", ".xlsx"]
