"""Building the demo office: profile, users, DTSEN, the simulated months, complaints, surveys, batches."""

from __future__ import annotations

import random
import tempfile
import time as _time
from collections import Counter as Tally
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from app.context import open_office
from app.demo.clock import TZ, DemoClock
from app.demo.extras import close_batches, complaints, letter_count, surveys
from app.demo.people import generator, read_dtsen
from app.demo.plans import make_plans
from app.demo.simulation import Simulation
from app.demo.staff import DEFAULT_CASES, DEFAULT_DTSEN_ROWS, DEFAULT_SEED, DEMO_PASSWORD, STAFF
from app.errors import ValidationError
from app.rules.permissions import ROLES
from app.timeutil import utcnow


@dataclass
class DemoResult:
    data_dir: Path
    password: str
    users: list[tuple[str, str, tuple[str, ...]]]
    dtsen_rows: int
    cases: int
    by_service: dict[str, int]
    by_status: dict[str, int]
    letters: int
    complaints: int
    batches: list[str]
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def default_data_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="loket-pbi-demo-"))


def build_demo(data_dir: str | Path | None = None, *, cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED,
               dtsen_rows: int = DEFAULT_DTSEN_ROWS, now: datetime | None = None,
               progress: Callable[[str], None] | None = None) -> DemoResult:
    """Fill an empty data folder with the demo office. Refuses a folder that already holds an office."""
    from app.documents import examples
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.rules.sla import WorkCalendar
    from app.services import dtsen, settings, setup, users

    write_csv = generator().write_csv

    started = _time.perf_counter()
    say = progress or (lambda _m: None)
    if cases < 0:
        raise ValidationError("Jumlah berkas demo tidak boleh negatif.")
    root = Path(data_dir) if data_dir else default_data_dir()
    now = now or utcnow()
    rng = random.Random(seed)
    office = open_office(root)
    try:
        if setup.is_set_up(office):
            raise ValidationError(f"Folder {root} sudah berisi kantor; demo hanya mengisi folder data yang kosong.")
        say("Profil kantor, lambang, pejabat penanda tangan dan administrator …")
        uname, full, _roles, nip, _counter = STAFF[0]
        admin_info = setup.first_run(office, setup.FirstRun(
            profile=dict(examples.PROFILE), admin_username=uname, admin_full_name=full,
            admin_password=DEMO_PASSWORD, admin_nip=nip, emblem_png=examples.emblem_png(),
            officials=[setup.OfficialInput(*o) for o in examples.OFFICIALS]))
        admin = users.actor_for(admin_info)
        # the office's one work calendar (holidays, cuti bersama, office hours), as the SLAs count
        rules = settings.load(office, RULES_SECTION, RuleSettings)
        demo = Simulation(office, rng, now, say, DemoClock(WorkCalendar.from_settings(rules)))
        made: list[tuple[str, str, tuple[str, ...]]] = [(uname, full, ("administrator",))]
        demo.actors["administrator"] = [admin]
        say("Pengguna untuk setiap peran …")
        for uname, full, roles, nip, counter in STAFF[1:]:
            info = users.add_user(office, actor=admin, username=uname, full_name=full, password=DEMO_PASSWORD,
                                  roles=roles, nip=nip, counter=counter)
            for r in roles:
                demo.actors.setdefault(r, []).append(users.actor_for(info))
            made.append((uname, full, tuple(roles)))
        missing_roles = set(ROLES) - set(demo.actors)
        assert not missing_roles, missing_roles

        say(f"Ekstrak DTSEN ({dtsen_rows} baris) …")
        extract = write_csv(office.dirs.imports / "dtsen-demo-pangkalpinang.csv", dtsen_rows, seed)
        summary = dtsen.import_file(office, actor=demo.actors["supervisor"][0], path=extract)
        rows = read_dtsen(extract)

        plans = make_plans(cases, rng, rows, now, demo.clock)
        # jamkesda quota: about two fifths of those who will reach the ranking, so the waiting list is real
        eligible = sum(1 for p in plans if p.service == "jamkesda" and p.variant == "eligible")
        settings.save(office, actor=admin, section=RULES_SECTION,
                      value=replace(rules, jamkesda_quota=max(1, eligible * 2 // 5)))
        today = now.astimezone(TZ).date()
        rounds = [demo.clock.local(d, 10, 0) for d in demo.clock.workdays_back(today, 66)[::15][1:]] \
            + [demo.clock.local(today, 8, 30)]
        say(f"{cases} berkas di lima layanan, tiga bulan terakhir …")
        demo.run(plans, [(r, demo.rank_round) for r in rounds])

        say("Pengaduan dan survei kepuasan …")
        n_complaints = complaints(demo, now)
        surveys(demo)

        batches = close_batches(demo, now)
        by_service, by_status = Tally(), Tally()
        from app.services import cases as cases_svc

        for cid, _service in demo.case_ids:
            c = cases_svc.get_case(office, actor=admin, case_id=cid)
            by_service[c.service_code] += 1
            by_status[c.status if c.closed_at else f"{c.status}:{c.current_step}"] += 1
        return DemoResult(
            data_dir=root, password=DEMO_PASSWORD, users=made, dtsen_rows=summary.inserted, cases=len(demo.case_ids),
            by_service=dict(sorted(by_service.items())), by_status=dict(sorted(by_status.items())),
            letters=letter_count(office), complaints=n_complaints, batches=batches,
            seconds=round(_time.perf_counter() - started, 1), problems=demo.problems)
    finally:
        office.close()
