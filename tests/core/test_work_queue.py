"""The counter queue rule: what an officer can act on now, urgent first then by due time (no Qt)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import ValidationError
from app.services import cases, work_queue
from tests.services.helpers import Staff, advance, at, kk, nik

DOCS = ["kk", "ktp", "kis", "surat_pernyataan"]
T0 = at(2026, 11, 3, 9)  # Tuesday 09:00 WIB


@pytest.fixture
def staff(any_office, any_admin):
    return Staff(any_office, any_admin)


def _penonaktifan(office, fo, i: int, *, urgent: bool = False, now=T0, complete: bool = True):
    return cases.open_case(office, actor=fo, service_code="penonaktifan", nik=nik(i), name=f"Warga {i}",
                           no_kk=kk(i), received=DOCS if complete else ["kk"], urgent=urgent,
                           data={"reason_code": "mampu"}, now=now)


def _ids(rows):
    return [r.id for r in rows]


def test_mine_is_my_step_urgent_first_then_due(any_office, staff):
    o, fo, bo = any_office, staff.front_office, staff.back_office
    early = _penonaktifan(o, fo, 1, now=T0)
    late_urgent = _penonaktifan(o, fo, 2, urgent=True, now=T0 + timedelta(hours=2))
    middle = _penonaktifan(o, fo, 3, now=T0 + timedelta(hours=1))
    waiting_for_applicant = _penonaktifan(o, fo, 4, complete=False)  # no service time running: not mine
    moved = _penonaktifan(o, fo, 5)
    advance(o, actor=fo, case_id=moved.id, version=moved.version, now=T0 + timedelta(minutes=5))  # to back office
    now = T0 + timedelta(hours=3)
    mine = work_queue.queue_page(o, actor=fo, view="mine", now=now)
    assert _ids(mine) == [late_urgent.id, early.id, middle.id]
    assert all(r.actionable for r in mine) and mine[0].urgent
    others = work_queue.queue_page(o, actor=fo, view="others", now=now)
    assert set(_ids(others)) == {waiting_for_applicant.id, moved.id}
    assert _ids(others)[-1] == waiting_for_applicant.id  # no due time: last
    assert not any(r.actionable for r in others)
    assert _ids(work_queue.queue_page(o, actor=bo, view="mine", now=now)) == [moved.id]
    everything = work_queue.queue_page(o, actor=fo, view="all", now=now)
    assert _ids(everything)[0] == late_urgent.id and len(everything) == 5
    counts = work_queue.queue_counts(o, actor=fo, now=now)
    assert (counts.mine, counts.all, counts.others, counts.urgent_mine) == (3, 5, 2, 1)


def test_late_counts_only_what_is_late_and_mine(any_office, staff):
    o, fo, bo = any_office, staff.front_office, staff.back_office
    mine_late = _penonaktifan(o, fo, 1, now=T0 - timedelta(days=3))
    others_late = _penonaktifan(o, fo, 2, now=T0 - timedelta(days=3))
    advance(o, actor=fo, case_id=others_late.id, version=others_late.version, now=T0 - timedelta(days=3))
    _penonaktifan(o, fo, 3, now=T0)  # mine, on time
    counts = work_queue.queue_counts(o, actor=fo, now=T0 + timedelta(hours=1))
    assert counts.late == 1  # the back office's late case is not this officer's
    late = work_queue.queue_page(o, actor=fo, view="late", now=T0 + timedelta(hours=1))
    assert _ids(late) == [mine_late.id] and late[0].late
    assert work_queue.queue_counts(o, actor=bo, now=T0 + timedelta(hours=1)).late == 1


def test_paraf_chain_is_mine_only_on_my_turn(any_office, staff):
    o, fo, bo = any_office, staff.front_office, staff.back_office
    c = _penonaktifan(o, fo, 1)
    c = advance(o, actor=fo, case_id=c.id, version=c.version, now=T0)
    c = advance(o, actor=bo, case_id=c.id, version=c.version, now=T0)
    c = advance(o, actor=bo, case_id=c.id, version=c.version, now=T0)
    assert c.current_step == "paraf"
    now = T0 + timedelta(minutes=30)
    kasi, kabid, sek = staff.kasi_linjamsos, staff.kabid_linjamsos, staff.sekretaris
    assert _ids(work_queue.queue_page(o, actor=kasi, view="mine", now=now)) == [c.id]
    assert work_queue.queue_page(o, actor=kabid, view="mine", now=now) == []
    c = cases.paraf(o, actor=kasi, case_id=c.id, version=c.version, now=now)
    assert work_queue.queue_page(o, actor=kasi, view="mine", now=now) == []
    assert _ids(work_queue.queue_page(o, actor=kabid, view="mine", now=now)) == [c.id]
    assert _ids(work_queue.queue_page(o, actor=sek, view="others", now=now)) == [c.id]
    assert work_queue.queue_counts(o, actor=kabid, now=now).mine == 1


def test_pages_do_not_overlap(any_office, staff):
    o, fo = any_office, staff.front_office
    made = [_penonaktifan(o, fo, i, urgent=i % 3 == 0, now=T0 + timedelta(minutes=i)) for i in range(1, 8)]
    pages = [work_queue.queue_page(o, actor=fo, view="mine", limit=3, offset=k, now=T0) for k in (0, 3, 6)]
    seen = [r.id for p in pages for r in p]
    assert sorted(seen) == sorted(c.id for c in made) and len(seen) == len(set(seen))
    assert [r.urgent for p in pages for r in p] == [True, True] + [False] * 5


def test_default_view_and_refusals(office, admin, make_user):
    fo = make_user("front_office")
    supervisor = make_user("supervisor")
    assert work_queue.default_view(office, actor=fo) == "mine"
    assert work_queue.default_view(office, actor=supervisor) == "all"
    with pytest.raises(ValidationError, match="tidak dikenal"):
        work_queue.queue_page(office, actor=fo, view="semua")
    with pytest.raises(ValidationError, match="Halaman"):
        work_queue.queue_page(office, actor=fo, view="all", limit=0)
