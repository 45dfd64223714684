"""The process the crash harness kills: real operations on a real SQLite data folder.

``python -m tests.reliability.crash_child DATA_DIR JOURNAL RUN SEED ACTORS_JSON``

Each operation that *returned* (reported success to the user) is appended to ``JOURNAL`` as one
JSON line and fsynced before the next one starts, so the parent knows exactly what must survive a
SIGKILL. ``ready`` is printed once the office is open, so the parent kills during work, not start-up.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

SERVICE = "penonaktifan"
MAX_BATCHES_PER_RUN = 4


def period_for(run: int, j: int) -> tuple[str, datetime]:
    """A month of its own for each (run, batch number): cases of one batch never mix with another's."""
    idx = run * MAX_BATCHES_PER_RUN + j
    year, month = 2030 + idx // 12, idx % 12 + 1
    return f"{year}-{month:02d}", datetime(year, month, 10, 3, 0, tzinfo=UTC)  # 10:00 WIB


def nik_for(i: int) -> str:
    """A valid Pangkalpinang NIK, unique for every ``i`` below 336 million."""
    day, month, yy, serial = 1 + i % 28, 1 + (i // 28) % 12, (i // 336) % 100, 1 + i // 33_600
    if serial > 9999:
        raise ValueError(f"nik_for({i}): out of range")
    return f"197101{day:02d}{month:02d}{yy:02d}{serial:04d}"


class Journal:
    def __init__(self, path: Path):
        self._f = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process' life

    def ok(self, **entry) -> None:
        self._f.write(json.dumps(entry) + "\n")
        self._f.flush()
        os.fsync(self._f.fileno())


def main(argv: list[str]) -> int:
    data_dir, journal_path, run, seed, actors_json = argv[0], Path(argv[1]), int(argv[2]), int(argv[3]), argv[4]
    from app.context import open_office
    from app.documents.examples import example_data
    from app.errors import LoketError
    from app.services import batches, cases, dtsen, letters, users
    from tests.services.helpers import advance as step_with_letter  # the step's letter, then the move

    office = open_office(data_dir, migrate=False)
    actors = {k: users.actor_by_id(office, v[0]) for k, v in json.loads(actors_json).items()}
    journal = Journal(journal_path)
    rng = random.Random(seed)
    letter_data = example_data("rujukan_dtsen")
    j = 0
    k = 0
    print("ready", flush=True)
    while True:
        k += 1
        i = run * 1000 + k  # unique across runs
        period, now = period_for(run, j)
        op = rng.choices(["case", "letter", "dtsen", "batch"], weights=[4, 2, 1, 3])[0]
        if op == "case":
            c = cases.open_case(office, actor=actors["front_office"], service_code=SERVICE, nik=nik_for(i),
                                name=f"Warga O'Brien {i}", no_kk=f"1971011507{i:06d}",
                                received=["kk", "ktp", "kis", "surat_pernyataan"], now=now)
            journal.ok(op="case", id=c.id, version=c.version, step=c.current_step, nik=c.nik)
            c = cases.advance(office, actor=actors["front_office"], case_id=c.id, version=c.version,
                              data={"reason_code": "mampu"}, now=now)
            journal.ok(op="case", id=c.id, version=c.version, step=c.current_step, nik=c.nik)
            c = step_with_letter(office, actor=actors["back_office"], case_id=c.id, version=c.version, now=now)
            journal.ok(op="case", id=c.id, version=c.version, step=c.current_step, nik=c.nik, period=period)
        elif op == "letter":
            info = letters.issue_letter(office, actor=actors["front_office"], letter_type="rujukan_dtsen",
                                        data=letter_data, pdf=False)
            journal.ok(op="letter", id=info.id, number=info.number, serial=info.serial)
        elif op == "dtsen":
            path = Path(data_dir) / "impor" / f"dtsen-{run}-{k}.csv"
            path.parent.mkdir(exist_ok=True)
            niks = [nik_for(2_000_000 + i * 40 + r) for r in range(40)]
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write("NIK,NO_KK,NAMA,TGL_LAHIR,JNS_KEL,ALAMAT,DESIL\n")
                for r, n in enumerate(niks):
                    f.write(f"{n},1971011507{i:06d},Warga {r},01-01-1980,L,Jl. Masjid No. {r},{1 + r % 10}\n")
            s = dtsen.import_file(office, actor=actors["supervisor"], path=path)
            journal.ok(op="dtsen", import_id=s.import_id, first=niks[0], last=niks[-1])
        elif op == "batch" and j < MAX_BATCHES_PER_RUN:
            try:
                # closed once its month has ended (the periods are in the 2030s: the close says when "now" is)
                r = batches.close_batch(office, actor=actors["supervisor"], service_code=SERVICE, period=period,
                                        now=batches.period_bounds(period)[1] + timedelta(days=3))
            except LoketError:  # nothing waiting in this period yet: a refusal, not a success
                continue
            journal.ok(op="batch", id=r.batch.id, zip=r.batch.zip_path, sha=r.batch.zip_sha256,
                       count=r.batch.record_count, period=period)
            j += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
