"""Who a person is: name, No KK and birth date are facts, changed only by an explicit, audited correction.

Opening a case never renames a stored person or changes their KK or birth date as a side effect
(issue 15 "Facts, not defaults", issue 18 point 1): where what the officer typed differs from what is
stored, :func:`guard` refuses with :class:`IdentityConflict`, naming each field with the stored and the
typed value. The counter then shows :func:`compare` — the KTP as typed, the DTSEN row and the stored
person, side by side — and the officer chooses; a choice that differs from what is stored goes through
:func:`correct_person`, which needs a reason and writes old and new values to the audit log.

A person's No KK is kept per case (a family changes over time): the stored KK is the KK of the person's
latest case. A KK correction moves that case and every open case of the person to the corrected KK;
older closed cases keep the KK they were served under.

An empty value is no fact: typing nothing never conflicts, and a stored value that is empty (a birth
date never recorded) is filled without a correction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from app.context import Office
from app.db.models import Case, DtsenRecord, Family, Person
from app.errors import NotFound, ValidationError
from app.rules.identifiers import mask_nik, parse_nik, validate_kk
from app.rules.permissions import Actor, require
from app.services import audit
from app.timeutil import tanggal_angka, utcnow

#: the identity fields, in the order they are shown, with their Indonesian labels
FIELDS: dict[str, str] = {"name": "Nama", "no_kk": "No KK", "birth_date": "Tanggal lahir"}


class IdentityConflict(ValidationError):
    """What the officer typed differs from the stored person; nothing was written."""

    def __init__(self, nik: str, differences: list[Difference]):
        self.nik = nik
        self.differences = differences
        parts = "; ".join(f"{d.label}: tersimpan '{show(d.field, d.stored)}', diketik '{show(d.field, d.typed)}'"
                          for d in differences)
        super().__init__(f"Data pemohon NIK {mask_nik(nik)} berbeda dengan data yang tersimpan — {parts}. "
                         "Data tersimpan tidak diubah saat membuka berkas: pilih data yang benar (koreksi data "
                         "penduduk, dengan alasan) lalu simpan lagi.")


@dataclass(frozen=True)
class Difference:
    """One identity field where the KTP as typed, the DTSEN row and the stored person do not all agree.

    Values are ``str`` for name and KK and ``date`` for the birth date; ``None`` where that source has none.
    """

    field: str
    label: str
    typed: Any
    dtsen: Any
    stored: Any


@dataclass(frozen=True)
class Correction:
    nik: str
    person_id: int
    reason: str
    old: dict[str, Any]
    new: dict[str, Any]
    cases_moved: tuple[str, ...] = ()


def show(field: str, value: Any) -> str:
    """A value as the counter shows it (dates as dd-mm-yyyy; nothing as '-')."""
    if value is None or value == "":
        return "-"
    if field == "birth_date" and isinstance(value, date):
        return tanggal_angka(value)
    return str(value)


def _norm_name(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "name":
        return _norm_name(str(a)) == _norm_name(str(b))
    return a == b


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def parse_birth_date(value: Any) -> date | None:
    """A birth date from a date, ``YYYY-MM-DD`` or ``DD-MM-YYYY``; ``None`` for nothing."""
    if _empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"Tanggal lahir '{text}' tidak sah (tulis HH-BB-TTTT, mis. 15-09-1980).")


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    """The typed identity values, cleaned: name stripped, KK validated, birth date parsed; empties dropped."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValidationError(f"Data identitas tidak dikenal: {', '.join(unknown)}.")
    out: dict[str, Any] = {}
    if not _empty(values.get("name")):
        out["name"] = re.sub(r"\s+", " ", str(values["name"])).strip()
    if not _empty(values.get("no_kk")):
        out["no_kk"] = validate_kk(values["no_kk"])
    born = parse_birth_date(values.get("birth_date"))
    if born is not None:
        out["birth_date"] = born
    return out


def _latest_case(s: Session, person_id: int) -> Case | None:
    return s.exec(select(Case).where(Case.person_id == person_id)
                  .order_by(col(Case.opened_at).desc(), col(Case.id).desc())).first()


def stored_kk(s: Session, person: Person) -> str:
    """The person's No KK: the KK of their latest case ("" when none has one)."""
    case = _latest_case(s, person.id or 0)
    if case is None or case.family_id is None:
        return ""
    fam = s.get(Family, case.family_id)
    return fam.no_kk if fam else ""


def _stored(s: Session, person: Person | None) -> dict[str, Any]:
    if person is None:
        return {}
    return {"name": person.name, "no_kk": stored_kk(s, person) or None, "birth_date": person.birth_date}


def conflicts(s: Session, person: Person, *, name: str = "", no_kk: str | None = None,
              birth_date: Any = None) -> list[Difference]:
    """The identity fields where the typed value differs from a non-empty stored value (inside a session)."""
    typed = _typed({"name": name, "no_kk": no_kk, "birth_date": birth_date})
    stored = _stored(s, person)
    return [Difference(f, label, typed[f], None, stored[f]) for f, label in FIELDS.items()
            if f in typed and not _empty(stored.get(f)) and not _same(f, typed[f], stored[f])]


def guard(s: Session, person: Person | None, *, nik: str, name: str = "", no_kk: str | None = None,
          birth_date: Any = None) -> None:
    """Refuse, with :class:`IdentityConflict`, typed identity values that differ from the stored person."""
    if person is None:
        return
    diffs = conflicts(s, person, name=name, no_kk=no_kk, birth_date=birth_date)
    if diffs:
        raise IdentityConflict(nik, diffs)


def compare(office: Office, *, actor: Actor, nik: str, typed: dict[str, Any]) -> list[Difference]:
    """Each identity field where the KTP as typed, the DTSEN row and the stored person do not all agree.

    ``typed`` holds ``name``, ``no_kk`` and ``birth_date`` as the officer typed them (empty = not typed).
    A field is listed when at least two sources have a value and those values differ.
    """
    require(actor, "case.view")
    nik = parse_nik(nik).nik
    mine = _typed(typed)
    with office.db.read() as s:
        person = s.exec(select(Person).where(Person.nik == nik)).first()
        stored = _stored(s, person)
        row = s.exec(select(DtsenRecord).where(DtsenRecord.nik == nik)).first()
        from_dtsen: dict[str, Any] = ({"name": row.name, "no_kk": row.no_kk or None, "birth_date": row.birth_date}
                                      if row else {})
    out: list[Difference] = []
    for f, label in FIELDS.items():
        values = [v for v in (mine.get(f), from_dtsen.get(f), stored.get(f)) if not _empty(v)]
        if len(values) > 1 and any(not _same(f, values[0], v) for v in values[1:]):
            out.append(Difference(f, label, mine.get(f), None if _empty(from_dtsen.get(f)) else from_dtsen.get(f),
                                  None if _empty(stored.get(f)) else stored.get(f)))
    return out


def correct_person(office: Office, *, actor: Actor, nik: str, changes: dict[str, Any], reason: str) -> Correction:
    """Correct a stored person's name, No KK and/or birth date: explicit, with a reason, audited (old → new).

    A KK correction moves the person's latest case and every open case of theirs to the corrected KK.
    Values equal to what is stored are left out; a correction that changes nothing is refused.
    """
    require(actor, "person.correct")
    if not reason.strip():
        raise ValidationError("Koreksi data penduduk wajib disertai alasan (mis. 'sesuai KTP asli').")
    nik = parse_nik(nik).nik
    new_values = _typed(changes)
    for f in FIELDS:
        if f in changes and f not in new_values:
            raise ValidationError(f"{FIELDS[f]} tidak boleh dikosongkan dengan koreksi.")
    with office.db.write() as s:
        person = s.exec(select(Person).where(Person.nik == nik)).first()
        if person is None:
            raise NotFound(f"Belum ada data penduduk tersimpan untuk NIK {mask_nik(nik)}; tidak ada yang dikoreksi.")
        stored = _stored(s, person)
        old: dict[str, Any] = {}
        new: dict[str, Any] = {}
        for f, value in new_values.items():
            if not _empty(stored.get(f)) and stored[f] == value:
                continue
            old[f], new[f] = stored.get(f), value
        if not new:
            raise ValidationError("Koreksi tidak mengubah apa pun: data yang dipilih sama dengan yang tersimpan.")
        moved: list[str] = []
        if "name" in new:
            person.name = new["name"]
        if "birth_date" in new:
            person.birth_date = new["birth_date"]
        if "no_kk" in new:
            fam = s.exec(select(Family).where(Family.no_kk == new["no_kk"])).first()
            if fam is None:
                fam = Family(no_kk=new["no_kk"], address=person.address)
                s.add(fam)
                s.flush()
            latest = _latest_case(s, person.id or 0)
            targets = list(s.exec(select(Case).where(Case.person_id == person.id,
                                                     col(Case.closed_at).is_(None))).all())
            if latest is not None and all(c.id != latest.id for c in targets):
                targets.append(latest)
            for c in targets:
                c.family_id = fam.id
                s.add(c)
                moved.append(c.reg_number)
        person.updated_at = utcnow()
        s.add(person)
        s.flush()
        shown_old = {f: show(f, v) for f, v in old.items()}
        shown_new = {f: show(f, v) for f, v in new.items()}
        audit.record(s, actor=actor, action="person.correct", entity="person", entity_id=person.id,
                     old=shown_old, new={**shown_new, "alasan": reason.strip()[:300], "nik": mask_nik(nik),
                                         **({"berkas": sorted(moved)} if moved else {})})
        return Correction(nik, person.id or 0, reason.strip(), old, new, tuple(sorted(moved)))
