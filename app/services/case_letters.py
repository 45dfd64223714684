"""Issue the documents a case has due, from the case's own data (bridge between the workflow and letters).

The workflow records which documents are due (``case.data["documents"]``). :func:`issue_document`
builds the letter data from the case, the person, the DTSEN row and the service definition, issues
the letter through :mod:`app.services.letters` and marks the document issued, all in one transaction.
Collective letters (a list of participants per period) are issued with the monthly batch instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from app.context import Office
from app.db.models import Case, ChecklistItem, DtsenRecord, Family, Person
from app.documents import catalog
from app.documents.dates import tanggal, tanggal_teks
from app.errors import LoketError, NotFound, ValidationError
from app.network import guard as network_guard
from app.rules import scoring, sla
from app.rules.eligibility import BPJS_ANSWERS, DEACTIVATION_REASONS
from app.rules.permissions import Actor, require
from app.servicedefs import ServiceDef
from app.servicedefs import get as get_definition
from app.services import audit, complaint_channels, letters, reconcile
from app.timeutil import utcnow
from app.workflow import clock, engine, products

EMERGENCY_NOTE = "darurat (rawat inap, persalinan atau gawat darurat)"




def _pemohon(s: Session, case: Case, person: Person) -> dict[str, Any]:
    fam = s.get(Family, case.family_id) if case.family_id else None
    dt = s.exec(select(DtsenRecord).where(DtsenRecord.nik == person.nik)).first()
    status = (f"Terdaftar di DTSEN (dahulu DTKS), desil {dt.desil if dt.desil else '-'}" if dt
              else "Belum terdaftar di DTSEN (dahulu DTKS)")
    return {
        "nama": person.name, "nik": person.nik, "no_kk": fam.no_kk if fam else "",
        "tempat_lahir": person.birth_place, "tanggal_lahir": tanggal(person.birth_date) if person.birth_date else "",
        "jenis_kelamin": person.sex, "alamat": person.address, "rt": person.rt, "rw": person.rw,
        "kelurahan": person.kelurahan, "kecamatan": person.kecamatan,
        "domisili": person.domicile_address if person.domicile_address != person.address else "",
        "no_kartu": person.card_number or "", "no_hp": person.phone, "pekerjaan": "",
        "hubungan": case.family_relation, "desil": str(dt.desil) if dt and dt.desil else "",
        "id_dtsen": dt.dtsen_id if dt else "", "status_dtsen": status,
    }


def _kasus(s: Session, case: Case, defn: ServiceDef) -> dict[str, Any]:
    tz = engine.tz_name(s)
    opened = engine.local(case.opened_at, tz)
    due = engine.local(case.due_at, tz) if case.due_at else None
    data = case.data or {}
    conf = data.get("bpjs_confirmation") or {}
    konfirmasi = ""
    if conf:
        konfirmasi = (f"dikonfirmasi oleh {conf.get('confirmed_by', '')}, {tanggal_teks(conf.get('confirmed_at'))}: "
                      f"{str(BPJS_ANSWERS.get(conf.get('answer', ''), conf.get('answer', ''))).lower()}")
    alasan = DEACTIVATION_REASONS.get(data.get("reason_code", ""), "")
    if not alasan and data.get("disdukcapil_referral"):
        ref = data["disdukcapil_referral"]
        alasan = {"tidak_online": "NIK tidak ditemukan pada data kependudukan (tidak online)",
                  "ganda": "NIK ganda", "meninggal": "Tercatat meninggal dunia"}[ref["problem"]]
    return {
        "nomor_registrasi": case.reg_number, "tanggal_diterima": tanggal(opened.date()),
        "jam_diterima": f"{opened:%H.%M} {tz}",
        "perkiraan_selesai": f"{tanggal(due.date())} pukul {due:%H.%M} {tz}" if due else "",
        "darurat": case.urgent, "keterangan_darurat": data.get("urgent_note", EMERGENCY_NOTE if case.urgent else ""),
        "alasan": alasan, "tanggal_nonaktif": tanggal_teks(data.get("deactivated_on")),
        "konfirmasi_bpjs": konfirmasi, "bukti": data.get("bukti") or data.get("evidence", ""),
        "catatan": data.get("note", ""),
    }


def letter_data(s: Session, office: Office, case: Case, key: str) -> dict[str, Any]:
    """The data a letter of type ``key`` is rendered from, for this case."""
    defn = get_definition(office, case.service_code)
    cfg = engine.rules(s)
    person = s.get(Person, case.person_id)
    assert person is not None
    unit, value = engine.sla_of(defn, cfg)
    d: dict[str, Any] = {
        "pemohon": _pemohon(s, case, person),
        "kasus": _kasus(s, case, defn),
        "layanan": {"kode": defn.code, "nama": defn.name, "sla": sla.describe(unit, value) + " sejak berkas lengkap",
                    "biaya": defn.fee, "pengaduan": complaint_channels.line_in(s, defn.code)},
    }
    if key == "tanda_terima":
        items = s.exec(select(ChecklistItem).where(ChecklistItem.case_id == case.id)).all()
        order = [r.code for r in defn.requirements]
        d["berkas"] = [{"nama": i.label, "ada": i.received}
                       for i in sorted(items, key=lambda i: order.index(i.code) if i.code in order else 99)]
    if key == "pemberitahuan_jamkesda":
        data = case.data or {}
        status = "tidak_layak" if case.outcome == "tidak_layak" else data.get("decision", "")
        if status not in ("layak", "daftar_tunggu", "tidak_layak"):
            raise ValidationError("Berkas jamkesda ini belum mempunyai keputusan "
                                  "(layak / daftar tunggu / tidak layak).")
        iset = scoring.INDICATOR_SETS.get((data.get("score_sheet") or {}).get("indicator_set", cfg.indicator_set))
        d["keputusan"] = {
            "status": status, "skor": scoring.format_score(data.get("score", 0)),
            "peringkat": str(data.get("rank", "")), "kuota": "" if cfg.uhc_priority else str(cfg.jamkesda_quota),
            "kriteria": iset.legal_basis if iset else "",
            "alasan": case.outcome_reason if status == "tidak_layak" else "",
        }
    if key == "pemberitahuan_ditolak_bpjs":
        from app.services import jamkesda

        d["umpan_balik"] = jamkesda.rejection_letter_data(s, case)
    return d


def _signer(defn: ServiceDef, entry: dict[str, Any], actor: Actor, kind_signer: str | None) -> str | None | bool:
    """The signing position: at a signature step that several positions may take (Kabid Linjamsos or Kepala
    Dinas), the one the signing user holds; otherwise the letter kind's own signer."""
    step = str(entry.get("step", ""))
    if step == products.ANYWHERE_STEP or step.startswith("close:"):
        return True
    roles = [r for r in entry.get("roles") or [] if actor.has(r)]
    if kind_signer and len(entry.get("roles") or []) > 1 and kind_signer not in roles and roles:
        return roles[0]
    return True


def _checks_pass(s: Session, office: Office, case: Case, defn: ServiceDef, entry: dict[str, Any], now: Any) -> None:
    """A letter is drafted or issued at a step only while the step's eligibility checks pass."""
    step = str(entry.get("step", ""))
    if step == products.ANYWHERE_STEP or step.startswith("close:"):
        return
    failed = engine.failed_checks(s, case, defn.step(step), engine.rules(s), now,
                                  membership=reconcile.membership(office, s))
    if failed:
        raise ValidationError(f"{entry['title']} tidak dapat dibuat: " + " ".join(failed))


def _issuable(actor: Actor, key: str) -> catalog.LetterKind:
    require(actor, "case.document")
    kind = catalog.kind(key)
    if kind.collective:
        raise ValidationError(f"{kind.title} adalah surat kolektif; diterbitkan bersama rekap bulanan.")
    return kind


def issue_document(office: Office, *, actor: Actor, case_id: int, key: str, extra: dict[str, Any] | None = None,
                   signer: str | None | bool = True) -> letters.LetterInfo:
    """Issue a letter of the case (numbered, archived) at the step that produces it, in one transaction.

    Only at that step (or, for a closing letter, after the case closed with that outcome), only by a role of
    that step, only from its KONSEP where a drafting step comes first, and only once: another copy is a
    reprint of the same number (:func:`app.services.letters.reprint`). ``extra`` is merged over the
    generated data (e.g. ``{"kasus": {"catatan": "…"}}`` or ``{"tembusan": […]}``).
    """
    _issuable(actor, key)
    template = letters.template_check(office, key)  # a broken template spends no number
    with office.db.write() as s:
        return issue_document_in(s, office, actor=actor, case_id=case_id, key=key, extra=extra, signer=signer,
                                 template=template)


def issue_document_in(s: Session, office: Office, *, actor: Actor, case_id: int, key: str,
                      extra: dict[str, Any] | None = None, signer: str | None | bool = True,
                      template: tuple[Path, str, str] | None = None) -> letters.LetterInfo:
    """:func:`issue_document` inside the caller's transaction (intake issues the receipt with the case);
    the letter file is removed again if that transaction rolls back."""
    kind = _issuable(actor, key)
    now = utcnow()
    case = s.get(Case, case_id)
    if case is None:
        raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
    defn = get_definition(office, case.service_code)
    network_guard.check_may_issue(s, key)  # letters come from the Dinas; a kelurahan issues only receipts
    entry = products.for_issue(copy.deepcopy(case.data or {}), defn, key, actor, case_step=case.current_step,
                               closed=case.closed_at is not None, outcome=case.outcome)
    _checks_pass(s, office, case, defn, entry, now)
    if signer is True:
        signer = _signer(defn, entry, actor, kind.signer)
    data = letter_data(s, office, case, key)
    for k, v in (extra or {}).items():
        data[k] = {**data[k], **v} if isinstance(v, dict) and isinstance(data.get(k), dict) else v
    info = letters.issue_letter_in(s, office, actor=actor, letter_type=key, data=data, case_id=case_id,
                                   signer=signer, template=template)
    case = engine.lock(s, case_id, case.version, now)
    cdata = copy.deepcopy(case.data or {})
    live = products.current(cdata, key)
    assert live is not None
    products.mark_issued(live, letter_id=info.id, number=info.number, now=now)
    case.data = cdata
    if key == defn.product:
        clock.met(case, now)
    s.add(case)
    audit.record(s, actor=actor, action="case.document", entity="case", entity_id=case_id,
                 new={"key": key, "letter_id": info.id, "number": info.number, "step": entry.get("step")})
    return info


def konsep_file(case_id: int, key: str) -> str:
    """Where a case's KONSEP lies, relative to the letters folder."""
    return f"konsep/berkas-{case_id}-{key}.docx"


def make_konsep(office: Office, *, actor: Actor, case_id: int, key: str) -> Path:
    """Draft the letter at its drafting step (KONSEP, no number spent), for the paraf and signature steps to
    see; made again, it replaces the earlier draft. Returns the .docx path."""
    require(actor, "case.document")
    kind = catalog.kind(key)
    template = letters.template_check(office, key)
    now = utcnow()
    rel = konsep_file(case_id, key)
    out = office.dirs.letters / rel
    with office.db.write() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        defn = get_definition(office, case.service_code)
        entry = products.for_konsep(copy.deepcopy(case.data or {}), defn, key, actor, case_step=case.current_step,
                                    closed=case.closed_at is not None)
        _checks_pass(s, office, case, defn, entry, now)
        signing = next((st for st in defn.steps if key in st.produces), None)
        signer: str | None | bool = True
        if signing is not None and kind.signer and kind.signer not in signing.roles and signing.roles:
            signer = signing.roles[0]
        tmp = out.with_suffix(".tmp.docx")
        sha = letters.render_konsep(s, office, actor=actor, letter_type=key, data=letter_data(s, office, case, key),
                                    out=tmp, signer=signer, case_id=case_id, template=template)
        case = engine.lock(s, case_id, case.version, now)
        cdata = copy.deepcopy(case.data or {})
        live = products.current(cdata, key)
        assert live is not None
        products.mark_konsep(live, path=rel, sha256=sha, actor=actor, now=now)
        case.data = cdata
        s.add(case)
        audit.record(s, actor=actor, action="case.konsep", entity="case", entity_id=case_id,
                     new={"key": key, "sha256": sha})
        s.flush()
        tmp.replace(out)
    return out


def konsep_path(office: Office, *, actor: Actor, case_id: int, key: str) -> Path:
    """The KONSEP of a letter of the case, for the steps that check, paraf or sign it."""
    require(actor, "case.view")
    with office.db.read() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        e = products.current(case.data or {}, key)
    if e is None or e.get("status") != products.KONSEP or not e.get("konsep_path"):
        raise ValidationError(f"Belum ada konsep {products.title(key)} untuk berkas ini.")
    path = office.dirs.letters / e["konsep_path"]
    if not path.is_file() or letters.sha256_file(path) != e.get("konsep_sha256"):
        raise ValidationError(f"Konsep {products.title(key)} tidak ditemukan atau berubah sejak dibuat; buat "
                              "konsep lagi pada langkahnya.")
    return path


@dataclass(frozen=True)
class DocumentAction:
    """A letter act the case detail may offer this user now: ``konsep``, ``issue`` or ``view_konsep``."""

    key: str
    title: str
    act: str
    label: str


def available(office: Office, *, actor: Actor, case_id: int) -> list[DocumentAction]:
    """The letter acts this user may do on this case now (the core checks each again when done)."""
    require(actor, "case.view")
    with office.db.read() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        defn = get_definition(office, case.service_code)
        data = copy.deepcopy(case.data or {})
        closed, step, outcome = case.closed_at is not None, case.current_step, case.outcome
    out: list[DocumentAction] = []
    for e in data.get("documents", []):
        key = e["key"]
        if e.get("status") not in products.OPEN or (key in catalog.KINDS and catalog.kind(key).collective):
            continue  # a collective letter is issued for the period, not from one case
        try:
            products.for_issue(data, defn, key, actor, case_step=step, closed=closed, outcome=outcome)
            out.append(DocumentAction(key, e["title"], "issue", f"Terbitkan {e['title']}"))
        except LoketError:
            pass
        try:
            products.for_konsep(data, defn, key, actor, case_step=step, closed=closed)
            again = e.get("status") == products.KONSEP
            out.append(DocumentAction(key, e["title"], "konsep",
                                      f"{'Buat ulang' if again else 'Buat'} konsep {e['title']}"))
        except LoketError:
            pass
        if e.get("status") == products.KONSEP:
            out.append(DocumentAction(key, e["title"], "view_konsep", f"Lihat konsep {e['title']}"))
    return out
