"""Issue the documents a case has due, from the case's own data (bridge between the workflow and letters).

The workflow records which documents are due (``case.data["documents"]``). :func:`issue_document`
builds the letter data from the case, the person, the DTSEN row and the service definition, issues
the letter through :mod:`app.services.letters` and marks the document issued, all in one transaction.
Collective letters (a list of participants per period) are issued with the monthly batch instead.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from sqlmodel import Session, select

from app.context import Office
from app.db.models import Case, ChecklistItem, DtsenRecord, Family, Person
from app.documents import catalog
from app.documents.dates import tanggal
from app.errors import NotFound, ValidationError
from app.network import guard as network_guard
from app.rules import scoring, sla
from app.rules.eligibility import BPJS_ANSWERS, DEACTIVATION_REASONS
from app.rules.permissions import Actor, require
from app.servicedefs import ServiceDef
from app.servicedefs import get as get_definition
from app.services import audit, complaint_channels, letters
from app.services.cases import _local, _lock, _rules, _sla_of, _tz_name
from app.timeutil import utcnow

EMERGENCY_NOTE = "darurat (rawat inap, persalinan atau gawat darurat)"


def _date_text(raw: Any) -> str:
    if not raw:
        return ""
    try:
        return tanggal(date.fromisoformat(str(raw)[:10]))
    except ValueError:
        return str(raw)


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
    tz = _tz_name(s)
    opened = _local(case.opened_at, tz)
    due = _local(case.due_at, tz) if case.due_at else None
    data = case.data or {}
    conf = data.get("bpjs_confirmation") or {}
    konfirmasi = ""
    if conf:
        konfirmasi = (f"dikonfirmasi oleh {conf.get('confirmed_by', '')}, {_date_text(conf.get('confirmed_at'))}: "
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
        "alasan": alasan, "tanggal_nonaktif": _date_text(data.get("deactivated_on")),
        "konfirmasi_bpjs": konfirmasi, "bukti": data.get("bukti") or data.get("evidence", ""),
        "catatan": data.get("note", ""),
    }


def letter_data(s: Session, office: Office, case: Case, key: str) -> dict[str, Any]:
    """The data a letter of type ``key`` is rendered from, for this case."""
    defn = get_definition(office, case.service_code)
    cfg = _rules(s)
    person = s.get(Person, case.person_id)
    assert person is not None
    unit, value = _sla_of(defn, cfg)
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


def issue_document(office: Office, *, actor: Actor, case_id: int, key: str, extra: dict[str, Any] | None = None,
                   signer: str | None | bool = True) -> letters.LetterInfo:
    """Issue a due document of the case (numbered, archived) and mark it issued, in one transaction.

    ``extra`` is merged over the generated data (e.g. ``{"kasus": {"catatan": "…"}}`` or ``{"tembusan": […]}``).
    """
    require(actor, "case.document")
    kind = catalog.kind(key)
    if kind.collective:
        raise ValidationError(f"{kind.title} adalah surat kolektif; diterbitkan bersama rekap bulanan.")
    template = letters.template_check(office, key)
    now = utcnow()
    with office.db.write() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        network_guard.check_may_issue(s, key)  # letters come from the Dinas; a kelurahan issues only receipts
        data = letter_data(s, office, case, key)
        for k, v in (extra or {}).items():
            data[k] = {**data[k], **v} if isinstance(v, dict) and isinstance(data.get(k), dict) else v
        info = letters.issue_letter_in(s, office, actor=actor, letter_type=key, data=data, case_id=case_id,
                                       signer=signer, template=template)
        case = _lock(s, case_id, case.version, now)
        cdata = copy.deepcopy(case.data or {})
        docs = cdata.setdefault("documents", [])
        entry: dict[str, Any] | None = next((x for x in docs if x["key"] == key and x["status"] == "due"), None)
        if entry is None:
            entry = {"key": key, "title": kind.title, "step": case.current_step, "due_at": now.isoformat()}
            docs.append(entry)
        entry.update({"status": "issued", "letter_id": info.id, "number": info.number, "issued_at": now.isoformat()})
        case.data = cdata
        s.add(case)
        audit.record(s, actor=actor, action="case.document", entity="case", entity_id=case_id,
                     new={"key": key, "letter_id": info.id, "number": info.number})
        return info
