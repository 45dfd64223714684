"""``loket-pbi privacy export|anonymise`` — personal data under UU 27/2022 (PDP)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands._common import add_auth_args, office_from, out, sign_in


def register(sub, parent) -> None:
    p = sub.add_parser("privacy", parents=[parent], help="data pribadi: ekspor untuk satu orang, anonimisasi")
    psub = p.add_subparsers(dest="privacy_command", metavar="TINDAKAN", required=True)
    e = psub.add_parser("export", parents=[parent], help="semua data tentang satu orang (hak akses subjek data)")
    add_auth_args(e)
    e.add_argument("--nik", required=True, help="NIK orang yang meminta datanya")
    e.add_argument("--format", choices=["json", "xlsx"], default="json")
    e.add_argument("--out", help="berkas tujuan (bawaan: folder ekspor/ di folder data)")
    e.set_defaults(handler=cmd_export)
    a = psub.add_parser("anonymise", parents=[parent],
                        help="anonimkan berkas tertutup yang melewati masa retensi (pengaturan 'privacy')")
    add_auth_args(a)
    a.add_argument("--dry-run", action="store_true", help="hanya hitung, jangan ubah apa pun")
    a.set_defaults(handler=cmd_anonymise)


def cmd_export(args: argparse.Namespace) -> int:
    from app.services import privacy

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        r = privacy.export_person(office, actor=actor, nik=args.nik, fmt=args.format,
                                  dest=Path(args.out) if args.out else None)
        out(f"Data pribadi diekspor ke {r.path}: " + ", ".join(f"{k} {v}" for k, v in r.counts.items()) + ".")
        return 0
    finally:
        office.close()


def cmd_anonymise(args: argparse.Namespace) -> int:
    from app.services import privacy

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        out(privacy.anonymise_expired(office, actor=actor, dry_run=args.dry_run).message)
        return 0
    finally:
        office.close()
