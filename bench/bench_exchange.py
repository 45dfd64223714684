"""A Dinas on PostgreSQL imports the monthly packages of its kelurahan, against a bare insert of the same rows.

    python bench/bench_exchange.py --kelurahan 50 --cases 500      # issue 19: 50 packages of 500 cases

Setup (not timed): a throw-away PostgreSQL server (or ``--url``), a Dinas office, 50 kelurahan enrolled with
real request and enrolment files, and one sealed package of 500 handed-over cases (no scans) from each.
Timed: the Dinas applies all packages through :func:`app.network.incoming.receive_file` — decrypting,
checking signatures and sequence numbers, looking people up by NIK and writing every case with its checklist,
step log and origin, one transaction per package — in a child process whose peak memory is its own.
Reference: the same rows (people, families, cases, checklist, step log, origin links) inserted into an empty
database of the same schema with plain multi-row INSERT statements, one transaction per package.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.network_data import case_entry, seal_package, write_request  # noqa: E402

DINAS = "DINSOS-BENCH"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from app.context import open_office
from app.network import incoming
from app.services import users
office = open_office(sys.argv[1])
actor = users.login(office, username="admin", password="rahasia-123")
files = json.loads(sys.argv[2])
t = time.perf_counter()
cases = 0
for f in files:
    r = incoming.receive_file(office, actor=actor, path=Path(f))
    assert r.status == "applied", r
    cases += r.counts.get("cases", 0)
took = time.perf_counter() - t
office.close()
print(json.dumps({"seconds": took, "cases": cases,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _office(root: Path, url: str):
    from app.config import LocalConfig
    from app.context import open_office

    root.mkdir(parents=True, exist_ok=True)
    LocalConfig(database_url=url).save(root / "config.json")
    return open_office(root)


def prepare(work: Path, url: str, kelurahan: int, cases: int) -> list[Path]:
    from app.network import enrolment, identity
    from app.services import setup, users

    office = _office(work / "dinas", url)
    try:
        setup.first_run(office, setup.FirstRun(
            profile={"government": "PEMERINTAH KOTA BENCH", "region_name": "Bench", "city": "Bench"},
            admin_username="admin", admin_full_name="Admin", admin_password="rahasia-123"))
        admin = users.login(office, username="admin", password="rahasia-123")
        ident = identity.set_up(office, kind="dinas", name="Dinas Sosial Kota Bench", code=DINAS, actor=admin)
        files = []
        (work / "berkas").mkdir()
        (work / "paket").mkdir()
        for k in range(kelurahan):
            req, keys = write_request(work / "berkas", k)
            info = enrolment.enrol(office, actor=admin, request=req, out=work / "berkas" / f"pendaftaran-{k}.json")
            files.append(seal_package(work / "paket", k=k, keys=keys, sender=info.code, receiver=DINAS,
                                      receiver_box=ident.box_public, sequence=1, cases=cases, first_index=k * cases))
        return files
    finally:
        office.close()


def _d(v):
    return datetime.fromisoformat(v) if v else None


def reference(work: Path, url: str, kelurahan: int, cases: int) -> float:
    """Plain INSERTs of the same rows, one transaction per package (rows built before the clock starts)."""
    from sqlalchemy import insert

    from app.db.models import Case, ChecklistItem, Family, NetworkCase, Person, StepLog

    office = _office(work / "ref", url)
    try:
        now = datetime.now().astimezone()
        packages = []
        for k in range(kelurahan):
            entries = [case_entry(k * cases + j, k) for j in range(cases)]
            people = [{**{f: (v if v is not None else "") for f, v in e["person"].items()},
                       "birth_date": date.fromisoformat(e["person"]["birth_date"]), "card_number": None,
                       "created_at": now, "updated_at": now} for e in entries]
            kks = sorted({e["no_kk"] for e in entries})
            packages.append((k, entries, people, [{"no_kk": x, "address": "", "created_at": now} for x in kks]))
        engine = office.db.write_engine
        t = time.perf_counter()
        for k, entries, people, families in packages:
            with engine.begin() as conn:
                pid = dict((n, i) for i, n in conn.execute(
                    insert(Person.__table__).returning(Person.__table__.c.id, Person.__table__.c.nik,
                                                       sort_by_parameter_order=True), people).all())
                fid = dict((n, i) for i, n in conn.execute(
                    insert(Family.__table__).returning(Family.__table__.c.id, Family.__table__.c.no_kk,
                                                       sort_by_parameter_order=True), families).all())
                code = f"KEL-{k}"
                rows = [{"reg_number": f"{code}/{e['reg_number']}", "service_code": e["service_code"],
                         "person_id": pid[e["person"]["nik"]], "family_id": fid[e["no_kk"]],
                         "family_relation": e["family_relation"], "status": e["status"],
                         "current_step": e["current_step"], "urgent": False, "data": e["data"], "counter": code,
                         "created_by": None, "opened_at": _d(e["opened_at"]), "updated_at": now,
                         "step_started_at": _d(e["step_started_at"]), "closed_at": None, "due_at": _d(e["due_at"]),
                         "outcome": "", "outcome_reason": "", "batch_ready_at": None, "batch_id": None,
                         "version": 1, "owner_office": None} for e in entries]
                cid = dict((r, i) for i, r in conn.execute(
                    insert(Case.__table__).returning(Case.__table__.c.id, Case.__table__.c.reg_number,
                                                     sort_by_parameter_order=True), rows).all())
                checklist, logs, links = [], [], []
                for e in entries:
                    c = cid[f"{code}/{e['reg_number']}"]
                    checklist += [{"case_id": c, "code": i["code"], "label": i["label"], "required": True,
                                   "received": True, "note": "", "updated_by": None, "updated_at": _d(i["updated_at"])}
                                  for i in e["checklist"]]
                    logs += [{"case_id": c, "step": g["step"], "action": g["action"], "to_step": g["to_step"],
                              "user_id": None, "reason": g["reason"], "started_at": _d(g["started_at"]),
                              "finished_at": _d(g["finished_at"]), "duration_seconds": g["duration_seconds"],
                              "standard_minutes": g["standard_minutes"]} for g in e["steps"]]
                    links.append({"case_id": c, "origin_office": code, "origin_case_id": e["id"],
                                  "origin_reg_number": e["reg_number"], "handed_over_at": now, "package_sequence": 1,
                                  "sent_version": 1, "sent_step_log": 0, "remote_status": "", "remote_step": "",
                                  "remote_step_name": "", "remote_outcome": "", "remote_reason": "",
                                  "remote_updated_at": None})
                conn.execute(insert(ChecklistItem.__table__), checklist)
                conn.execute(insert(StepLog.__table__), logs)
                conn.execute(insert(NetworkCase.__table__), links)
        return time.perf_counter() - t
    finally:
        office.close()


def run(kelurahan: int, cases: int, url: str | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="loket-bench-exchange-"))
    server = None
    try:
        if url is None:
            from tests.pg_server import PgServer, find_bindir

            bindir = find_bindir()
            if bindir is None:
                raise SystemExit("PostgreSQL tidak terpasang (initdb/pg_ctl tidak ditemukan).")
            server = PgServer(bindir)
            server.start()
            dinas_url, ref_url = server.create_database("dinas"), server.create_database("ref")
        else:
            dinas_url = ref_url = url
        files = prepare(work, dinas_url, kelurahan, cases)
        size_mb = sum(f.stat().st_size for f in files) / 1_048_576
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
        out = subprocess.run([sys.executable, "-c", CHILD, str(work / "dinas"), json.dumps([str(f) for f in files])],
                             check=True, capture_output=True, text=True, env=env)
        loket = json.loads(out.stdout.strip().splitlines()[-1])
        assert loket["cases"] == kelurahan * cases, loket
        ref = reference(work, ref_url, kelurahan, cases) if url is None else float("nan")
        return {"kelurahan": kelurahan, "cases": cases, "packages_mb": round(size_mb, 1),
                "loket_s": loket["seconds"], "ref_s": ref, "ratio": loket["seconds"] / ref,
                "maxrss_mb": round(loket["maxrss_mb"])}
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kelurahan", type=int, default=50)
    ap.add_argument("--cases", type=int, default=500, help="cases per package")
    ap.add_argument("--json", action="store_true", help="print one machine-readable line (for bench/run.py)")
    args = ap.parse_args()
    r = run(args.kelurahan, args.cases)
    if args.json:
        print("BENCH_JSON " + json.dumps(r))
        return
    print(f"{r['kelurahan']} packages × {r['cases']} cases ({r['packages_mb']} MB): Loket {r['loket_s']:.2f} s, "
          f"bare insert {r['ref_s']:.2f} s, ratio {r['ratio']:.2f}×, peak RSS {r['maxrss_mb']} MB")


if __name__ == "__main__":
    main()
