"""``loket-pbi letter list|void|reprint|pdf|templates``."""

from __future__ import annotations

import pytest

from app import cli
from app.documents.examples import example_data
from app.services import letters
from tests.letters.conftest import needs_pdf


@pytest.fixture
def run(lo, monkeypatch, capsys):
    o, _admin, _clerk, _boss = lo
    monkeypatch.setattr(cli, "COMMAND_MODULES", ["app.commands.letters"])
    monkeypatch.setenv("LOKET_PBI_PASSWORD", "rahasia-123")

    def go(user: str, *argv: str) -> tuple[int, str, str]:
        monkeypatch.setenv("LOKET_PBI_USER", user)
        code = cli.main([*argv, "--data-dir", str(o.dirs.root)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return go


def test_letter_commands(lo, run, tmp_path):
    o, _admin, clerk, _boss = lo
    a = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    b = letters.issue_letter(o, actor=clerk, letter_type="tanda_terima", data=example_data("tanda_terima"))
    code, out, _ = run("loket1", "letter", "list")
    assert code == 0 and a.number in out and b.number in out and "2 surat" in out
    code, out, err = run("loket1", "letter", "void", a.number, "--reason", "salah alamat")
    assert code == 1 and "tidak berwenang" in err
    code, out, _ = run("kabid", "letter", "void", a.number, "--reason", "salah alamat")
    assert code == 0 and "tetap tercatat" in out
    code, out, _ = run("loket1", "letter", "list", "--status", "voided")
    assert code == 0 and a.number in out and "BATAL" in out and "salah alamat" in out
    code, out, _ = run("loket1", "letter", "reprint", b.number, "--out", str(tmp_path))
    assert code == 0 and "cocok" in out
    assert (tmp_path / b.docx_path.name).read_bytes() == b.docx_path.read_bytes()
    code, out, err = run("loket1", "letter", "reprint", "400.9.11/999/Dinsos/XI/2026", "--out", str(tmp_path))
    assert code == 1 and "tidak ditemukan" in err
    code, out, _ = run("loket1", "letter", "templates")
    from app.documents.catalog import KINDS

    assert code == 0 and out.count("OK ") == len(KINDS) == 17  # every shipped template


@needs_pdf
def test_letter_pdf_command(lo, run):
    o, _admin, clerk, _boss = lo
    info = letters.issue_letter(o, actor=clerk, letter_type="rujukan_dtsen", data=example_data("rujukan_dtsen"))
    code, out, _ = run("loket1", "letter", "pdf", info.number)
    assert code == 0 and "1 berkas diubah ke PDF" in out
    assert letters.get_letter(o, letter_id=info.id).pdf_path.exists()
