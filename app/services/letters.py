"""Issuing, archiving, voiding, reprinting and checking letters (SPEC §3).

A letter number is taken in the same transaction that renders the .docx into the archive, stores the
register row and writes the audit entry: if anything fails nothing is committed, the file is removed,
and the number is free again — so a number is never issued twice and never skipped silently, also
with several counters on one PostgreSQL database (the serial row is locked by ``UPDATE … RETURNING``).

The template is checked *before* the transaction: a template with an unknown placeholder is refused
without spending a number.

    info = letters.issue_letter(office, actor=actor, letter_type="rekomendasi_pbi",
                                data={"pemohon": {...}, "kasus": {...}}, case_id=case.id)
    letters.convert_pdfs(office, actor=actor, letter_ids=[info.id])   # one LibreOffice start for many
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import event, update
from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Counter, Letter, OfficeProfile, Official
from app.documents import catalog
from app.documents.catalog import PRUNE_KEY, LetterKind, terbilang
from app.documents.dates import tanggal, tempat_tanggal
from app.documents.numbering import LetterSettings, format_number
from app.errors import LoketError, NotFound, ValidationError
from app.paths import resource_path
from app.rules.identifiers import format_nip
from app.rules.permissions import Actor, require, role_label
from app.services import audit
from app.services import settings as settings_svc
from app.timeutil import to_local, utcnow

SECTION = "letters"
__all__ = [
    "LetterInfo", "LetterSettings", "PdfSummary", "check_printable", "convert_pdfs", "get_letter", "issue_letter",
    "issue_letter_in", "list_letters", "load_settings", "reprint", "resolve_template", "template_check",
    "verify_archive", "void_letter",
]


# ------------------------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class LetterInfo:
    id: int
    number: str
    series: str
    year: int
    serial: int
    letter_type: str
    title: str
    classification_code: str
    case_id: int | None
    batch_id: int | None
    status: str
    issued_at: datetime
    issued_by: int | None
    docx_path: Path
    pdf_path: Path | None
    template_name: str
    template_sha256: str
    data_sha256: str
    docx_sha256: str
    void_reason: str = ""

    @property
    def voided(self) -> bool:
        return self.status == "voided"


def _info(office: Office, row: Letter) -> LetterInfo:
    k = catalog.KINDS.get(row.letter_type)
    return LetterInfo(
        id=row.id or 0, number=row.number, series=row.series, year=row.year, serial=row.serial,
        letter_type=row.letter_type, title=k.title if k else row.letter_type,
        classification_code=row.classification_code, case_id=row.case_id, batch_id=row.batch_id,
        status=row.status, issued_at=row.issued_at, issued_by=row.issued_by,
        docx_path=office.dirs.letters / row.docx_path,
        pdf_path=(office.dirs.letters / row.pdf_path) if row.pdf_path else None,
        template_name=row.template_name, template_sha256=row.template_sha256, data_sha256=row.data_sha256,
        docx_sha256=row.docx_sha256, void_reason=row.void_reason,
    )


def load_settings(office: Office) -> LetterSettings:
    return settings_svc.load(office, SECTION, LetterSettings)


# ------------------------------------------------------------------------------------------------ hashing
def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def data_hash(data: dict[str, Any]) -> str:
    """SHA-256 of the letter's data (without the ``verifikasi`` part, which is derived from it)."""
    clean = {k: v for k, v in data.items() if k != "verifikasi"}
    return hashlib.sha256(_canonical(clean).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """Caller data → JSON: dates become Indonesian dates, numbers stay, the rest becomes text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return tanggal(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# ---------------------------------------------------------------------------------------------- templates
_CHECKED: dict[str, Any] = {}


def resolve_template(office: Office, letter_type: str) -> tuple[Path, str]:
    """The template to use and its label: the office copy in ``templates/`` wins over the shipped one."""
    name = f"{letter_type}.docx"
    own = office.dirs.templates / name
    if own.exists():
        return own, f"kantor:{name}"
    return resource_path("templates", name), f"bawaan:{name}"


def template_check(office: Office, letter_type: str) -> tuple[Path, str, str]:
    """Check the template for ``letter_type`` (cached by content); returns (path, label, sha256)."""
    from app.documents.placeholders import validate_template

    catalog.kind(letter_type)
    path, label = resolve_template(office, letter_type)
    if not path.exists():
        raise ValidationError(f"Templat surat '{path.name}' tidak ditemukan (dicari di {office.dirs.templates} "
                              "dan di templat bawaan).")
    sha = sha256_file(path)
    if sha not in _CHECKED:
        validate_template(path)
        _CHECKED[sha] = True
    return path, label, sha


# ------------------------------------------------------------------------------------------------ context
def _daerah(p: OfficeProfile) -> str:
    kind = "Kota" if p.region_kind.upper() == "KOTA" else "Kabupaten"
    return f"{kind} {p.region_name}"


def _kepala_daerah(p: OfficeProfile) -> str:
    return f"{'Wali Kota' if p.region_kind.upper() == 'KOTA' else 'Bupati'} {p.region_name}"


def office_header(p: OfficeProfile) -> dict[str, str]:
    """The office block of a letterhead (``kantor.*`` in templates); the forms use it too."""
    kontak = []
    if p.phone:
        kontak.append(f"Telepon {p.phone}")
    if p.email:
        kontak.append(f"Pos-el {p.email}")
    if p.website:
        kontak.append(f"Laman {p.website}")
    return {
        "pemerintah": p.government.upper(), "dinas": p.agency.upper(), "alamat": p.address,
        "kode_pos": p.postal_code, "telepon": p.phone, "email": p.email, "laman": p.website,
        "kontak": ", ".join(kontak), "kota": p.city, "daerah": _daerah(p), "kepala_daerah": _kepala_daerah(p),
    }


def _official(session: Session, key: str) -> Official | None:
    return session.exec(select(Official).where(Official.position_key == key, Official.active)
                        .order_by(col(Official.id))).first()


def _ttd(session: Session, p: OfficeProfile, signer: str | None) -> dict[str, str]:
    if signer is None:
        return {"atas_nama": "", "jabatan": "", "nama": "", "pangkat": "", "nip": ""}
    o = _official(session, signer)
    if o is None:
        raise ValidationError(f"Pejabat penanda tangan '{role_label(signer)}' ({signer}) belum diisi. Isi di "
                              "Pengaturan → Pejabat sebelum menerbitkan surat.")
    atas_nama, jabatan = "", o.position_title
    if o.acting == "a.n.":
        head = _official(session, "kepala_dinas") if signer != "kepala_dinas" else None
        head_title = head.position_title if head and not head.acting else f"Kepala {p.agency.title()}"
        if _daerah(p).lower() not in head_title.lower():
            head_title = f"{head_title} {_daerah(p)}"
        atas_nama = f"a.n. {head_title}"
    elif o.acting in ("Plt.", "Plh."):
        jabatan = f"{o.acting} {o.position_title}"
    return {"atas_nama": atas_nama, "jabatan": jabatan, "nama": o.name, "pangkat": o.rank,
            "nip": format_nip(o.nip)}


def _paraf(session: Session, chain: Iterable[str]) -> list[dict[str, Any]]:
    rows = []
    for i, key in enumerate(chain, 1):
        o = _official(session, key)
        rows.append({"no": i, "jabatan": o.position_title if o else role_label(key), "nama": o.name if o else ""})
    return rows


_SEX = {"L": "Laki-laki", "P": "Perempuan"}
_DECISIONS = {
    "layak": "LAYAK dan diusulkan sebagai peserta",
    "daftar_tunggu": "MEMENUHI KRITERIA — DAFTAR TUNGGU",
    "tidak_layak": "TIDAK LAYAK",
}


def _person(raw: dict[str, Any]) -> dict[str, Any]:
    p = dict(raw)
    if p.get("jenis_kelamin") in _SEX:
        p["jenis_kelamin"] = _SEX[p["jenis_kelamin"]]
    # Composed lines that stay tidy when a part is missing (no dangling "," or "RT  RW").
    p.setdefault("tempat_tanggal_lahir", ", ".join(str(p[k]) for k in ("tempat_lahir", "tanggal_lahir")
                                                   if p.get(k)) or "-")
    rt_rw = " ".join(f"{label} {p[k]}" for label, k in (("RT", "rt"), ("RW", "rw")) if p.get(k))
    p.setdefault("alamat_rt_rw", " ".join(str(x) for x in (p.get("alamat") or "", rt_rw) if x) or "-")
    if "alamat_singkat" not in p and p.get("alamat"):
        parts = [str(p["alamat"])]
        if p.get("rt") or p.get("rw"):
            parts[0] += f" RT {p.get('rt') or '-'} RW {p.get('rw') or '-'}"
        for key in ("kelurahan", "kecamatan"):
            if p.get(key):
                parts.append(("Kel. " if key == "kelurahan" else "Kec. ") + str(p[key]))
        p["alamat_singkat"] = ", ".join(parts)
    return p


def _fill(text: str, ctx: dict[str, Any]) -> str:
    def lookup(path: str) -> str:
        cur: Any = ctx
        for part in path.split("."):
            cur = cur.get(part, "") if isinstance(cur, dict) else ""
        return str(cur)

    out = text
    for token in ("kota", "daerah", "kepala_daerah"):
        out = out.replace("{" + token + "}", ctx["kantor"][token])
    # a city has kelurahan (Lurah); a regency has both kelurahan and desa
    out = out.replace("{lurah}", "Lurah" if ctx["kantor"]["daerah"].startswith("Kota") else "Lurah/Kepala Desa")
    for path in ("pemohon.nama", "pemohon.alamat_singkat", "pemohon.kelurahan", "pengadu.nama", "wilayah.sebutan",
                 "wilayah.kecamatan_di"):
        out = out.replace("{" + path + "}", lookup(path))
    return out


def build_context(session: Session, *, kind: LetterKind, cfg: LetterSettings, profile: OfficeProfile,
                  data: dict[str, Any], number: str, classification: str, local_day: date, actor: Actor,
                  signer: str | None, paraf: Iterable[str] | None) -> dict[str, Any]:
    """Everything a template may use (see ``resources/templates/README.md``), except the images."""
    d = _plain(data)
    ctx: dict[str, Any] = {k: v for k, v in d.items() if k not in ("surat", "tujuan", "kantor", "ttd", "qr")}
    ctx["kantor"] = office_header(profile)
    if "pemohon" in ctx:
        ctx["pemohon"] = _person(ctx["pemohon"] or {})
    if "peserta" in ctx:
        rows = []
        for i, row in enumerate(ctx["peserta"] or [], 1):
            r = dict(row)
            r.setdefault("no", i)
            rows.append(r)
        ctx["peserta"] = rows
        ctx.setdefault("jumlah", len(rows))
        ctx.setdefault("jumlah_terbilang", terbilang(int(ctx["jumlah"])))
    if "anggota" in ctx:
        ctx["anggota"] = [dict(a, no=a.get("no", i)) for i, a in enumerate(ctx["anggota"] or [], 1)]
    if "berkas" in ctx:
        items = [dict(b, no=b.get("no", i), tanda="Ada" if b.get("ada") else "Belum")
                 for i, b in enumerate(ctx["berkas"] or [], 1)]
        ctx["berkas"] = items
        ctx.setdefault("berkas_kurang", sum(1 for b in items if not b.get("ada")))
    if "keputusan" in ctx:
        kep = dict(ctx["keputusan"] or {})
        status = kep.get("status", "")
        if status not in _DECISIONS:
            raise ValidationError("Keputusan Jamkesda harus 'layak', 'daftar_tunggu' atau 'tidak_layak'.")
        if status == "tidak_layak" and not str(kep.get("alasan", "")).strip():
            raise ValidationError("Keputusan 'tidak layak' wajib disertai alasan.")
        kep.setdefault("label", _DECISIONS[status])
        for s in _DECISIONS:
            kep[s] = status == s
        ctx["keputusan"] = kep
    layanan = dict(ctx.get("layanan") or {})
    layanan.setdefault("biaya", "Tidak dipungut biaya")
    ctx["layanan"] = layanan
    if "dasar" not in ctx and layanan.get("kode"):
        ctx["dasar"] = _legal_basis(session, str(layanan["kode"]))
    ctx.setdefault("petugas", {"nama": actor.full_name, "nip": ""})
    if ctx["petugas"].get("nip"):
        with contextlib.suppress(ValidationError):
            ctx["petugas"]["nip"] = format_nip(ctx["petugas"]["nip"])
    ctx.setdefault("tembusan", cfg.tembusan_for(kind.key))
    ctx["tembusan"] = [t for t in ctx["tembusan"] or [] if str(t).strip()]
    given_surat = d.get("surat") or {}
    lampiran = lampiran_text(kind, ctx)
    ctx["surat"] = {
        "nomor": number, "tanggal": tanggal(local_day), "tempat_tanggal": tempat_tanggal(profile.city, local_day),
        "sifat": given_surat.get("sifat") or cfg.sifat, "lampiran": given_surat.get("lampiran") or lampiran,
        "hal": given_surat.get("hal") or kind.hal, "kode_klasifikasi": classification, "judul": kind.title,
    }
    given_tujuan = d.get("tujuan") or {}
    ctx["tujuan"] = {"yth": given_tujuan.get("yth") or _fill(kind.tujuan, ctx),
                     "di": given_tujuan.get("di") or _fill(kind.tujuan_di, ctx)}
    ctx["ttd"] = _ttd(session, profile, signer)
    ctx["paraf"] = _paraf(session, kind.paraf if paraf is None else paraf)
    ctx["kertas"] = cfg.paper.upper()
    ctx[PRUNE_KEY] = True  # an empty "Label : value" line is left out of the rendered letter
    return ctx


@dataclass(frozen=True)
class LetterSetup:
    """What every letter of a type needs before its number: the kind, the letter settings, the office profile
    and the office-local moment it is dated."""

    kind: LetterKind
    cfg: LetterSettings
    profile: OfficeProfile
    moment: datetime
    local: datetime


def letter_setup(session: Session, *, letter_type: str, data: dict[str, Any], moment: datetime) -> LetterSetup:
    """Refuse incomplete data or a missing office profile; else the :class:`LetterSetup` of the letter."""
    kind = catalog.kind(letter_type)
    missing = [k for k in kind.required if not data.get(k)]
    if missing:
        raise ValidationError(f"Data surat '{kind.title}' belum lengkap: {', '.join(missing)} wajib diisi.")
    profile = session.get(OfficeProfile, 1)
    if profile is None:
        raise ValidationError("Profil kantor belum diisi; kop surat tidak dapat dibuat.")
    cfg = settings_svc.load_in(session, SECTION, LetterSettings)
    return LetterSetup(kind, cfg, profile, moment, to_local(moment, profile.timezone))


def letter_context(session: Session, setup: LetterSetup, *, actor: Actor, data: dict[str, Any], number: str,
                   case_id: int | None, signer: str | None | bool, paraf: Iterable[str] | None
                   ) -> dict[str, Any]:
    """The ONE context builder of a letter, for its KONSEP and for the issued letter alike: the case's
    received requirement copies (Lampiran) and reporter are added to ``data``, the signatory chosen
    (``True`` = the type's default), then :func:`build_context`. A KONSEP and its letter differ only in the
    number, the date and the verification code."""
    kind = setup.kind
    if kind.lampiran == "berkas" and case_id is not None and "lampiran_berkas" not in data:
        data = {**data, "lampiran_berkas": received_requirements(session, case_id)}
    if case_id is not None and "pelapor" not in data:
        data = {**data, **_reporter_of(session, case_id)}
    the_signer = kind.signer if signer is True else (signer or None)
    return build_context(session, kind=kind, cfg=setup.cfg, profile=setup.profile, data=data, number=number,
                         classification=setup.cfg.classification_for(kind.key), local_day=setup.local.date(),
                         actor=actor, signer=the_signer, paraf=paraf)


def _legal_basis(session: Session, service_code: str) -> str:
    """The SK of the service standard (Pengaturan → Aturan layanan → legal_basis; the first-run wizard asks)."""
    from app.rules.rule_settings import RULES_SECTION, RuleSettings

    return settings_svc.load_in(session, RULES_SECTION, RuleSettings).legal_basis.get(service_code, "")


def lampiran_text(kind: LetterKind, ctx: dict[str, Any]) -> str:
    """The Lampiran line: the persons of a collective letter (``1 (satu) berkas (12 orang)``), the number of
    requirement copies sent with an individual letter (``lampiran_berkas`` in the data, ``3 (tiga) berkas``),
    or ``-`` when nothing is attached."""
    if kind.collective or kind.lampiran == "peserta":
        n = ctx.get("jumlah")
        return f"1 (satu) berkas ({n} orang)" if n not in (None, "") else "1 (satu) berkas"
    if kind.lampiran == "berkas":
        try:
            n = int(ctx.get("lampiran_berkas") or 0)
        except (TypeError, ValueError):
            n = 0
        return f"{n} ({terbilang(n)}) berkas" if n > 0 else "-"
    return "-"


def _reporter_of(session: Session, case_id: int) -> dict[str, Any]:
    """The case's reporter (pelapor, e.g. who reports a death) as letter data; ``{}`` when none was recorded."""
    from app.db.models import Case

    case = session.get(Case, case_id)
    rep = dict(((case.data or {}) if case else {}).get("pelapor") or {})
    if not rep.get("nama"):
        return {}
    rep["keterangan"] = (f"{rep['nama']}" + (f" ({rep['hubungan']})" if rep.get("hubungan") else "")
                         + (f", NIK {rep['nik']}" if rep.get("nik") else ""))
    return {"pelapor": rep}


def received_requirements(session: Session, case_id: int) -> int:
    """How many requirement documents of the case were received (the copies that go with its letter)."""
    from sqlalchemy import func

    from app.db.models import ChecklistItem

    return int(session.exec(select(func.count()).select_from(ChecklistItem).where(
        ChecklistItem.case_id == case_id, col(ChecklistItem.received).is_(True))).one())


# ---------------------------------------------------------------------------------------------- numbering
def next_serial(session: Session, name: str) -> int:
    """Take the next value of counter ``name`` inside the caller's transaction (row stays locked to commit)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(Counter).values(name=name, value=0).on_conflict_do_nothing(index_elements=["name"]))
    value = session.execute(
        update(Counter).where(col(Counter.name) == name).values(value=Counter.value + 1).returning(col(Counter.value))
    ).scalar_one()
    return int(value)


def counter_name(series: str, year: int) -> str:
    return f"letter:{series}:{year}"


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


# ------------------------------------------------------------------------------------------------- issue
def _remove_on_rollback(session: Session, files: list[Path]) -> None:
    """Delete ``files`` if the transaction rolls back; forget them once it commits."""
    state = {"open": True}

    def on_rollback(_session) -> None:
        if state["open"]:
            state["open"] = False
            for f in files:
                f.unlink(missing_ok=True)

    def on_commit(_session) -> None:
        state["open"] = False

    event.listen(session, "after_rollback", on_rollback)
    event.listen(session, "after_commit", on_commit)


def issue_letter_in(session: Session, office: Office, *, actor: Actor, letter_type: str, data: dict[str, Any],
                    case_id: int | None = None, batch_id: int | None = None, signer: str | None | bool = True,
                    paraf: Iterable[str] | None = None, issued_at: datetime | None = None,
                    template: tuple[Path, str, str] | None = None) -> LetterInfo:
    """Issue a letter inside the caller's write transaction (e.g. together with a workflow step).

    The .docx is removed again if that transaction rolls back. Call :func:`template_check` before
    opening the transaction to refuse a broken template without holding the number lock.
    """
    from app.documents import qr
    from app.documents.render import render_docx

    require(actor, "letter.issue")
    tpl_path, tpl_label, tpl_sha = template or template_check(office, letter_type)
    setup = letter_setup(session, letter_type=letter_type, data=data, moment=issued_at or utcnow())
    cfg, profile, local, moment = setup.cfg, setup.profile, setup.local, setup.moment
    series = cfg.series_for(letter_type)
    classification = cfg.classification_for(letter_type)

    serial = next_serial(session, counter_name(series, local.year))
    number = format_number(cfg.pattern_for(letter_type), serial=serial, on=local.date(), kode=classification,
                           unit=profile.unit_code, kantor=profile.code)
    if session.exec(select(Letter.id).where(Letter.number == number)).first() is not None:
        raise ValidationError(f"Nomor surat {number} sudah terdaftar di register lain; periksa pola nomor "
                              "di Pengaturan → Surat.")
    ctx = letter_context(session, setup, actor=actor, data=data, number=number, case_id=case_id, signer=signer,
                         paraf=paraf)
    digest = data_hash(ctx)
    ctx["verifikasi"] = {"kode": digest[:16], "teks": qr.payload(number, digest)}

    rel = Path(f"{local.year}") / f"{_safe(series)}-{serial:05d}-{letter_type}.docx"
    out = office.dirs.letters / rel
    files = [out]
    _remove_on_rollback(session, files)
    render_docx(tpl_path, ctx, out, paper=cfg.paper, qr_png=qr.qr_png(ctx["verifikasi"]["teks"]),
                emblem_png=profile.emblem_png)
    _keep_template_copy(office, tpl_path, tpl_sha)
    row = Letter(number=number, series=series, year=local.year, serial=serial, classification_code=classification,
                 letter_type=letter_type, case_id=case_id, batch_id=batch_id, template_name=tpl_label,
                 template_sha256=tpl_sha, data=ctx, data_sha256=digest, docx_path=rel.as_posix(),
                 docx_sha256=sha256_file(out), issued_at=moment, issued_by=actor.id, status="issued")
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="letter.issue", entity="letter", entity_id=row.id,
                 new={"number": number, "letter_type": letter_type, "case_id": case_id, "batch_id": batch_id,
                      "template": tpl_label, "template_sha256": tpl_sha, "data_sha256": digest,
                      "docx_sha256": row.docx_sha256})
    return _info(office, row)


KONSEP_NUMBER = "KONSEP (belum bernomor)"
KONSEP_BANNER = "KONSEP — BELUM BERNOMOR DAN BELUM DITANDATANGANI; TIDAK BERLAKU SEBAGAI SURAT"


def render_konsep(session: Session, office: Office, *, actor: Actor, letter_type: str, data: dict[str, Any],
                  out: Path, signer: str | None | bool = True, case_id: int | None = None,
                  template: tuple[Path, str, str] | None = None) -> str:
    """Render the draft of a letter: the same template and the same context as the letter it becomes
    (:func:`letter_context`, shared with :func:`issue_letter_in`), no number (none is spent), no verification
    QR, and a red KONSEP banner on top. Returns the draft's SHA-256 (the paraf steps record what they saw)."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    from app.documents.render import render_docx

    tpl_path, _label, _sha = template or template_check(office, letter_type)
    setup = letter_setup(session, letter_type=letter_type, data=data, moment=utcnow())
    cfg, profile = setup.cfg, setup.profile
    ctx = letter_context(session, setup, actor=actor, data=data, number=KONSEP_NUMBER, case_id=case_id,
                         signer=signer, paraf=None)
    ctx["verifikasi"] = {"kode": "KONSEP", "teks": ""}
    out.parent.mkdir(parents=True, exist_ok=True)
    render_docx(tpl_path, ctx, out, paper=cfg.paper, qr_png=None, emblem_png=profile.emblem_png)
    doc = Document(str(out))
    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    banner = first.insert_paragraph_before()
    run = banner.add_run(KONSEP_BANNER)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    doc.save(str(out))
    return sha256_file(out)


def _keep_template_copy(office: Office, path: Path, sha: str) -> None:
    """Archive the template version a letter was made from (``letters/templat/<sha>.docx``)."""
    target = office.dirs.letters / "templat" / f"{sha}.docx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(target)


def issue_letter(office: Office, *, actor: Actor, letter_type: str, data: dict[str, Any], case_id: int | None = None,
                 batch_id: int | None = None, signer: str | None | bool = True, paraf: Iterable[str] | None = None,
                 issued_at: datetime | None = None, pdf: bool | None = None) -> LetterInfo:
    """Check the template, then number, render, archive and register the letter in one transaction.

    ``signer``: ``True`` = the letter type's default signatory (Kepala Dinas), a position key such as
    ``"kabid_linjamsos"``, or ``None`` for no signature block. ``paraf``: position keys of the paraf chain
    (default: the letter type's). ``pdf``: convert right away (default: the office setting); a missing
    converter does not fail the letter — the .docx is issued and :attr:`LetterInfo.pdf_path` stays ``None``.
    """
    require(actor, "letter.issue")
    template = template_check(office, letter_type)
    out_files: list[Path] = []
    try:
        with office.db.write() as s:
            info = issue_letter_in(s, office, actor=actor, letter_type=letter_type, data=data, case_id=case_id,
                                   batch_id=batch_id, signer=signer, paraf=paraf, issued_at=issued_at,
                                   template=template)
            out_files.append(info.docx_path)
    except BaseException:
        for f in out_files:
            f.unlink(missing_ok=True)
        raise
    if pdf is None:
        pdf = load_settings(office).pdf_on_issue
    if pdf:
        result = convert_pdfs(office, actor=actor, letter_ids=[info.id])
        if info.id in result.converted:
            info = replace(info, pdf_path=result.converted[info.id])
    return info


# --------------------------------------------------------------------------------------------- register
def _find(session: Session, letter_id: int | None, number: str | None) -> Letter:
    row = None
    if letter_id is not None:
        row = session.get(Letter, letter_id)
    elif number:
        row = session.exec(select(Letter).where(Letter.number == number.strip())).first()
    if row is None:
        raise NotFound(f"Surat {number or f'#{letter_id}'} tidak ditemukan di register.")
    return row


def get_letter(office: Office, *, letter_id: int | None = None, number: str | None = None) -> LetterInfo:
    with office.db.read() as s:
        return _info(office, _find(s, letter_id, number))


def list_letters(office: Office, *, actor: Actor | None = None, year: int | None = None,
                 letter_type: str | None = None, status: str | None = None, case_id: int | None = None,
                 batch_id: int | None = None, limit: int | None = None) -> list[LetterInfo]:
    """The register, newest first."""
    if actor is not None:
        require(actor, "letter.list")
    q = select(Letter)
    if year is not None:
        q = q.where(Letter.year == year)
    if letter_type:
        q = q.where(Letter.letter_type == letter_type)
    if status:
        q = q.where(Letter.status == status)
    if case_id is not None:
        q = q.where(Letter.case_id == case_id)
    if batch_id is not None:
        q = q.where(Letter.batch_id == batch_id)
    q = q.order_by(col(Letter.issued_at).desc(), col(Letter.id).desc())
    if limit:
        q = q.limit(limit)
    with office.db.read() as s:
        return [_info(office, r) for r in s.exec(q).all()]


def void_letter(office: Office, *, actor: Actor, reason: str, letter_id: int | None = None,
                number: str | None = None) -> LetterInfo:
    """Void a letter: it keeps its number in the register, with the reason, who and when."""
    require(actor, "letter.void")
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError("Alasan pembatalan surat wajib diisi (paling sedikit 5 karakter).")
    with office.db.write() as s:
        row = _find(s, letter_id, number)
        if row.status == "voided":
            raise ValidationError(f"Surat {row.number} sudah dibatalkan sebelumnya ({row.void_reason}).")
        row.status, row.void_reason, row.voided_at, row.voided_by = "voided", reason[:500], utcnow(), actor.id
        s.add(row)
        if row.case_id is not None and row.id is not None:
            _void_on_case(s, row.case_id, row.id)
        s.flush()
        audit.record(s, actor=actor, action="letter.void", entity="letter", entity_id=row.id,
                     old={"status": "issued"}, new={"status": "voided", "number": row.number, "reason": reason})
        return _info(office, row)


def _void_on_case(s: Session, case_id: int, letter_id: int) -> None:
    """The case's document entry of a voided letter: voided, and due again at its step (a new number)."""
    import copy

    from app.db.models import Case
    from app.workflow import products

    case = s.get(Case, case_id)
    if case is None:
        return
    data = copy.deepcopy(case.data or {})
    if products.mark_voided(data, letter_id) is not None:
        case.data = data
        case.version += 1
        s.add(case)


class ArchiveChanged(LoketError):
    """An archived letter file no longer matches its recorded SHA-256."""


def check_printable(office: Office, info: LetterInfo) -> None:
    """Refuse a voided or anonymised letter, and one whose archived .docx is missing (and cannot be rebuilt
    exactly) or no longer matches its SHA-256: what is printed again must be what was issued."""
    if info.status == "dianonimkan":
        raise ValidationError(f"Surat {info.number} telah dianonimkan setelah masa retensi; hanya nomornya yang "
                              "tersimpan, surat tidak dapat dicetak ulang.")
    if info.voided:
        raise ValidationError(f"Surat {info.number} sudah dibatalkan ({info.void_reason}); tidak dapat dicetak "
                              "ulang.")
    if not info.docx_path.exists() and not _rebuild(office, info):
        raise ArchiveChanged(f"Berkas arsip surat {info.number} hilang ({info.docx_path}) dan tidak dapat dibuat "
                             "ulang persis sama dari data arsip (templat atau lambang sudah berbeda).")
    if sha256_file(info.docx_path) != info.docx_sha256:
        raise ArchiveChanged(f"Berkas arsip surat {info.number} telah berubah sejak diterbitkan (SHA-256 tidak "
                             "cocok); tidak dicetak ulang. Periksa dengan 'loket-pbi check'.")


def reprint(office: Office, *, actor: Actor, letter_id: int | None = None, number: str | None = None,
            dest: Path | None = None, pdf: bool = False) -> Path:
    """The archived document itself (byte for byte), checked against its SHA-256; copied to ``dest`` if given.

    ``pdf=True`` returns the archived PDF (converting it first if there is none yet).
    """
    require(actor, "letter.reprint")
    with office.db.read() as s:
        row = _find(s, letter_id, number)
        info = _info(office, row)
    check_printable(office, info)
    source = info.docx_path
    if pdf:
        if info.pdf_path is None:
            result = convert_pdfs(office, actor=actor, letter_ids=[info.id])
            if info.id not in result.converted:
                raise ValidationError(result.message or "PDF tidak dapat dibuat.")
            info = get_letter(office, letter_id=info.id)
        assert info.pdf_path is not None
        with office.db.read() as s:
            pdf_sha = _find(s, info.id, None).pdf_sha256
        if not info.pdf_path.exists() or sha256_file(info.pdf_path) != pdf_sha:
            raise ArchiveChanged(f"PDF arsip surat {info.number} hilang atau berubah sejak dibuat.")
        source = info.pdf_path
    target = source
    if dest is not None:
        dest = Path(dest)
        target = dest / source.name if dest.is_dir() else dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    with office.db.write() as s:
        audit.record(s, actor=actor, action="letter.reprint", entity="letter", entity_id=info.id,
                     new={"number": info.number, "format": "pdf" if pdf else "docx"})
    return target


def _template_version(office: Office, info: LetterInfo) -> Path | None:
    """The template file with the SHA-256 the letter was made from, wherever it still is."""
    key = info.letter_type + ".docx"
    for candidate in (office.dirs.letters / "templat" / f"{info.template_sha256}.docx",
                      office.dirs.templates / key, resource_path("templates", key)):
        if candidate.exists() and sha256_file(candidate) == info.template_sha256:
            return candidate
    return None


def _rebuild(office: Office, info: LetterInfo) -> bool:
    """Re-render a letter whose file is missing here (e.g. issued on another counter's PC) from the data in
    the register. Rendering is deterministic, so the result is accepted only if its SHA-256 equals the one
    recorded at issue; then it is put back into this PC's archive folder."""
    from app.documents import qr
    from app.documents.render import render_docx

    template = _template_version(office, info)
    if template is None:
        return False
    with office.db.read() as s:
        row = _find(s, info.id, None)
        data = dict(row.data)
        profile = s.get(OfficeProfile, 1)
        emblem = profile.emblem_png if profile else None
    if data_hash(data) != info.data_sha256:
        return False
    tmp = info.docx_path.with_name(info.docx_path.name + ".rebuild")
    try:
        render_docx(template, data, tmp, paper=str(data.get("kertas") or "A4"),
                    qr_png=qr.qr_png(data["verifikasi"]["teks"]), emblem_png=emblem)
        if sha256_file(tmp) != info.docx_sha256:
            return False
        tmp.replace(info.docx_path)
        return True
    except (LoketError, OSError, KeyError):
        return False
    finally:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------------- PDF
@dataclass
class PdfSummary:
    converter: str | None
    converted: dict[int, Path]
    failed: dict[int, str]
    message: str

    @property
    def ok(self) -> bool:
        return not self.failed


def convert_pdfs(office: Office, *, actor: Actor | None = None, letter_ids: Iterable[int] | None = None,
                 missing_only: bool = True, progress: Callable[[int, int], None] | None = None,
                 cancel: threading.Event | None = None) -> PdfSummary:
    """Convert many letters to PDF with one converter start and record each PDF's SHA-256.

    ``letter_ids=None`` converts every issued letter that has no PDF yet. Letters whose archived .docx
    changed are not converted (reported in ``failed``). Without Word or LibreOffice nothing fails hard:
    ``message`` says so and the .docx files stay the archive copy. ``progress(done, total)`` may come from
    a worker thread; setting ``cancel`` stops LibreOffice and keeps (and records) what was done.
    """
    from app.documents.pdf import convert_to_pdf

    if actor is not None:
        require(actor, "letter.pdf")
    with office.db.read() as s:
        q = select(Letter).where(Letter.status == "issued")
        if letter_ids is not None:
            ids = list(letter_ids)
            q = select(Letter).where(col(Letter.id).in_(ids))
        elif missing_only:
            q = q.where(col(Letter.pdf_path).is_(None))
        rows = [_info(office, r) for r in s.exec(q.order_by(col(Letter.id))).all()]
    failed: dict[int, str] = {}
    todo: dict[Path, LetterInfo] = {}
    for info in rows:
        if not info.docx_path.exists() or sha256_file(info.docx_path) != info.docx_sha256:
            failed[info.id] = f"Berkas arsip surat {info.number} hilang atau berubah; PDF tidak dibuat."
            continue
        todo[info.docx_path] = info
    result = convert_to_pdf(list(todo), progress=progress, cancel=cancel)
    converted: dict[int, Path] = {}
    if result.done:
        with office.db.write() as s:
            for docx, pdf_path in result.done.items():
                info = todo[docx]
                row = s.get(Letter, info.id)
                assert row is not None
                row.pdf_path = pdf_path.relative_to(office.dirs.letters).as_posix()
                row.pdf_sha256 = sha256_file(pdf_path)
                s.add(row)
                converted[info.id] = pdf_path
            if actor is not None:
                audit.record(s, actor=actor, action="letter.pdf", entity="letter", entity_id="",
                             new={"count": len(converted), "converter": result.converter,
                                  "numbers": [todo[d].number for d in result.done][:50]})
    for docx, reason in result.failed.items():
        failed[todo[docx].id] = reason
    message = result.message if todo else (f"{len(failed)} surat tidak dapat diubah ke PDF." if failed
                                           else "Tidak ada surat yang perlu diubah ke PDF.")
    if failed and todo and not result.failed:
        message += f" {len(failed)} surat dilewati karena arsipnya berubah."
    return PdfSummary(result.converter, converted, failed, message)


# ------------------------------------------------------------------------------------------------- check
def verify_archive(office: Office) -> list[str]:
    """Every problem in the letter archive, as Indonesian sentences (empty list = all good).

    Checks that each registered .docx/PDF exists and matches its SHA-256, and that the stored data still
    hashes to the recorded value (the QR code on the printed letter carries that hash).
    """
    problems: list[str] = []
    last_id = 0
    while True:
        with office.db.read() as s:
            rows = s.exec(select(Letter).where(col(Letter.id) > last_id).order_by(col(Letter.id)).limit(500)).all()
            batch = [(r.id or 0, r.number, r.docx_path, r.docx_sha256, r.pdf_path, r.pdf_sha256, r.data,
                      r.data_sha256) for r in rows]
            anonymised = {r.id for r in rows if r.status == "dianonimkan"}  # files removed by app.services.privacy
        if not batch:
            break
        for lid, number, docx, docx_sha, pdf, pdf_sha, data, dsha in batch:
            last_id = lid
            if lid in anonymised:
                if isinstance(data, dict) and data_hash(data) != dsha:
                    problems.append(f"Arsip surat {number}: data register telah diubah (sidik data tidak cocok).")
                continue
            path = office.dirs.letters / docx
            if not path.exists():
                where = ("; bila diterbitkan di komputer loket lain, cetak ulang di sini membuatnya kembali dari "
                         "data arsip") if not office.db.is_sqlite else ""
                problems.append(f"Arsip surat {number}: berkas Word hilang ({path}){where}.")
            elif sha256_file(path) != docx_sha:
                problems.append(f"Arsip surat {number}: berkas Word telah berubah sejak diterbitkan (SHA-256 tidak "
                                f"cocok): {path}.")
            if pdf:
                ppath = office.dirs.letters / pdf
                if not ppath.exists():
                    problems.append(f"Arsip surat {number}: berkas PDF hilang ({ppath}).")
                elif sha256_file(ppath) != pdf_sha:
                    problems.append(f"Arsip surat {number}: berkas PDF telah berubah sejak dibuat (SHA-256 tidak "
                                    f"cocok): {ppath}.")
            if isinstance(data, dict) and data_hash(data) != dsha:
                problems.append(f"Arsip surat {number}: data surat di basis data telah diubah (sidik data tidak "
                                "cocok dengan kode QR).")
    return problems
