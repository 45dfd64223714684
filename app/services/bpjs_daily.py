"""The same-day list for BPJS (seed Bandung step 5: "google sheet terhubung dengan BPJS").

Besides the monthly batch, an office that enters its reactivation recommendations daily hands BPJS, the same
day, the list of the cases whose recommendation letter (the service's ``product``) was issued that day
(office time), as XLSX and CSV with the columns of the sheet it shares with BPJS. The columns are the
definition's ``daily_list_columns`` unless the office chose and ordered its own (setting section
``bpjs_harian``, Pengaturan → Daftar harian BPJS). Every cell is text (NIK, No KK and card numbers keep their
digits); the CSV is UTF-8 with BOM, every field quoted, formula-like values neutralised exactly as the batch
CSV (``app/batching/cells.py``). The list carries full NIKs for BPJS: each export is audited
(``bpjs_daily.export``, ``full_nik_export``). It changes nothing in the cases: the monthly batch still collects
them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import col

from app.batching import rows as batch_rows
from app.batching.columns import DEFAULT_COLUMNS, EXTRA_COLUMNS
from app.batching.writers import DataFileWriter
from app.context import Office
from app.db.models import Case, Letter, OfficeProfile
from app.errors import ValidationError
from app.rules.permissions import Actor, require
from app.servicedefs import get as get_definition
from app.servicedefs import load_all
from app.services import audit
from app.services import settings as settings_svc
from app.timeutil import office_today, tanggal, tanggal_angka, zone

SECTION = "bpjs_harian"
HEADERS: dict[str, str] = {**dict(DEFAULT_COLUMNS), **EXTRA_COLUMNS}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DailyListSettings:
    """Setting section ``bpjs_harian``: per service code, the column keys of its same-day list, in the order of
    the sheet shared with BPJS (a service not named here uses its definition's ``daily_list_columns``)."""

    columns: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for service, keys in self.columns.items():
            unknown = [k for k in keys if k not in HEADERS]
            if unknown:
                raise ValidationError(f"Kolom daftar harian BPJS '{service}' tidak dikenal: {', '.join(unknown)}. "
                                      f"Kolom yang dikenal: {', '.join(HEADERS)}.")
            if len(set(keys)) != len(keys):
                raise ValidationError(f"Kolom daftar harian BPJS '{service}' ada yang ganda.")
            if not keys:
                raise ValidationError(f"Daftar harian BPJS '{service}' perlu paling sedikit satu kolom (hapus "
                                      "entrinya untuk memakai kolom bawaan definisi layanan).")


@dataclass(frozen=True)
class DailyList:
    """What :func:`export_daily` wrote."""

    service_code: str
    day: date
    count: int
    xlsx_path: Path
    csv_path: Path
    columns: list[tuple[str, str]]
    message: str


def services_with_daily_list(office: Office) -> dict[str, str]:
    """Service code → name of the services whose definition has a same-day list."""
    return {c: d.name for c, d in sorted(load_all(office).items()) if d.daily_list_columns}


def columns_of(office: Office, service_code: str) -> list[tuple[str, str]]:
    """(key, header) of the list: the office's choice, else the definition's default."""
    defn = get_definition(office, service_code)
    chosen = settings_svc.load(office, SECTION, DailyListSettings).columns.get(service_code)
    keys = list(chosen or defn.daily_list_columns)
    if not keys:
        raise ValidationError(f"Layanan {defn.name} tidak mempunyai daftar harian untuk BPJS.")
    batch_headers = dict(batch_rows.columns_for(defn))
    return [(k, batch_headers.get(k) or HEADERS[k]) for k in keys]


def _day_bounds(day: date, tz_name: str) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=zone(tz_name))
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def today(office: Office) -> date:
    """Today in the office's time zone (the day a list is of, unless another is chosen)."""
    with office.db.read() as s:
        profile = s.get(OfficeProfile, 1)
        return office_today(profile.timezone if profile else "WIB")


def export_daily(office: Office, *, actor: Actor, service_code: str, dest: Path, day: date | None = None,
                 progress: Progress | None = None) -> DailyList:
    """Write ``dest/bpjs-harian_<service>_<YYYY-MM-DD>.xlsx`` and ``.csv``: the cases of ``service_code`` whose
    product letter was issued on ``day`` (default: today, office time), in the order they were issued. An existing
    list of that day is replaced (a second export later that day holds the later cases too)."""
    require(actor, "batch.close")
    defn = get_definition(office, service_code)
    if not defn.product:
        raise ValidationError(f"Layanan {defn.name} tidak mempunyai surat produk; tidak ada daftar harian.")
    cols = columns_of(office, service_code)
    dest = Path(dest)
    with office.db.read() as s:
        profile = s.get(OfficeProfile, 1)
        tz_name = profile.timezone if profile else "WIB"
        today = office_today(tz_name)
        day = day or today
        if day > today:
            raise ValidationError(f"Tanggal {tanggal_angka(day)} belum tiba; daftar harian hanya untuk hari ini atau "
                                  "hari yang sudah lewat.")
        dest.mkdir(parents=True, exist_ok=True)
        start, end = _day_bounds(day, tz_name)
        query = (batch_rows.row_select(defn.product)
                 .where(col(Case.service_code) == service_code, col(Letter.issued_at) >= start,
                        col(Letter.issued_at) < end)
                 .order_by(col(Letter.issued_at), col(Case.id)))
        found = [batch_rows.case_row(r) for r in s.execute(query).all()]
    stem = f"bpjs-harian_{service_code}_{day.isoformat()}"
    work = dest / f".{stem}.{os.getpid()}.tmp"
    work.mkdir(exist_ok=True)
    keys = [k for k, _h in cols]
    xlsx, csv_path = dest / f"{stem}.xlsx", dest / f"{stem}.csv"
    writer = DataFileWriter(work, stem, [h for _k, h in cols], sheet_title=day.isoformat())
    try:
        for i, c in enumerate(found, 1):
            row = batch_rows.build_row(cols, c, tz_name)
            writer.write([row[k] for k in keys])
            if progress:
                progress(i, len(found))
        writer.close()
        os.replace(writer.xlsx_path, xlsx)
        os.replace(writer.csv_path, csv_path)
    finally:
        writer.abort()
        for leftover in work.iterdir() if work.exists() else ():
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            work.rmdir()
    with office.db.write() as s:
        audit.record(s, actor=actor, action="bpjs_daily.export", entity="service", entity_id=service_code,
                     new={"day": day.isoformat(), "count": len(found), "file": xlsx.name, "columns": keys,
                          "full_nik_export": True, "registrations": [c.reg_number for c in found][:200]})
    when = tanggal(day)
    msg = (f"Daftar harian BPJS {defn.name} tanggal {when}: {len(found)} kasus, disimpan sebagai {xlsx.name} dan "
           f"{csv_path.name} di {dest}." if found else
           f"Tidak ada {defn.name} yang direkomendasikan tanggal {when}; daftar kosong (hanya judul kolom) disimpan "
           f"di {dest}.")
    return DailyList(service_code, day, len(found), xlsx, csv_path, cols, msg)
