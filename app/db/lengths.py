"""Text lengths checked in the core, the same on SQLite and PostgreSQL.

SQLite stores a 300-character phone number in a ``VARCHAR(20)`` without a word; PostgreSQL refuses it with a
driver error (``value too long for type character varying(20)``) whose text, with the row's NIK, used to reach
the log. Every ORM flush now checks each text value of a new or changed row against its column's declared
length first and refuses with an Indonesian sentence naming the field — never quoting the value, which may be
personal data. The transaction is then rolled back by ``office.db.write()``: nothing is stored.

Installed once for every :class:`sqlmodel.Session` (``app/db/engine.py`` imports this module). Bulk statements
that bypass the ORM (the DTSEN import) cut or check their values themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlmodel import Session

from app.errors import ValidationError

#: column name → the field's name on the forms
LABELS = {
    "name": "Nama", "full_name": "Nama lengkap", "phone": "Nomor telepon", "address": "Alamat",
    "domicile_address": "Alamat domisili", "birth_place": "Tempat lahir", "kelurahan": "Kelurahan",
    "kecamatan": "Kecamatan", "kelurahan_code": "Kode kelurahan", "kecamatan_code": "Kode kecamatan",
    "postal_code": "Kode pos", "email": "Email", "website": "Situs web", "username": "Nama pengguna",
    "nip": "NIP", "nik": "NIK", "no_kk": "No KK", "card_number": "Nomor kartu (noka)", "rank": "Pangkat/golongan",
    "position_title": "Jabatan", "marital_status": "Status perkawinan", "fktp_code": "Kode FKTP",
    "counter": "Loket", "government": "Nama pemerintah daerah", "agency": "Nama dinas", "region_name": "Nama daerah",
    "city": "Kota tempat surat", "reason": "Alasan", "void_reason": "Alasan pembatalan", "note": "Catatan",
    "notes": "Catatan", "file_name": "Nama berkas", "rt": "RT", "rw": "RW", "sex": "Jenis kelamin",
    "title": "Judul", "subject": "Perihal", "description": "Uraian",
}

_Limits = list[tuple[str, str, int]]  # (attribute, column name, length)
_cache: dict[type, _Limits] = {}


def _limits(cls: type) -> _Limits:
    found = _cache.get(cls)
    if found is None:
        found = []
        mapper = inspect(cls)
        for prop in mapper.column_attrs:
            for column in prop.columns:
                length = getattr(column.type, "length", None)  # String, and SQLModel's AutoString around it
                if isinstance(length, int) and length > 0:
                    found.append((prop.key, column.name, int(length)))
        _cache[cls] = found
    return found


def label(column: str) -> str:
    return LABELS.get(column, column.replace("_", " ").capitalize())


def check_row(obj: Any) -> None:
    """Raise :class:`ValidationError` if a text value of ``obj`` is longer than its column allows."""
    values = obj.__dict__
    for key, column, length in _limits(type(obj)):
        value = values.get(key)
        if isinstance(value, str) and len(value) > length:
            raise ValidationError(f"{label(column)} terlalu panjang: {len(value)} karakter, paling banyak "
                                  f"{length}. Perpendek isiannya; tidak ada yang disimpan.")


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        check_row(obj)


if not event.contains(Session, "before_flush", _before_flush):
    event.listen(Session, "before_flush", _before_flush)
