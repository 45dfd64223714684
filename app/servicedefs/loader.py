"""Read and check service definitions. A definition naming an unknown rule, role, document, step or
setting is refused with a message naming the file and the line."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.batching.columns import DEFAULT_COLUMNS, EXTRA_COLUMNS
from app.errors import NotFound, ValidationError
from app.paths import resource_path
from app.rules.eligibility import ELIGIBILITY_RULES
from app.rules.permissions import ROLES
from app.rules.routing import ROUTING_RULES
from app.rules.rule_settings import SLA_UNITS, RuleSettings
from app.servicedefs.fields import INTAKE_PAGES
from app.servicedefs.model import BatchColumn, Requirement, ServiceDef, Step
from app.workflow import hooks as workflow_hooks

#: Documents a service may produce; the letters engine has a template for each.
DOCUMENT_KEYS: dict[str, str] = {
    "rekomendasi_pbi": "Surat Rekomendasi PBI JK",
    "keterangan_reaktivasi": "Surat Keterangan Permohonan Reaktivasi PBI JK",
    "rekomendasi_reaktivasi": "Surat Rekomendasi Reaktivasi PBI JK",
    "rekomendasi_penonaktifan": "Surat Rekomendasi Penonaktifan KIS PBI-APBD",
    "pengantar_penonaktifan": "Surat Pengantar Penonaktifan (kolektif)",
    "pemberitahuan_puskesos": "Surat Pemberitahuan Penonaktifan kepada Puskesos tiap kelurahan/desa (bulanan)",
    "usulan_jamkesda": "Surat Usulan Peserta Jamkesda",
    "pemberitahuan_jamkesda": "Surat Pemberitahuan Hasil Verifikasi Jamkesda",
    "permohonan_sk_walikota": "Surat Permohonan SK Walikota/Bupati",
    "pemberitahuan_ditolak_bpjs": "Surat Pemberitahuan Penolakan Pendaftaran oleh BPJS (Jamkesda)",
    "rujukan_dtsen": "Surat Rujukan Pendaftaran DTSEN",
    "rujukan_disdukcapil": "Surat Rujukan ke Disdukcapil",
    "tanda_terima": "Tanda Terima Berkas",
    "pengantar_pbi": "Surat Pengantar Usulan PBI JK (kolektif)",
    "pengantar_keterangan_reaktivasi": "Surat Pengantar Surat Keterangan Reaktivasi (kolektif)",
    "pengantar_rekomendasi_reaktivasi": "Surat Pengantar Rekomendasi Reaktivasi (kolektif)",
}
COMPLAINT_CHANNELS: dict[str, str] = {
    "langsung": "Datang langsung",
    "kotak_saran": "Kotak saran",
    "email": "Surat elektronik",
    "whatsapp": "WhatsApp",
    "lapor": "SP4N-LAPOR!",
    "medsos": "Media sosial",
}
BOOL_SETTINGS = frozenset(f.name for f in dataclasses.fields(RuleSettings) if f.type in ("bool", bool))
STEP_KINDS = ("task", "paraf", "ranking")
QUOTA_SERVICES = ("jamkesda",)
#: ``membership``: what a served case does to the person's PBI-APBD participation
MEMBERSHIP_EFFECTS = {"masuk": "menjadi peserta PBI-APBD", "keluar": "berhenti menjadi peserta PBI-APBD"}
WINDOWS = ("", "proposal")
#: what a step may wait for outside the service time (``waits``); a batch or window step waits for "jadwal"
WAITS = {"": "", "jadwal": "jendela usulan atau rekap kolektif bulanan", "umpan_balik_bpjs": "umpan balik BPJS",
         "dtsen": "impor DTSEN berikutnya", "kuota": "peringkatan dalam kuota"}
OFFICE_KINDS = ("kelurahan", "dinas")  # where a step may be performed (``at``)
_CODE = re.compile(r"^[a-z][a-z0-9_-]*$")


class ServiceDefinitionError(ValidationError):
    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line = file, line
        where = f"{file}, baris {line}" if line else file
        super().__init__(f"Definisi layanan {where}: {message}")


def _find_line(text: str, value: str, *, table: str | None = None, index: int | None = None,
               key: str | None = None) -> int | None:
    """The line where ``value`` (or ``key =``) appears, searching from the ``index``-th ``[[table]]``."""
    lines = text.splitlines()
    start = 0
    if table is not None and index is not None:
        header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        seen = -1
        for i, ln in enumerate(lines):
            if header.match(ln):
                seen += 1
                if seen == index:
                    start = i
                    break
    pats = []
    if value:
        pats.append(re.compile(r"""["']""" + re.escape(value) + r"""["']"""))
    if key:
        pats.append(re.compile(r"^\s*" + re.escape(key) + r"\s*="))
    for i in range(start, len(lines)):
        if any(p.search(lines[i]) for p in pats):
            return i + 1
    return start + 1 if table is not None and index is not None else None


class _Checker:
    def __init__(self, file: str, text: str):
        self.file, self.text = file, text

    def fail(self, message: str, value: str = "", *, table: str | None = None, index: int | None = None,
             key: str | None = None) -> None:
        raise ServiceDefinitionError(self.file, _find_line(self.text, value, table=table, index=index, key=key),
                                     message)


def _str_list(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v)


def parse_definition(text: str, file: str = "<teks>") -> ServiceDef:
    chk = _Checker(file, text)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ServiceDefinitionError(file, int(m.group(1)) if m else None, f"TOML tidak sah ({exc}).") from exc

    for key in ("code", "name", "short", "sla"):
        if key not in raw:
            chk.fail(f"kunci '{key}' wajib ada.")
    code = str(raw["code"])
    if not _CODE.match(code):
        chk.fail(f"kode layanan '{code}' hanya boleh huruf kecil, angka, '-' dan '_'.", code, key="code")
    sla = raw["sla"]
    if not isinstance(sla, dict) or sla.get("unit") not in SLA_UNITS or int(sla.get("value", 0)) <= 0:
        chk.fail(f"sla harus {{ unit = {' / '.join(SLA_UNITS)}, value = > 0 }}.", key="sla")

    def check_docs(values: tuple[str, ...], table: str | None = None, index: int | None = None) -> None:
        for d in values:
            if d not in DOCUMENT_KEYS:
                chk.fail(f"dokumen tidak dikenal '{d}'. Dokumen yang dikenal: {', '.join(DOCUMENT_KEYS)}.", d,
                         table=table, index=index)

    documents = _str_list(raw.get("documents"))
    batch_documents = _str_list(raw.get("batch_documents"))
    check_docs(documents)
    check_docs(batch_documents)
    close_documents = {k: _str_list(v) for k, v in (raw.get("close_documents") or {}).items()}
    for v in close_documents.values():
        check_docs(v)
    eligibility = _str_list(raw.get("eligibility"))
    for r in eligibility:
        if r not in ELIGIBILITY_RULES:
            chk.fail(f"aturan kelayakan tidak dikenal '{r}'. Aturan yang dikenal: {', '.join(ELIGIBILITY_RULES)}.", r)
    channels = _str_list(raw.get("complaint_channels")) or tuple(COMPLAINT_CHANNELS)
    for c in channels:
        if c not in COMPLAINT_CHANNELS:
            chk.fail(f"kanal pengaduan tidak dikenal '{c}'. Pilihan: {', '.join(COMPLAINT_CHANNELS)}.", c)

    reqs: list[Requirement] = []
    for i, r in enumerate(raw.get("requirements") or []):
        if "code" not in r or "label" not in r:
            chk.fail("setiap persyaratan perlu 'code' dan 'label'.", table="requirements", index=i)
        for key in ("optional_when", "enabled_by"):
            name = r.get(key, "")
            if name and name not in BOOL_SETTINGS:
                chk.fail(f"pengaturan tidak dikenal '{name}' pada {key}. Pilihan: {', '.join(sorted(BOOL_SETTINGS))}.",
                         name, table="requirements", index=i)
        reqs.append(Requirement(str(r["code"]), str(r["label"]), bool(r.get("required", True)),
                                str(r.get("group", "")), str(r.get("optional_when", "")), str(r.get("enabled_by", ""))))
    if len({r.code for r in reqs}) != len(reqs):
        chk.fail("kode persyaratan ganda.", table="requirements", index=0)

    raw_steps = raw.get("steps") or []
    if not raw_steps:
        chk.fail("layanan harus memiliki minimal satu langkah ([[steps]]).")
    step_codes = [str(s.get("code", "")) for s in raw_steps]
    steps: list[Step] = []
    for i, s in enumerate(raw_steps):
        def fail(message: str, value: str = "", key: str | None = None, _i: int = i) -> None:
            chk.fail(message, value, table="steps", index=_i, key=key)

        if not s.get("code") or not s.get("name"):
            fail("setiap langkah perlu 'code' dan 'name'.")
        scode = str(s["code"])
        if step_codes.count(scode) > 1:
            fail(f"kode langkah ganda '{scode}'.", scode)
        kind = str(s.get("kind", "task"))
        if kind not in STEP_KINDS:
            fail(f"jenis langkah tidak dikenal '{kind}'. Pilihan: {', '.join(STEP_KINDS)}.", kind)
        roles = _str_list(s.get("roles", s.get("role")))
        chain = _str_list(s.get("chain"))
        if kind == "paraf":
            if not chain:
                fail("langkah paraf perlu 'chain' (urutan peran yang memaraf).", key="kind")
            roles = roles or chain
        if not roles:
            fail(f"langkah '{scode}' perlu 'role'.", scode)
        for role in roles + chain:
            if role not in ROLES:
                fail(f"peran tidak dikenal '{role}'. Peran yang dikenal: {', '.join(ROLES)}.", role)
        route = str(s.get("route", ""))
        branches = {str(k): str(v) for k, v in (s.get("branches") or {}).items()}
        if route:
            if route not in ROUTING_RULES:
                fail(f"aturan rute tidak dikenal '{route}'. Aturan yang dikenal: {', '.join(ROUTING_RULES)}.", route)
            outcomes = ROUTING_RULES[route].outcomes
            for k in branches:
                if k not in outcomes:
                    fail(f"cabang '{k}' bukan hasil aturan '{route}' ({', '.join(outcomes)}).", key=k)
            for o in outcomes:
                if o not in branches:
                    fail(f"hasil '{o}' dari aturan '{route}' tidak punya cabang tujuan.", route)
        elif branches:
            fail("'branches' hanya berlaku bersama 'route'.", key="branches")
        nxt = str(s.get("next", "" if i < len(raw_steps) - 1 else "close:selesai"))
        if not nxt and not route:
            nxt = step_codes[i + 1] if i + 1 < len(step_codes) else "close:selesai"
        for target in [nxt, *branches.values()]:
            if not target:
                continue
            if target.startswith("close:"):
                if not _CODE.match(target[6:]):
                    fail(f"hasil penutupan tidak sah '{target}'.", target)
            elif target not in step_codes:
                fail(f"langkah tujuan tidak dikenal '{target}'.", target)
        checks = _str_list(s.get("checks"))
        for c in checks:
            if c not in ELIGIBILITY_RULES:
                fail(f"aturan kelayakan tidak dikenal '{c}'. Aturan yang dikenal: {', '.join(ELIGIBILITY_RULES)}.", c)
        produces = _str_list(s.get("produces"))
        check_docs(produces, "steps", i)
        drafts = _str_list(s.get("drafts"))
        check_docs(drafts, "steps", i)
        waits = str(s.get("waits", ""))
        if waits not in WAITS:
            fail(f"penantian tidak dikenal '{waits}'. Pilihan: {', '.join(w for w in WAITS if w)}.", waits)
        window = str(s.get("window", ""))
        if window not in WINDOWS:
            fail(f"jendela tidak dikenal '{window}'.", window)
        at = _str_list(s.get("at")) or ("dinas",)
        for where in at:
            if where not in OFFICE_KINDS:
                fail(f"tempat langkah tidak dikenal '{where}' pada 'at'. Pilihan: {', '.join(OFFICE_KINDS)}.", where)
        if len(set(at)) != len(at):
            fail("'at' menyebut tempat yang sama dua kali.", key="at")
        dinas_only = (kind != "task" or s.get("batch") or set(produces) - {"tanda_terima"}
                      or drafts)
        if "kelurahan" in at and dinas_only:
            fail("keputusan, paraf, surat dan rekap kolektif dikerjakan di Dinas: langkah ini tidak boleh "
                 "'at = [\"kelurahan\", …]'.", key="at")
        minutes = s.get("minutes", 0)
        if not isinstance(minutes, int) or minutes < 0:
            fail("'minutes' (waktu standar) harus bilangan bulat ≥ 0.", key="minutes")
        steps.append(Step(scode, str(s["name"]), roles, minutes, kind, chain, nxt, route, branches, checks,
                          produces, bool(s.get("batch", False)), window, bool(s.get("checklist_gate", False)),
                          tuple(at), drafts, waits or ("jadwal" if s.get("batch") or window else "")))
    releases = str(raw.get("releases_quota", ""))
    if releases and releases not in QUOTA_SERVICES:
        chk.fail(f"releases_quota hanya dapat '{', '.join(QUOTA_SERVICES)}', bukan '{releases}'.", releases)
    if sum(1 for s in steps if s.batch) > 1:
        chk.fail("hanya satu langkah boleh menjadi langkah kolektif (batch = true).", key="batch")
    for i, st in enumerate(steps):
        for key in st.drafts:
            if not any(key in later.produces for later in steps[i + 1:]):
                chk.fail(f"konsep '{key}' pada langkah '{st.code}' tidak diterbitkan oleh langkah sesudahnya "
                         "('produces').", key)
        for key in st.produces:
            if key in st.drafts:
                chk.fail(f"langkah '{st.code}' tidak dapat membuat konsep dan menerbitkan '{key}' sekaligus.", key)
    product = str(raw.get("product", ""))
    if product:
        check_docs((product,))
        if not any(product in st.produces for st in steps):
            chk.fail(f"produk layanan '{product}' tidak diterbitkan oleh langkah mana pun ('produces').", product)
    batch_columns = _batch_columns(chk, raw.get("batch_columns"))
    daily_columns = _str_list(raw.get("daily_list_columns"))
    known_columns = {k for k, _ in DEFAULT_COLUMNS} | set(EXTRA_COLUMNS)
    for key in daily_columns:
        if key not in known_columns:
            chk.fail(f"kolom daftar harian tidak dikenal '{key}'. Kolom yang dikenal: "
                     f"{', '.join(sorted(known_columns))}.", key, key="daily_list_columns")
    intake_page = str(raw.get("intake_page", ""))
    if intake_page and intake_page not in INTAKE_PAGES:
        chk.fail(f"halaman wizard tidak dikenal '{intake_page}' pada 'intake_page'. Pilihan: "
                 f"{', '.join(INTAKE_PAGES)}.", intake_page)
    membership = str(raw.get("membership", ""))
    if membership and membership not in MEMBERSHIP_EFFECTS:
        chk.fail(f"nilai tidak dikenal '{membership}' pada 'membership'. Pilihan: "
                 f"{', '.join(MEMBERSHIP_EFFECTS)} (atau tanpa kunci ini: tidak keduanya).", membership,
                 key="membership")
    service_hooks, hook_errors = workflow_hooks.check(raw.get("hooks"))
    for message, value in hook_errors:
        chk.fail(message, value)
    if releases and "jamkesda.keluar_kuota" not in service_hooks.get("on_close", ()):
        chk.fail(f"releases_quota = '{releases}' memerlukan [hooks] on_close = [\"jamkesda.keluar_kuota\"].", releases)
    if any(st.kind == "ranking" for st in steps):
        for event, name in (("on_open", "jamkesda.periode_kuota"), ("on_close", "jamkesda.lepas_slot")):
            if name not in service_hooks.get(event, ()):
                chk.fail(f"langkah peringkatan kuota memerlukan [hooks] {event} = [\"{name}\"].", key="kind")

    return ServiceDef(
        code=code, name=str(raw["name"]), short=str(raw["short"]), reference=str(raw.get("reference", "")),
        legal_basis=str(raw.get("legal_basis", "")), fee=str(raw.get("fee", "Tidak dipungut biaya")),
        sla_unit=str(sla["unit"]), sla_value=int(sla["value"]), batch=str(raw.get("batch", code)),
        eligibility=eligibility, documents=documents, batch_documents=batch_documents,
        close_documents=close_documents, complaint_channels=channels, notice=str(raw.get("notice", "")),
        strict_intake=bool(raw.get("strict_intake", False)), requirements=tuple(reqs), steps=tuple(steps),
        source=file, releases_quota=releases, product=product, batch_columns=batch_columns,
        batch_letters=bool(raw.get("batch_letters", False)), hooks=service_hooks, daily_list_columns=daily_columns,
        intake_page=intake_page, membership=membership,
    )


def _batch_columns(chk: _Checker, raw: Any) -> tuple[BatchColumn, ...]:
    """``batch_columns = ["skor", { key = "alasan", after = "tanggal_surat", header = "Alasan" }]``."""
    defaults = [k for k, _ in DEFAULT_COLUMNS]
    out: list[BatchColumn] = []
    for item in raw or []:
        spec = {"key": item} if isinstance(item, str) else dict(item) if isinstance(item, dict) else {}
        key = str(spec.get("key", ""))
        if key not in EXTRA_COLUMNS:
            chk.fail(f"kolom batch tidak dikenal '{key}'. Kolom tambahan yang dikenal: {', '.join(EXTRA_COLUMNS)}.",
                     key, key="batch_columns")
        after = str(spec.get("after", ""))
        if after and after not in defaults:
            chk.fail(f"kolom batch '{key}' ditaruh sesudah kolom yang tidak ada '{after}'.", after,
                     key="batch_columns")
        out.append(BatchColumn(key, str(spec.get("header") or EXTRA_COLUMNS[key]), after))
    if len({c.key for c in out}) != len(out):
        chk.fail("kolom batch ganda.", key="batch_columns")
    return tuple(out)


def load_file(path: Path) -> ServiceDef:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceDefinitionError(str(path), None, f"tidak dapat dibaca ({exc}).") from exc
    return parse_definition(text, str(path))


def _files(folder: Path) -> tuple[tuple[str, int], ...]:
    if not folder.is_dir():
        return ()
    return tuple((str(p), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.toml")))


@lru_cache(maxsize=16)
def _load(shipped: tuple[tuple[str, int], ...], override: tuple[tuple[str, int], ...]) -> dict[str, ServiceDef]:
    defs: dict[str, ServiceDef] = {}
    for path, _ in shipped:
        d = load_file(Path(path))
        defs[d.code] = d
    for path, _ in override:  # an office file replaces the shipped definition with the same code
        d = load_file(Path(path))
        defs[d.code] = d
    return defs


def load_all(office=None) -> dict[str, ServiceDef]:
    """Every definition: shipped ones, replaced by the office's own where it has one."""
    override = _files(office.dirs.services) if office is not None else ()
    return dict(_load(_files(resource_path("services")), override))


def check_all(office=None) -> list[str]:
    """At start-up: load and check every definition; raises :class:`ServiceDefinitionError`."""
    return sorted(load_all(office))


def get(office, code: str) -> ServiceDef:
    defs = load_all(office)
    if code not in defs:
        raise NotFound(f"Layanan '{code}' tidak dikenal. Layanan tersedia: {', '.join(sorted(defs))}.")
    return defs[code]
