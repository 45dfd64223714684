"""``loket-pbi check``: the database file, the audit chain and the letter archive."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from sqlalchemy import text

from app.context import Office
from app.services import audit, seals


@dataclass
class CheckReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.ok = False
        self.lines.append("GAGAL: " + line)

    def good(self, line: str) -> None:
        self.lines.append("OK: " + line)


def run_checks(office: Office, *, printed_heads: tuple[str, ...] | list[str] = ()) -> CheckReport:
    """Every check; ``printed_heads``: chain heads printed earlier (batch manifests, cover letters) that must
    still be links of the chain (:func:`app.services.audit.confirm_head`)."""
    report = CheckReport()
    with office.db.read() as s:
        if office.db.is_sqlite:
            rows = [r[0] for r in s.connection().execute(text("PRAGMA integrity_check")).all()]
            if rows == ["ok"]:
                report.good("Berkas basis data SQLite utuh (integrity_check).")
            else:
                report.fail("Berkas basis data rusak: " + "; ".join(rows[:5]))
            fk = s.connection().execute(text("PRAGMA foreign_key_check")).all()
            if fk:
                report.fail(f"{len(fk)} baris merujuk data yang tidak ada (foreign key).")
            else:
                report.good("Semua rujukan antar tabel sah (foreign_key_check).")
        else:
            s.connection().execute(text("SELECT 1"))
            report.good(f"Terhubung ke server basis data ({office.db.dialect}).")
        chain = audit.verify_chain(s)
        (report.good if chain.ok else report.fail)(chain.message)
        report.lines.append(f"CATATAN: kepala rantai log audit saat ini: {audit.head_text(s)}.")
        for printed in printed_heads:
            fits, line = audit.confirm_head(s, printed)
            (report.good if fits and chain.ok else report.fail)(line)
    with office.db.read() as s:
        problems, good = seals.verify(s)
        for line in problems:
            report.fail(line)
        for line in good:
            report.good(line)
    # The letter archive is checked where the letters module exists (it owns the archive's format).
    try:
        letters = importlib.import_module("app.services.letters")
    except ModuleNotFoundError:
        letters = None
    if letters is not None and hasattr(letters, "verify_archive"):
        problems = letters.verify_archive(office)
        if problems:
            for p in problems:
                report.fail(p)
        else:
            report.good("Arsip surat cocok dengan sidik SHA-256 yang tercatat.")
    from app.services.attachments import verify_attachments

    att = verify_attachments(office)
    for p in att.problems:
        report.fail(p)
    if not att.problems:
        report.good(f"{att.checked} lampiran pindaian cocok dengan sidik SHA-256 yang tercatat.")
    if att.stray:
        report.lines.append(f"CATATAN: {len(att.stray)} berkas di folder lampiran tidak tercatat pada berkas mana "
                            "pun (sisa penyimpanan yang terputus) dan tidak dihitung sebagai lampiran.")
    return report
