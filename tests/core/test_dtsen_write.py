"""The DTSEN import writes many rows per statement on SQLite and builds the No KK index at the end of a first
import: the result, the counts, a write error and a cancel behave exactly as with rows written one by one."""

from __future__ import annotations

import sqlite3

import pytest

from app.sampledata import write_csv
from app.services import dtsen


def _kk_index(office) -> str | None:
    with office.db.read() as s:
        dbapi = s.connection().connection.dbapi_connection
        row = dbapi.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_dtsen_record_no_kk'").fetchone()
        plan = dbapi.execute("EXPLAIN QUERY PLAN SELECT nik FROM dtsen_record WHERE no_kk = '1'").fetchall()
    assert row is None or "ix_dtsen_record_no_kk" in str(plan)
    return row[0] if row else None


@pytest.fixture
def small_chunks(monkeypatch):
    # 7-row chunks, 3 rows per statement: full statements, a remainder through executemany, a short last chunk
    monkeypatch.setattr(dtsen, "CHUNK_ROWS", 7)
    monkeypatch.setattr(dtsen, "MULTI_ROWS", 3)


def test_many_chunks_import_reimport_and_update(any_office, any_admin, tmp_path, small_chunks):
    path = write_csv(tmp_path / "d.csv", 120, seed=3)
    s = dtsen.import_file(any_office, actor=any_admin, path=path)
    assert (s.rows_total, s.inserted, s.updated, s.rejected) == (120, 120, 0, 0)
    assert dtsen.record_count(any_office) == 120
    again = dtsen.import_file(any_office, actor=any_admin, path=path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 120)
    lines = path.read_text(encoding="utf-8").splitlines()
    for i in (5, 50, 100):  # three rows change their desil
        cells = lines[i].split(",")
        cells[-1] = "10" if cells[-1] != "10" else "9"
        lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = dtsen.import_file(any_office, actor=any_admin, path=path)
    assert (changed.inserted, changed.updated, changed.unchanged) == (0, 3, 117)


def test_write_error_rolls_everything_back(office, admin, tmp_path, small_chunks, monkeypatch):
    real = dtsen._sqlite_write

    def failing(dbapi):
        write, calls = real(dbapi), []

        def w(rows):
            calls.append(len(rows))
            if len(calls) == 3:
                raise sqlite3.OperationalError("disk I/O error (simulated)")
            return write(rows)
        return w

    monkeypatch.setattr(dtsen, "_sqlite_write", failing)
    index = _kk_index(office)
    assert index
    with pytest.raises(sqlite3.OperationalError, match="simulated"):
        dtsen.import_file(office, actor=admin, path=write_csv(tmp_path / "d.csv", 100, seed=4))
    assert dtsen.record_count(office) == 0
    assert dtsen.last_import(office) is None
    assert not list(office.dirs.imports.glob("*"))
    assert _kk_index(office) == index
    monkeypatch.setattr(dtsen, "_sqlite_write", real)  # the connection is usable again afterwards
    assert dtsen.import_file(office, actor=admin, path=tmp_path / "d.csv").inserted == 100
    assert _kk_index(office) == index  # dropped for the first import into an empty table, made again


def test_kk_index_rebuilt_after_a_first_import_and_kept_on_a_reimport(office, admin, tmp_path):
    index = _kk_index(office)
    path = write_csv(tmp_path / "d.csv", 50, seed=8)
    dtsen.import_file(office, actor=admin, path=path)
    assert _kk_index(office) == index
    kk = path.read_text(encoding="utf-8").splitlines()[1].split(",")[2]
    with office.db.read() as s:
        dbapi = s.connection().connection.dbapi_connection
        assert dbapi.execute("SELECT count(*) FROM dtsen_record WHERE no_kk = ?", (kk,)).fetchone()[0] >= 1
        assert dbapi.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    dtsen.import_file(office, actor=admin, path=path)
    assert _kk_index(office) == index


def test_cancel_after_some_chunks_were_written(office, admin, tmp_path, small_chunks):
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 4

    with pytest.raises(dtsen.ImportCancelled):
        dtsen.import_file(office, actor=admin, path=write_csv(tmp_path / "d.csv", 100, seed=5), cancelled=cancelled)
    assert dtsen.record_count(office) == 0
    assert _kk_index(office)
    assert dtsen.last_import(office) is None


def test_progress_callback_raising_rolls_back(office, admin, tmp_path, small_chunks):
    def progress(fraction, rows):
        if rows > 30:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        dtsen.import_file(office, actor=admin, path=write_csv(tmp_path / "d.csv", 100, seed=6), progress=progress)
    assert dtsen.record_count(office) == 0


def test_rows_per_statement_respects_the_variable_limit():
    con = sqlite3.connect(":memory:")
    try:
        per = dtsen._sqlite_rows_per_statement(con)
        assert 1 <= per <= dtsen.MULTI_ROWS
        assert per * 16 <= con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
        assert dtsen._sqlite_rows_per_statement(con) == 6
    finally:
        con.close()
