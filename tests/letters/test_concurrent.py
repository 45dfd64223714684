"""Several counters issuing at once on one database: no number twice, none skipped (SPEC §3)."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlmodel import select

from app.db.models import Letter

PROCESSES, PER_PROCESS = 4, 10


def _worker(data_dir: str, actor_tuple: tuple, start_at: float, n: int) -> list[tuple[str, int]]:
    from app.context import open_office
    from app.documents.examples import example_data
    from app.services import letters, users

    office = open_office(data_dir, migrate=False)
    uid, username, full_name, roles = actor_tuple
    actor = users.actor_by_id(office, uid)  # the core re-reads the roles: a hand-built Actor is refused
    data = example_data("rujukan_dtsen")
    out = []
    try:
        while time.time() < start_at:
            time.sleep(0.01)
        for _ in range(n):
            info = letters.issue_letter(office, actor=actor, letter_type="rujukan_dtsen", data=data)
            out.append((info.number, info.serial))
    finally:
        office.close()
    return out


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_parallel_processes_never_duplicate_or_skip(backend, tmp_path, request):
    from app.services import audit
    from app.services.integrity import run_checks
    from tests.conftest import _open
    from tests.letters.conftest import setup_letters

    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    o = _open(tmp_path, url)
    try:
        _admin, clerk, _boss = setup_letters(o)
        actor_tuple = (clerk.id, clerk.username, clerk.full_name, sorted(clerk.roles))
        start_at = time.time() + 4.0
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=PROCESSES, mp_context=ctx) as pool:
            futures = [pool.submit(_worker, str(o.dirs.root), actor_tuple, start_at, PER_PROCESS)
                       for _ in range(PROCESSES)]
            results = [f.result(timeout=300) for f in futures]
        numbers = [n for r in results for n, _ in r]
        serials = sorted(s for r in results for _, s in r)
        total = PROCESSES * PER_PROCESS
        assert len(numbers) == total and len(set(numbers)) == total          # never twice
        assert serials == list(range(1, total + 1))                         # never skipped
        with o.db.read() as s:
            rows = s.exec(select(Letter)).all()
            assert sorted(r.serial for r in rows) == serials
            assert audit.verify_chain(s).ok
        files = sorted(p.name for p in o.dirs.letters.rglob("umum-*.docx"))
        assert len(files) == total
        assert run_checks(o).ok
    finally:
        o.close()
