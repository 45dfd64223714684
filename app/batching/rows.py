"""One frozen row per case of a batch: the columns of a service's batch file and how a row is built.

The rows are read in chunks of plain columns (no ORM objects: building 50,000 of them was a tenth of a large
close). "Nomor surat" and "Tanggal surat" are the case's own product letter (the service definition's
``product``), never another letter the case happens to have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from app.batching.columns import DEFAULT_COLUMNS
from app.db.models import Case, DtsenRecord, Family, Letter, Person
from app.rules.eligibility import DEACTIVATION_REASONS
from app.rules.scoring import format_score
from app.servicedefs.model import ServiceDef
from app.timeutil import tanggal_angka

#: The person's fields a frozen row and the cover letter's list use (selected as plain columns).
PERSON_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "marital_status", "address", "rt", "rw",
                 "kelurahan", "kelurahan_code", "kecamatan", "kecamatan_code", "postal_code", "fktp_code",
                 "phone", "card_number")


@dataclass(slots=True)
class PersonRow:
    """The person part of one row of :func:`row_query` (read like a :class:`Person`)."""

    nik: str
    name: str
    birth_place: str
    birth_date: date | None
    sex: str
    marital_status: str
    address: str
    rt: str
    rw: str
    kelurahan: str
    kelurahan_code: str
    kecamatan: str
    kecamatan_code: str
    postal_code: str
    fktp_code: str
    phone: str
    card_number: str | None


@dataclass(slots=True)
class CaseRow:
    """One case as read for its batch row."""

    case_id: int
    reg_number: str
    relation: str
    data: dict
    outcome_reason: str
    person: PersonRow
    no_kk: str | None
    desil: int | None
    letter_number: str | None
    letter_at: datetime | None
    letter_docx: str | None
    letter_pdf: str | None


def columns_for(defn: ServiceDef | None, extra: Iterable[Iterable[str]] = ()) -> list[tuple[str, str]]:
    """(key, header) of a service's batch file: the default columns, the definition's ``batch_columns`` at
    their places, then the office's extra ``[header, key in case data]`` pairs."""
    cols = list(DEFAULT_COLUMNS)
    for c in defn.batch_columns if defn else ():
        keys = [k for k, _ in cols]
        at = keys.index(c.after) + 1 if c.after in keys else len(cols)
        cols.insert(at, (c.key, c.header))
    for pair in extra:
        pair = list(pair)
        if len(pair) >= 2 and pair[0]:
            cols.append((f"data.{pair[1]}", str(pair[0])))
    return cols


def row_query(batch_id: int, after_id: int, limit: int, product: str):
    """The next ``limit`` cases of a batch after ``after_id``, with their person, KK, desil and product letter."""
    return (row_select(product).where(col(Case.batch_id) == batch_id, col(Case.id) > after_id)
            .order_by(col(Case.id)).limit(limit))


def row_select(product: str):
    """Cases with their person, KK, desil and latest issued product letter (add the ``where`` and the order)."""
    latest = (
        select(col(Letter.case_id).label("case_id"), func.max(Letter.id).label("letter_id"))
        .where(Letter.status == "issued", Letter.letter_type == product, col(Letter.case_id).is_not(None))
        .group_by(col(Letter.case_id))
        .subquery()
    )
    return (
        sa_select(col(Case.id), col(Case.reg_number), col(Case.family_relation), Case.data, col(Case.outcome_reason),
                  *(getattr(Person, name) for name in PERSON_FIELDS),
                  col(Family.no_kk), col(DtsenRecord.desil), col(Letter.number), col(Letter.issued_at),
                  col(Letter.docx_path), col(Letter.pdf_path))
        .join(Person, col(Person.id) == Case.person_id)
        .outerjoin(Family, col(Family.id) == Case.family_id)
        .outerjoin(DtsenRecord, col(DtsenRecord.nik) == Person.nik)
        .outerjoin(latest, latest.c.case_id == Case.id)
        .outerjoin(Letter, col(Letter.id) == latest.c.letter_id)
    )


_N_PERSON = 5 + len(PERSON_FIELDS)


def case_row(r: Any) -> CaseRow:
    """A :class:`CaseRow` from one result row of :func:`row_query`."""
    return CaseRow(r[0], r[1], r[2], r[3] or {}, r[4], PersonRow(*r[5:_N_PERSON]), *r[_N_PERSON:])


def first(data: dict, *keys: str) -> str:
    for k in keys:
        v = data.get(k)
        if v not in (None, ""):
            return str(v)
    return ""


def reason(data: dict, outcome_reason: str) -> str:
    """The deactivation reason as printed: the workflow's label, else the label of its code."""
    text = first(data, "alasan", "reason")
    if text:
        return text
    code = first(data, "reason_code")
    if code:
        return DEACTIVATION_REASONS.get(code, code)
    return outcome_reason


def score(data: dict) -> str:
    raw = first(data, "skor", "score")
    return format_score(raw) if raw else ""


def build_row(cols: list[tuple[str, str]], c: CaseRow, tz_name: str) -> dict[str, str]:
    """The frozen row of one case: ``{column key: text}``; dates are office-time DD-MM-YYYY."""
    data, person = c.data, c.person
    values = {
        "nik": person.nik,
        "no_kk": c.no_kk or "",
        "nama": person.name,
        "tempat_lahir": person.birth_place,
        "tanggal_lahir": tanggal_angka(person.birth_date, tz_name),
        "jenis_kelamin": person.sex,
        "status_kawin": person.marital_status,
        "hubungan_keluarga": c.relation,
        "alamat": person.address,
        "rt": person.rt,
        "rw": person.rw,
        "kelurahan": person.kelurahan,
        "kode_kelurahan": person.kelurahan_code,
        "kecamatan": person.kecamatan,
        "kode_kecamatan": person.kecamatan_code,
        "kode_pos": person.postal_code,
        "kode_fktp": person.fktp_code,
        "no_hp": person.phone,
        "nomor_kartu": person.card_number or "",
        "nomor_surat": c.letter_number or "",
        "tanggal_surat": tanggal_angka(c.letter_at, tz_name),
        "desil": "" if c.desil is None else str(c.desil),
    }
    row: dict[str, str] = {}
    for key, _label in cols:
        if key in values:
            v = values[key]
        elif key.startswith("data."):
            v = first(data, key[5:])
        elif key == "alasan":
            v = reason(data, c.outcome_reason)
        elif key == "skor":
            v = score(data)
        elif key == "peringkat":
            v = first(data, "peringkat", "rank")
        else:
            v = ""
        row[key] = "" if v is None else v if v.__class__ is str else str(v)
    return row


def peserta(c: CaseRow, row: dict[str, str]) -> dict[str, str]:
    """One line of the cover letter's attachment list (keys as the letter templates expect)."""
    person = c.person
    rt_rw = f" RT {person.rt}/RW {person.rw}" if person.rt or person.rw else ""
    return {"nama": person.name, "nik": person.nik, "no_kk": row.get("no_kk", ""),
            "no_kartu": person.card_number or "", "tanggal_lahir": row.get("tanggal_lahir", ""),
            "jenis_kelamin": person.sex, "alamat": f"{person.address}{rt_rw}", "kelurahan": person.kelurahan,
            "kecamatan": person.kecamatan, "alasan": reason(c.data, c.outcome_reason),
            "nomor_surat": row.get("nomor_surat", ""), "tanggal_surat": row.get("tanggal_surat", ""),
            "desil": row.get("desil", ""), "skor": score(c.data),
            "peringkat": first(c.data, "peringkat", "rank"), "keterangan": ""}
