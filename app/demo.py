"""``loket-pbi demo``: a realistic practice office, built only through the officers' own core functions.

:func:`build_demo` fills an empty data folder with Dinas Sosial Kota Pangkalpinang (profile, emblem and
the signatories of every letter), one or more users for every role, a DTSEN extract imported through
:func:`app.services.dtsen.import_file`, and a few hundred cases across the five services spread over
the last three months — just opened, waiting at every step, returned for revision, refused with
reasons, completed with their letters issued, urgent, overdue, jamkesda ranked within and beyond the
quota — plus complaints, satisfaction surveys and last month's closed collective batches.

Every row is written by the same functions an officer's actions call (open_case, advance, paraf,
return_for_revision, reject, issue_document, rank_period, close_batch, …); nothing is inserted
directly. The cases are played as one chronological simulation (a heap of per-case generators), so
registration numbers, step logs and the jamkesda ranking rounds follow the calendar. Everything is
drawn from one seeded random generator: the same seed and the same ``now`` give the same office.
"""

from __future__ import annotations

import csv
import heapq
import random
import tempfile
import time as _time
from collections import Counter as Tally
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.context import Office, open_office
from app.errors import LoketError, ValidationError
from app.rules.permissions import ROLES, Actor
from app.timeutil import utcnow, zone

DEMO_PASSWORD = "demo-loket-2026"
DEFAULT_CASES = 300
DEFAULT_DTSEN_ROWS = 3000
DEFAULT_SEED = 20261123
TZ = zone("WIB")

#: (username, full name, roles, NIP, counter) — realistic invented staff of a Dinas Sosial
STAFF: list[tuple[str, str, list[str], str, str | None]] = [
    ("admin", "Yudi Prasetyo, S.Kom.", ["administrator"], "198509142010011005", None),
    ("fo.siti", "Siti Rahmawati", ["front_office"], "199103252015032002", "Loket 1"),
    ("fo.andi", "Andi Saputra", ["front_office"], "199307082019031004", "Loket 2"),
    ("bo.dewi", "Dewi Kartika Sari, S.E.", ["back_office"], "198811022014022001", "Back Office"),
    ("bo.fajar", "Fajar Nugroho, A.Md.", ["back_office"], "199012172017011002", "Back Office"),
    ("ver.hendra", "Hendra Wijaya, S.Sos.", ["verifier"], "198604302011011006", None),
    ("ps.dedi", "Dedi Kurniawan, S.Sos.", ["penyuluh_sosial"], "198711202011011003", None),
    ("mgr.ratna", "Ratna Dewi Lestari, S.Sos., M.Si.", ["manager"], "198002142006042003", None),
    ("kasi.rina", "Rina Marlina, S.Sos.", ["kasi_linjamsos"], "198203152009022002", None),
    ("kabid.rudi", "Rudi Hartono, S.Sos., M.AP.", ["kabid_linjamsos"], "197808172005011004", None),
    ("sekdin.nurhayati", "Hj. Nurhayati, S.E., M.M.", ["sekretaris"], "197505122000032003", None),
    ("kadis.ahmad", "Drs. H. Ahmad Sulaiman, M.Si.", ["kepala_dinas"], "197201031995031001", None),
    ("spv.bambang", "Bambang Setiawan, S.T.", ["supervisor"], "198306092008011007", None),
]

SERVICE_WEIGHTS = {"pbi-baru": 34, "jamkesda": 22, "reaktivasi-sk": 15, "reaktivasi-rekom": 14, "penonaktifan": 15}

RETURN_REASONS = ["Nama pada surat tidak sesuai KTP", "Nomor KK salah ketik; mohon dicek ulang",
                  "Alamat domisili belum diisi", "Lampiran SKTM belum diketahui camat",
                  "Tanggal lahir berbeda dengan KK"]
REJECT_REASONS = {
    "pbi-baru": ["Pemohon sudah terdaftar sebagai peserta PPU (pekerja penerima upah)",
                 "Pemohon membatalkan permohonan", "Pemohon sudah menjadi peserta PBI JK aktif"],
    "reaktivasi-sk": ["Tidak terdaftar di DTSEN; diarahkan mendaftar melalui kelurahan"],
    "reaktivasi-rekom": ["Surat keterangan terdaftar DTSEN sudah kedaluwarsa"],
}
NOT_POOR_REASONS = ["Rumah permanen berlantai keramik, memiliki kendaraan roda empat",
                    "Kepala keluarga berpenghasilan tetap di atas UMK", "Memiliki usaha toko kelontong yang besar"]
COMPLAINT_TOPICS = [
    ("Rekomendasi PBI belum terbit setelah satu minggu", "pbi-baru"),
    ("Kartu KIS masih nonaktif padahal sudah mengurus reaktivasi", "reaktivasi-rekom"),
    ("Antrean loket terlalu lama pada hari Senin", None),
    ("Petugas meminta fotokopi berulang kali", None),
    ("Status usulan Jamkesda belum ada kabar", "jamkesda"),
    ("Informasi persyaratan di papan pengumuman berbeda dengan di loket", None),
    ("Surat penonaktifan belum diterima BPJS", "penonaktifan"),
    ("Tidak ada kursi untuk lansia di ruang tunggu", None),
]
SKM_CODES = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana")


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


@dataclass
class _Person:
    nik: str
    name: str
    no_kk: str
    desil: int | None  # None: not in DTSEN
    info: dict[str, Any]


@dataclass
class _Plan:
    service: str
    person: _Person
    opened: datetime
    steps: int | None  # how many moves after opening before the case is left waiting (None: to the end)
    variant: str
    urgent: bool = False


class _Stop(Exception):
    """The case is left where it is (waiting at its step)."""


# --------------------------------------------------------------------------- time helpers


def _local(d: date, hh: int, mm: int) -> datetime:
    return datetime.combine(d, time(hh, mm), TZ)


def _workdays_back(today: date, n: int) -> list[date]:
    days, d = [], today
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d)
        d -= timedelta(days=1)
    return days[::-1]


def _next_workday(d: date) -> date:
    d += timedelta(days=1)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


# --------------------------------------------------------------------------- the simulation


class _Demo:
    def __init__(self, office: Office, rng: random.Random, now: datetime, progress: Callable[[str], None]):
        self.office, self.rng, self.now, self.say = office, rng, now, progress
        self.actors: dict[str, list[Actor]] = {}
        self.letters = 0
        self.problems: list[str] = []
        self.closed: list[tuple[int, datetime]] = []  # (case id, closed at) for surveys
        self.case_ids: list[tuple[int, str]] = []
        self.waiting_rank: dict[int, Generator] = {}
        self.resume_at: dict[int, datetime] = {}

    # -- people and moments

    def who(self, role: str) -> Actor:
        return self.rng.choice(self.actors[role])

    def later(self, t: datetime, lo: int = 3, hi: int = 25) -> datetime:
        """A few minutes later, within office hours (08:00–15:45), else the next working morning."""
        t = t + timedelta(minutes=self.rng.randint(lo, hi))
        local = t.astimezone(TZ)
        if local.hour > 15 or (local.hour == 15 and local.minute > 45) or local.weekday() >= 5:
            d = _next_workday(local.date())
            t = _local(d, 8, self.rng.randint(5, 50))
        return t

    def days_later(self, t: datetime, lo: int, hi: int) -> datetime:
        """Some working days later, at a random office hour (never before ``t``)."""
        d = t.astimezone(TZ).date()
        for _ in range(self.rng.randint(lo, hi)):
            d = _next_workday(d)
        res = _local(d, self.rng.randint(8, 14), self.rng.randint(0, 59))
        return res if res > t else self.later(t, 5, 30)

    # -- calls into the core

    def issue_due(self, c, actor: Actor, *, chance: float = 1.0):
        from app.documents import catalog
        from app.services import case_letters, cases

        c = cases.get_case(self.office, actor=actor, case_id=c.id)
        for d in c.documents_due:
            if catalog.kind(d["key"]).collective or self.rng.random() > chance:
                continue
            case_letters.issue_document(self.office, actor=actor, case_id=c.id, key=d["key"])
            self.letters += 1
        return cases.get_case(self.office, actor=actor, case_id=c.id)

    def open(self, p: _Plan, *, received: list[str], data: dict | None = None):
        from app.services import cases

        fo = self.who("front_office")
        person = p.person
        c = cases.open_case(self.office, actor=fo, service_code=p.service, nik=person.nik, name=person.name,
                            no_kk=person.no_kk, person=person.info, urgent=p.urgent, received=received,
                            data=data, counter=fo_counter(fo), now=p.opened)
        self.case_ids.append((c.id, p.service))
        if self.rng.random() < 0.9:  # the receipt is printed at the counter
            c = self.issue_due(c, fo)
        return c

    # -- generators: each yields the moment of its next move; the scheduler sends nothing back

    def run(self, plans: list[_Plan], events: list[tuple[datetime, Callable[[datetime], None]]]) -> None:
        heap: list[tuple[datetime, int, Any]] = []
        seq = 0
        for p in plans:
            heap.append((p.opened, seq, ("case", p)))
            seq += 1
        for when, fn in events:
            heap.append((when, seq, ("event", fn)))
            seq += 1
        heapq.heapify(heap)
        self._seq = seq
        self._heap = heap
        done = 0
        while heap:
            when, _, (kind, obj) = heapq.heappop(heap)
            if when > self.now:
                continue
            if kind == "event":
                obj(when)
                continue
            if kind == "case":
                gen = self.flow(obj)
                done += 1
                if done % 50 == 0:
                    self.say(f"  {done} berkas dibuka …")
            else:
                gen = obj
            self._step(gen)

    def schedule(self, when: datetime, gen: Generator) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (when, self._seq, ("gen", gen)))

    def _step(self, gen: Generator) -> None:
        try:
            nxt = next(gen)
        except (StopIteration, _Stop):
            return
        except LoketError as exc:  # a core refusal in the demo script itself: report, don't hide it
            self.problems.append(str(exc))
            return
        if isinstance(nxt, tuple) and nxt[0] == "rank":
            self.waiting_rank[nxt[1]] = gen  # type: ignore[assignment]
            return
        self.schedule(nxt, gen)

    def flow(self, p: _Plan) -> Generator:
        return {"pbi-baru": self.pbi_baru, "jamkesda": self.jamkesda, "reaktivasi-sk": self.reaktivasi_sk,
                "reaktivasi-rekom": self.reaktivasi_rekom, "penonaktifan": self.penonaktifan}[p.service](p)

    # every flow: ``t = yield t`` style — ``budget`` ends the case early (left waiting)

    def _budget(self, p: _Plan):
        left = [p.steps]

        def tick() -> None:
            if left[0] is not None:
                if left[0] <= 0:
                    raise _Stop()
                left[0] -= 1
        return tick

    def _closed(self, c) -> None:
        if c.closed_at is not None:
            self.closed.append((c.id, c.closed_at))

    def pbi_baru(self, p: _Plan):
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        incomplete = p.variant == "incomplete"
        c = self.open(p, received=["ktp", "kk"] if incomplete else ["ktp", "kk", "sktm"])
        t = p.opened
        if incomplete:
            tick()
            t = self.days_later(t, 1, 4)
            yield t
            c = cases.set_checklist(o, actor=self.who("front_office"), case_id=c.id, version=c.version, code="sktm",
                                    received=True, note="SKTM diserahkan menyusul", now=t)
        tick()
        t = self.later(t, 4, 12)
        yield t
        c = cases.advance(o, actor=self.who("front_office"), case_id=c.id, version=c.version, now=t)
        if c.current_step == "verifikasi_lapangan":
            tick()
            t = self.days_later(t, 1, 5)
            yield t
            ver = self.who("verifier")
            if p.variant == "not_poor":
                c = cases.advance(o, actor=ver, case_id=c.id, version=c.version, data={"field_poor": False},
                                  reason=rng.choice(NOT_POOR_REASONS), now=t)
                self.issue_due(c, ver)
                self._closed(c)
                return
            c = cases.advance(o, actor=ver, case_id=c.id, version=c.version, data={"field_poor": True}, now=t)
            tick()
            t = self.later(t, 30, 120)
            yield t
            c = cases.advance(o, actor=ver, case_id=c.id, version=c.version, now=t)
            c = self.issue_due(c, ver, chance=0.9)
        if c.current_step == "back_office_kesehatan":
            tick()
            t = self.later(t, 5, 20)
            yield t
            c = cases.advance(o, actor=self.who("back_office"), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 5, 40)
        yield t
        mgr = self.who("manager")
        if p.variant == "rejected":
            c = cases.reject(o, actor=mgr, case_id=c.id, version=c.version,
                             reason=rng.choice(REJECT_REASONS[p.service]), now=t)
            self._closed(c)
            return
        if p.variant == "returned":
            c = cases.return_for_revision(o, actor=mgr, case_id=c.id, version=c.version,
                                          to_step="back_office_kesehatan", reason=rng.choice(RETURN_REASONS), now=t)
            tick()
            t = self.later(t, 20, 90)
            yield t
            c = cases.advance(o, actor=self.who("back_office"), case_id=c.id, version=c.version, now=t)
            tick()
            t = self.later(t, 5, 30)
            yield t
        c = cases.advance(o, actor=mgr, case_id=c.id, version=c.version, now=t)
        c = self.issue_due(c, mgr, chance=0.95)
        tick()
        # Bidang Linjamsos proposes in the monthly window: from the batch date (or a few days later)
        ready = c.batch_ready_at or t
        t = self.days_later(max(t, ready), 0, 3)
        yield t
        c = cases.advance(o, actor=self.who("kabid_linjamsos"), case_id=c.id, version=c.version, now=t)
        self._closed(c)

    def jamkesda(self, p: _Plan):
        from app.rules import scoring
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        c = self.open(p, received=[])
        t = p.opened
        tick()
        t = self.later(t, 2, 10)
        yield t
        c = cases.advance(o, actor=self.who("front_office"), case_id=c.id, version=c.version, now=t)  # form out
        tick()
        t = self.days_later(t, 1, 6)
        yield t
        fo = self.who("front_office")
        for code in ("kk_ktp_suami_istri", "sktm", "daftar_isian", "surat_pernyataan", "rekening_listrik",
                     "ktp_kk_pemilik_listrik"):
            c = cases.set_checklist(o, actor=fo, case_id=c.id, version=c.version, code=code, received=True, now=t)
        t = self.later(t, 10, 30)
        c = cases.advance(o, actor=fo, case_id=c.id, version=c.version, now=t,
                          data={"electricity_va": rng.choice([450, 450, 900]), "dependants": rng.randint(0, 5)})
        tick()
        t = self.days_later(t, 0, 2)
        yield t
        c = cases.advance(o, actor=self.who("back_office"), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.days_later(t, 3, 10)
        yield t
        c = cases.advance(o, actor=self.who("verifier"), case_id=c.id, version=c.version, now=t,
                          data={"survey_note": "Survei lapangan bersama kelurahan"})
        tick()
        t = self.days_later(t, 1, 3)
        yield t
        codes = [i.code for i in scoring.INDICATOR_SETS["kepmensos_262_2022"].indicators]
        met = rng.randint(1, 4) if p.variant == "not_eligible" else rng.randint(5, 9)
        chosen = set(rng.sample(codes, met))
        bo = self.who("back_office")
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t,
                          data={"indicators": {code: code in chosen for code in codes}})
        if c.closed_at is not None:  # tidak layak: informed with the score sheet
            self.issue_due(c, bo)
            self._closed(c)
            return
        tick()
        yield ("rank", c.id)  # parked until a ranking round; resumed only when layak
        t = self.resume_at.pop(c.id)
        c = cases.get_case(o, actor=bo, case_id=c.id)
        fo = self.who("front_office")
        c = cases.advance(o, actor=fo, case_id=c.id, version=c.version, now=t)
        c = self.issue_due(c, fo)
        for role, lo, hi, data in (("kabid_linjamsos", 1, 5, None), ("back_office", 5, 15, {"bpjs_feedback": "ok"}),
                                   ("kepala_dinas", 2, 6, None), ("back_office", 1, 3, None)):
            tick()
            t = self.days_later(t, lo, hi)
            yield t
            c = cases.advance(o, actor=self.who(role), case_id=c.id, version=c.version, now=t, data=data)
        self._closed(c)

    def rank_round(self, when: datetime) -> None:
        from app.services import cases, jamkesda

        if not self.waiting_rank:
            return
        actor = self.who("back_office")
        periods = sorted({cases.get_case(self.office, actor=actor, case_id=cid).data.get("quota_period")
                          for cid in self.waiting_rank})
        for period in periods:
            res = jamkesda.rank_period(self.office, actor=actor, period=period, now=when)
            self.say(f"  peringkatan jamkesda {period}: {len(res.layak)} layak, {len(res.waiting)} daftar tunggu")
            for e in res.entries:
                gen = self.waiting_rank.pop(e.case_id, None)
                if gen is None:
                    continue
                if e.decision == "layak":
                    t = self.days_later(when, 1, 3)
                    self.resume_at[e.case_id] = t
                    self.schedule(t, gen)
                else:
                    # waiting list: the notice is issued; the case stays at the ranking step
                    c = cases.get_case(self.office, actor=actor, case_id=e.case_id)
                    self.issue_due(c, actor)

    def reaktivasi_sk(self, p: _Plan):
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        evidence = ["surat_faskes"] if rng.random() < 0.7 else ["sktm"]
        c = self.open(p, received=["kartu_jkn", "kk", "identitas", "status_bpjs", *evidence])
        t = p.opened
        tick()
        t = self.later(t, 5, 12)
        yield t
        fo = self.who("front_office")
        if p.variant == "already_active":
            c = cases.advance(o, actor=fo, case_id=c.id, version=c.version, data={"bpjs_status": "aktif"}, now=t)
            self._closed(c)
            return
        deact = (t.astimezone(TZ).date() - timedelta(days=rng.randint(20, 160))).isoformat()
        c = cases.advance(o, actor=fo, case_id=c.id, version=c.version, now=t,
                          data={"bpjs_status": "nonaktif", "deactivated_on": deact})
        tick()
        t = self.later(t, 1, 3)
        yield t
        c = cases.advance(o, actor=fo, case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 3, 8)
        yield t
        bo = self.who("back_office")
        if p.variant == "rejected":
            c = cases.reject(o, actor=bo, case_id=c.id, version=c.version, outcome="tidak_memenuhi_kriteria",
                             reason=REJECT_REASONS[p.service][0], now=t)
            self._closed(c)
            return
        for _ in range(3):  # cek DTSEN, formulir, konsep surat
            c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
            tick()
            t = self.later(t, 3, 8)
            yield t
        # the draft goes up the paraf chain first; the letter is issued once the Kepala Dinas has signed
        chain = ["penyuluh_sosial", "kabid_linjamsos", "sekretaris"]
        if p.variant == "returned":
            c = cases.paraf(o, actor=self.who("penyuluh_sosial"), case_id=c.id, version=c.version, now=t)
            tick()
            t = self.later(t, 5, 30)
            yield t
            c = cases.return_for_revision(o, actor=self.who("kabid_linjamsos"), case_id=c.id, version=c.version,
                                          to_step="konsep_surat", reason=rng.choice(RETURN_REASONS), now=t)
            tick()
            t = self.later(t, 10, 40)
            yield t
            c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
        for role in chain:
            tick()
            t = self.later(t, 2, 15)
            yield t
            c = cases.paraf(o, actor=self.who(role), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 3, 20)
        yield t
        kadis = self.who("kepala_dinas")
        c = cases.advance(o, actor=kadis, case_id=c.id, version=c.version, now=t)
        c = self.issue_due(c, kadis)
        tick()
        t = self.later(t, 3, 15)
        yield t
        c = cases.advance(o, actor=self.who("front_office"), case_id=c.id, version=c.version, now=t)
        self._closed(c)

    def reaktivasi_rekom(self, p: _Plan):
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        c = self.open(p, received=["kk", "ktp", "kis", "sk_dtsen"])
        t = p.opened
        tick()
        t = self.later(t, 3, 10)
        yield t
        c = cases.advance(o, actor=self.who("front_office"), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 5, 15)
        yield t
        bo = self.who("back_office")
        answer = {"already_active": "sudah_aktif", "not_reactivatable": "tidak_dapat"}.get(p.variant,
                                                                                        "dapat_direaktivasi")
        officer = rng.choice(["Rina (BPJS KC Pangkalpinang)", "Agus Salim (BPJS KC Pangkalpinang)",
                              "Maya (BPJS KC Pangkalpinang)"])
        c = cases.record_bpjs_confirmation(o, actor=bo, case_id=c.id, version=c.version, confirmed_by=officer,
                                           confirmed_at=t.astimezone(TZ).strftime("%Y-%m-%dT%H:%M"), answer=answer,
                                           note="Konfirmasi melalui telepon", now=t)
        t = self.later(t, 2, 8)
        deact = (t.astimezone(TZ).date() - timedelta(days=rng.randint(15, 150))).isoformat()
        reason = "BPJS: kepesertaan tidak dapat direaktivasi (sudah didaftarkan segmen lain)" \
            if answer == "tidak_dapat" else ""
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t, reason=reason,
                          data={"deactivated_on": deact})
        if c.closed_at is not None:
            self._closed(c)
            return
        tick()
        t = self.later(t, 5, 15)
        yield t
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 5, 30)
        yield t
        kasi = self.who("kasi_linjamsos")
        if p.variant == "returned":
            c = cases.return_for_revision(o, actor=kasi, case_id=c.id, version=c.version, to_step="konsep_surat",
                                          reason=rng.choice(RETURN_REASONS), now=t)
            tick()
            t = self.later(t, 10, 40)
            yield t
            c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
            tick()
            t = self.later(t, 5, 20)
            yield t
        c = cases.advance(o, actor=kasi, case_id=c.id, version=c.version, now=t)
        c = self.issue_due(c, kasi)
        tick()
        t = self.later(t, 3, 15)
        yield t
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 3, 20)
        yield t
        c = cases.advance(o, actor=self.who("front_office"), case_id=c.id, version=c.version, now=t)
        self._closed(c)

    def penonaktifan(self, p: _Plan):
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        full = ["kk", "ktp", "kis", "surat_pernyataan"]
        c = self.open(p, received=["kk", "ktp"] if p.variant == "incomplete" else full)
        t = p.opened
        tick()
        t = self.later(t, 3, 10)
        yield t
        fo = self.who("front_office")
        if p.variant == "incomplete":
            c = cases.refuse_incomplete(o, actor=fo, case_id=c.id, version=c.version, now=t)
            self._closed(c)
            return
        code = rng.choice(["meninggal", "meninggal", "pindah_domisili", "mampu", "ganda", "data_tidak_valid"])
        c = cases.advance(o, actor=fo, case_id=c.id, version=c.version, data={"reason_code": code}, now=t)
        tick()
        t = self.later(t, 10, 60)
        yield t
        bo = self.who("back_office")
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
        c = self.issue_due(c, bo)  # issued the same day; collected in the month's batch
        tick()
        # the collective recap goes up at the start of the next month
        local = t.astimezone(TZ).date()
        first = (local.replace(day=28) + timedelta(days=4)).replace(day=1)
        t = self.days_later(datetime.combine(first - timedelta(days=1), time(9), TZ), 1, 3)
        yield t
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
        for role in ("kasi_linjamsos", "kabid_linjamsos", "sekretaris"):
            tick()
            t = self.later(t, 30, 240)
            yield t
            c = cases.paraf(o, actor=self.who(role), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.days_later(t, 0, 2)
        yield t
        c = cases.advance(o, actor=self.who("kepala_dinas"), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 10, 60)
        yield t
        c = cases.advance(o, actor=bo, case_id=c.id, version=c.version, now=t)
        self._closed(c)


def fo_counter(actor: Actor) -> str | None:
    return {"fo.siti": "Loket 1", "fo.andi": "Loket 2"}.get(actor.username)


# --------------------------------------------------------------------------- people


def _generator():
    """The seeded DTSEN generator shared with the benchmarks."""
    from app import sampledata

    return sampledata


def _read_dtsen(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _person_from_row(row: dict[str, str], rng: random.Random) -> _Person:
    d, m, y = row["TGL_LAHIR"].split("-")
    region = row["KODE_WILAYAH"]
    return _Person(nik=row["NIK"], name=row["NAMA"].upper(), no_kk=row["NO_KK"],
                   desil=int(row["DESIL"]) if row["DESIL"] else None,
                   info={"birth_place": "Pangkalpinang", "birth_date": f"{y}-{m}-{d}", "sex": row["JNS_KEL"],
                         "address": row["ALAMAT"], "rt": row["RT"], "rw": row["RW"], "kelurahan": row["KELURAHAN"],
                         "kelurahan_code": region, "kecamatan": row["KECAMATAN"], "kecamatan_code": region[:6],
                         "phone": f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}"})


def _outsider(i: int, rng: random.Random, taken: set[str]) -> _Person:
    """Someone not in the DTSEN extract: a valid Pangkalpinang NIK with a serial the extract never uses."""
    g = _generator()
    FIRST_F, FIRST_M, LAST, REGIONS, STREETS = g.FIRST_F, g.FIRST_M, g.LAST, g.REGIONS, g.STREETS  # noqa: N806

    kab, kec, kecamatan, kels = rng.choice([r for r in REGIONS if r[0] == "1971"])
    suffix, kelurahan = rng.choice(kels)
    female = rng.random() < 0.5
    born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 18000))
    while True:
        nik = f"{kab}{kec}{born.day + (40 if female else 0):02d}{born:%m%y}{rng.randint(8000, 9999):04d}"
        if nik not in taken:
            taken.add(nik)
            break
    issued = date(2005, 1, 1) + timedelta(days=rng.randint(0, 6000))
    name = f"{rng.choice(FIRST_F if female else FIRST_M)} {rng.choice(LAST)}".strip().upper()
    region = f"{kab}{kec}{suffix}"
    return _Person(nik=nik, name=name, no_kk=f"{kab}{kec}{issued:%d%m%y}{8000 + i % 2000:04d}", desil=None,
                   info={"birth_place": "Pangkalpinang", "birth_date": born.isoformat(), "sex": "P" if female else "L",
                         "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 150)}",
                         "rt": f"{rng.randint(1, 15):03d}", "rw": f"{rng.randint(1, 8):03d}",
                         "kelurahan": kelurahan, "kelurahan_code": region, "kecamatan": kecamatan,
                         "kecamatan_code": region[:6],
                         "phone": f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}"})


# --------------------------------------------------------------------------- plans


#: service → [(variant, weight, person kind, how far a stalled case may get)]
VARIANTS: dict[str, list[tuple[str, int, str]]] = {
    "pbi-baru": [("normal", 40, "dtsen_ok"), ("field", 14, "outsider"), ("not_poor", 6, "outsider"),
                 ("high_desil", 6, "dtsen_high"), ("urgent", 10, "any"), ("returned", 8, "dtsen_ok"),
                 ("rejected", 6, "dtsen_ok"), ("incomplete", 10, "dtsen_ok")],
    "jamkesda": [("eligible", 75, "any"), ("not_eligible", 25, "any")],
    "reaktivasi-sk": [("normal", 60, "dtsen_ok"), ("already_active", 12, "dtsen_ok"), ("rejected", 12, "outsider"),
                      ("returned", 16, "dtsen_ok")],
    "reaktivasi-rekom": [("normal", 60, "dtsen_ok"), ("already_active", 10, "dtsen_ok"),
                         ("not_reactivatable", 12, "dtsen_ok"), ("returned", 18, "dtsen_ok")],
    "penonaktifan": [("normal", 85, "any"), ("incomplete", 15, "any")],
}
#: moves of a full run (after opening) per service, for choosing where a stalled case waits
MOVES = {"pbi-baru": 5, "jamkesda": 7, "reaktivasi-sk": 10, "reaktivasi-rekom": 6, "penonaktifan": 9}


def _plans(n: int, rng: random.Random, rows: list[dict[str, str]], now: datetime) -> list[_Plan]:
    local_now = now.astimezone(TZ)
    today = local_now.date()
    if local_now.weekday() >= 5 or local_now.hour < 10:  # before the office is properly open: up to yesterday
        today -= timedelta(days=1)
    days = _workdays_back(today, 66)  # about three months of working days
    recent = days[-6:]
    local_rows = [r for r in rows if r["NIK"].startswith("1971")]
    rng.shuffle(local_rows)
    ok = [r for r in local_rows if r["DESIL"] and 1 <= int(r["DESIL"]) <= 5]
    high = [r for r in local_rows if r["DESIL"] and int(r["DESIL"]) > 5]
    taken = {r["NIK"] for r in rows}
    used: set[str] = set()
    services = list(SERVICE_WEIGHTS)
    plans = []
    for i in range(n):
        service = services[i % len(services)] if i < len(services) else \
            rng.choices(services, weights=list(SERVICE_WEIGHTS.values()))[0]
        variants = VARIANTS[service]
        variant, _w, kind = rng.choices(variants, weights=[v[1] for v in variants])[0]
        if kind == "any":
            kind = rng.choice(["dtsen_ok", "dtsen_ok", "outsider"])
        pool = {"dtsen_ok": ok, "dtsen_high": high}.get(kind)
        person = None
        while pool:
            row = pool.pop()
            if row["NIK"] not in used:
                person = _person_from_row(row, rng)
                break
        if person is None:
            person = _outsider(i, rng, taken)
        used.add(person.nik)
        # When: most cases anywhere in the three months, a good share in the last week (still moving)
        day = rng.choice(recent) if rng.random() < 0.3 else rng.choice(days[:-1] if service != "jamkesda" else days)
        opened = _local(day, rng.randint(8, 14), rng.randint(0, 59))
        if opened >= now:
            opened = _local(days[-2], rng.randint(8, 14), rng.randint(0, 59))
        steps = None
        if rng.random() < 0.12:  # stalled somewhere along the way (these become overdue)
            steps = rng.randint(0, MOVES[service] - 1)
        plans.append(_Plan(service, person, opened, steps, variant, urgent=variant == "urgent"))
    plans.sort(key=lambda p: p.opened)
    return plans


# --------------------------------------------------------------------------- build


def default_data_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="loket-pbi-demo-"))


def build_demo(data_dir: str | Path | None = None, *, cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED,
               dtsen_rows: int = DEFAULT_DTSEN_ROWS, now: datetime | None = None,
               progress: Callable[[str], None] | None = None) -> DemoResult:
    """Fill an empty data folder with the demo office. Refuses a folder that already holds an office."""
    from app.documents import examples
    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.services import dtsen, settings, setup, users

    write_csv = _generator().write_csv

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
        demo = _Demo(office, rng, now, say)
        made = [(uname, full, ("administrator",))]
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
        rows = _read_dtsen(extract)

        plans = _plans(cases, rng, rows, now)
        # jamkesda quota: about two fifths of those who will reach the ranking, so the waiting list is real
        eligible = sum(1 for p in plans if p.service == "jamkesda" and p.variant == "eligible")
        cfg = settings.load(office, RULES_SECTION, RuleSettings)
        settings.save(office, actor=admin, section=RULES_SECTION,
                      value=replace(cfg, jamkesda_quota=max(1, eligible * 2 // 5)))
        today = now.astimezone(TZ).date()
        rounds = [_local(d, 10, 0) for d in _workdays_back(today, 66)[::15][1:]] + [_local(today, 8, 30)]
        say(f"{cases} berkas di lima layanan, tiga bulan terakhir …")
        demo.run(plans, [(r, demo.rank_round) for r in rounds])

        say("Pengaduan dan survei kepuasan …")
        n_complaints = _complaints(demo, now)
        _surveys(demo)

        batches = _close_batches(demo, now)
        by_service, by_status = Tally(), Tally()
        from app.services import cases as cases_svc

        for cid, _service in demo.case_ids:
            c = cases_svc.get_case(office, actor=admin, case_id=cid)
            by_service[c.service_code] += 1
            by_status[c.status if c.closed_at else f"{c.status}:{c.current_step}"] += 1
        return DemoResult(
            data_dir=root, password=DEMO_PASSWORD, users=made, dtsen_rows=summary.inserted, cases=len(demo.case_ids),
            by_service=dict(sorted(by_service.items())), by_status=dict(sorted(by_status.items())),
            letters=_letter_count(office), complaints=n_complaints, batches=batches,
            seconds=round(_time.perf_counter() - started, 1), problems=demo.problems)
    finally:
        office.close()


def _complaints(demo: _Demo, now: datetime) -> int:
    from app.services import complaints

    rng, o = demo.rng, demo.office
    channels = ["langsung", "langsung", "kotak_saran", "email", "whatsapp", "whatsapp", "lapor", "medsos"]
    by_service: dict[str, list[int]] = {}
    for cid, service in demo.case_ids:
        by_service.setdefault(service, []).append(cid)
    n = max(3, len(demo.case_ids) // 15)
    days = _workdays_back(now.astimezone(TZ).date(), 60)
    made = 0
    for i in range(n):
        topic, service = COMPLAINT_TOPICS[i % len(COMPLAINT_TOPICS)]
        channel = channels[i % len(channels)]
        received = _local(rng.choice(days), rng.randint(8, 15), rng.randint(0, 59))
        if received > now:
            continue
        case_id = rng.choice(by_service[service]) if service and by_service.get(service) else None
        x = complaints.register(
            o, actor=demo.who("front_office"), channel=channel, topic=topic,
            description="Disampaikan oleh pemohon; mohon ditindaklanjuti.",
            complainant_name=rng.choice(["Bapak Suhardi", "Ibu Maryam", "Sdr. Rizal", "Ibu Lina", "Bapak Tono"]),
            complainant_contact=f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}",
            lapor_ticket=f"LAP-{received:%Y%m}-{rng.randint(1000, 9999)}" if channel == "lapor" else "",
            case_id=case_id, received_at=received)
        made += 1
        stage = rng.random()
        t = demo.days_later(received, 1, 4)
        if stage < 0.25 or t > now:
            continue  # baru
        handler = demo.who(rng.choice(["manager", "kasi_linjamsos", "back_office"]))
        complaints.follow_up(o, actor=handler, complaint_id=x.id, at=t,
                             text="Dicek ke petugas terkait; berkas ditelusuri.")
        t = demo.days_later(t, 1, 5)
        if stage < 0.45 or t > now:
            continue  # ditindaklanjuti
        complaints.answer(o, actor=handler, complaint_id=x.id, at=t,
                          text="Sudah kami jelaskan kepada pengadu; layanan telah diselesaikan.")
        t = demo.days_later(t, 0, 2)
        if stage < 0.65 or t > now:
            continue  # dijawab
        complaints.close(o, actor=handler, complaint_id=x.id, at=t)
    return made


def _surveys(demo: _Demo) -> None:
    from app.services import survey

    for cid, closed_at in demo.closed:
        if demo.rng.random() < 0.4:
            answers = {code: demo.rng.choices([2, 3, 4], weights=[1, 5, 6])[0] for code in SKM_CODES}
            survey.record(demo.office, actor=demo.who("front_office"), case_id=cid, answers=answers,
                          now=closed_at + timedelta(minutes=demo.rng.randint(2, 10)))


def _close_batches(demo: _Demo, now: datetime) -> list[str]:
    from app.services import batches

    local = now.astimezone(TZ).date()
    last = (local.replace(day=1) - timedelta(days=1))
    period = f"{last.year:04d}-{last.month:02d}"
    made = []
    for service in SERVICE_WEIGHTS:
        try:
            res = batches.close_batch(demo.office, actor=demo.who("supervisor"), service_code=service, period=period)
        except batches.EmptyBatch:
            continue
        except ValidationError as exc:
            if "Tidak ada kasus" in str(exc):
                continue
            raise
        if res.created:
            made.append(f"{service} {period} no. {res.batch.sequence} ({res.batch.record_count} berkas)")
    return made


def _letter_count(office: Office) -> int:
    from sqlmodel import func, select

    from app.db.models import Letter

    with office.db.read() as s:
        return int(s.exec(select(func.count()).select_from(Letter)).one())
