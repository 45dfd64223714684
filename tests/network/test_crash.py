"""SIGKILL while a Dinas applies packages: each package is there entirely or not at all, and the same files
applied again afterwards finish the job exactly once."""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select as sql_select

from app.context import open_office
from app.db.models import Attachment, Case, ChecklistItem, NetworkCase, NetworkPackage, StepLog
from app.network import enrolment, identity
from app.services import setup, users
from app.services.integrity import run_checks
from bench.network_data import seal_package, write_request

REPO = Path(__file__).resolve().parents[2]
PACKAGES, CASES, KILLS = 4, 250, 6


def _prepare(root: Path, work: Path) -> tuple[list[Path], str]:
    office = open_office(root)
    try:
        setup.first_run(office, setup.FirstRun(
            profile={"government": "PEMERINTAH KOTA PANGKALPINANG", "region_name": "Pangkalpinang",
                     "city": "Pangkalpinang"}, admin_username="admin", admin_full_name="Admin",
            admin_password="rahasia-123"))
        admin = users.login(office, username="admin", password="rahasia-123")
        ident = identity.set_up(office, kind="dinas", name="Dinas Sosial", code="DINSOS-PKP", actor=admin)
        req, keys = write_request(work, 0)
        code = enrolment.enrol(office, actor=admin, request=req, out=work / "pendaftaran.json").code
        files = [seal_package(work, k=0, keys=keys, sender=code, receiver="DINSOS-PKP", receiver_box=ident.box_public,
                              sequence=seq, cases=CASES, first_index=(seq - 1) * CASES)
                 for seq in range(1, PACKAGES + 1)]
        return files, code
    finally:
        office.close()


def _state(root: Path, code: str) -> tuple[list[int], list[str]]:
    """Cases per package sequence, and every inconsistency found."""
    problems = []
    con = sqlite3.connect(root / "loket-pbi.sqlite3")
    try:
        if [r[0] for r in con.execute("PRAGMA integrity_check")] != ["ok"]:
            problems.append("integrity_check failed")
    finally:
        con.close()
    office = open_office(root, migrate=False)
    try:
        report = run_checks(office)
        if not report.ok:
            problems.append(" | ".join(report.lines))
        per_seq = []
        with office.db.read() as s:
            for seq in range(1, PACKAGES + 1):
                n = s.exec(sql_select(func.count()).select_from(NetworkCase)
                           .where(NetworkCase.origin_office == code, NetworkCase.package_sequence == seq)).one()
                recorded = s.exec(sql_select(NetworkPackage).where(NetworkPackage.sequence == seq)).first()
                if n not in (0, CASES) or (recorded is not None) != (n == CASES):
                    problems.append(f"package {seq}: {n} cases, recorded={recorded is not None}")
                per_seq.append(n)
            cases = s.exec(sql_select(func.count()).select_from(Case)).one()
            items = s.exec(sql_select(func.count()).select_from(ChecklistItem)).one()
            logs = s.exec(sql_select(func.count()).select_from(StepLog)).one()
            if cases != sum(per_seq) or items != 3 * cases or logs != cases:
                problems.append(f"{cases} cases, {items} checklist items, {logs} step logs")
            assert s.exec(sql_select(func.count()).select_from(Attachment)).one() == 0
    finally:
        office.close()
    return per_seq, problems


def test_sigkill_during_import_leaves_each_package_whole_or_absent(tmp_path):
    root, work = tmp_path / "dinas", tmp_path / "paket"
    work.mkdir()
    pristine = tmp_path / "dinas-awal"
    files, code = _prepare(pristine, work)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    rng = random.Random(20261206)
    seen: set[tuple[int, ...]] = set()
    for kill in range(KILLS):
        # every kill but the last starts again from the untouched office, so that the kills land at different
        # points of the work whatever the speed of the machine (cumulative kills on a fast machine all landed
        # after the last package); the last kills an office already killed before, then the run finishes it
        if kill < KILLS - 1 or not root.exists():
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(pristine, root)
        args = [sys.executable, "-m", "tests.network.crash_child", str(root), json.dumps([str(f) for f in files])]
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            line = proc.stdout.readline() if ready else b""  # type: ignore[union-attr]
            assert line.strip() == b"ready", proc.stderr.read().decode(errors="replace")[-2000:]  # type: ignore
            # let a random number of packages finish, then kill a moment later: during the next one or between
            # two, whatever the speed of the machine
            for _done in range(kill % PACKAGES):
                ready, _, _ = select.select([proc.stdout], [], [], 120)
                assert ready and proc.stdout.readline().startswith(b"applied")  # type: ignore[union-attr]
            time.sleep(rng.uniform(0.0, 0.2))
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        per_seq, problems = _state(root, code)
        assert problems == []
        seen.add(tuple(per_seq))
    # the kills landed at different points of the work (not all before or all after it)
    assert len(seen) >= 2, seen
    args = [sys.executable, "-m", "tests.network.crash_child", str(root), json.dumps([str(f) for f in files])]
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    per_seq, problems = _state(root, code)
    assert problems == [] and per_seq == [CASES] * PACKAGES
