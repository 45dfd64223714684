"""Jamkesda ranking screen: the period against the quota, the waiting list, and the score sheet."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox

from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import cases, settings
from tests.core.test_case_queries import _to_ranking
from tests.services.conftest import officials  # noqa: F401  (fixture: signers for the SK letter)
from tests.ui.casedata import new_runner, settle

pytestmark = pytest.mark.clock


@pytest.fixture(autouse=True)
def _quota_year_2026(pinned):
    """The screen opens on the current quota period; the applicants below are of 2026 (opened in March), so
    the clock is pinned inside 2026 (else the test fails from 1 January 2027)."""


def test_rank_then_waiting_list_and_score_sheet(qtbot, office, admin, staff, monkeypatch):
    from ui.session import UiSession
    from ui.views.jamkesda_view import JamkesdaView

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, jamkesda_quota=1))
    a = _to_ranking(office, staff, 1, met=6)
    b = _to_ranking(office, staff, 2, met=8)
    runner = new_runner()
    v = JamkesdaView(UiSession(office, staff.back_office, runner))
    qtbot.addWidget(v)
    v.show()
    settle()
    assert v.table.rowCount() == 2
    v.period.setText(a.data["quota_period"])
    v.refresh()
    settle()
    assert "belum diperingkat: <b>2</b>" in v.quota.text()
    assert "Kuota periode" in v.quota.text() and "<b>1</b> peserta" in v.quota.text()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    v.rank_button.click()
    settle()
    assert "daftar tunggu: <b>1</b>" in v.quota.text()
    assert [v.table.item(r, 1).text() for r in range(2)] == [b.reg_number, a.reg_number]
    assert v.table.item(0, 7).text().startswith("Layak") and v.table.item(1, 7).text() == "Daftar tunggu"
    assert cases.get_case(office, actor=staff.back_office, case_id=b.id).current_step == "pemberitahuan"

    v.table.selectRow(1)
    settle()
    assert "Jumlah <b>6</b>" in v.sheet.text()
    assert "batas layak 5" in v.sheet.text() and "✗" in v.sheet.text()


def test_front_office_cannot_rank(qtbot, office, staff):
    from ui.session import UiSession
    from ui.views.jamkesda_view import JamkesdaView

    v = JamkesdaView(UiSession(office, staff.front_office, new_runner()))
    qtbot.addWidget(v)
    settle()
    assert "Layak" in v.quota.text()
    assert not v.rank_button.isVisibleTo(v)


def test_participant_leaves_and_the_waiting_list_moves_up(qtbot, office, admin, staff, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from app.services import jamkesda
    from ui.session import UiSession
    from ui.views import jamkesda_view

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, jamkesda_quota=1))
    a = _to_ranking(office, staff, 1, met=6)
    b = _to_ranking(office, staff, 2, met=8)
    jamkesda.rank_period(office, actor=staff.back_office, period=a.data["quota_period"])
    v = jamkesda_view.JamkesdaView(UiSession(office, staff.back_office, new_runner()))
    qtbot.addWidget(v)
    settle()
    assert v.table.rowCount() == 2
    v.table.selectRow(1)
    assert not v.release_button.isEnabled()  # waiting list: not a participant
    v.table.selectRow(0)
    assert v.release_button.isEnabled()

    def leave(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData("meninggal"))
        dialog.note.setText("Surat Keterangan Kematian kelurahan")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(jamkesda_view.ReleaseDialog, "exec", leave)
    v.release_button.click()
    qtbot.waitUntil(lambda: any(v.table.item(r, 7).text() == "Keluar dari kuota" for r in range(v.table.rowCount())),
                    timeout=20_000)
    decisions = {v.table.item(r, 1).text(): v.table.item(r, 7).text() for r in range(v.table.rowCount())}
    assert decisions[a.reg_number].startswith("Layak") and decisions[b.reg_number] == "Keluar dari kuota"


def test_one_strict_ranking_per_period_each_row_explained(qtbot, office, admin, staff):
    """Two ranking runs used to show ranks 1,1,2,2 with a 9 below an 8: now one ranking, 1, 2, 3, 4, by score."""
    from app.services import jamkesda
    from ui.session import UiSession
    from ui.views.jamkesda_view import JamkesdaView

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, jamkesda_quota=2))
    first = [_to_ranking(office, staff, i, met=met) for i, met in ((1, 8), (2, 6), (3, 6))]
    period = first[0].data["quota_period"]
    jamkesda.rank_period(office, actor=staff.back_office, period=period)
    late = _to_ranking(office, staff, 4, met=9)  # arrives after the first run
    jamkesda.rank_period(office, actor=staff.back_office, period=period)
    v = JamkesdaView(UiSession(office, staff.back_office, new_runner()))
    qtbot.addWidget(v)
    v.resize(1100, 600)
    v.show()
    qtbot.waitUntil(lambda: v.table.rowCount() == 4, timeout=20_000)
    ranks = [v.table.item(r, 0).text() for r in range(4)]
    scores = [float(v.table.item(r, 3).text().replace(",", ".")) for r in range(4)]
    assert ranks == ["1", "2", "3", "4"] and scores == sorted(scores, reverse=True) == [9, 8, 6, 6]
    assert v.table.item(0, 1).text() == late.reg_number
    assert "skor tertinggi" in v.table.item(0, 8).text()
    assert "skor lebih rendah (8 < 9)" in v.table.item(1, 8).text()
    assert "nomor registrasi" in v.table.item(3, 8).text()  # a tie is broken by a published key, and says which
    v.table.selectRow(3)
    qtbot.waitUntil(lambda: "Peringkat <b>4</b>" in v.sheet.text(), timeout=20_000)
    assert "Jumlah <b>6</b>" in v.sheet.text()


@pytest.mark.usefixtures("officials")
def test_sk_request_button_issues_the_periods_one_letter(qtbot, office, admin, staff, monkeypatch):
    from app.documents.render import docx_text
    from app.services import jamkesda
    from tests.services.test_jamkesda_gates import _to_feedback_step
    from ui.session import UiSession
    from ui.views.jamkesda_view import JamkesdaView

    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION, value=replace(cfg, jamkesda_quota=1))
    a = _to_ranking(office, staff, 1, met=6)
    jamkesda.rank_period(office, actor=staff.back_office, period=a.data["quota_period"])
    c = _to_feedback_step(office, staff, a, None)
    cases.advance(office, actor=staff.back_office, case_id=c.id, version=c.version,
                  data={"bpjs_feedback": {"status": "diterima", "reference": "BA-7/KC/2026"}})
    v = JamkesdaView(UiSession(office, staff.kepala_dinas, new_runner()))
    qtbot.addWidget(v)
    v.show()
    settle()
    v.period.setText(a.data["quota_period"])
    assert v.sk_button.isVisible()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    v.sk_button.click()
    settle()
    assert a.reg_number in asked[0] and "hanya diterbitkan sekali" in asked[0]
    assert v.last_sk is not None and v.last_sk.reg_numbers == (a.reg_number,)
    assert told == [f"Surat nomor {v.last_sk.number} diterbitkan untuk 1 peserta."]
    assert "Warga 1" in docx_text(v.last_sk.docx_path)
    assert cases.get_case(office, actor=staff.back_office, case_id=a.id).current_step == "arsip"
    v.sk_button.click()  # nothing left: told so, no second letter
    settle()
    assert "Sudah diterbitkan: " + v.last_sk.number in told[-1] and len(asked) == 1
