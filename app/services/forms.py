"""Forms handed to the applicant (issue 17): Word templates filled with what the office knows, with dotted
blank lines where the applicant writes by hand, printable any time from the service wizard and the case window.

Forms are not letters: they carry no number, no QR code and are not archived in the letter register (an
applicant may take a fresh copy whenever one is lost). Printing one is recorded in the audit log, because it
holds personal data.

    result = forms.render_form(office, actor=actor, key="pernyataan_penonaktifan", case_id=case.id)
    result.docx_path                                   # <data>/formulir/pernyataan_penonaktifan-PNA-2026-00001.docx

The templates are ``resources/templates/formulir/<key>.docx`` (an office copy in ``<data>/templates/formulir/``
wins), checked like letter templates (unknown placeholders refused). Values that decide eligibility (the
indicator answers, the electricity bill, the reason for a deactivation) are never pre-filled: the applicant
ticks or writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from app.context import Office
from app.db.models import Case, Family, OfficeProfile, Person
from app.documents.dates import tanggal, tanggal_teks, tempat_tanggal
from app.errors import NotFound, ValidationError
from app.paths import resource_path
from app.rules import scoring
from app.rules.eligibility import DEACTIVATION_REASONS
from app.rules.permissions import Actor, require
from app.rules.reporter import clean as clean_reporter
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import audit, settings
from app.timeutil import to_local, utcnow

FOLDER = "formulir"
#: a dotted line where the applicant writes by hand
BLANK = "." * 60
SHORT = "." * 30


@dataclass(frozen=True)
class FormKind:
    key: str
    title: str
    services: tuple[str, ...]
    #: when the standard hands it out
    when: str


FORMS: dict[str, FormKind] = {f.key: f for f in (
    FormKind("daftar_isian_jamkesda", "Daftar Isian Verifikasi Indikator Fakir Miskin dan Tidak Mampu",
             ("jamkesda",), "diserahkan pada langkah 1, diisi pemohon, dibawa kembali saat wawancara"),
    FormKind("pernyataan_calon_peserta", "Surat Pernyataan Calon Peserta Jamkesda", ("jamkesda",),
             "diserahkan pada langkah 1, ditandatangani pemohon di atas meterai"),
    FormKind("registrasi_reaktivasi", "Formulir Pengaduan dan Registrasi Reaktivasi PBI JK",
             ("reaktivasi-sk", "reaktivasi-rekom"), "diisi saat registrasi (SOP Bulukumba langkah 4)"),
    FormKind("pernyataan_penonaktifan", "Surat Pernyataan Penonaktifan Kepesertaan KIS PBI-APBD",
             ("penonaktifan",), "ditandatangani pelapor (atau peserta) sebagai persyaratan"),
)}


@dataclass(frozen=True)
class FormResult:
    key: str
    title: str
    docx_path: Path
    pdf_path: Path | None = None


def forms_for(service_code: str) -> list[FormKind]:
    return [f for f in FORMS.values() if service_code in f.services]


def kind(key: str) -> FormKind:
    try:
        return FORMS[key]
    except KeyError:
        raise ValidationError(f"Formulir '{key}' tidak dikenal. Formulir yang ada: {', '.join(FORMS)}.") from None


def resolve_template(office: Office, key: str) -> Path:
    own = office.dirs.templates / FOLDER / f"{key}.docx"
    return own if own.exists() else resource_path("templates", FOLDER, f"{key}.docx")


def _v(value: Any, blank: str = BLANK) -> str:
    text = " ".join(str(value or "").split())
    return text or blank


_SEX = {"L": "Laki-laki", "P": "Perempuan"}


def _person_values(person: Person | None, raw: dict[str, Any], no_kk: str) -> dict[str, str]:
    """The applicant as printed: every known value, a dotted line for the rest."""
    if person is not None:
        src = {"nama": person.name, "nik": person.nik, "tempat_lahir": person.birth_place,
               "tanggal_lahir": tanggal(person.birth_date) if person.birth_date else "", "jenis_kelamin": person.sex,
               "alamat": person.address, "rt": person.rt, "rw": person.rw, "kelurahan": person.kelurahan,
               "kecamatan": person.kecamatan, "no_hp": person.phone, "no_kartu": person.card_number or ""}
    else:
        birth = raw.get("birth_date")
        if isinstance(birth, date):
            birth = tanggal(birth)
        src = {"nama": raw.get("name", ""), "nik": raw.get("nik", ""), "tempat_lahir": raw.get("birth_place", ""),
               "tanggal_lahir": birth or "", "jenis_kelamin": raw.get("sex", ""), "alamat": raw.get("address", ""),
               "rt": raw.get("rt", ""), "rw": raw.get("rw", ""), "kelurahan": raw.get("kelurahan", ""),
               "kecamatan": raw.get("kecamatan", ""), "no_hp": raw.get("phone", ""),
               "no_kartu": raw.get("card_number", "")}
    out = {k: _v(v, SHORT if k in ("rt", "rw") else BLANK) for k, v in src.items()}
    out["jenis_kelamin"] = _SEX.get(str(src["jenis_kelamin"]), "Laki-laki / Perempuan *)")
    ttl = ", ".join(str(src[k]) for k in ("tempat_lahir", "tanggal_lahir") if src[k])
    out["tempat_tanggal_lahir"] = ttl if src["tempat_lahir"] and src["tanggal_lahir"] else _v("", BLANK)
    rt_rw = f"RT {src['rt'] or '......'} RW {src['rw'] or '......'}"
    out["alamat_rt_rw"] = f"{src['alamat']} {rt_rw}" if src["alamat"] else f"{BLANK} {rt_rw}"
    out["no_kk"] = _v(no_kk)
    out["rt"], out["rw"] = _v(src["rt"], "......"), _v(src["rw"], "......")
    return out


def form_data(session: Session, office: Office, *, key: str, case: Case | None = None,
              person: dict[str, Any] | None = None, service_code: str = "") -> dict[str, Any]:
    """Everything a form template may use (see resources/templates/README.md, "Formulir untuk pemohon")."""
    from app.servicedefs import get as get_definition
    from app.services.letters import office_header

    form = kind(key)
    profile = session.get(OfficeProfile, 1)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; kop formulir tidak dapat dibuat.")
    code = case.service_code if case is not None else (service_code or form.services[0])
    if code not in form.services:
        raise ValidationError(f"{form.title} bukan formulir layanan {code}.")
    defn = get_definition(office, code)
    cfg = settings.load_in(session, RULES_SECTION, RuleSettings)
    pers = session.get(Person, case.person_id) if case is not None else None
    fam = session.get(Family, case.family_id) if case is not None and case.family_id else None
    data = dict(case.data or {}) if case is not None else {}
    raw = dict(person or {})
    today = to_local(utcnow(), profile.timezone).date()
    ctx: dict[str, Any] = {
        "kantor": office_header(profile),
        "formulir": {"judul": form.title, "tanggal": tanggal(today),
                     "tempat_tanggal": tempat_tanggal(profile.city, today),
                     "tempat_tanggal_kosong": f"{profile.city}, {SHORT}",
                     "lurah": _lurah(profile, pers, raw)},
        "pemohon": _person_values(pers, raw, fam.no_kk if fam else str(raw.get("no_kk", ""))),
        "layanan": {"kode": defn.code, "nama": defn.name, "biaya": defn.fee or "Tidak dipungut biaya"},
        "kasus": {"nomor_registrasi": case.reg_number if case is not None else SHORT,
                  "tanggal_nonaktif": _v(tanggal_teks(data.get("deactivated_on")), SHORT)},
    }
    if key == "daftar_isian_jamkesda":
        iset = scoring.INDICATOR_SETS.get(cfg.indicator_set)
        if iset is None:
            raise ValidationError(f"Set indikator '{cfg.indicator_set}' tidak dikenal; periksa Pengaturan → "
                                  "Aturan layanan.")
        ctx["indikator"] = [{"no": i, "kode": ind.code, "teks": ind.label}
                            for i, ind in enumerate(iset.indicators, 1)]
        ctx["formulir"]["kriteria"] = f"{iset.title} ({iset.legal_basis})"
        ctx["formulir"]["batas_listrik"] = f"{cfg.electricity_max_va} VA"
    if key == "pernyataan_penonaktifan":
        rep = clean_reporter(data.get("pelapor") or raw.get("pelapor"))
        rel = rep.get("hubungan", "")
        ctx["pelapor"] = {"nama": _v(rep.get("nama")), "nik": _v(rep.get("nik")),
                          "hubungan": _v(rel, SHORT), "alamat": _v(rep.get("alamat")),
                          "no_hp": _v(rep.get("no_hp"))}
        ctx["alasan"] = [{"no": i, "teks": label} for i, label in enumerate(DEACTIVATION_REASONS.values(), 1)]
    if key == "registrasi_reaktivasi":
        ctx["kasus"]["faskes"] = _v(data.get("faskes"))
    return ctx


def _lurah(profile: OfficeProfile, person: Person | None, raw: dict[str, Any]) -> str:
    """Who acknowledges a statement: the Lurah (a city has kelurahan) or Lurah/Kepala Desa of the applicant."""
    title = "Lurah" if profile.region_kind.upper() == "KOTA" else "Lurah/Kepala Desa"
    place = person.kelurahan if person is not None else str(raw.get("kelurahan") or "")
    return f"{title} {place or SHORT}"




def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]+", "-", text).strip("-") or "kosong"


def render_form(office: Office, *, actor: Actor, key: str, case_id: int | None = None,
                person: dict[str, Any] | None = None, service_code: str = "", pdf: bool = False,
                out_dir: Path | None = None) -> FormResult:
    """Render form ``key`` for a case (or, in the wizard before the case exists, for the ``person`` typed so
    far) into ``<data>/formulir/`` (or ``out_dir``); ``pdf`` converts it too (None when no converter)."""
    from app.documents.placeholders import validate_template
    from app.documents.render import render_docx
    from app.services.letters import load_settings as letter_settings

    require(actor, "case.view")
    form = kind(key)
    template = resolve_template(office, key)
    if not template.exists():
        raise ValidationError(f"Templat formulir '{template.name}' tidak ditemukan.")
    validate_template(template)
    with office.db.write() as s:
        case = None
        if case_id is not None:
            case = s.get(Case, case_id)
            if case is None:
                raise NotFound(f"Berkas #{case_id} tidak ditemukan.")
        ctx = form_data(s, office, key=key, case=case, person=person, service_code=service_code)
        profile = s.get(OfficeProfile, 1)
        emblem = profile.emblem_png if profile else None
        audit.record(s, actor=actor, action="form.print", entity="case" if case else "form",
                     entity_id=case_id if case_id is not None else "", new={"form": key})
    folder = out_dir or office.dirs.root / FOLDER
    name = f"{key}-{_safe(case.reg_number if case is not None else str((person or {}).get('nik') or 'kosong'))}"
    out = render_docx(template, ctx, folder / f"{name}.docx", paper=letter_settings(office).paper,
                      emblem_png=emblem, prune=False)
    pdf_path = None
    if pdf:
        from app.documents.pdf import convert_to_pdf

        result = convert_to_pdf([out], folder)
        pdf_path = result.done.get(out)
    return FormResult(key, form.title, out, pdf_path)
