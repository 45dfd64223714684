"""Seals: a keyed MAC (HMAC-SHA256) over every row of the tables that decide rights and outcomes.

Sealed tables: users (``app_user``), their roles (``user_role``), cases (``case_file``), persons
(``person``), letters (``letter``), the frozen rows of monthly batches (``batch_item``) and the audit
chain's head (``audit_head``). Each row's seal lives in ``row_seal``; the key is derived from the office key
(app/services/keys.py), which the database does not hold. ``loket-pbi check`` recomputes every seal
(:func:`verify`): a row changed, deleted or inserted outside the app (by SQL, by a database editor) no
longer matches, and no one without the key can make a matching seal.

The app keeps seals current without its services doing anything: every write transaction notes the sealed
rows it touches (ORM flushes, ``update()``/``delete()`` statements and Core inserts) and, just before it
commits, seals their final state in the same transaction.

The first write of an office without a key creates the key (:func:`office_master`): the rows already there
are sealed then, and the audit log records ``integrity.key_created`` with how many users and audit entries
existed — a key made for an office that has users but no audit entries (the log wiped) fails ``check``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, delete, event, func, insert, select, tuple_
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.dml import Insert
from sqlmodel import Session, SQLModel

import app.db.models  # noqa: F401 - registers the tables on SQLModel.metadata
from app.services import keys
from app.timeutil import utcnow

OFFICE_SETTING = "integrity.office"
#: table → the Indonesian name used in ``check``'s report
SEALED: dict[str, str] = {
    "app_user": "pengguna",
    "user_role": "peran pengguna",
    "case_file": "berkas layanan",
    "person": "data penduduk",
    "letter": "surat",
    "batch_item": "isi batch bulanan",
    "audit_head": "kepala rantai log audit",
}
_INFO = "loket_seals"
CHUNK = 500
_stores: weakref.WeakKeyDictionary[Engine, keys.KeyStore] = weakref.WeakKeyDictionary()


def attach(engines: list[Engine], store: keys.KeyStore) -> None:
    """Let write transactions on ``engines`` seal with the key ``store`` holds (called by open_office)."""
    for engine in engines:
        if engine in _stores:
            _stores[engine] = store
            continue
        _stores[engine] = store
        event.listen(engine, "before_execute", _before_execute)
        event.listen(engine, "commit", _forget)
        event.listen(engine, "rollback", _forget)


def store_for(session: OrmSession) -> keys.KeyStore:
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    store = _stores.get(engine)
    if store is None:
        raise keys.KeyMissing("Basis data ini dibuka tanpa folder data kantor; kunci kantor tidak dapat dicari.")
    return store


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


# --------------------------------------------------------------------------------------------- the key
@dataclass
class _Pending:
    touched: dict[str, set[tuple]] = field(default_factory=dict)
    inserted_after: dict[str, int] = field(default_factory=dict)
    seal_all: bool = False


def _pending(conn: Connection) -> _Pending:
    p = conn.info.get(_INFO)
    if p is None:
        p = conn.info[_INFO] = _Pending()
    return p


def _forget(conn: Connection) -> None:
    conn.info.pop(_INFO, None)
    conn.info.pop("loket_office_master", None)


def office_id(session: OrmSession) -> str | None:
    row = session.connection().execute(select(_table("setting").c.value)
                                       .where(_table("setting").c.key == OFFICE_SETTING)).first()
    value = row[0] if row else None
    return str(value.get("id")) if isinstance(value, dict) and value.get("id") else None


def office_master(session: OrmSession, *, create: bool = True) -> bytes | None:
    """The office key for this transaction; made (once per office) when ``create`` and the office has none.

    Raises :class:`keys.KeyMissing` when the office has a key that this PC does not hold.
    """
    conn = session.connection()
    cached = conn.info.get("loket_office_master")
    if cached is not None:
        return cached
    oid = office_id(session)
    if oid is not None:
        master = store_for(session).get(oid)
        if master is None:
            raise keys.KeyMissing(
                f"Kunci kantor (identitas {oid}) tidak ada di komputer ini atau untuk pengguna Windows ini. "
                "Administrator memasangnya dengan kunci pemulihan yang dicatat saat penyiapan: "
                "loket-pbi recovery-key --install. Tanpa kunci itu data tidak dapat diubah dan "
                "keutuhannya tidak dapat diperiksa.")
        conn.info["loket_office_master"] = master
        return master
    if not create:
        return None
    return _adopt(session)


def _adopt(session: OrmSession) -> bytes:
    """Give the office its key, seal every row already there, and say so in the audit log."""
    from app.services import audit

    conn = session.connection()
    if conn.execute(select(func.count()).select_from(_table("row_seal"))).scalar_one():
        raise keys.KeyMissing("Identitas kunci kantor dihapus dari basis data, padahal baris bersegel ada. "
                              "Data ini telah diubah di luar aplikasi; pulihkan dari cadangan.")
    oid, master = keys.new_office_id(), keys.new_master_key()
    store_for(session).put(oid, master)
    conn.execute(insert(_table("setting")).values(key=OFFICE_SETTING, value={"id": oid}, updated_at=utcnow()))
    conn.info["loket_office_master"] = master
    _pending(conn).seal_all = True
    users = conn.execute(select(func.count()).select_from(_table("app_user"))).scalar_one()
    entries = conn.execute(select(func.count()).select_from(_table("audit_log"))).scalar_one()
    audit.record(cast("Session", session), actor=None, action="integrity.key_created", entity="office", entity_id=oid,
                 new={"users": users, "legacy_entries": entries})
    return master


def audit_key(session: OrmSession) -> bytes:
    master = office_master(session, create=True)
    assert master is not None
    return keys.derive(master, "audit")


def fresh_office_key(session: OrmSession) -> None:
    """Called at the very start of setting up an office (before its first user), so the key is made there."""
    office_master(session, create=True)


# ------------------------------------------------------------------------------------------------ MACs
def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def row_key(values: tuple) -> str:
    return json.dumps([_plain(v) for v in values], separators=(",", ":"), ensure_ascii=False)


def row_mac(key: bytes, tbl: str, rkey: str, row: Any) -> str:
    payload = json.dumps([tbl, rkey, [_plain(v) for v in row]], sort_keys=True, ensure_ascii=False,
                         separators=(",", ":"), default=str)
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def _pk_cols(table: Table) -> list:
    return list(table.primary_key.columns)


# ---------------------------------------------------------------------------------------- the tracking
def _mark(conn: Connection, tbl: str, pks: list[tuple]) -> None:
    if pks:
        _pending(conn).touched.setdefault(tbl, set()).update(pks)


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session: OrmSession, _ctx) -> None:
    conn = None
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__table__", None)
        if table is None or table.name not in SEALED:
            continue
        pk = tuple(getattr(obj, c.key) for c in _pk_cols(table))
        if any(v is None for v in pk):
            continue
        conn = conn or session.connection()
        _mark(conn, table.name, [pk])


@event.listens_for(OrmSession, "do_orm_execute")
def _orm_execute(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    stmt: Any = state.statement
    table = getattr(stmt, "table", None)
    if not isinstance(table, Table) or table.name not in SEALED:
        return
    conn = state.session.connection()
    query = select(*_pk_cols(table))
    if stmt.whereclause is not None:
        query = query.where(stmt.whereclause)
    _mark(conn, table.name, [tuple(r) for r in conn.execute(query).all()])


def _before_execute(conn: Connection, clause: Any, multiparams: Any, params: Any, _options: Any) -> None:
    if not isinstance(clause, Insert):
        return
    table = clause.table
    if not isinstance(table, Table) or table.name not in SEALED:
        return
    rows = list(multiparams or []) + ([params] if params else [])
    pk_keys = [c.key for c in _pk_cols(table)]
    if rows and all(isinstance(r, dict) and all(r.get(k) is not None for k in pk_keys) for r in rows):
        _mark(conn, table.name, [tuple(r[k] for k in pk_keys) for r in rows])
        return
    pending = _pending(conn)
    if table.name not in pending.inserted_after and len(pk_keys) == 1:
        pk = _pk_cols(table)[0]
        pending.inserted_after[table.name] = conn.execute(select(func.coalesce(func.max(pk), 0))).scalar_one()


@event.listens_for(OrmSession, "before_commit")
def _before_commit(session: OrmSession) -> None:
    if not session.in_transaction():
        return
    try:
        bind = session.get_bind()
    except Exception:  # noqa: BLE001 - an unbound session writes nothing sealed
        return
    engine = bind.engine if isinstance(bind, Connection) else bind
    if engine not in _stores:
        return
    session.flush()
    conn = session.connection()
    pending = conn.info.get(_INFO)
    if pending is None or not (pending.touched or pending.inserted_after or pending.seal_all):
        return
    key = audit_key(session)
    session.flush()  # the key's creation may have added an audit entry
    pending = _pending(conn)
    seal_table = _table("row_seal")
    for tbl in SEALED:
        table = _table(tbl)
        pks = _pk_cols(table)
        if pending.seal_all:
            conn.execute(delete(seal_table).where(seal_table.c.tbl == tbl))
            _seal_rows(conn, key, tbl, conn.execute(select(table)).all(), pks)
            continue
        after = pending.inserted_after.get(tbl)
        if after is not None:
            new = conn.execute(select(*pks).where(pks[0] > after)).all()
            pending.touched.setdefault(tbl, set()).update(tuple(r) for r in new)
        wanted = sorted(pending.touched.get(tbl, ()), key=repr)
        for i in range(0, len(wanted), CHUNK):
            part = wanted[i:i + CHUNK]
            rkeys = [row_key(pk) for pk in part]
            conn.execute(delete(seal_table).where(seal_table.c.tbl == tbl, seal_table.c.row_key.in_(rkeys)))
            where = (pks[0].in_([p[0] for p in part]) if len(pks) == 1
                     else tuple_(*pks).in_(part))
            _seal_rows(conn, key, tbl, conn.execute(select(table).where(where)).all(), pks)
    conn.info.pop(_INFO, None)


def _seal_rows(conn: Connection, key: bytes, tbl: str, rows: Sequence[Any], pks: list) -> None:
    names = [c.name for c in pks]
    out = []
    for r in rows:
        m = r._mapping
        rkey = row_key(tuple(m[n] for n in names))
        out.append({"tbl": tbl, "row_key": rkey, "mac": row_mac(key, tbl, rkey, tuple(r))})
    for i in range(0, len(out), CHUNK):
        conn.execute(insert(_table("row_seal")), out[i:i + CHUNK])


# ---------------------------------------------------------------------------------------- verification
def _seals_of(conn: Connection, tbl: str) -> dict[str, str]:
    st = _table("row_seal")
    return {k: m for k, m in conn.execute(select(st.c.row_key, st.c.mac).where(st.c.tbl == tbl)).all()}


def verify(session: OrmSession) -> tuple[list[str], list[str]]:
    """``(problems, good)``: every sealed table's rows against their seals (Indonesian lines for check)."""
    problems: list[str] = []
    good: list[str] = []
    conn = session.connection()
    users = conn.execute(select(func.count()).select_from(_table("app_user"))).scalar_one()
    try:
        master = office_master(session, create=False)
    except keys.KeyMissing as exc:
        return [str(exc)], good
    if master is None:
        if conn.execute(select(func.count()).select_from(_table("row_seal"))).scalar_one():
            problems.append("Identitas kunci kantor dihapus dari basis data, padahal baris bersegel ada.")
        elif users:
            good.append("Kantor ini belum memiliki kunci (dibuat pada perubahan data berikutnya).")
        return problems, good
    key = keys.derive(master, "audit")
    for tbl, label in SEALED.items():
        table = _table(tbl)
        names = [c.name for c in _pk_cols(table)]
        seals = _seals_of(conn, tbl)
        changed: list[str] = []
        inserted: list[str] = []
        seen = 0
        for r in conn.execute(select(table)):
            m = r._mapping
            rkey = row_key(tuple(m[n] for n in names))
            expected = seals.pop(rkey, None)
            seen += 1
            if expected is None:
                inserted.append(rkey)
            elif not hmac.compare_digest(expected, row_mac(key, tbl, rkey, tuple(r))):
                changed.append(rkey)
        deleted = sorted(seals)

        def few(items: list[str]) -> str:
            shown = ", ".join(items[:5])
            return shown + (f" dan {len(items) - 5} lagi" if len(items) > 5 else "")

        if changed:
            problems.append(f"Tabel {label}: {len(changed)} baris diubah di luar aplikasi (kunci {few(changed)}).")
        if inserted:
            problems.append(f"Tabel {label}: {len(inserted)} baris disisipkan di luar aplikasi tanpa segel "
                            f"(kunci {few(inserted)}).")
        if deleted:
            problems.append(f"Tabel {label}: {len(deleted)} baris dihapus di luar aplikasi (kunci {few(deleted)}).")
        if not (changed or inserted or deleted):
            good.append(f"Tabel {label}: {seen} baris cocok dengan segelnya (HMAC-SHA256).")
    return problems, good


def _written_here(pending: _Pending, tbl: str, pk: tuple) -> bool:
    if pending.seal_all or pk in pending.touched.get(tbl, ()):
        return True
    after = pending.inserted_after.get(tbl)
    return after is not None and len(pk) == 1 and isinstance(pk[0], int) and pk[0] > after


def sealed_ok(session: OrmSession, tbl: str, row: Any) -> bool:
    """True when ``row`` (a full row of ``tbl``) carries its valid seal, or the office has no key yet."""
    master = office_master(session, create=False)
    if master is None:
        return True
    table = _table(tbl)
    m = row._mapping
    pk = tuple(m[c.name] for c in _pk_cols(table))
    pending = session.connection().info.get(_INFO)
    if pending is not None and _written_here(pending, tbl, pk):
        return True  # written by the app in this very transaction: sealed when it commits
    rkey = row_key(pk)
    st = _table("row_seal")
    expected = session.connection().execute(
        select(st.c.mac).where(st.c.tbl == tbl, st.c.row_key == rkey)).scalar_one_or_none()
    return expected is not None and hmac.compare_digest(
        expected, row_mac(keys.derive(master, "audit"), tbl, rkey, tuple(row)))
