"""Quarterly reconciliation (SPEC §5) of the office's active PBI-APBD participants with BPJS and Dukcapil.

**Active here** means: the newest answered batch item of the person among the activating services
and the deactivating services is an *accepted* item of an activating service. Which services these are
comes from the service definitions (``membership = "masuk"`` / ``"keluar"``, the office's own
definition files included) unless the office's settings name them (:func:`membership`). The BPJS
participant list and the Disdukcapil list are imported (CSV or XLSX, columns by name) and compared by NIK.
Findings:

- ``bpjs_tidak_di_kantor`` — in BPJS, not active here;
- ``kantor_tidak_di_bpjs`` — active here, not (actively) in BPJS;
- ``meninggal_masih_aktif`` / ``pindah_masih_aktif`` — deceased or moved per Dukcapil, still active
  here or in BPJS;
- ``beda_nama`` / ``beda_tanggal_lahir`` — name or birth date differs between here and BPJS/Dukcapil;
- ``ganda`` — a NIK twice in a list, or one person (same name and birth date) under two NIKs.

Each finding carries the deactivation reason it suggests, so the screen can open a case of the
deactivating service from it (:func:`deactivation_request`). The report is an XLSX (summary, findings, refused rows).
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.batching.cells import clean_text
from app.context import Office
from app.db.models import AuditEntry, Batch, BatchItem, Person
from app.errors import ValidationError
from app.importing.tabular import Column, open_table
from app.rules.identifiers import mangled_reason, mask_nik, validate_nik
from app.rules.permissions import Actor, allowed, require
from app.services import audit
from app.services import settings as settings_svc
from app.services.feedback import parse_date
from app.timeutil import tanggal_angka, tanggal_jam, utcnow

SECTION = "reconcile"

KINDS: dict[str, str] = {
    "bpjs_tidak_di_kantor": "Ada di BPJS, tidak aktif di kantor",
    "kantor_tidak_di_bpjs": "Aktif di kantor, tidak ada di BPJS",
    "meninggal_masih_aktif": "Meninggal menurut Dukcapil, masih aktif",
    "pindah_masih_aktif": "Pindah menurut Dukcapil, masih aktif",
    "beda_nama": "Nama berbeda",
    "beda_tanggal_lahir": "Tanggal lahir berbeda",
    "ganda": "Data ganda",
}

#: Finding kind → the ``penonaktifan`` reason code it suggests (SPEC §1.5; codes of
#: ``app.rules.eligibility.DEACTIVATION_REASONS``).
SUGGESTED_REASON = {
    "meninggal_masih_aktif": "meninggal",
    "pindah_masih_aktif": "pindah_domisili",
    "ganda": "ganda",
    "beda_nama": "data_tidak_valid",
    "beda_tanggal_lahir": "data_tidak_valid",
    "kantor_tidak_di_bpjs": "data_tidak_valid",
}

_ID = ("nik", "no nik", "nomor nik", "nik peserta", "nomor induk kependudukan")
_NAME = ("nama", "nama peserta", "nama lengkap", "name")
_BORN = ("tanggal lahir", "tgl lahir", "tgl lhr", "tanggal lhr", "birth date", "date of birth")
BPJS_COLUMNS = [
    Column("nik", _ID, required=True, label="NIK"),
    Column("nama", _NAME),
    Column("tanggal_lahir", _BORN),
    Column("nomor_kartu", ("nomor kartu", "no kartu", "noka", "no kartu bpjs", "nomor kartu bpjs")),
    Column("status", ("status", "status peserta", "status kepesertaan")),
    Column("segmen", ("segmen", "segmen peserta", "jenis peserta")),
]
DUKCAPIL_COLUMNS = [
    Column("nik", _ID, required=True, label="NIK"),
    Column("nama", _NAME),
    Column("tanggal_lahir", _BORN),
    Column("status", ("status", "status penduduk", "keterangan status", "peristiwa", "jenis peristiwa"),
           required=True, label="Status (meninggal/pindah/aktif)"),
    Column("tanggal", ("tanggal", "tanggal peristiwa", "tgl peristiwa", "tanggal kejadian")),
    Column("keterangan", ("keterangan", "catatan", "tujuan pindah")),
]

_INACTIVE = {"nonaktif", "non aktif", "tidak aktif", "non-aktif", "inactive", "dinonaktifkan", "keluar"}
_DEAD = {"meninggal", "meninggal dunia", "mati", "wafat", "deceased", "died"}
_MOVED = {"pindah", "pindah domisili", "pindah keluar", "pindah datang", "moved"}


@dataclass(frozen=True)
class ReconcileSettings:
    """Settings section ``reconcile``: service codes; empty (the default) = from the service definitions."""

    activating_services: tuple[str, ...] = ()
    deactivating_services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Membership:
    """The services whose cases accepted by BPJS start (``activating``) or end (``deactivating``) a person's
    PBI-APBD participation (service codes, which are also their batches' codes)."""

    activating: tuple[str, ...] = ()
    deactivating: tuple[str, ...] = ()

    @property
    def services(self) -> tuple[str, ...]:
        return self.activating + self.deactivating

    @property
    def deactivation_service(self) -> str:
        """The service a deactivation is opened in (the first deactivating one); refused when there is none."""
        if not self.deactivating:
            raise ValidationError("Tidak ada layanan penonaktifan: definisi layanan tidak menyebut "
                                  "membership = \"keluar\" (dan pengaturan rekonsiliasi tidak "
                                  "menyebut layanan penonaktifan).")
        return self.deactivating[0]


def membership(office: Office, session: Session | None = None) -> Membership:
    """The activating and deactivating services: the office's settings where it set them, otherwise the
    services whose definitions say ``membership = "masuk"`` / ``"keluar"`` (``load_all``, the office's
    own definition files included). ``session``: read the settings inside the caller's transaction."""
    from app.servicedefs import load_all

    cfg = (settings_svc.load_in(session, SECTION, ReconcileSettings) if session is not None
           else settings_svc.load(office, SECTION, ReconcileSettings))
    defs = load_all(office)

    def named(effect: str) -> tuple[str, ...]:
        return tuple(sorted(code for code, d in defs.items() if d.membership == effect))

    return Membership(tuple(cfg.activating_services) or named("masuk"),
                      tuple(cfg.deactivating_services) or named("keluar"))


@dataclass(frozen=True)
class Finding:
    kind: str
    nik: str
    name: str
    detail: str
    source: str  # "BPJS", "Dukcapil", "Kantor"
    suggested_reason: str = ""

    @property
    def label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class RefusedRow:
    source: str
    line: int
    value: str
    message: str


@dataclass
class ReconcileReport:
    period: str
    findings: list[Finding] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    active_here: int = 0
    bpjs_rows: int = 0
    dukcapil_rows: int = 0
    out_path: str = ""
    #: the imported BPJS roster used (file name; "" when none): its participants are the office's too
    roster_file: str = ""
    roster_rows: int = 0
    #: active roster participants not entered through Loket PBI (reconciled with the others, counted here)
    roster_only: int = 0

    @property
    def participants(self) -> int:
        """Every participant reconciled: active through Loket PBI plus the roster's others."""
        return self.active_here + self.roster_only

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KINDS, 0)
        for f in self.findings:
            out[f.kind] += 1
        return out


@dataclass
class _Entry:
    line: int
    name: str
    born: date | None
    status: str = ""
    extra: str = ""


def normalise_name(name: str) -> str:
    """Upper case, no accents, punctuation or doubled spaces (``Nur'aini  S.`` → ``NURAINI S``)."""
    t = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    t = re.sub(r"[^A-Za-z0-9 ]+", "", t.upper())
    return re.sub(r"\s+", " ", t).strip()


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lower().replace("_", " "))


def active_participants(office: Office, members: Membership | None = None) -> dict[str, _Entry]:
    """NIK → the person, for everyone active here (see module docs)."""
    members = membership(office) if members is None else members
    services = members.services
    latest: dict[str, tuple[tuple, bool]] = {}
    with office.db.read() as s:
        q = (sa_select(col(BatchItem.nik), col(BatchItem.tmt), col(BatchItem.feedback_at), col(BatchItem.batch_id),
                       col(Batch.service_code))
             .join(Batch, col(Batch.id) == BatchItem.batch_id)
             .where(col(BatchItem.feedback_status) == "diterima", col(Batch.service_code).in_(services)))
        for nik, tmt, fb_at, batch_id, service in s.execute(q):
            key = (tmt or (fb_at.date() if fb_at else date.min), batch_id)
            if nik not in latest or key > latest[nik][0]:
                latest[nik] = (key, service in members.activating)
        active = sorted(n for n, (_k, act) in latest.items() if act)
        out: dict[str, _Entry] = {}
        for i in range(0, len(active), 500):
            chunk = active[i:i + 500]
            for p in s.exec(select(Person).where(col(Person.nik).in_(chunk))).all():
                out[p.nik] = _Entry(0, p.name, p.birth_date)
        return out


def _read_list(path: Path, columns: list[Column], source: str, report: ReconcileReport,
               ) -> tuple[dict[str, _Entry], list[tuple[str, _Entry, _Entry]]]:
    table = open_table(path, columns)
    entries: dict[str, _Entry] = {}
    dupes: list[tuple[str, _Entry, _Entry]] = []
    rows = 0
    for line, raw in table.rows():
        rows += 1
        value = raw.get("nik")
        shown = "" if value is None else str(value).strip()
        why = mangled_reason(value) if value is not None else "kosong"
        if why:
            report.refused.append(RefusedRow(source, line, shown, f"NIK tidak dapat dipakai: {why}."))
            continue
        try:
            nik = validate_nik(shown)
        except ValidationError as exc:
            report.refused.append(RefusedRow(source, line, shown, str(exc)))
            continue
        try:
            born = parse_date(raw.get("tanggal_lahir"))
        except ValueError:
            born = None
            report.refused.append(RefusedRow(source, line, nik, f"Tanggal lahir '{raw.get('tanggal_lahir')}' "
                                                               "tidak dikenali; baris tetap dibandingkan."))
        entry = _Entry(line, str(raw.get("nama") or "").strip(), born, _norm(raw.get("status")),
                       " ".join(str(raw.get(k) or "").strip() for k in ("tanggal", "keterangan", "nomor_kartu")
                                if raw.get(k)).strip())
        if nik in entries:
            dupes.append((nik, entries[nik], entry))
            continue
        entries[nik] = entry
    if source == "BPJS":
        report.bpjs_rows = rows
    else:
        report.dukcapil_rows = rows
    return entries, dupes


def _compare(nik: str, here: _Entry, other: _Entry, source: str, out: list[Finding]) -> None:
    if other.name and here.name and normalise_name(other.name) != normalise_name(here.name):
        out.append(Finding("beda_nama", nik, here.name, f"Kantor: '{here.name}'; {source}: '{other.name}'", source,
                           SUGGESTED_REASON["beda_nama"]))
    if other.born and here.born and other.born != here.born:
        out.append(Finding("beda_tanggal_lahir", nik, here.name,
                           f"Kantor: {tanggal_angka(here.born)}; {source}: {tanggal_angka(other.born)}", source,
                           SUGGESTED_REASON["beda_tanggal_lahir"]))


def _roster_list(report: ReconcileReport, rows: list[tuple[str, int, str, date | None, str]],
                 ) -> tuple[dict[str, _Entry], list[tuple[str, _Entry, _Entry]]]:
    """The imported roster as a BPJS list (same shape as :func:`_read_list`)."""
    entries: dict[str, _Entry] = {}
    dupes: list[tuple[str, _Entry, _Entry]] = []
    for nik, line, name, born, status in rows:
        entry = _Entry(line, name, born, _norm(status))
        if nik in entries:
            dupes.append((nik, entries[nik], entry))
            continue
        entries[nik] = entry
    report.bpjs_rows = len(rows)
    return entries, dupes


def reconcile(office: Office, *, actor: Actor, bpjs_path: str | Path | None, dukcapil_path: str | Path | None,
              out_path: str | Path | None = None, period: str = "",
              progress: Callable[[str], None] | None = None, use_roster: bool = True,
              now: datetime | None = None) -> ReconcileReport:
    """Compare the lists with the office's participants; write the XLSX report to ``out_path`` if given.

    The office's participants are those active through Loket PBI and, with ``use_roster`` and a roster
    imported (:mod:`app.services.roster`), the active participants of the current BPJS roster: those not
    entered through Loket PBI are reconciled too (against Dukcapil) and counted in ``roster_only`` instead
    of being reported as "in BPJS, not here". Without a BPJS file the roster is the BPJS list. ``period`` is
    the quarter reconciled (``YYYY-Qn``); empty means the quarter that ended last (office time), which is
    what :func:`due` checks.
    """
    require(actor, "reconcile.run")
    from app.services import roster as roster_svc

    rows = roster_svc.roster_entries(office) if use_roster else []
    if not bpjs_path and not dukcapil_path and not rows:
        raise ValidationError("Sebutkan daftar BPJS dan/atau daftar Dukcapil yang akan dicocokkan, atau impor "
                              "daftar peserta PBI-APBD dari BPJS lebih dahulu.")
    period = period.strip() or last_ended_quarter(office, now)
    report = ReconcileReport(period=period)
    if progress:
        progress("Membaca peserta aktif kantor …")
    here = active_participants(office)
    report.active_here = len(here)
    findings = report.findings
    bpjs: dict[str, _Entry] = {}
    bpjs_active: set[str] = set()
    roster_active: dict[str, _Entry] = {}
    if rows:
        current = roster_svc.current(office)
        report.roster_file = current.file_name if current else ""
        report.roster_rows = len(rows)
        listed, roster_dupes = _roster_list(ReconcileReport(period=period), rows)
        roster_active = {n: e for n, e in listed.items() if e.status not in _INACTIVE}
        report.roster_only = len(set(roster_active) - set(here))
    if bpjs_path or rows:
        if progress:
            progress("Membaca daftar BPJS …")
        if bpjs_path:
            bpjs, dupes = _read_list(Path(bpjs_path), BPJS_COLUMNS, "BPJS", report)
        else:
            bpjs, dupes = _roster_list(report, rows)
        for nik, first, again in dupes:
            findings.append(Finding("ganda", nik, first.name, f"NIK muncul dua kali di daftar BPJS "
                                                              f"(baris {first.line} dan {again.line})", "BPJS",
                                    "ganda"))
        bpjs_active = {n for n, e in bpjs.items() if e.status not in _INACTIVE}
        for nik in sorted(bpjs_active - set(here) - set(roster_active)):
            e = bpjs[nik]
            findings.append(Finding("bpjs_tidak_di_kantor", nik, e.name,
                                    f"Baris {e.line} daftar BPJS; tidak ada kepesertaan aktif di kantor", "BPJS"))
        for nik in sorted(set(here) - bpjs_active):
            why = (f"di BPJS berstatus '{bpjs[nik].status}'" if nik in bpjs else "tidak ada di daftar BPJS")
            findings.append(Finding("kantor_tidak_di_bpjs", nik, here[nik].name, why.capitalize(), "Kantor",
                                    SUGGESTED_REASON["kantor_tidak_di_bpjs"]))
        for nik in sorted(set(here) & set(bpjs)):
            _compare(nik, here[nik], bpjs[nik], "BPJS", findings)
    # the roster's participants not entered through Loket PBI are the office's too from here on
    loket = set(here)
    here = {**{n: e for n, e in roster_active.items() if n not in loket}, **here}
    if dukcapil_path:
        if progress:
            progress("Membaca daftar Dukcapil …")
        duk, dupes = _read_list(Path(dukcapil_path), DUKCAPIL_COLUMNS, "Dukcapil", report)
        for nik, first, again in dupes:
            if first.status == again.status:
                findings.append(Finding("ganda", nik, first.name, f"NIK muncul dua kali di daftar Dukcapil "
                                                                  f"(baris {first.line} dan {again.line})",
                                        "Dukcapil", "ganda"))
        for nik in sorted(duk):
            e = duk[nik]
            kind = ("meninggal_masih_aktif" if e.status in _DEAD else
                    "pindah_masih_aktif" if e.status in _MOVED or e.status.startswith("pindah") else "")
            where = [w for w, on in (("kantor", nik in here), ("BPJS", nik in bpjs_active)) if on]
            if kind and where:
                findings.append(Finding(kind, nik, (here.get(nik) or e).name,
                                        f"Dukcapil: {e.status}{' ' + e.extra if e.extra else ''}; masih aktif di "
                                        + " dan ".join(where), "Dukcapil", SUGGESTED_REASON[kind]))
            if nik in here:
                _compare(nik, here[nik], e, "Dukcapil", findings)
    # one person under two NIKs among the active participants
    by_person: dict[tuple[str, date], list[str]] = {}
    for nik, e in here.items():
        if e.name and e.born:
            by_person.setdefault((normalise_name(e.name), e.born), []).append(nik)
    for (_name, born), niks in sorted(by_person.items()):
        if len(niks) > 1:
            for nik in sorted(niks):
                others = ", ".join(mask_nik(n) for n in sorted(niks) if n != nik)
                findings.append(Finding("ganda", nik, here[nik].name,
                                        f"Nama dan tanggal lahir ({tanggal_angka(born)}) sama dengan NIK {others}",
                                        "Kantor", "ganda"))
    if out_path:
        if progress:
            progress("Menulis laporan …")
        full = allowed(actor, "export.full_nik")
        from app.services.office import zone_name

        write_report(Path(out_path), report, actor=actor, full_nik=full, zone_name=zone_name(office))
        report.out_path = str(out_path)
    with office.db.write() as s:
        audit.record(s, actor=actor, action="reconcile.run", entity="reconcile", entity_id=period,
                     new={"bpjs": Path(bpjs_path).name if bpjs_path else "",
                          "dukcapil": Path(dukcapil_path).name if dukcapil_path else "",
                          "roster": report.roster_file, "roster_only": report.roster_only,
                          "active_here": report.active_here, "findings": report.counts(),
                          "refused": len(report.refused), "report": report.out_path,
                          "full_nik_export": bool(out_path) and allowed(actor, "export.full_nik")})
    return report


# --------------------------------------------------------------------------- the quarterly reminder

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS = {1: "Januari–Maret", 2: "April–Juni", 3: "Juli–September", 4: "Oktober–Desember"}


@dataclass(frozen=True)
class DueQuarter:
    """A quarter whose reconciliation has not been run (SOP Cirebon step 7)."""

    period: str  # "2026-Q3"
    label: str  # "Triwulan III 2026 (Juli–September)"
    ended_on: date  # the quarter's last day (office time)

    def message(self) -> str:
        return (f"Rekonsiliasi peserta PBI-APBD {self.label} belum dilakukan (triwulan berakhir "
                f"{tanggal_angka(self.ended_on)}). Cocokkan daftar peserta BPJS dan daftar Dukcapil di layar "
                "Batch bulanan → Rekonsiliasi.")


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_code(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def _previous_quarter(day: date) -> tuple[int, int]:
    year, q = quarter_of(day)
    return (year - 1, 4) if q == 1 else (year, q - 1)


def _office_today(office: Office, now: datetime | None) -> date:
    from app.services.office import zone_name
    from app.timeutil import zone

    return (now or utcnow()).astimezone(zone(zone_name(office))).date()


def last_ended_quarter(office: Office, now: datetime | None = None) -> str:
    """The code of the quarter that ended last, in office time (``2026-Q3`` on 6 December 2026)."""
    return quarter_code(*_previous_quarter(_office_today(office, now)))


def due(office: Office, now: datetime | None = None) -> DueQuarter | None:
    """The quarter whose reconciliation is due, or None: the quarter that ended last (office time), as long
    as no reconciliation has been run for it (the ``reconcile.run`` audit entries name the quarter)."""
    today = _office_today(office, now)
    year, q = _previous_quarter(today)
    code = quarter_code(year, q)
    with office.db.read() as s:
        done = s.exec(select(AuditEntry.id).where(AuditEntry.action == "reconcile.run",
                                                  AuditEntry.entity == "reconcile",
                                                  AuditEntry.entity_id == code)).first()
    if done is not None:
        return None
    first_next = date(year + 1, 1, 1) if q == 4 else date(year, q * 3 + 1, 1)
    return DueQuarter(code, f"Triwulan {_ROMAN[q]} {year} ({_MONTHS[q]})", first_next - timedelta(days=1))


def deactivation_request(finding: Finding, members: Membership) -> dict[str, str]:
    """What opening a deactivation case from a finding needs: the deactivating service
    (:attr:`Membership.deactivation_service`), the reason code and a note for the file."""
    return {"service_code": members.deactivation_service, "nik": finding.nik, "name": finding.name,
            "reason_code": finding.suggested_reason or "data_tidak_valid",
            "note": f"Rekonsiliasi: {finding.label}. {finding.detail}"}


def open_deactivation_case(office: Office, *, actor: Actor, finding: Finding, period: str = "") -> Any:
    """Open a case of the deactivating service for the person of a finding (from the report screen).

    The case starts at intake like any other (the checklist still has to be completed); its data
    carries the suggested reason code and where it came from. Returns the case service's ``CaseInfo``.
    """
    from app.services import cases

    req = deactivation_request(finding, membership(office))
    info = cases.open_case(office, actor=actor, service_code=req["service_code"], nik=finding.nik, name=finding.name,
                           data={"reason_code": req["reason_code"],
                                 "source": {"kind": "rekonsiliasi", "period": period, "finding": finding.kind,
                                            "note": req["note"]}})
    with office.db.write() as s:
        audit.record(s, actor=actor, action="reconcile.open_case", entity="case", entity_id=info.id,
                     new={"finding": finding.kind, "nik": mask_nik(finding.nik), "period": period,
                          "reason_code": req["reason_code"], "service_code": req["service_code"]})
    return info


# --------------------------------------------------------------------------- the XLSX report


def write_report(path: Path, report: ReconcileReport, *, actor: Actor, full_nik: bool,
                 zone_name: str = "WIB") -> None:
    """Write the report atomically (temporary file, then rename). NIKs are text cells."""
    from app.batching.xlsx import XlsxTextWriter

    show = (lambda n: n) if full_nik else mask_nik

    def texts(values: Iterable[object]) -> list[str]:
        return [clean_text(v) for v in values]

    def write(target: Path) -> None:
        # the summary: two columns under a one-cell title
        x = XlsxTextWriter(target, ["Laporan rekonsiliasi peserta PBI-APBD"], sheet_title="Ringkasan", columns=2)
        try:
            for row in (["Periode", report.period],
                        ["Dibuat", tanggal_jam(utcnow(), zone_name)],
                        ["Oleh", f"{actor.full_name} ({actor.username})"],
                        ["Peserta aktif di kantor", str(report.active_here)],
                        ["Peserta dari daftar BPJS yang diimpor, tidak melalui Loket PBI",
                         str(report.roster_only)],
                        ["Jumlah peserta yang direkonsiliasi", str(report.participants)],
                        ["Daftar peserta BPJS yang diimpor", report.roster_file or "-"],
                        ["Baris daftar BPJS", str(report.bpjs_rows)],
                        ["Baris daftar Dukcapil", str(report.dukcapil_rows)],
                        [],
                        ["Jenis temuan", "Jumlah"],
                        *[[KINDS[kind], str(n)] for kind, n in report.counts().items()],
                        ["Baris ditolak", str(len(report.refused))]):
                x.append(texts(row))
            x.add_sheet("Temuan", ["No", "Jenis temuan", "NIK", "Nama", "Rincian", "Sumber",
                                   "Usulan alasan penonaktifan"])
            for i, f in enumerate(report.findings, start=1):
                x.append(texts([str(i), f.label, show(f.nik), f.name, f.detail, f.source, f.suggested_reason]))
            x.add_sheet("Baris ditolak", ["Sumber", "Baris", "Nilai NIK", "Masalah"])
            for r in report.refused:
                x.append(texts([r.source, str(r.line), r.value, r.message]))
        except BaseException:
            x.abort()
            raise
        x.close()

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
