"""SIGKILL at random moments while cases are saved, letters numbered, DTSEN imported and batches closed."""

from __future__ import annotations

import sys

import pytest

from tests.reliability.crash import run_crashes
from tests.reliability.figures import long_mode, record

KILLS = 200 if long_mode() else 20


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL harness needs a POSIX system")
def test_random_kills_lose_nothing(tmp_path):
    stats = run_crashes(tmp_path / "data", KILLS)
    record("crash", {"kills": stats.kills, "journaled_successes": stats.journaled_total,
                     "by_operation": dict(stats.journaled), "lost": len(stats.lost),
                     "problems": len(stats.problems),
                     "stray_zips_of_rolled_back_closes": len(stats.stray_zips),
                     "letters": stats.letters, "cases": stats.cases,
                     "batches": stats.batches, "dtsen_imports": stats.dtsen_imports,
                     "seconds": round(stats.seconds, 1)})
    assert stats.kills == KILLS
    assert stats.lost == []
    assert stats.problems == []
    # The kills landed during real work of every kind.
    assert stats.journaled["case"] and stats.journaled["letter"]
    if KILLS >= 20:
        assert stats.journaled["dtsen"] and stats.journaled["batch"]
