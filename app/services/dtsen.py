"""The DTSEN (dahulu DTKS) extract: import the office's by-name-by-address list, look a NIK up offline.

An import is one transaction: it either lands whole or changes nothing (also when cancelled). Rows
are upserted by NIK and only written when their content changed, so importing the same file again
changes nothing. Every refused row goes to a rejects file with its line number and reason.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import itertools
import operator
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlmodel import Session, col, func, select

from app.batching.cells import clean_text, neutralise_csv
from app.context import Office
from app.db.models import Case, DtsenImport, DtsenRecord, Person
from app.errors import LoketError, ValidationError
from app.importing.tabular import Column, open_table
from app.rules.identifiers import PROVINCES, mangled_reason, parse_nik, validate_kk
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import utcnow

LABEL = "DTSEN (dahulu DTKS)"
CHUNK_ROWS = 20_000
MULTI_ROWS = 2_000  # rows per INSERT statement on SQLite
IMPORT_CACHE_KIB = 96 * 1024  # SQLite page cache during an import

COLUMNS = [
    Column("nik", ("nik", "no nik", "nomor nik", "nomor induk kependudukan"), required=True, label="NIK"),
    Column("no_kk", ("no kk", "nokk", "nomor kk", "kk", "no kartu keluarga", "family card number", "kk number"),
           required=True, label="No KK"),
    Column("name", ("nama", "nama lengkap", "name", "full name", "nama art"), required=True, label="Nama"),
    Column("birth_place", ("tempat lahir", "tmp lahir", "tmpt lahir", "birth place", "place of birth")),
    Column("birth_date", ("tgl lahir", "tanggal lahir", "tgl lhr", "birth date", "date of birth", "dob")),
    Column("sex", ("jns kel", "jenis kelamin", "jk", "kelamin", "sex", "gender")),
    Column("address", ("alamat", "address", "alamat lengkap")),
    Column("rt", ("rt",)),
    Column("rw", ("rw",)),
    Column("region_code", ("kode wilayah", "kode wil", "kode desa", "kode kelurahan", "region code",
                           "kode kel")),
    Column("kelurahan", ("kelurahan", "desa", "kelurahan desa", "desa kelurahan", "nama kelurahan", "village")),
    Column("kecamatan", ("kecamatan", "nama kecamatan", "district", "subdistrict")),
    Column("desil", ("desil", "desil nasional", "decile", "peringkat desil"), required=True, label="Desil"),
    Column("dtsen_id", ("id dtsen", "id dtks", "id", "dtsen id", "idartbdt", "id art")),
]

_FIELDS = ("nik", "no_kk", "name", "birth_place", "birth_date", "sex", "address", "rt", "rw", "region_code",
           "kelurahan", "kecamatan", "desil", "dtsen_id")
_SEX = {"l": "L", "lk": "L", "laki laki": "L", "laki-laki": "L", "1": "L", "m": "L", "male": "L",
        "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "2": "P", "f": "P", "female": "P"}


class ImportCancelled(LoketError):
    """The officer cancelled; the transaction was rolled back and nothing changed."""


def _n(value: int) -> str:
    """Thousands separated the Indonesian way: 1.000.000."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class ImportSummary:
    import_id: int
    file_name: str
    rows_total: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    rejects_path: str
    #: cases waiting at "Menunggu DTSEN" that this import moved on (their NIK is now in the extract)
    resumed: int = 0
    #: of those, the ones the desil rule refused
    resumed_refused: int = 0

    def message(self) -> str:
        text = (f"Impor {LABEL} selesai: {_n(self.rows_total)} baris dibaca, {_n(self.inserted)} baru, "
                f"{_n(self.updated)} diperbarui, {_n(self.unchanged)} tidak berubah, {_n(self.rejected)} ditolak.")
        if self.resumed:
            text += f" {_n(self.resumed)} berkas yang menunggu DTSEN dilanjutkan"
            text += (f" ({_n(self.resumed_refused)} di antaranya ditutup karena desil di luar rentang)."
                     if self.resumed_refused else ".")
        if self.rejected:
            text += f" Daftar baris yang ditolak: {self.rejects_path}"
        return text


@dataclass(frozen=True)
class DtsenInfo:
    nik: str
    no_kk: str
    name: str
    birth_place: str
    birth_date: date | None
    sex: str
    address: str
    rt: str
    rw: str
    region_code: str
    kelurahan: str
    kecamatan: str
    desil: int | None
    dtsen_id: str


def _text(v: Any) -> str:
    if v.__class__ is str:
        return v.strip()
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _plain_digits(v: Any) -> str | None:
    """The common case, checked cheaply: a text cell of ASCII digits (cannot be spreadsheet-mangled)."""
    if v.__class__ is str:
        t = v.strip()
        if t.isdigit() and t.isascii():
            return t
    return None


def _identifier(raw: Any, label: str) -> str:
    plain = _plain_digits(raw)
    if plain is not None:
        return plain
    reason = mangled_reason(raw) if raw is not None else None
    if reason:
        raise ValidationError(f"{label} rusak oleh lembar kerja: {reason}")
    return _text(raw)


def _birth_date(raw: Any) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    # Fast path for the usual DD-MM-YYYY / DD/MM/YYYY.
    if len(text) == 10 and text[2] in "-/." and text[5] == text[2]:
        d, m, y = text[0:2], text[3:5], text[6:10]
        if d.isdigit() and m.isdigit() and y.isdigit():
            try:
                return date(int(y), int(m), int(d))
            except ValueError:
                raise ValidationError(f"tanggal lahir '{text}' bukan tanggal yang sah") from None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"tanggal lahir '{text}' tidak dikenali (gunakan DD-MM-YYYY)")


def _small_code(raw: Any, label: str) -> str:
    text = _text(raw)
    if not text:
        return ""
    if not (text.isascii() and text.isdigit()) or len(text) > 3:
        raise ValidationError(f"{label} '{text}' harus angka sampai 3 digit")
    return text.zfill(3)


def clean_row(values: dict[str, Any]) -> dict[str, Any]:
    """One raw row → the values to store. Raises :class:`ValidationError` naming what is wrong."""
    info = parse_nik(_identifier(values.get("nik"), "NIK"))
    kk = validate_kk(_identifier(values.get("no_kk"), "No KK"))
    name = " ".join(_text(values.get("name")).split())
    if not name:
        raise ValidationError("nama kosong")
    if len(name) > 120:
        raise ValidationError("nama lebih dari 120 karakter")
    sex_raw = _text(values.get("sex"))
    if sex_raw in ("L", "P"):
        sex = sex_raw
    elif sex_raw:
        sex = _SEX.get(sex_raw.lower(), "")
        if not sex:
            raise ValidationError(f"jenis kelamin '{sex_raw}' harus L atau P")
    else:
        sex = info.sex
    desil_text = _text(values.get("desil"))
    if not (desil_text.isascii() and desil_text.isdigit()) or not 0 <= int(desil_text) <= 10:
        raise ValidationError(f"desil '{desil_text}' harus angka 0–10 (0 = belum diperingkat)")
    region = _identifier(values.get("region_code"), "Kode wilayah")
    if region and not (region.isascii() and region.isdigit()):
        raise ValidationError(f"kode wilayah '{region}' harus angka")
    address = _text(values.get("address"))
    if "  " in address:
        address = " ".join(address.split())
    return {
        "nik": info.nik, "no_kk": kk, "name": name, "birth_place": _text(values.get("birth_place"))[:80],
        "birth_date": _birth_date(values.get("birth_date")), "sex": sex, "address": address[:250],
        "rt": _small_code(values.get("rt"), "RT"), "rw": _small_code(values.get("rw"), "RW"),
        "region_code": region[:13], "kelurahan": _text(values.get("kelurahan"))[:80],
        "kecamatan": _text(values.get("kecamatan"))[:80], "desil": int(desil_text),
        "dtsen_id": _text(values.get("dtsen_id"))[:40],
    }


def _fast_cleaner(mapping: dict[str, int], store: tuple[bool, int | None] | None = None,
                  ) -> Callable[[list[str]], tuple | None]:
    """:func:`clean_row` for the usual well-formed CSV row, without a dict per row.

    ``clean(cells)`` returns ``(nik, no_kk, name, birth_place, birth_date, sex, address, rt, rw, region_code,
    kelurahan, kecamatan, desil, dtsen_id, iso_birth_date)`` exactly as :func:`clean_row` would store them, or
    ``None`` for anything out of the ordinary (short row, stray spaces in an identifier, another date format,
    a word for the sex, any invalid value); the caller then runs :func:`clean_row`, which decides and names
    the reason. So this only ever accepts a subset of what :func:`clean_row` accepts, with the same result
    (tests/core/test_dtsen_fast.py checks both on the same rows).

    With ``store=(iso_dates, import_id)`` it returns the row as the import writes it instead:
    ``(nik, …, dtsen_id, row_hash, import_id)``, the birth date as ``YYYY-MM-DD`` text if ``iso_dates``, and
    the row hash exactly as :func:`_row_hash` computes it from :func:`clean_row`'s values (built here from
    the same local values, so the import's hot loop does not take a tuple apart again for every row).
    """
    provinces = frozenset(PROVINCES)
    width = max(mapping.values()) + 1
    blank = width  # index of an empty cell appended for optional columns the file does not have
    ix = {k: mapping.get(k, blank) for k in _FIELDS}
    i_nik, i_kk, i_name, i_place, i_born, i_sex, i_addr, i_rt, i_rw, i_region, i_kel, i_kec, i_desil, i_id = (
        ix[k] for k in _FIELDS)
    padding = [""] if blank in ix.values() else []
    _date = date
    iso_dates, import_id = store or (False, None)
    blake2b = hashlib.blake2b
    dates: dict[str, tuple[date, str]] = {}  # birth dates repeat: each distinct text is checked once
    dates_get = dates.get

    def parse_born(born: str) -> tuple[date, str] | None:
        if not (len(born) == 10 and born[2] in "-/." and born[5] == born[2]):
            return None
        d, m, y = born[0:2], born[3:5], born[6:10]
        if not (d.isdigit() and m.isdigit() and y.isdigit() and (d + m + y).isascii()):
            return None
        try:
            return _date(int(y), int(m), int(d)), f"{y}-{m}-{d}"
        except ValueError:
            return None

    def code3(t: str) -> str | None:
        t = t.strip()
        if not t:
            return ""
        if len(t) <= 3 and t.isdigit() and t.isascii():
            return t.zfill(3)
        return None

    def clean(v: list[str]) -> tuple | None:
        if len(v) < width:
            return None
        if padding:
            v = v + padding
        nik = v[i_nik]
        kk = v[i_kk]
        if not (len(nik) == 16 and len(kk) == 16 and nik.isdigit() and kk.isdigit() and nik.isascii()
                and kk.isascii()):
            return None
        if (nik[:2] not in provinces or nik[2:4] == "00" or nik[4:6] == "00" or nik[12:] == "0000"
                or kk[:2] not in provinces or kk[2:4] == "00" or kk[4:6] == "00"):
            return None
        day = int(nik[6:8])
        if not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= int(nik[8:10]) <= 12:
            return None
        name = " ".join(v[i_name].split())
        if not name or len(name) > 120:
            return None
        sex = v[i_sex].strip()
        if not sex:
            sex = "P" if day > 40 else "L"
        elif sex != "L" and sex != "P":
            return None
        desil = v[i_desil].strip()
        if not (0 < len(desil) <= 2 and desil.isdigit() and desil.isascii()) or int(desil) > 10:
            return None
        region = v[i_region].strip()
        if region and not (region.isdigit() and region.isascii()):
            return None
        born = v[i_born].strip()
        if born:
            known = dates_get(born)
            if known is None:
                known = parse_born(born)
                if known is None:
                    return None
                if len(dates) < 50_000:
                    dates[born] = known
            bd, iso = known
        else:
            bd, iso = None, None
        rt, rw = v[i_rt], v[i_rw]
        if not (len(rt) == 3 and rt.isdigit() and rt.isascii()):  # "007" as given: the usual case
            rt = code3(rt)
            if rt is None:
                return None
        if not (len(rw) == 3 and rw.isdigit() and rw.isascii()):
            rw = code3(rw)
            if rw is None:
                return None
        address = v[i_addr].strip()
        if "  " in address:
            address = " ".join(address.split())
        if store is None:
            return (nik, kk, name, v[i_place].strip()[:80], bd, sex, address[:250], rt, rw, region[:13],
                    v[i_kel].strip()[:80], v[i_kec].strip()[:80], int(desil), v[i_id].strip()[:40], iso)
        place, address, region = v[i_place].strip()[:80], address[:250], region[:13]
        kel, kec, dtsen_id, desil_n = v[i_kel].strip()[:80], v[i_kec].strip()[:80], v[i_id].strip()[:40], int(desil)
        # the same digest as _row_hash(clean_row(...)): fields joined by \x1f, a date as YYYY-MM-DD
        h = blake2b("\x1f".join((nik, kk, name, place, iso or "", sex, address, rt, rw, region, kel, kec,
                                 str(desil_n), dtsen_id)).encode(), digest_size=16).hexdigest()
        return (nik, kk, name, place, iso if iso_dates else bd, sex, address, rt, rw, region, kel, kec, desil_n,
                dtsen_id, h, import_id)

    return clean


def _safe(values: list[Any]) -> list[str]:
    """A rejects-file row whose cells a spreadsheet can never run as a formula (``'=…``)."""
    return [neutralise_csv(clean_text(v)) for v in values]


def _row_hash(row: dict[str, Any]) -> str:
    joined = "\x1f".join("" if row[f] is None else str(row[f]) for f in _FIELDS)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


_first = operator.itemgetter(0)
KK_INDEX = "ix_dtsen_record_no_kk"


def _drop_kk_index(conn) -> str | None:
    """Drop the No KK index (SQLite, inside the caller's transaction); the statement that makes it again."""
    found = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ? "
                                 "AND tbl_name = 'dtsen_record'", (KK_INDEX,)).scalar()
    if not found:
        return None
    conn.exec_driver_sql(f"DROP INDEX {KK_INDEX}")
    return str(found)


def _upsert_sql(dialect: str, rows: int = 1) -> str:
    cols = (*_FIELDS, "row_hash", "import_id")
    ph = "?" if dialect == "sqlite" else "%s"
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "nik")
    values = ", ".join([f"({', '.join([ph] * len(cols))})"] * rows)
    return (f"INSERT INTO dtsen_record ({', '.join(cols)}) VALUES {values} "
            f"ON CONFLICT (nik) DO UPDATE SET {updates} WHERE dtsen_record.row_hash <> excluded.row_hash")


def _sqlite_rows_per_statement(dbapi) -> int:
    """How many rows one multi-row INSERT may carry (16 parameters a row; at most MULTI_ROWS)."""
    try:
        limit = dbapi.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, sqlite3.Error):  # Python < 3.11: assume the old default of 999
        limit = 999
    return max(1, min(MULTI_ROWS, limit // (len(_FIELDS) + 2)))


def _sqlite_write(dbapi) -> Callable[[list[tuple]], int]:
    """``write(rows)`` for SQLite: the upsert with :data:`MULTI_ROWS` rows per statement (one statement
    execution per 2,000 rows instead of per row: 1,000,000 rows 6.6 s → 5.2 s against ``executemany``)."""
    per = _sqlite_rows_per_statement(dbapi)
    one, many = _upsert_sql("sqlite"), _upsert_sql("sqlite", per)
    flatten = itertools.chain.from_iterable

    def write(rows: list[tuple]) -> int:
        changes = 0
        cur = dbapi.cursor()
        try:
            full = len(rows) // per * per
            for i in range(0, full, per):
                cur.execute(many, list(flatten(rows[i:i + per])))
                changes += cur.rowcount
            if full < len(rows):
                cur.executemany(one, rows[full:])
                changes += cur.rowcount
        finally:
            cur.close()
        return max(0, changes)

    return write


def import_file(office: Office, *, actor: Actor, path: str | Path,
                progress: Callable[[float, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Import a DTSEN extract (CSV or XLSX). ``progress(fraction, rows)`` is called now and then;
    ``cancelled()`` returning True stops the import and rolls everything back."""
    require(actor, "dtsen.import")
    path = Path(path)
    table = open_table(path, COLUMNS)
    sha = _file_sha256(path)
    started = utcnow()
    rejects_path = office.dirs.imports / f"dtsen-ditolak-{started:%Y%m%d-%H%M%S}-{path.stem[:40]}.csv"
    tmp_rejects = rejects_path.with_suffix(".tmp")
    rejected = total = changes = 0
    seen: set[int] = set()
    try:
        with office.db.write() as s, tmp_rejects.open("w", encoding="utf-8-sig", newline="") as rej:
            writer = csv.writer(rej)
            writer.writerow(["baris", "nik", "nama", "alasan"])
            imp = DtsenImport(file_name=path.name, file_sha256=sha, started_at=started, user_id=actor.id)
            s.add(imp)
            s.flush()
            before = s.exec(select(func.count()).select_from(DtsenRecord)).one()
            conn = s.connection()
            dialect = conn.dialect.name
            sql = _upsert_sql(dialect)
            iso_dates = dialect == "sqlite"
            chunk: list[tuple] = []
            if iso_dates:
                # A bigger page cache for this connection while the B-trees (NIK, No KK) take a million rows:
                # most of the upsert's time otherwise goes to re-reading index pages. Reset afterwards.
                cache_before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
                conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
            # Into an empty table (the first import): build the No KK index once at the end, from sorted keys,
            # instead of inserting every row into it. SQLite's DDL is part of the transaction, so a cancel, an
            # error or a crash leaves the index as it was. (A re-import writes few rows: the index stays.)
            rebuild = _drop_kk_index(conn) if iso_dates and before == 0 else None

            def write_generic(rows: list[tuple]) -> int:
                return max(0, conn.exec_driver_sql(sql, rows).rowcount or 0)

            write_rows = _sqlite_write(conn.connection.dbapi_connection) if iso_dates else write_generic

            def flush() -> None:
                nonlocal changes
                if chunk:
                    chunk.sort(key=_first)  # by NIK: neighbouring keys land on the same index pages
                    changes += write_rows(chunk)
                    chunk.clear()

            try:
                import_id = imp.id
                # the fast path returns the row as written: (nik, …, dtsen_id, row_hash, import_id)
                fast = _fast_cleaner(table.mapping, (iso_dates, import_id)) if table.kind == "csv" else None
                pick, add, append = table.pick, seen.add, chunk.append
                for line, cells in table.raw_rows():
                    total += 1
                    out = fast(cells) if fast else None
                    if out is None:  # anything unusual: the full rules decide (and name the reason)
                        values = pick(cells)
                        try:
                            row = clean_row(values)
                        except ValidationError as exc:
                            rejected += 1
                            writer.writerow(_safe([line, _text(values.get("nik")), _text(values.get("name")),
                                                   str(exc)]))
                            continue
                        bd = row["birth_date"]
                        out = (*(row[f] for f in _FIELDS), _row_hash(row), import_id)
                        if iso_dates and bd:
                            out = (*out[:4], bd.isoformat(), *out[5:])
                    key = int(cast(str, out[0]))
                    if key in seen:
                        rejected += 1
                        writer.writerow(_safe([line, out[0], out[2], "NIK ganda di dalam berkas yang sama"]))
                        continue
                    add(key)
                    append(out)
                    if len(chunk) >= CHUNK_ROWS:
                        flush()
                        if cancelled and cancelled():
                            raise ImportCancelled("Impor dibatalkan; tidak ada data yang diubah.")
                        if progress:
                            progress(table.progress, total)
                flush()
                if rebuild:
                    conn.exec_driver_sql(rebuild)
            finally:
                if iso_dates:  # also after a cancel or an error: the pooled connection keeps its pragmas
                    with contextlib.suppress(Exception):
                        conn.exec_driver_sql(f"PRAGMA cache_size={int(cast(int, cache_before))}")
            if cancelled and cancelled():
                raise ImportCancelled("Impor dibatalkan; tidak ada data yang diubah.")
            if total == 0:
                raise ValidationError(f"Berkas {path.name} hanya berisi baris judul; tidak ada data yang diimpor.")
            after = s.exec(select(func.count()).select_from(DtsenRecord)).one()
            resumed, resumed_refused = resume_waiting_cases(s, office, actor, imp)
            inserted = after - before
            updated = max(0, changes - inserted)
            valid = total - rejected
            imp.finished_at = utcnow()
            imp.rows_total, imp.inserted, imp.updated = total, inserted, updated
            imp.unchanged, imp.rejected = valid - inserted - updated, rejected
            imp.rejects_path = str(rejects_path) if rejected else ""
            s.add(imp)
            audit.record(s, actor=actor, action="dtsen.import", entity="dtsen_import", entity_id=imp.id,
                         new={"file": path.name, "sha256": sha, "rows": total, "inserted": inserted,
                              "updated": updated, "rejected": rejected, "resumed": resumed})
            summary = ImportSummary(imp.id or 0, path.name, total, inserted, updated, imp.unchanged, rejected,
                                    imp.rejects_path, resumed, resumed_refused)
            rej.flush()
        if rejected:
            tmp_rejects.replace(rejects_path)
        else:
            tmp_rejects.unlink(missing_ok=True)
    except BaseException:
        tmp_rejects.unlink(missing_ok=True)
        raise
    if progress:
        progress(1.0, total)
    return summary


#: the routing rule of the steps where a case waits for its NIK to appear in DTSEN
WAITING_ROUTE = "menunggu_dtsen"


def resume_waiting_cases(s: Session, office: Office, actor: Actor, imp: DtsenImport) -> tuple[int, int]:
    """Move on every open case waiting at a "Menunggu DTSEN" step whose NIK the extract now holds, inside
    the import's transaction (each case in its own savepoint: one that cannot move stays waiting and the
    import still lands). The step's rule applies the desil check. Returns (moved, of those closed)."""
    from app.servicedefs import load_all
    from app.services import cases

    waiting = [(d.code, st.code) for d in load_all(office).values() for st in d.steps if st.route == WAITING_ROUTE]
    if not waiting:
        return 0, 0
    now = utcnow()
    reason = f"Dilanjutkan otomatis oleh impor {LABEL} #{imp.id} ({imp.file_name})."
    moved = refused = 0
    for service_code, step_code in waiting:
        ids = s.exec(select(Case.id).join(Person, col(Person.id) == Case.person_id)
                     .join(DtsenRecord, col(DtsenRecord.nik) == Person.nik)
                     .where(Case.service_code == service_code, Case.current_step == step_code,
                            col(Case.closed_at).is_(None)).order_by(col(Case.id))).all()
        for case_id in ids:
            case = s.get(Case, case_id)
            if case is None:
                continue
            try:
                with s.begin_nested():
                    info = cases.resume_waiting(s, office, actor, case, now, reason, action="impor_dtsen")
            except LoketError:
                continue  # e.g. a case another office owns (network): it stays waiting there
            if info is not None:
                moved += 1
                refused += info.closed_at is not None and info.status == "ditolak"
    return moved, refused


_FIND_COLS = "nik, no_kk, name, birth_place, birth_date, sex, address, rt, rw, region_code, kelurahan, " \
             "kecamatan, desil, dtsen_id"


def find(session, nik: str) -> DtsenInfo | None:
    """The bare indexed lookup, inside a caller's session (no permission check, no log).

    It goes straight to the driver's cursor: at the counter this runs for every NIK typed, and the
    ORM's per-query overhead would be several times the cost of the indexed read itself.
    """
    dbapi = session.connection().connection.dbapi_connection
    ph = "?" if session.get_bind().dialect.name == "sqlite" else "%s"
    cur = dbapi.cursor()
    try:
        cur.execute(f"SELECT {_FIND_COLS} FROM dtsen_record WHERE nik = {ph}", (nik,))
        row = cur.fetchone()
    finally:
        cur.close()
    if row is None:
        return None
    born = row[4]
    if isinstance(born, str):
        born = date.fromisoformat(born)
    values: list[Any] = [*row[:4], born, *row[5:]]
    return DtsenInfo(*values)


def lookup(office: Office, *, actor: Actor, nik: str) -> DtsenInfo | None:
    """Look a NIK up in the imported extract. The NIK is validated first; the view is logged."""
    require(actor, "dtsen.lookup")
    nik = parse_nik(nik).nik
    with office.db.write() as s:
        info = find(s, nik)
        audit.record(s, actor=actor, action="dtsen.lookup", entity="dtsen", entity_id=nik,
                     new={"found": info is not None})
        return info


def record_count(office: Office) -> int:
    with office.db.read() as s:
        return s.exec(select(func.count()).select_from(DtsenRecord)).one()


def last_import(office: Office) -> DtsenImport | None:
    with office.db.read() as s:
        return s.exec(select(DtsenImport).where(col(DtsenImport.finished_at).is_not(None))
                      .order_by(col(DtsenImport.id).desc())).first()
