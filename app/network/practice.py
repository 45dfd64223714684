"""``loket-pbi demo --network N``: a practice network — one Dinas and N kelurahan — to try the exchange.

Every office is its own data folder under the chosen folder (``dinas/``, ``kelurahan-kejaksaan/`` …) with the
same user names and password; they share ``folder-bersama/`` as their transport (as a Google Drive or
OneDrive folder would be). Everything is made through the officers' own core functions: the Dinas is the
ordinary practice office (:func:`app.demo.build_demo`), each kelurahan is set up, enrolled through real
request and enrolment files, has received the DTSEN rows of its area in a first package from the Dinas,
and has a few cases taken in at its counter, waiting to be sent ("Kirim ke Dinas").
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from app.context import Office, open_office
from app.errors import ValidationError
from app.timeutil import utcnow

DINAS_CODE = "DINSOS-PKP"
#: (region code, kelurahan, kecamatan) of Kota Pangkalpinang, as in the demo's DTSEN extract
KELURAHAN = [("1971011001", "Kejaksaan", "Taman Sari"), ("1971011002", "Rawa Bangun", "Taman Sari"),
             ("1971011003", "Kuto Panji", "Taman Sari"), ("1971021001", "Air Itam", "Bukit Intan"),
             ("1971021002", "Sinar Bulan", "Bukit Intan"), ("1971031001", "Tua Tunu", "Gerunggang"),
             ("1971031002", "Kacang Pedang", "Gerunggang"), ("1971031003", "Bukit Sari", "Gerunggang")]
SHARED = "folder-bersama"


@dataclass
class NetworkDemoResult:
    root: Path
    dinas: Path
    kelurahan: list[tuple[str, str, Path, int]]  # (code, name, folder, cases waiting to be sent)
    shared: Path
    users: list[tuple[str, str, tuple[str, ...]]]
    password: str
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _use_folder(office: Office, actor, folder: Path) -> None:
    from dataclasses import replace

    from app.network import exchange
    from app.services import settings

    settings.save(office, actor=actor, section=exchange.SECTION,
                  value=replace(exchange.load_settings(office), folder=str(folder)))


def _kelurahan_cases(office: Office, staff: dict, rng: random.Random, now: datetime, count: int) -> int:
    """Cases taken in at the kelurahan counter, most of them moved to where the Dinas takes over."""
    from sqlmodel import col, select

    from app.db.models import DtsenRecord
    from app.services import cases

    with office.db.read() as s:
        rows = s.exec(select(DtsenRecord).order_by(col(DtsenRecord.id))).all()
    rows = [r for r in rows if r.birth_date]
    rng.shuffle(rows)
    fo, ver = staff["front_office"], staff["verifier"]
    t = now - timedelta(hours=count + 2)
    for i, r in enumerate(rows[:count]):
        t += timedelta(minutes=rng.randint(20, 60))
        assert r.birth_date is not None  # rows without one were left out above
        person = {"birth_date": r.birth_date.isoformat(), "sex": r.sex, "address": r.address, "rt": r.rt, "rw": r.rw,
                  "kelurahan": r.kelurahan, "kelurahan_code": r.region_code, "kecamatan": r.kecamatan}
        kind = i % 4
        if kind == 3:  # a deactivation report by the Puskesos
            c = cases.open_case(office, actor=fo, service_code="penonaktifan", nik=r.nik, name=r.name,
                                no_kk=r.no_kk or None, person=person, now=t,
                                received=["kk", "ktp", "kis", "surat_pernyataan"])
            cases.advance(office, actor=fo, case_id=c.id, version=c.version, data={"reason_code": "meninggal"},
                          now=t + timedelta(minutes=6))
            continue
        incomplete = i == count - 1
        c = cases.open_case(office, actor=fo, service_code="pbi-baru", nik=r.nik, name=r.name, no_kk=r.no_kk or None,
                            person=person, received=["ktp", "kk"] if incomplete else ["ktp", "kk", "sktm"], now=t)
        if incomplete:  # left at the counter: the SKTM is still missing
            continue
        c = cases.advance(office, actor=fo, case_id=c.id, version=c.version, now=t + timedelta(minutes=8))
        if c.current_step == "verifikasi_lapangan":  # the facilitator's field check, done with the kelurahan
            cases.advance(office, actor=ver, case_id=c.id, version=c.version, data={"field_poor": True},
                          now=t + timedelta(hours=1))
    from app.network import outgoing

    return outgoing.cases_waiting(office)


def build_network(root: str | Path, n: int, *, dinas_cases: int = 120, dtsen_rows: int = 2000,
                  cases_per_kelurahan: int = 6, seed: int = 20261206, now: datetime | None = None,
                  progress: Callable[[str], None] | None = None) -> NetworkDemoResult:
    from app import demo
    from app.documents import examples
    from app.network import enrolment, exchange, identity
    from app.services import setup, users

    say = progress or (lambda _m: None)
    if not 1 <= n <= len(KELURAHAN):
        raise ValidationError(f"Jaringan latihan: jumlah kelurahan 1 sampai {len(KELURAHAN)}.")
    started = time.perf_counter()
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise ValidationError(f"Folder {root} tidak kosong; jaringan latihan hanya dibuat di folder yang kosong.")
    now = now or utcnow()
    rng = random.Random(seed)
    shared = root / SHARED
    shared.mkdir(parents=True)
    say(f"Dinas Sosial ({dinas_cases} berkas) …")
    made = demo.build_demo(root / "dinas", cases=dinas_cases, dtsen_rows=dtsen_rows, seed=seed, now=now,
                           progress=lambda m: say("  " + m))
    result = NetworkDemoResult(root, root / "dinas", [], shared, made.users, demo.DEMO_PASSWORD,
                               problems=list(made.problems))
    dinas = open_office(root / "dinas")
    try:
        admin = users.login(dinas, username="admin", password=demo.DEMO_PASSWORD)
        identity.set_up(dinas, kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE, actor=admin)
        _use_folder(dinas, admin, shared)
        papers = root / "berkas-pendaftaran"
        papers.mkdir()
        offices = []
        for area, name, kecamatan in KELURAHAN[:n]:
            say(f"Kelurahan {name}: penyiapan, pengguna dan pendaftaran …")
            folder = root / f"kelurahan-{_slug(name)}"
            office = open_office(folder)
            uname, full, _roles, nip, _counter = demo.STAFF[0]
            profile = dict(examples.PROFILE, agency=f"KELURAHAN {name.upper()}", code=f"KEL-{area}",
                           address=f"Kantor Kelurahan {name}, Kecamatan {kecamatan}, Pangkalpinang",
                           email="", website="", unit_code="Kel")
            info = setup.first_run(office, setup.FirstRun(profile=profile, admin_username=uname,
                                                          admin_full_name=full, admin_password=demo.DEMO_PASSWORD,
                                                          admin_nip=nip))
            kadmin = users.actor_for(info)
            staff: dict = {}
            for uname, full, roles, nip, counter in demo.STAFF[1:]:
                u = users.add_user(office, actor=kadmin, username=uname, full_name=full, password=demo.DEMO_PASSWORD,
                                   roles=roles, nip=nip, counter=counter)
                for r in roles:
                    staff.setdefault(r, users.actor_for(u))
            identity.set_up(office, kind="kelurahan", name=f"Kelurahan {name}", area_code=area, actor=kadmin)
            req = enrolment.make_request(office, actor=kadmin, out=papers / f"permintaan-{_slug(name)}.json")
            done = enrolment.enrol(dinas, actor=admin, request=papers / f"permintaan-{_slug(name)}.json",
                                   out=papers / f"pendaftaran-{_slug(name)}.json",
                                   expected_fingerprint=req.fingerprint)
            enrolment.accept(office, actor=kadmin, path=done.file)
            _use_folder(office, kadmin, shared)
            offices.append((done.code, name, folder, office, staff))
        say("Paket pertama dari Dinas: data DTSEN wilayah setiap kelurahan …")
        supervisor = users.login(dinas, username="spv.bambang", password=demo.DEMO_PASSWORD)
        exchange.send(dinas, actor=supervisor, now=now, pdf=False)
        for code, name, folder, office, staff in offices:
            try:
                exchange.receive(office, actor=staff["front_office"], now=now)
                exchange.send(office, actor=staff["front_office"], now=now)  # the acknowledgement, nothing else yet
                say(f"Kelurahan {name}: berkas di loket kelurahan …")
                waiting = _kelurahan_cases(office, staff, rng, now, cases_per_kelurahan)
                result.kelurahan.append((code, name, folder, waiting))
            finally:
                office.close()
        exchange.receive(dinas, actor=supervisor, now=now)
    finally:
        dinas.close()
    result.seconds = round(time.perf_counter() - started, 1)
    return result
