"""The demo's cases, played in calendar order: each case is a generator that yields the moment of its next
move, and one heap runs them all (with the jamkesda ranking rounds) so registration numbers, step logs and
rankings follow the calendar. Every move is a call of the officers' own core functions."""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Generator
from datetime import datetime, time, timedelta
from typing import Any

from app.context import Office
from app.demo.clock import TZ, DemoClock
from app.demo.plans import Plan
from app.demo.staff import NOT_POOR_REASONS, REJECT_REASONS, RETURN_REASONS
from app.errors import LoketError
from app.rules.permissions import Actor


class Stop(Exception):
    """The case is left where it is (waiting at its step)."""


class Simulation:
    """The cases played as one chronological simulation through the officers' own core functions."""

    def __init__(self, office: Office, rng: random.Random, now: datetime, progress: Callable[[str], None],
                 clock: DemoClock):
        self.office, self.rng, self.now, self.say, self.clock = office, rng, now, progress, clock
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
        """A few minutes later, within office hours, else the next working morning (the office's calendar)."""
        return self.clock.later(t, self.rng, lo, hi)

    def days_later(self, t: datetime, lo: int, hi: int) -> datetime:
        """Some working days later, at a random office hour (never before ``t``)."""
        return self.clock.days_later(t, self.rng, lo, hi)

    # -- calls into the core

    def _registered_in_dtsen(self, c, p: Plan, t: datetime):
        """The month's DTSEN update now holds the applicant (desil 3): the waiting case moves on."""
        from app.db.models import DtsenRecord
        from app.services import cases

        with self.office.db.write() as s:
            s.add(DtsenRecord(nik=p.person.nik, no_kk=p.person.no_kk, name=p.person.name, desil=3,
                              dtsen_id=f"DEMO{p.person.nik[-8:]}", row_hash="demo-rujukan"))
        return cases.advance(self.office, actor=self.who("verifier"), case_id=c.id, version=c.version, now=t)

    def issue_due(self, c, actor: Actor, *, chance: float = 1.0):
        """The letter acts ``actor`` may do on the case now (its KONSEP, its letter at its step)."""
        from app.services import case_letters, cases

        for act in case_letters.available(self.office, actor=actor, case_id=c.id):
            if self.rng.random() > chance:
                continue
            if act.act == "konsep":
                case_letters.make_konsep(self.office, actor=actor, case_id=c.id, key=act.key)
            elif act.act == "issue":
                case_letters.issue_document(self.office, actor=actor, case_id=c.id, key=act.key)
                self.letters += 1
        return cases.get_case(self.office, actor=actor, case_id=c.id)

    def advance(self, c, *, actor: Actor, **kw):
        """Complete the case's step as its officer does: its letters first, then the move."""
        from app.services import cases

        c = self.issue_due(c, actor)
        return cases.advance(self.office, actor=actor, case_id=c.id, version=c.version, **kw)

    def open(self, p: Plan, *, received: list[str], data: dict | None = None):
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

    def run(self, plans: list[Plan], events: list[tuple[datetime, Callable[[datetime], None]]]) -> None:
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
        except (StopIteration, Stop):
            return
        except LoketError as exc:  # a core refusal in the demo script itself: report, don't hide it
            self.problems.append(str(exc))
            return
        if isinstance(nxt, tuple) and nxt[0] == "rank":
            self.waiting_rank[nxt[1]] = gen
            return
        assert isinstance(nxt, datetime), nxt
        self.schedule(nxt, gen)

    def flow(self, p: Plan) -> Generator:
        return {"pbi-baru": self.pbi_baru, "jamkesda": self.jamkesda, "reaktivasi-sk": self.reaktivasi_sk,
                "reaktivasi-rekom": self.reaktivasi_rekom, "penonaktifan": self.penonaktifan}[p.service](p)

    # every flow: ``t = yield t`` style — ``budget`` ends the case early (left waiting)

    def _budget(self, p: Plan):
        left = [p.steps]

        def tick() -> None:
            if left[0] is not None:
                if left[0] <= 0:
                    raise Stop()
                left[0] -= 1
        return tick

    def _closed(self, c) -> None:
        if c.closed_at is not None:
            self.closed.append((c.id, c.closed_at))

    def pbi_baru(self, p: Plan):
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
        c = self.advance(c, actor=self.who("front_office"), now=t)
        if c.current_step == "verifikasi_lapangan":
            tick()
            t = self.days_later(t, 1, 5)
            yield t
            ver = self.who("verifier")
            if p.variant == "not_poor":
                c = self.advance(c, actor=ver, data={"field_poor": False},
                                  reason=rng.choice(NOT_POOR_REASONS), now=t)
                self.issue_due(c, ver)
                self._closed(c)
                return
            c = self.advance(c, actor=ver, data={"field_poor": True}, now=t)
            tick()
            t = self.later(t, 30, 120)
            yield t
            c = self.advance(c, actor=ver, now=t)
            c = self.issue_due(c, ver, chance=0.9)
            if c.current_step == "menunggu_dtsen":  # until the next DTSEN update holds the NIK
                tick()
                t = self.days_later(t, 7, 20)
                yield t
                c = self._registered_in_dtsen(c, p, t)
        if c.current_step == "back_office_kesehatan":
            tick()
            t = self.later(t, 5, 20)
            yield t
            c = self.advance(c, actor=self.who("back_office"), now=t)
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
            c = self.advance(c, actor=self.who("back_office"), now=t)
            tick()
            t = self.later(t, 5, 30)
            yield t
        c = self.advance(c, actor=mgr, now=t)
        c = self.issue_due(c, mgr, chance=0.95)
        if c.current_step == "usulan_dtsen":  # approved, but not in DTSEN: the referral first, then the wait
            ver = self.who("verifier")
            tick()
            t = self.later(t, 10, 60)
            yield t
            c = cases.advance(o, actor=ver, case_id=c.id, version=c.version, now=t)
            c = self.issue_due(c, ver, chance=0.9)
            tick()
            t = self.days_later(t, 7, 20)
            yield t
            c = self._registered_in_dtsen(c, p, t)
        tick()
        # Bidang Linjamsos proposes in the monthly window: from the batch date (or a few days later)
        ready = c.batch_ready_at or t
        t = self.days_later(max(t, ready), 0, 3)
        yield t
        c = self.advance(c, actor=self.who("kabid_linjamsos"), now=t)
        self._closed(c)

    def jamkesda(self, p: Plan):
        from app.rules import scoring
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        c = self.open(p, received=[])
        t = p.opened
        tick()
        t = self.later(t, 2, 10)
        yield t
        c = self.advance(c, actor=self.who("front_office"), now=t)  # form out
        tick()
        t = self.days_later(t, 1, 6)
        yield t
        fo = self.who("front_office")
        for code in ("kk_ktp_suami_istri", "sktm", "daftar_isian", "surat_pernyataan", "rekening_listrik",
                     "ktp_kk_pemilik_listrik"):
            c = cases.set_checklist(o, actor=fo, case_id=c.id, version=c.version, code=code, received=True, now=t)
        t = self.later(t, 10, 30)
        c = self.advance(c, actor=fo, now=t,
                          data={"electricity_va": rng.choice([450, 450, 900]), "dependants": rng.randint(0, 5)})
        tick()
        t = self.days_later(t, 0, 2)
        yield t
        c = self.advance(c, actor=self.who("back_office"), now=t)
        tick()
        t = self.days_later(t, 3, 10)
        yield t
        c = self.advance(c, actor=self.who("verifier"), now=t,
                          data={"survey_note": "Survei lapangan bersama kelurahan"})
        tick()
        t = self.days_later(t, 1, 3)
        yield t
        codes = [i.code for i in scoring.INDICATOR_SETS["kepmensos_262_2022"].indicators]
        met = rng.randint(1, 4) if p.variant == "not_eligible" else rng.randint(5, 9)
        chosen = set(rng.sample(codes, met))
        bo = self.who("back_office")
        c = self.advance(c, actor=bo, now=t,
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
        c = self.advance(c, actor=fo, now=t)
        c = self.issue_due(c, fo)
        feedback = {"bpjs_feedback": {"status": "diterima", "reference": f"BA-{c.id}/KC/{t.year}"}}
        for role, lo, hi, data in (("kabid_linjamsos", 1, 5, None), ("back_office", 5, 15, feedback),
                                   ("kepala_dinas", 2, 6, None), ("back_office", 1, 3, None)):
            tick()
            t = self.days_later(t, lo, hi)
            yield t
            c = cases.get_case(o, actor=bo, case_id=c.id)
            if c.current_step == "permohonan_sk":
                self.sk_request(str(c.data.get("quota_period")), t)
                continue
            if role == "kepala_dinas":
                continue  # an earlier collective SK request of the period already listed this case
            c = self.advance(c, actor=self.who(role), now=t, data=data)
        self._closed(c)

    def sk_request(self, period: str, when: datetime) -> None:
        """The period's collective Surat Permohonan SK Walikota (a susulan for participants accepted later)."""
        from app.services import jamkesda

        head = self.who("kepala_dinas")
        earlier = jamkesda.sk_request_issued(self.office, actor=head, period=period)
        res = jamkesda.issue_sk_request(self.office, actor=head, period=period, supplement=bool(earlier), now=when)
        self.letters += 1
        self.say(f"  permohonan SK Walikota {period}: {res.number}, {len(res.reg_numbers)} peserta")

    def rank_round(self, when: datetime) -> None:
        from app.services import cases, jamkesda

        if not self.waiting_rank:
            return
        actor = self.who("back_office")
        periods = sorted({str(cases.get_case(self.office, actor=actor, case_id=cid).data.get("quota_period"))
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

    def reaktivasi_sk(self, p: Plan):
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
            c = self.advance(c, actor=fo, data={"bpjs_status": "aktif"}, now=t)
            self._closed(c)
            return
        deact = (t.astimezone(TZ).date() - timedelta(days=rng.randint(20, 160))).isoformat()
        c = self.advance(c, actor=fo, now=t,
                          data={"bpjs_status": "nonaktif", "deactivated_on": deact})
        tick()
        t = self.later(t, 1, 3)
        yield t
        c = self.advance(c, actor=fo, now=t)
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
            c = self.advance(c, actor=bo, now=t)
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
            c = self.advance(c, actor=bo, now=t)
        for role in chain:
            tick()
            t = self.later(t, 2, 15)
            yield t
            c = cases.paraf(o, actor=self.who(role), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.later(t, 3, 20)
        yield t
        kadis = self.who("kepala_dinas")
        c = self.advance(c, actor=kadis, now=t)
        c = self.issue_due(c, kadis)
        tick()
        t = self.later(t, 3, 15)
        yield t
        c = self.advance(c, actor=self.who("front_office"), now=t)
        self._closed(c)

    def reaktivasi_rekom(self, p: Plan):
        from app.services import cases

        o, rng, tick = self.office, self.rng, self._budget(p)
        c = self.open(p, received=["kk", "ktp", "kis", "sk_dtsen"])
        t = p.opened
        tick()
        t = self.later(t, 3, 10)
        yield t
        c = self.advance(c, actor=self.who("front_office"), now=t)
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
        c = self.advance(c, actor=bo, now=t, reason=reason,
                          data={"deactivated_on": deact})
        if c.closed_at is not None:
            self._closed(c)
            return
        tick()
        t = self.later(t, 5, 15)
        yield t
        c = self.advance(c, actor=bo, now=t)
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
            c = self.advance(c, actor=bo, now=t)
            tick()
            t = self.later(t, 5, 20)
            yield t
        c = self.advance(c, actor=kasi, now=t)
        c = self.issue_due(c, kasi)
        tick()
        t = self.later(t, 3, 15)
        yield t
        c = self.advance(c, actor=bo, now=t)
        tick()
        t = self.later(t, 3, 20)
        yield t
        c = self.advance(c, actor=self.who("front_office"), now=t)
        self._closed(c)

    def penonaktifan(self, p: Plan):
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
        c = self.advance(c, actor=fo, data={"reason_code": code}, now=t)
        tick()
        t = self.later(t, 10, 60)
        yield t
        bo = self.who("back_office")
        c = self.advance(c, actor=bo, now=t)
        c = self.issue_due(c, bo)  # issued the same day; collected in the month's batch
        tick()
        # the collective recap goes up at the start of the next month
        local = t.astimezone(TZ).date()
        first = (local.replace(day=28) + timedelta(days=4)).replace(day=1)
        t = self.days_later(datetime.combine(first - timedelta(days=1), time(9), TZ), 1, 3)
        yield t
        c = self.advance(c, actor=bo, now=t)
        for role in ("kasi_linjamsos", "kabid_linjamsos", "sekretaris"):
            tick()
            t = self.later(t, 30, 240)
            yield t
            c = cases.paraf(o, actor=self.who(role), case_id=c.id, version=c.version, now=t)
        tick()
        t = self.days_later(t, 0, 2)
        yield t
        c = self.advance(c, actor=self.who("kepala_dinas"), now=t)
        tick()
        t = self.later(t, 10, 60)
        yield t
        c = self.advance(c, actor=bo, now=t)
        self._closed(c)


def fo_counter(actor: Actor) -> str | None:
    return {"fo.siti": "Loket 1", "fo.andi": "Loket 2"}.get(actor.username)
