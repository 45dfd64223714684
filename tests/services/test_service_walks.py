"""Each of the five services walked as an auditor would (issue 15, SPEC §1.7): intake → every step → its
product (the letter) → the monthly batch, under a pinned clock. At every step the out-of-order acts are tried
and must be refused with an Indonesian message and NOTHING written (no letter, no number, no step log, no
audit entry, the same case version): a user without the step's role; the product before its step; completing
the producing step without its product; issuing it by a role that is not the step's; issuing it a second time.
At the end the product is voided and closing the case as served is refused (a case never closes without it).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlmodel import func, select

from app.db.models import AuditEntry, Case, Counter, Letter, StepLog
from app.documents.render import docx_text
from app.errors import LoketError, PermissionDenied, ValidationError
from app.servicedefs import ServiceDef
from app.servicedefs import get as get_definition
from app.services import batches, case_letters, cases, jamkesda, letters
from tests.clock import WIB, pin_clock
from tests.services.helpers import add_dtsen, kk, nik
from tests.services.test_jamkesda import answers, set_rules

pytestmark = pytest.mark.clock

#: Tuesday 3 November 2026, 09:00 WIB: a working day inside the monthly proposal window (1–11)
NOVEMBER = datetime(2026, 11, 3, 9, 0, tzinfo=WIB)
#: Monday 7 December 2026, 10:00 WIB: November has ended, its batch may be closed without confirmation
DECEMBER = datetime(2026, 12, 7, 10, 0, tzinfo=WIB)
#: roles tried as "not this step's role" (the first one the step does not name)
OUTSIDERS = ("verifier", "front_office", "back_office", "manager", "penyuluh_sosial", "kasi_linjamsos")


def _written(office) -> tuple[int, ...]:
    """What a refused act must leave as it was."""
    with office.db.read() as s:
        return (s.exec(select(func.count()).select_from(Letter)).one(),
                sum(c.value for c in s.exec(select(Counter)).all()),
                s.exec(select(func.count()).select_from(StepLog)).one(),
                s.exec(select(func.count()).select_from(AuditEntry)).one(),
                sum(c.version for c in s.exec(select(Case)).all()))


def _refused(office, fn, exc: type[LoketError] = ValidationError, match: str | None = None) -> str:
    before = _written(office)
    with pytest.raises(exc, match=match) as err:
        fn()
    assert _written(office) == before, "a refused act wrote something"
    text = str(err.value)
    assert any(w in text.lower() for w in ("tidak", "belum", "hanya", "sudah", "harus", "wajib", "menunggu")), text
    return text


class Walk:
    """One case of one service, moved step by step with the refusals tried at each step."""

    def __init__(self, office, staff, service: str):
        self.office, self.staff = office, staff
        for role in ("supervisor", "front_office", "back_office", "verifier", "manager", "kabid_linjamsos",
                     "kasi_linjamsos", "penyuluh_sosial", "sekretaris", "kepala_dinas"):
            getattr(staff, role)  # every user exists before the first refusal is counted
        self.defn: ServiceDef = get_definition(office, service)
        self.case: cases.CaseInfo | None = None
        self.product_number = ""
        self.seen: list[str] = []

    @property
    def c(self) -> cases.CaseInfo:
        assert self.case is not None
        return self.case

    def reload(self) -> cases.CaseInfo:
        self.case = cases.get_case(self.office, actor=self.staff.supervisor, case_id=self.c.id)
        return self.case

    def producer(self):
        return next(s for s in self.defn.steps if self.defn.product in s.produces)

    def open(self, i: int, received: list[str], **kw) -> None:
        self.case = cases.open_case(self.office, actor=self.staff.front_office, service_code=self.defn.code,
                                    nik=nik(i), name=f"Warga {i}", no_kk=kk(i), received=received, **kw)

    def refusals(self) -> None:
        """The out-of-order acts at the current step, each refused with nothing written."""
        c, defn, office = self.reload(), self.defn, self.office
        step = defn.step(c.current_step)
        self.seen.append(step.code)
        roles = step.chain or step.roles
        outsider = getattr(self.staff, next(r for r in OUTSIDERS if r not in roles))
        if step.kind == "paraf":
            _refused(office, lambda: cases.paraf(office, actor=outsider, case_id=c.id, version=c.version),
                     PermissionDenied)
        elif step.kind == "ranking":  # moved by the quota ranking only, which the step's role runs
            _refused(office, lambda: jamkesda.rank_period(office, actor=outsider, period=c.data["quota_period"]),
                     PermissionDenied)
        else:
            _refused(office, lambda: cases.advance(office, actor=outsider, case_id=c.id, version=c.version),
                     PermissionDenied)
        producer = self.producer()
        issued = any(d["key"] == defn.product and d.get("status") == "issued" for d in c.data.get("documents", []))
        if step.code != producer.code and not issued:
            # the product before (or away from) its step, even by the role that issues it there
            signer = getattr(self.staff, producer.roles[0])
            _refused(office, lambda: case_letters.issue_document(office, actor=signer, case_id=c.id,
                                                                 key=defn.product))

    def product_here(self) -> None:
        """At the producing step: completing it without the product, a wrong role, then the product once."""
        c, defn, office = self.reload(), self.defn, self.office
        step = defn.step(c.current_step)
        assert defn.product in step.produces, (c.current_step, defn.product)
        actor = getattr(self.staff, step.roles[0])
        msg = _refused(office, lambda: cases.advance(office, actor=actor, case_id=c.id, version=c.version))
        assert "belum diterbitkan" in msg
        outsider = getattr(self.staff, next(r for r in OUTSIDERS if r not in step.roles))
        _refused(office, lambda: case_letters.issue_document(office, actor=outsider, case_id=c.id,
                                                             key=defn.product), PermissionDenied)
        info = case_letters.issue_document(office, actor=actor, case_id=c.id, key=defn.product)
        self.product_number = info.number
        assert info.docx_path.exists() and info.number
        msg = _refused(office, lambda: case_letters.issue_document(office, actor=actor, case_id=c.id,
                                                                   key=defn.product))
        assert info.number in msg and "cetak ulang" in msg.lower()
        assert letters.reprint(office, actor=actor, letter_id=info.id).read_bytes() == info.docx_path.read_bytes()

    def konsep_here(self) -> None:
        """At a drafting step: completing it without the KONSEP is refused; the KONSEP spends no number."""
        c, defn, office = self.reload(), self.defn, self.office
        step = defn.step(c.current_step)
        actor = getattr(self.staff, step.roles[0])
        msg = _refused(office, lambda: cases.advance(office, actor=actor, case_id=c.id, version=c.version))
        assert "konsep" in msg and "belum dibuat" in msg
        numbers = _written(office)[1]
        for key in step.drafts:
            case_letters.make_konsep(office, actor=actor, case_id=c.id, key=key)
        assert _written(office)[1] == numbers

    def advance(self, role: str, data: dict | None = None, *, refusals: bool = True) -> cases.CaseInfo:
        if refusals:
            self.refusals()
        c = self.reload()
        self.case = cases.advance(self.office, actor=getattr(self.staff, role), case_id=c.id, version=c.version,
                                  data=data)
        return self.case

    def paraf_chain(self) -> None:
        self.refusals()
        c = self.reload()
        step = self.defn.step(c.current_step)
        if len(step.chain) > 2:  # out of order: the last of the chain first
            last = getattr(self.staff, step.chain[-1])
            _refused(self.office, lambda: cases.paraf(self.office, actor=last, case_id=c.id, version=c.version),
                     match="berurutan")
        for role in step.chain:
            c = self.reload()
            self.case = cases.paraf(self.office, actor=getattr(self.staff, role), case_id=c.id, version=c.version)

    def close_batch(self, period: str = "2026-11") -> None:
        """The month's batch (after the month ended) carries the case with its product's number."""
        c = self.reload()
        assert c.batch_ready_at is not None, c.current_step
        with pin_clock(DECEMBER):
            res = batches.close_batch(self.office, actor=self.staff.supervisor, service_code=self.defn.batch,
                                      period=period)
        assert res.created and res.batch.record_count == 1 and res.cover_letter
        with zipfile.ZipFile(res.batch.zip_path) as zf:
            xlsx = zf.read(next(n for n in zf.namelist() if n.endswith(".xlsx")))
        rows = list(load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows(values_only=True))
        header = list(rows[0])
        assert len(rows) == 2 and rows[1][header.index("NIK")] == nik(1)
        assert rows[1][header.index("Nomor surat")] == self.product_number
        assert self.reload().batch_id == res.batch.id

    def no_close_without_product(self, role: str, data: dict | None = None) -> None:
        """At the closing step: with the product voided, the case cannot close as served."""
        c = self.reload()
        target = self.defn.step(c.current_step).next
        assert target.startswith("close:"), target
        letter = letters.list_letters(self.office, case_id=c.id, letter_type=self.defn.product)[0]
        letters.void_letter(self.office, actor=self.staff.supervisor, letter_id=letter.id,
                            reason="Uji auditor: produk dibatalkan")
        c = self.reload()
        closer = getattr(self.staff, role)
        msg = _refused(self.office, lambda: cases.advance(self.office, actor=closer, case_id=c.id,
                                                          version=c.version, data=data))
        assert "belum" in msg and c.closed_at is None
        assert self.reload().closed_at is None

    def close(self, role: str, data: dict | None = None) -> None:
        self.advance(role, data)
        assert self.c.closed_at is not None and self.c.status == "selesai", (self.c.status, self.c.outcome)


def _every_step_seen(w: Walk, *, skipped: tuple[str, ...] = ()) -> None:
    assert [s.code for s in w.defn.steps if s.code not in skipped] == w.seen


def test_walk_pbi_baru(office, staff):
    add_dtsen(office, nik(1), desil=2)
    w = Walk(office, staff, "pbi-baru")
    with pin_clock(NOVEMBER):
        w.open(1, ["ktp", "kk"])
        # an incomplete file does not pass the intake check
        msg = _refused(office, lambda: cases.advance(office, actor=staff.front_office, case_id=w.c.id,
                                                     version=w.c.version))
        assert "Surat Keterangan Tidak Mampu" in msg or "SKTM" in msg or "belum lengkap" in msg
        c = cases.set_checklist(office, actor=staff.front_office, case_id=w.c.id, version=w.c.version, code="sktm",
                                received=True)
        w.case = c
        w.advance("front_office")
        assert w.c.current_step == "back_office_kesehatan"
        w.advance("back_office")
        w.refusals()
        w.product_here()
        w.advance("manager", refusals=False)
        assert w.c.current_step == "usulan_apbn" and w.c.batch_ready_at is not None
        w.refusals()
    w.close_batch()
    with pin_clock(DECEMBER):
        w.no_close_without_product("kabid_linjamsos")
    _every_step_seen(w, skipped=("verifikasi_lapangan", "usulan_dtsen", "menunggu_dtsen"))


def test_walk_reaktivasi_sk(office, staff):
    add_dtsen(office, nik(1), desil=4)
    w = Walk(office, staff, "reaktivasi-sk")
    with pin_clock(NOVEMBER):
        w.open(1, ["kartu_jkn", "kk", "identitas", "status_bpjs", "surat_faskes"])
        w.advance("front_office", {"bpjs_status": "nonaktif", "deactivated_on": "2026-07-01"})
        w.advance("front_office")
        w.advance("back_office")
        w.advance("back_office")
        assert w.c.current_step == "konsep_surat"
        w.refusals()
        w.konsep_here()
        w.advance("back_office", refusals=False)
        w.paraf_chain()
        assert w.c.current_step == "tanda_tangan"
        w.refusals()
        w.product_here()
        w.advance("kepala_dinas", refusals=False)
        assert w.c.current_step == "penyerahan" and w.c.batch_ready_at is not None
        w.refusals()
    w.close_batch()
    with pin_clock(DECEMBER):
        w.no_close_without_product("front_office")
    _every_step_seen(w)


def test_walk_reaktivasi_rekom(office, staff):
    add_dtsen(office, nik(1), desil=1)
    w = Walk(office, staff, "reaktivasi-rekom")
    with pin_clock(NOVEMBER):
        w.open(1, ["kk", "ktp", "kis", "sk_dtsen"])
        w.advance("front_office")
        w.refusals()
        # the BPJS branch's answer gates the step: no confirmation recorded, no move
        msg = _refused(office, lambda: cases.advance(office, actor=staff.back_office, case_id=w.c.id,
                                                     version=w.c.version))
        assert "siapa, kapan, jawaban" in msg
        w.case = cases.record_bpjs_confirmation(office, actor=staff.back_office, case_id=w.c.id,
                                                version=w.c.version, confirmed_by="Rina (BPJS KC)",
                                                confirmed_at="2026-11-03T09:10", answer="dapat_direaktivasi")
        w.advance("back_office", {"deactivated_on": "2026-06-15"}, refusals=False)
        assert w.c.current_step == "konsep_surat"
        w.refusals()
        w.konsep_here()
        konsep = case_letters.konsep_path(office, actor=staff.kasi_linjamsos, case_id=w.c.id,
                                          key="rekomendasi_reaktivasi")
        w.advance("back_office", refusals=False)
        w.refusals()
        w.product_here()
        # the KONSEP and the letter come from one context: the same Lampiran (the 4 requirement copies)
        [letter] = letters.list_letters(office, case_id=w.c.id, letter_type="rekomendasi_reaktivasi")
        assert "4 (empat) berkas" in docx_text(konsep) and "4 (empat) berkas" in docx_text(letter.docx_path)
        w.advance("kasi_linjamsos", refusals=False)
        assert w.c.current_step == "entri_bpjs" and w.c.batch_ready_at is not None
        w.advance("back_office")
        w.refusals()
    w.close_batch()
    with pin_clock(DECEMBER):
        w.no_close_without_product("front_office")
    _every_step_seen(w)


def test_walk_penonaktifan(office, staff):
    w = Walk(office, staff, "penonaktifan")
    with pin_clock(NOVEMBER):
        w.open(1, ["kk", "ktp", "kis", "surat_pernyataan"])
        # a deactivation with no reason is refused (no eligibility fact is defaulted)
        _refused(office, lambda: cases.advance(office, actor=staff.front_office, case_id=w.c.id,
                                               version=w.c.version))
        w.advance("front_office", {"reason_code": "mampu", "kepesertaan": "bukan_peserta_dicatat"})
        assert w.c.current_step == "penerbitan_surat"
        w.refusals()
        w.product_here()
        w.advance("back_office", refusals=False)
        assert w.c.current_step == "rekap_bulanan" and w.c.batch_ready_at is not None
        w.advance("back_office")
        w.paraf_chain()
        w.advance("kepala_dinas")
        assert w.c.current_step == "arsip"
        w.refusals()
    w.close_batch()
    with pin_clock(DECEMBER):
        w.no_close_without_product("back_office")
    _every_step_seen(w)


def test_walk_jamkesda(office, admin, staff, tmp_path):
    set_rules(office, admin, jamkesda_quota=5)
    add_dtsen(office, nik(1), desil=1)
    w = Walk(office, staff, "jamkesda")
    with pin_clock(NOVEMBER):
        w.open(1, [])
        w.advance("front_office")  # the form handed out
        for code in ("kk_ktp_suami_istri", "sktm", "daftar_isian", "surat_pernyataan", "rekening_listrik",
                     "ktp_kk_pemilik_listrik"):
            w.case = cases.set_checklist(office, actor=staff.front_office, case_id=w.c.id, version=w.c.version,
                                         code=code, received=True)
        # the electricity load decides eligibility: never defaulted, an empty value is refused
        _refused(office, lambda: cases.advance(office, actor=staff.front_office, case_id=w.c.id,
                                               version=w.c.version, data={"electricity_va": None}))
        w.advance("front_office", {"electricity_va": 900, "dependants": 2})
        w.advance("back_office")
        w.advance("verifier")
        w.advance("back_office", {"indicators": answers(7)})
        assert w.c.current_step == "peringkatan"
        w.refusals()
        # the ranking step is not completed by hand: only the quota ranking moves the case
        _refused(office, lambda: cases.advance(office, actor=staff.back_office, case_id=w.c.id,
                                               version=w.c.version), match="peringkatan")
        res = jamkesda.rank_period(office, actor=staff.back_office, period=w.c.data["quota_period"])
        assert [e.decision for e in res.entries] == ["layak"]
        w.reload()
        assert w.c.current_step == "pemberitahuan"
        w.refusals()
        w.product_here()
        w.advance("front_office", refusals=False)
        assert w.c.current_step == "usulan_bpjs" and w.c.batch_ready_at is not None
        w.advance("kabid_linjamsos")
        assert w.c.current_step == "umpan_balik_bpjs"
        w.refusals()
        # BPJS's answer gates the step
        msg = _refused(office, lambda: cases.advance(office, actor=staff.back_office, case_id=w.c.id,
                                                     version=w.c.version))
        assert "Umpan balik BPJS" in msg
        w.advance("back_office", {"bpjs_feedback": {"status": "diterima", "reference": "BA-7/KC/2026"}},
                  refusals=False)
        assert w.c.current_step == "permohonan_sk"
        w.refusals()
        # the SK request is one collective letter of the period, by the step's role
        period = w.c.data["quota_period"]
        _refused(office, lambda: jamkesda.issue_sk_request(office, actor=staff.back_office, period=period),
                 PermissionDenied)
        sk = jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period=period)
        assert sk.reg_numbers == (w.c.reg_number,)
        _refused(office, lambda: jamkesda.issue_sk_request(office, actor=staff.kepala_dinas, period=period),
                 match="hanya diterbitkan sekali")
        w.reload()
        assert w.c.current_step == "arsip"
        w.refusals()
    w.close_batch()
    with pin_clock(DECEMBER):
        w.no_close_without_product("back_office")
    _every_step_seen(w)
