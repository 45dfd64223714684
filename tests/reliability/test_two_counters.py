"""Two (here: four) counters on one PostgreSQL database at the same moment (SPEC §3, §6, §7).

Every process drives the *same* cases through the whole penonaktifan workflow (advance, paraf by
Kasi → Kabid → Sekretaris, signature by Kepala Dinas), races to open the same applicants, and issues
letters in between. Afterwards: every transition happened exactly once (no lost update, no double
advance), every loser got a ConflictError telling them to reload, and no letter number is duplicated
or skipped. tests/letters/test_concurrent.py covers letters alone; this mixes them with case work.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlmodel import select

from app.db.models import Case, Letter, StepLog
from tests.reliability.figures import long_mode, record

PROCESSES = 4
SHARED_CASES = 12 if long_mode() else 6
SHARED_APPLICANTS = 10
ROLES = ("front_office", "back_office", "kasi_linjamsos", "kabid_linjamsos", "sekretaris", "kepala_dinas",
         "supervisor")


def _worker(data_dir: str, actors: dict, case_ids: list[int], niks: list[str], start_at: float, seed: int) -> dict:
    import random

    from app.context import open_office
    from app.documents.examples import example_data
    from app.errors import ConflictError, LoketError
    from app.services import case_letters, cases, letters, users

    office = open_office(data_dir, migrate=False)
    who = {r: users.actor_by_id(office, a[0]) for r, a in actors.items()}
    rng = random.Random(seed)
    out: dict = {"moves": [], "conflicts": 0, "conflict_messages": set(), "opened": [], "open_refused": 0,
                 "letters": [], "case_letters": [], "other_errors": []}
    letter_data = example_data("rujukan_dtsen")
    try:
        while time.time() < start_at:
            time.sleep(0.005)
        # 1. Everyone registers the same applicants at once: one case each, the rest refused.
        for nik in niks:
            try:
                c = cases.open_case(office, actor=who["front_office"], service_code="penonaktifan", nik=nik,
                                    name="Pemohon Rebutan", received=["kk", "ktp", "kis", "surat_pernyataan"])
                out["opened"].append((nik, c.id))
            except LoketError as exc:
                out["open_refused"] += 1
                if isinstance(exc, ConflictError):
                    out["conflict_messages"].add(str(exc))
        # 2. Everyone drives every shared case to the end; whoever is second gets "reload".
        pending = list(case_ids)
        stuck: Counter = Counter()  # a case that never moves fails the test instead of hanging it
        while pending:
            cid = pending[0]  # all counters on the same file at the same time: maximum contention
            c = cases.get_case(office, actor=who["back_office"], case_id=cid)
            if c.status == "selesai":
                pending.remove(cid)
                continue
            stuck[(cid, c.version)] += 1
            if stuck[(cid, c.version)] > 200:
                out["other_errors"].append(f"{cid} stuck at {c.current_step} (version {c.version})")
                break
            time.sleep(rng.random() * 0.02)  # the officer reads the screen; others may act meanwhile
            try:
                if not c.paraf_next:
                    actor = who[c.step_roles[0]]
                    for act in case_letters.available(office, actor=actor, case_id=cid):
                        if act.act == "issue" and act.key != "tanda_terima":  # the step's letter first
                            try:
                                lt = case_letters.issue_document(office, actor=actor, case_id=cid, key=act.key)
                                out["case_letters"].append((cid, lt.number))
                            except LoketError:
                                pass  # another counter issued it first, or moved the case: issued once
                            c = cases.get_case(office, actor=who["back_office"], case_id=cid)
                    if c.status == "selesai":
                        continue
                if c.paraf_next:
                    new = cases.paraf(office, actor=who[c.paraf_next], case_id=cid, version=c.version)
                else:
                    data = None if "reason_code" in c.data else {"reason_code": "mampu"}
                    new = cases.advance(office, actor=who[c.step_roles[0]], case_id=cid, version=c.version,
                                        data=data)
                out["moves"].append((cid, c.version, c.current_step, new.version))
            except ConflictError as exc:
                out["conflicts"] += 1
                out["conflict_messages"].add(str(exc))
            except LoketError as exc:
                out["other_errors"].append(f"{cid} at {c.current_step}: {exc}")
            if rng.random() < 0.5:
                info = letters.issue_letter(office, actor=who["front_office"], letter_type="rujukan_dtsen",
                                            data=letter_data, pdf=False)
                out["letters"].append((info.number, info.serial))
    finally:
        office.close()
    out["conflict_messages"] = sorted(out["conflict_messages"])
    return out


@pytest.mark.postgres
def test_four_counters_on_one_postgresql_database(tmp_path, pg_url):
    from app.services import cases, users
    from app.services.integrity import run_checks
    from tests.conftest import _open
    from tests.letters.conftest import setup_letters
    from tests.reliability.crash_child import nik_for

    o = _open(tmp_path, pg_url)
    try:
        admin, _clerk, _boss = setup_letters(o)
        actors = {}
        for role in ROLES:
            a = users.actor_for(users.add_user(o, actor=admin, username=f"pg_{role}", full_name=f"Petugas {role}",
                                               password="rahasia-123", roles=[role]))
            actors[role] = [a.id, a.username, a.full_name, sorted(a.roles)]
        fo = users.actor_for(users.add_user(o, actor=admin, username="pg_opener", full_name="Pembuka",
                                            password="rahasia-123", roles=["front_office"]))
        first = {}
        for i in range(SHARED_CASES):
            c = cases.open_case(o, actor=fo, service_code="penonaktifan", nik=nik_for(i), name=f"Warga {i}",
                                received=["kk", "ktp", "kis", "surat_pernyataan"])
            first[c.id] = c.version
        case_ids = list(first)
        niks = [nik_for(1000 + i) for i in range(SHARED_APPLICANTS)]
        start_at = time.time() + 4.0
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=PROCESSES, mp_context=ctx) as pool:
            futures = [pool.submit(_worker, str(o.dirs.root), actors, case_ids, niks, start_at, seed)
                       for seed in range(PROCESSES)]
            results = [f.result(timeout=600) for f in futures]

        assert [e for r in results for e in r["other_errors"]] == []
        # Same applicants at once: exactly one case each, every other attempt refused.
        opened = [x for r in results for x in r["opened"]]
        assert sorted(n for n, _ in opened) == sorted(niks)
        assert sum(r["open_refused"] for r in results) == (PROCESSES - 1) * SHARED_APPLICANTS
        # No lost update: every successful move started from a different version of its case.
        moves = [m for r in results for m in r["moves"]]
        starts = Counter((cid, v) for cid, v, _step, _new in moves)
        assert max(starts.values()) == 1, "two counters moved the same case from the same version"
        conflicts = sum(r["conflicts"] for r in results)
        messages = {m for r in results for m in r["conflict_messages"]}
        assert messages and all("muat ulang" in m for m in messages)
        with o.db.read() as s:
            for cid in case_ids:
                case = s.get(Case, cid)
                assert case.status == "selesai"
                log = s.exec(select(StepLog).where(StepLog.case_id == cid)).all()
                mine = [m for m in moves if m[0] == cid]
                # every recorded transition is one successful call, and vice versa
                assert len([e for e in log if e.action in ("advance", "paraf", "close")]) == len(mine)
                letters_here = [x for r in results for x in r["case_letters"] if x[0] == cid]
                # each success moved the case exactly once; issuing the step's letter is a change too
                assert case.version - first[cid] == len(mine) + len(letters_here)
            rows = s.exec(select(Letter.number, Letter.serial)).all()
        numbers = [n for r in results for n, _ in r["letters"]]
        assert len(numbers) == len(set(numbers))
        serials = sorted(sr for _n, sr in rows)  # one agenda register: no gap, no repeat, across letter types
        assert serials == list(range(1, len(serials) + 1))
        # the step's letter: issued once per case, whichever counter got there first
        issued = [x for r in results for x in r["case_letters"]]
        assert sorted(cid for cid, _n in issued) == sorted(case_ids) and len({n for _c, n in issued}) == len(issued)
        assert run_checks(o).ok
        record("two_counters", {"processes": PROCESSES, "shared_cases": SHARED_CASES,
                                "successful_moves": len(moves), "conflicts_reported_as_reload": conflicts,
                                "same_applicant_open_attempts": PROCESSES * SHARED_APPLICANTS,
                                "same_applicant_refused": sum(r["open_refused"] for r in results),
                                "letters": len(numbers), "duplicate_numbers": len(numbers) - len(set(numbers)),
                                "lost_updates": sum(v - 1 for v in starts.values())})
    finally:
        o.close()
