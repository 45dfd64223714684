"""DTSEN import reject files follow the retention setting (issue 16, point 8): the rows a DTSEN import refused
(NIK, name, address, as they came) are deleted with the anonymisation after ``privacy.retention_years``.

Real imports under a pinned clock write real reject files; the anonymisation runs at chosen later moments.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from app.services import dtsen, privacy, settings
from tests.clock import pin_clock
from tests.conftest import SAMPLES

pytestmark = pytest.mark.clock

IMPORTED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
BAD_NIK = "1971019999990001"  # day 99: refused, and written to the reject file as it came


def _import_with_a_refused_row(office, admin, tmp_path, name: str):
    src = (SAMPLES / "dtsen_contoh.csv").read_text(encoding="utf-8").splitlines()
    rows = [*src[:3], f"DT1971019999,{BAD_NIK},1971011507090099,Tertolak Satu,Pangkalpinang,12-08-1981,P,"
                      "Jl. Contoh No. 1,002,001,1971011001,Kejaksaan,Taman Sari,1"]
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pin_clock(IMPORTED):
        summary = dtsen.import_file(office, actor=admin, path=path)
    assert summary.rejected == 1 and summary.rejects_path
    return summary


def _audit(office, action):
    with office.db.read() as s:
        return s.exec(text("SELECT new_values FROM audit_log WHERE action = :a"), params={"a": action}).all()


def test_reject_files_are_deleted_after_the_retention_period(office, admin, tmp_path):
    settings.save(office, actor=admin, section="privacy", value=privacy.PrivacySettings(retention_years=5))
    summary = _import_with_a_refused_row(office, admin, tmp_path, "dtsen-maret.csv")
    rejects = office.dirs.imports / os.path.basename(summary.rejects_path)
    assert rejects.is_file() and BAD_NIK in rejects.read_text(encoding="utf-8-sig")
    # A killed import's leftover, written long ago (no import names it), and a fresh one that must stay.
    leftover = office.dirs.imports / "dtsen-ditolak-20190101-080000-lama.tmp"
    leftover.write_text(f"{BAD_NIK},Lama\n", encoding="utf-8")
    long_ago = datetime(2019, 1, 1, tzinfo=UTC).timestamp()
    os.utime(leftover, (long_ago, long_ago))
    fresh = office.dirs.imports / "dtsen-ditolak-20261201-080000-baru.tmp"
    fresh.write_text("baru\n", encoding="utf-8")

    within = privacy.anonymise_expired(office, actor=admin, now=IMPORTED + timedelta(days=365 * 4))
    assert within.reject_files == 1  # only the 2019 leftover: the March 2026 import is within 5 years
    assert rejects.is_file() and not leftover.exists() and fresh.exists()

    later = IMPORTED + timedelta(days=365 * 5 + 10)
    dry = privacy.anonymise_expired(office, actor=admin, now=later, dry_run=True)
    assert dry.reject_files == 1 and "akan dihapus" in dry.message and rejects.is_file()
    done = privacy.anonymise_expired(office, actor=admin, now=later)
    assert done.reject_files == 1 and "dihapus" in done.message
    assert not rejects.exists() and fresh.exists()
    with office.db.read() as s:
        kept = s.exec(text("SELECT rejected, rejects_path FROM dtsen_import")).all()
    assert [tuple(r) for r in kept] == [(1, "")]  # the counts stay, the file is gone
    logged = _audit(office, "privacy.reject_files_removed")
    assert len(logged) == 2 and rejects.name in str(logged[-1][0])
    assert privacy.anonymise_expired(office, actor=admin, now=later).reject_files == 0  # once only
    assert not any(BAD_NIK in p.read_text(encoding="utf-8-sig", errors="replace")
                   for p in office.dirs.imports.glob("dtsen-ditolak-*") if p != fresh)


def test_a_recent_import_keeps_its_reject_file(office, admin, tmp_path):
    summary = _import_with_a_refused_row(office, admin, tmp_path, "dtsen-baru.csv")
    rejects = office.dirs.imports / os.path.basename(summary.rejects_path)
    result = privacy.anonymise_expired(office, actor=admin, now=IMPORTED + timedelta(days=365 * 9))  # default 10
    assert result.reject_files == 0 and rejects.is_file()
    assert not _audit(office, "privacy.reject_files_removed")
