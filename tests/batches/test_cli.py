"""The command line: batch close/list, outbox send/status, feedback import, reconcile."""

from __future__ import annotations

import pytest

from app import cli
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases
from tests.batches.test_feedback import NURHAYATI, RUSDI, SAMPLE

pytestmark = pytest.mark.clock


@pytest.fixture
def run(office, supervisor, monkeypatch, capsys):
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["app.commands.batches"])
    monkeypatch.setenv("LOKET_PBI_USER", supervisor.username)
    monkeypatch.setenv("LOKET_PBI_PASSWORD", "rahasia-123")

    def go(*argv: str) -> tuple[int, str, str]:
        code = cli.main([*argv, "--data-dir", str(office.dirs.root)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return go


def test_monthly_routine_from_the_command_line(office, admin, run, tmp_path):
    from app.services import outbox

    make_cases(office, "penonaktifan", 2, niks=[NURHAYATI, RUSDI])
    code, out, _ = run("batch", "close", "--service", "penonaktifan", "--period", "2026-10")
    assert code == 3 and "Tidak ada kasus" in out, (out, _)
    code, out, _ = run("batch", "close", "--service", "penonaktifan", "--period", "2026-11")
    assert code == 0 and "nomor urut 1" in out and "2 kasus" in out
    code, out, _ = run("batch", "close", "--service", "penonaktifan", "--period", "2026-11")
    assert code == 0 and "sudah ditutup" in out
    code, out, _ = run("batch", "list")
    assert code == 0 and "penonaktifan" in out and "menunggu" in out
    code, out, _ = run("batch", "verify", "1")
    assert code == 0 and "utuh" in out
    code, out, err = run("outbox", "send")
    assert code == 1 and "Belum ada tujuan" in err
    share = tmp_path / "share"
    share.mkdir()
    settings_svc.save(office, actor=admin, section=outbox.SECTION, value=outbox.DeliverySettings(folder=str(share)))
    code, out, _ = run("outbox", "status")
    assert code == 4 and "penonaktifan 2026-11 #1" in out
    code, out, _ = run("outbox", "send", "--no-wait")
    assert code == 0 and "TERKIRIM" in out
    code, out, _ = run("outbox", "status")
    assert code == 0 and "kosong" in out
    code, out, _ = run("feedback", "import", str(SAMPLE))
    assert code == 0 and "diterima 1, ditolak 1" in out
    bpjs = tmp_path / "bpjs.csv"
    bpjs.write_text(f"nik,nama\n{NURHAYATI},Nurhayati\n", encoding="utf-8")
    report = tmp_path / "rekon.xlsx"
    code, out, _ = run("reconcile", "--bpjs", str(bpjs), "--out", str(report), "--period", "2026-Q4")
    assert code == 0 and report.is_file() and "Ada di BPJS, tidak aktif di kantor" in out


def test_front_office_is_refused(office, make_user, run, monkeypatch):
    fo = make_user("front_office")
    monkeypatch.setenv("LOKET_PBI_USER", fo.username)
    code, _out, err = run("batch", "close", "--service", "penonaktifan", "--period", "2026-11")
    assert code == 1 and "tidak berwenang" in err


def test_early_close_and_closable_periods_from_the_command_line(office, run, pinned):
    """On 9 December 2026 the December batch can be closed only with --confirm-early; the list says so."""
    from datetime import UTC, datetime

    make_cases(office, "penonaktifan", 1, ready_at=datetime(2026, 12, 3, 3, tzinfo=UTC))
    code, out, _ = run("batch", "periods")
    assert code == 0 and "penonaktifan" in out and "2026-12" in out and "belum berakhir" in out
    code, out, _ = run("batch", "close", "--service", "penonaktifan", "--period", "2026-12")
    assert code == 6 and "belum berakhir" in out and "--confirm-early" in out
    code, out, _ = run("batch", "close", "--service", "penonaktifan", "--period", "2026-12", "--confirm-early")
    assert code == 0 and "nomor urut 1" in out and "1 kasus" in out
    code, out, _ = run("batch", "list")
    assert code == 0 and "Ditutup (WIB)" in out and "09-12-2026" in out


def test_puskesos_notices_of_a_closed_batch(office, run, tmp_path):
    make_cases(office, "penonaktifan", 2, niks=[NURHAYATI, RUSDI])
    code, out, _ = run("batch", "close", "--service", "penonaktifan", "--period", "2026-11", "--without-letters")
    assert code == 0
    code, out, _ = run("batch", "puskesos", "1", "--out", str(tmp_path / "puskesos"))
    assert code == 0 and "1 surat pemberitahuan Puskesos" in out and "Bukit Intan" in out
    assert sorted(p.suffix for p in (tmp_path / "puskesos").rglob("*.*")) == [".docx", ".xlsx"]
    code, out, _ = run("batch", "puskesos", "1", "--out", str(tmp_path / "puskesos"))
    assert code == 3 and "tidak ada pemberitahuan Puskesos baru" in out


def test_daily_list_for_bpjs(office, run, tmp_path):
    from datetime import UTC, datetime

    from tests.batches.test_bpjs_daily import _recommend

    (cid,) = make_cases(office, "reaktivasi-rekom", 1, niks=[NURHAYATI])
    _recommend(office, cid, datetime(2026, 11, 23, 2, tzinfo=UTC), 5)
    code, out, _ = run("batch", "harian", "--date", "2026-11-23", "--out", str(tmp_path))
    assert code == 0 and "1 kasus" in out
    text = (tmp_path / "bpjs-harian_reaktivasi-rekom_2026-11-23.csv").read_text(encoding="utf-8-sig")
    assert NURHAYATI in text and "400.9.11/5/Dinsos/XI/2026" in text
    code, out, err = run("batch", "harian", "--date", "23-11-2026", "--out", str(tmp_path))
    assert code != 0 and "TTTT-BB-HH" in (out + err)
