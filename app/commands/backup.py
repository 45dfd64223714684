"""``loket-pbi backup`` and ``loket-pbi restore FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands._common import add_auth_args, office_from, out, sign_in
from app.errors import ValidationError


def register(sub, parent) -> None:
    b = sub.add_parser("backup", parents=[parent], help="buat cadangan basis data dan arsip surat")
    add_auth_args(b)
    b.add_argument("--folder", help="folder tujuan (bawaan: pengaturan cadangan, atau backups/ di folder data)")
    b.add_argument("--if-due", action="store_true",
                   help="cadangan harian otomatis: hanya bila hari ini belum ada (tanpa masuk sebagai pengguna)")
    b.set_defaults(handler=cmd_backup)
    r = sub.add_parser("restore", parents=[parent], help="pulihkan dari berkas cadangan (aplikasi harus ditutup)")
    r.add_argument("file")
    r.add_argument("--yes", action="store_true", help="jangan tanya konfirmasi")
    r.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from app.services import backup

    office = office_from(args)
    try:
        if args.if_due:
            info = backup.auto_backup(office)
            out(f"Cadangan dibuat: {info.path}" if info else "Cadangan hari ini sudah ada; tidak ada yang dibuat.")
            return 0
        actor = sign_in(office, args)
        info = backup.make_backup(office, actor=actor, folder=Path(args.folder) if args.folder else None)
        out(f"Cadangan dibuat: {info.path} ({info.files} berkas, {info.size / 1_048_576:.1f} MB).")
        return 0
    finally:
        office.close()


def cmd_restore(args: argparse.Namespace) -> int:
    from app.paths import resolve_data_dir
    from app.services import backup

    dirs = resolve_data_dir(getattr(args, "data_dir", None)).ensure()
    manifest = backup.verify_backup(Path(args.file))
    out(f"Cadangan utuh: dibuat {manifest['created_at']} oleh Loket PBI {manifest['app_version']}, "
        f"{len(manifest['files'])} berkas.")
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError("Pemulihan perlu konfirmasi: jalankan di terminal atau tambahkan --yes.")
        answer = input(f"Data saat ini di {dirs.root} akan diganti (disimpan dulu di backups/). Ketik YA: ")
        if answer.strip().upper() != "YA":
            out("Dibatalkan; tidak ada yang diubah.")
            return 1
    aside = backup.restore(dirs, Path(args.file))
    out(f"Pemulihan selesai. Data sebelumnya disimpan di {aside}.")
    # Open once so the restored database is migrated (if it is older) and the restore is logged.
    from app.context import open_office
    from app.services import audit

    office = open_office(dirs.root)
    try:
        with office.db.write() as s:
            audit.record(s, actor=None, action="backup.restore", entity="backup", entity_id=Path(args.file).name,
                         new={"aside": str(aside)})
    finally:
        office.close()
    return 0
