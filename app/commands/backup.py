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
    r = sub.add_parser("restore", parents=[parent],
                       help="pulihkan dari berkas cadangan (aplikasi harus ditutup; masuk sebagai administrator)")
    r.add_argument("file")
    add_auth_args(r)
    r.add_argument("--yes", action="store_true", help="jangan tanya konfirmasi pertama (mengganti data)")
    r.add_argument("--recovery-key-stdin", action="store_true",
                   help="komputer baru: baca kunci pemulihan kantor dari stdin (baris sesudah kata sandi bila "
                        "--password-stdin; atau variabel LOKET_PBI_RECOVERY_KEY)")
    r.add_argument("--discard-newer", action="store_true",
                   help="konfirmasi kedua: tetap pulihkan walaupun data saat ini lebih baru daripada cadangan "
                        "(pekerjaan sesudah cadangan hilang dari data yang dipakai)")
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


def _ask(prompt: str, word: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(prompt).strip().upper() == word


def cmd_restore(args: argparse.Namespace) -> int:
    import getpass
    import os

    from app.commands._common import ENV_PASSWORD, ENV_USER
    from app.paths import resolve_data_dir
    from app.services import backup
    from app.services import restore as restore_svc

    dirs = resolve_data_dir(getattr(args, "data_dir", None)).ensure()
    path = Path(args.file)
    username = args.user or os.environ.get(ENV_USER)
    if not username:
        raise ValidationError(f"Pemulihan perlu administrator: sebutkan --user NAMA (atau variabel {ENV_USER}).")
    password = os.environ.get(ENV_PASSWORD)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    if password is None:
        password = getpass.getpass(f"Kata sandi {username}: ")
    recovery_key = sys.stdin.readline().strip() if args.recovery_key_stdin else None
    from app.services.keys import RecoveryKeyNeeded

    try:
        check = restore_svc.check_backup(dirs, path, recovery_key=recovery_key)
    except RecoveryKeyNeeded as exc:
        if recovery_key or not sys.stdin.isatty():
            raise
        out(str(exc))
        recovery_key = getpass.getpass("Kunci pemulihan kantor: ").strip()
        check = restore_svc.check_backup(dirs, path, recovery_key=recovery_key)
    out(f"Cadangan utuh: dibuat {check.manifest.get('created_at', '?')} oleh Loket PBI "
        f"{check.manifest.get('app_version', '?')}, {check.files} berkas ({check.size / 1_048_576:.1f} MB).")
    if check.newer is not None:
        out(check.newer.text())
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError("Pemulihan perlu konfirmasi: jalankan di terminal atau tambahkan --yes.")
        if not _ask(f"Data saat ini di {dirs.root} akan diganti (disimpan dulu di backups/). Ketik YA: ", "YA"):
            out("Dibatalkan; tidak ada yang diubah.")
            return 1
    discard = bool(args.discard_newer)
    if check.newer is not None and not discard:
        if not sys.stdin.isatty():
            raise ValidationError("Data saat ini lebih baru daripada cadangan; pemulihan perlu konfirmasi kedua: "
                                  "tambahkan --discard-newer. Data tidak diubah.")
        if not _ask("Pekerjaan sesudah cadangan akan hilang dari data yang dipakai. Ketik BUANG untuk tetap "
                    "memulihkan: ", "BUANG"):
            out("Dibatalkan; tidak ada yang diubah.")
            return 1
        discard = True
    res = backup.restore(dirs, path, username=username, password=password, recovery_key=recovery_key,
                         discard_newer=discard)
    out(f"Pemulihan selesai. Data sebelumnya disimpan di {res.aside}.")
    return 0
