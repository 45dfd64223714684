"""The batch page's lower half: contents, delivery history, ZIP check, waiting cases and carrying one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.db.models import Case
from app.services import batches, outbox
from app.services import settings as settings_svc
from tests.batches.conftest import _officials
from tests.batches.helpers import make_cases
from tests.ui.test_batches_view import make_view

pytestmark = pytest.mark.clock


@pytest.fixture
def supervisor(office, admin, make_user):
    _officials(office, admin)
    return make_user("supervisor")


def _select_batch(qtbot, v, row=0):
    qtbot.waitUntil(lambda: v.table.rowCount() > row, timeout=20_000)
    v.table.selectRow(row)
    qtbot.waitUntil(lambda: v.panel.items.rowCount() > 0, timeout=20_000)


def test_contents_history_and_zip_check(qtbot, office, admin, supervisor, tmp_path):
    make_cases(office, "penonaktifan", 3, data={"alasan": "meninggal"})
    res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    target = tmp_path / "kirim"
    target.mkdir()
    settings_svc.save(office, actor=admin, section=outbox.SECTION, value=outbox.DeliverySettings(folder=str(target)))
    outbox.send_pending(office, actor=supervisor, sleep=lambda _s: None)

    v = make_view(qtbot, office, supervisor)
    _select_batch(qtbot, v)
    p = v.panel
    assert p.items.rowCount() == 3
    assert {p.items.item(r, 2).text() for r in range(3)} == {"Warga 0", "Warga 1", "Warga 2"}
    assert all(len(p.items.item(r, 1).text()) == 16 for r in range(3))  # the supervisor sees whole NIKs
    qtbot.waitUntil(lambda: p.history.rowCount() == 1, timeout=20_000)
    assert p.history.item(0, 3).text() == "Berhasil" and str(target) in p.history.item(0, 2).text()

    p.verify_button.click()
    qtbot.waitUntil(lambda: "utuh" in p.verify_result.text(), timeout=20_000)
    Path(res.batch.zip_path).write_bytes(Path(res.batch.zip_path).read_bytes() + b"x")
    p.verify_button.click()
    qtbot.waitUntil(lambda: "BERMASALAH" in p.verify_result.text(), timeout=20_000)
    assert "SHA-256" in p.verify_result.text()


def test_waiting_case_of_a_closed_period_is_carried(qtbot, office, supervisor):
    make_cases(office, "penonaktifan", 2)
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    late = make_cases(office, "penonaktifan", 1, start=40, ready_at=datetime(2026, 11, 20, 3, tzinfo=UTC))[0]

    v = make_view(qtbot, office, supervisor)
    v.service.setCurrentIndex(v.service.findData("penonaktifan"))
    p = v.panel
    qtbot.waitUntil(lambda: p.waiting_table.rowCount() == 1, timeout=20_000)
    # November is closed: the late case joins December's batch by itself; carrying it stays possible
    assert [p.waiting_table.item(0, c).text() for c in (2, 3)] == ["2026-12", "Periode sudah ditutup"]
    assert "sudah ditutup" in p.waiting_title.text() and "dengan sendirinya" in p.waiting_title.text()
    assert not p.carry_button.isHidden() and not p.carry_button.isEnabled()
    p.waiting_table.selectRow(0)
    assert p.carry_button.isEnabled()

    p.carry(late, "2026-12", "berkas kelurahan baru lengkap")
    qtbot.waitUntil(lambda: p.waiting_table.rowCount() == 1  # now ready in December itself
                    and p.waiting_table.item(0, 3).text() == "", timeout=20_000)
    assert p.waiting_table.item(0, 2).text() == "2026-12"
    with office.db.read() as s:
        assert s.get(Case, late).batch_ready_at.astimezone(UTC) == datetime(2026, 11, 30, 17, tzinfo=UTC)


def test_the_oldest_waiting_period_is_offered_by_its_service_name(qtbot, office, supervisor):
    make_cases(office, "penonaktifan", 1, ready_at=datetime(2026, 9, 14, 3, tzinfo=UTC))
    v = make_view(qtbot, office, supervisor)
    qtbot.waitUntil(lambda: v.closable.count() > 0, timeout=20_000)
    first = v.closable.itemText(0)
    assert "September 2026" in first and "1 berkas" in first and "urutan 1" in first
    assert "Penonaktifan" in first and "(penonaktifan)" not in first


def test_roles_without_carry_or_full_nik(qtbot, office, supervisor, make_user):
    make_cases(office, "penonaktifan", 1)
    batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    v = make_view(qtbot, office, make_user("kabid_linjamsos"))
    _select_batch(qtbot, v)
    assert "*" in v.panel.items.item(0, 1).text()
    assert v.panel.carry_button.isHidden()
