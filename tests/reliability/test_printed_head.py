"""The audit chain's head printed on each monthly batch (issue 16, point 4): on the ZIP's manifest and on the
cover letter (Surat Pengantar), so an auditor can later hold the paper against ``loket-pbi check --kepala``.

A real batch is closed (its cover letter rendered from the shipped template), the ZIP and the .docx are
opened again and read as an auditor would; then the log is changed behind the app's back and the same
printed head no longer fits.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import text

from app.services import audit, batches, integrity
from app.services import office as office_svc
from tests.batches.helpers import make_cases
from tests.clock import pin_clock
from tests.reliability.figures import record

REPO = Path(__file__).resolve().parents[2]
HEAD_LINE = re.compile(r"Kepala rantai log audit saat batch ditutup: (#\d+ \(\d+ entri\) [0-9a-f]{64})")


@pytest.fixture
def closed(office, admin, make_user):
    """A closed penonaktifan batch of November 2026 with its cover letter: (manifest, cover letter text)."""
    office_svc.save_official(office, actor=admin, position_key="kepala_dinas", position_title="Kepala Dinas Sosial",
                             name="Drs. H. Ahmad Fauzi, M.Si.", nip="197201031995031001",
                             rank="Pembina Utama Muda (IV/c)")
    supervisor = make_user("supervisor")
    make_cases(office, "penonaktifan", 3, data={"alasan": "meninggal"})
    with pin_clock(datetime(2026, 12, 3, 3, 0, tzinfo=UTC)):
        res = batches.close_batch(office, actor=supervisor, service_code="penonaktifan", period="2026-11")
    assert res.cover_letter
    zip_path = Path(res.batch.zip_path)
    if not zip_path.is_absolute():
        zip_path = office.dirs.root / zip_path
    with zipfile.ZipFile(zip_path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        cover_name = next(n for n in zf.namelist() if n.startswith("surat_pengantar_") and n.endswith(".docx"))
        doc = Document(io.BytesIO(zf.read(cover_name)))
    cover_text = "\n".join(p.text for p in doc.paragraphs)
    return manifest, cover_text


def test_the_head_is_printed_on_the_manifest_and_the_cover_letter(office, closed):
    manifest, cover_text = closed
    head = manifest["audit_head"]
    assert re.fullmatch(r"#\d+ \(\d+ entri\) [0-9a-f]{64}", head["text"])
    assert head["text"] == f"#{head['last_id']} ({head['count']} entri) {head['hash']}"
    printed = HEAD_LINE.search(cover_text)
    assert printed is not None, cover_text[-800:]
    with office.db.read() as s:
        for shown in (head["text"], printed.group(1)):
            entry_id = int(shown.split()[0][1:])
            stored = s.exec(text("SELECT hash FROM audit_log WHERE id = :i"), params={"i": entry_id}).one()[0]
            assert shown.endswith(stored)  # the printed link is the stored link of that entry
            assert audit.confirm_head(s, shown)[0]
    # the letter is printed before the manifest is written, in the same close: never a later head
    assert int(printed.group(1).split()[0][1:]) <= head["last_id"]
    report = integrity.run_checks(office, printed_heads=[head["text"], printed.group(1)])
    assert report.ok, report.lines
    assert any("kepala rantai log audit saat ini" in line for line in report.lines)
    record("tamper", {"printed_heads_confirmed": 2})


def test_check_confirms_a_printed_head_from_the_command_line(office, closed):
    _manifest, cover_text = closed
    printed = HEAD_LINE.search(cover_text)
    assert printed is not None
    root = office.dirs.root
    office.close()
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-m", "app", "check", "--data-dir", str(root), "--kepala", printed.group(1)],
                       capture_output=True, text=True, timeout=180, env=env, cwd=REPO)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "adalah kaitan rantai log audit ini" in r.stdout and "HASIL: BAIK" in r.stdout
    r = subprocess.run([sys.executable, "-m", "app", "check", "--data-dir", str(root), "--kepala",
                        "#1 (1 entri) " + "ab" * 32], capture_output=True, text=True, timeout=180, env=env, cwd=REPO)
    assert r.returncode == 1 and "tidak lagi membawa kaitan yang tercetak" in r.stdout


def test_a_log_changed_after_the_print_no_longer_fits_it(office, closed):
    manifest, _cover = closed
    head = manifest["audit_head"]
    with office.db.write() as s:  # someone with the database file, not the key: rewrites the printed entry
        s.exec(text("UPDATE audit_log SET hash = :h WHERE id = :i"), params={"h": "0" * 64, "i": head["last_id"]})
    report = integrity.run_checks(office, printed_heads=[head["text"]])
    assert not report.ok
    assert any("tidak lagi membawa kaitan yang tercetak" in line for line in report.lines)
    with office.db.write() as s:  # … or deletes it (and everything after)
        s.exec(text("DELETE FROM audit_log WHERE id >= :i"), params={"i": head["last_id"]})
    report = integrity.run_checks(office, printed_heads=[head["text"]])
    assert not report.ok and any("tidak ada lagi di basis data" in line for line in report.lines)
