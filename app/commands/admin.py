"""Administrator commands: init, user add/list/disable/enable, check."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.commands._common import add_auth_args, office_from, out, sign_in
from app.errors import ValidationError
from app.rules.permissions import ROLES


def register(sub, parent) -> None:
    p = sub.add_parser("init", parents=[parent], help="penyiapan pertama tanpa jendela (instalasi terskrip)")
    p.add_argument("--government", required=True, help="mis. 'PEMERINTAH KOTA PANGKALPINANG'")
    p.add_argument("--region-kind", default="KOTA", choices=["KOTA", "KABUPATEN"])
    p.add_argument("--region-name", required=True, help="mis. Pangkalpinang")
    p.add_argument("--city", help="tempat surat (bawaan: nama daerah)")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--email", default="")
    p.add_argument("--website", default="")
    p.add_argument("--timezone", default="WIB", choices=["WIB", "WITA", "WIT"])
    p.add_argument("--admin", required=True, help="nama pengguna administrator pertama")
    p.add_argument("--admin-name", required=True, help="nama lengkap administrator")
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi administrator dari stdin")
    p.add_argument("--kind", choices=["dinas", "kelurahan"], default=None,
                   help="jenis kantor: dinas (Dinas Sosial kabupaten/kota) atau kelurahan (pos kelurahan/desa, "
                        "Puskesos/SLRT); ditanyakan bila tidak diisi")
    p.add_argument("--office-name", default="", help="nama kantor dalam jaringan (bawaan: dari profil)")
    p.add_argument("--office-code", default="", help="(dinas) kode kantor dalam jaringan, mis. DINSOS-PKP")
    p.add_argument("--area-code", default="", help="(kelurahan) kode wilayah 10 angka seperti di DTSEN")
    p.set_defaults(handler=cmd_init)

    u = sub.add_parser("user", parents=[parent], help="kelola pengguna")
    usub = u.add_subparsers(dest="user_command", metavar="AKSI", required=True)
    a = usub.add_parser("add", parents=[parent], help="tambah pengguna")
    add_auth_args(a)
    a.add_argument("username")
    a.add_argument("--name", required=True, help="nama lengkap")
    a.add_argument("--role", action="append", required=True, choices=sorted(ROLES),
                   help="peran (boleh diulang)")
    a.add_argument("--nip", default=None)
    a.add_argument("--counter", default=None, help="nama loket")
    a.add_argument("--new-password-stdin", action="store_true",
                   help="baca kata sandi pengguna baru dari stdin (baris kedua bila --password-stdin)")
    a.set_defaults(handler=cmd_user_add)
    ls = usub.add_parser("list", parents=[parent], help="daftar pengguna")
    add_auth_args(ls)
    ls.set_defaults(handler=cmd_user_list)
    for name, active in (("disable", False), ("enable", True)):
        d = usub.add_parser(name, parents=[parent], help="nonaktifkan pengguna" if not active else "aktifkan pengguna")
        add_auth_args(d)
        d.add_argument("username")
        d.set_defaults(handler=cmd_user_active, active=active)

    r = sub.add_parser("recovery-key", parents=[parent],
                       help="kunci pemulihan kantor: tampilkan sekali (administrator) atau pasang di komputer ini")
    add_auth_args(r)
    how = r.add_mutually_exclusive_group(required=True)
    how.add_argument("--show", action="store_true", help="tampilkan kunci pemulihan (hanya sekali per kantor)")
    how.add_argument("--install", action="store_true",
                     help="pasang kunci kantor di komputer/pengguna Windows ini; kunci pemulihan dibaca dari stdin")
    r.set_defaults(handler=cmd_recovery_key)

    c = sub.add_parser("check", parents=[parent],
                       help="periksa keutuhan basis data, rantai log audit dan arsip surat")
    c.add_argument("--kepala", action="append", default=[], metavar="TEKS",
                   help="kepala rantai log audit yang tercetak pada manifest batch atau surat pengantar, "
                        "mis. \"#1234 (1234 entri) 9f2c…\": diperiksa masih menjadi bagian rantai (boleh diulang)")
    c.set_defaults(handler=cmd_check)


def _new_password(prompt_stdin: bool, label: str) -> str:
    if prompt_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"Kata sandi {label}: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise ValidationError("Kedua kata sandi tidak sama.")
    return first


def _office_kind(args: argparse.Namespace) -> str:
    """``--kind``, or asked at the terminal; a script without it sets up a Dinas (as before the network)."""
    from app.network import identity

    kind = args.kind
    if kind is None and sys.stdin.isatty() and not args.password_stdin:
        answer = input("Jenis kantor — [d]inas atau [k]elurahan/desa? ").strip().lower()
        kind = "kelurahan" if answer.startswith("k") else "dinas"
    kind = kind or "dinas"
    if kind == "kelurahan":
        identity.check_area(args.area_code)
    elif args.office_code:
        identity.check_code(args.office_code)
    return kind


def cmd_init(args: argparse.Namespace) -> int:
    from app.services import setup

    office = office_from(args)
    try:
        if setup.is_set_up(office):
            raise ValidationError("Kantor ini sudah disiapkan (administrator sudah ada). Tidak ada yang diubah.")
        kind = _office_kind(args)
        password = _new_password(args.password_stdin, args.admin)
        admin = setup.first_run(office, setup.FirstRun(
            profile={"government": args.government, "region_kind": args.region_kind,
                     "region_name": args.region_name, "city": args.city or args.region_name,
                     "address": args.address, "phone": args.phone, "email": args.email,
                     "website": args.website, "timezone": args.timezone},
            admin_username=args.admin, admin_full_name=args.admin_name, admin_password=password))
        from app.network import identity
        from app.services.users import actor_for

        name = args.office_name or (f"Dinas Sosial {args.region_kind.title()} {args.region_name}" if kind == "dinas"
                                    else args.government)
        ident = identity.set_up(office, kind=kind, name=name, code=args.office_code or "DINSOS",
                                area_code=args.area_code, actor=actor_for(admin))
        out(f"Kantor {args.government} disiapkan di {office.dirs.root}. Administrator: {args.admin}.")
        out(f"Jenis kantor: {identity.KINDS[kind]}; sidik kunci {ident.fingerprint}.")
        from app.services import recovery

        _print_recovery(recovery.take_recovery_key(office, actor=actor_for(admin)))
        return 0
    finally:
        office.close()


def _print_recovery(text: str) -> None:
    out("")
    out("KUNCI PEMULIHAN KANTOR (hanya ditampilkan sekali; catat di kertas dan simpan di tempat aman):")
    out(f"    {text}")
    out("Kunci ini membuka cadangan terenkripsi di komputer lain dan memasang kunci kantor di komputer baru "
        "(loket-pbi recovery-key --install).")


def cmd_recovery_key(args: argparse.Namespace) -> int:
    from app.services import recovery

    office = office_from(args)
    try:
        if args.show:
            _print_recovery(recovery.take_recovery_key(office, actor=sign_in(office, args)))
            return 0
        text = sys.stdin.readline().strip() if not sys.stdin.isatty() else getpass.getpass("Kunci pemulihan: ")
        where = recovery.install(office, text)
        out(f"Kunci kantor dipasang: {where}.")
        return 0
    finally:
        office.close()


def cmd_user_add(args: argparse.Namespace) -> int:
    from app.services import users

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        password = _new_password(args.new_password_stdin, args.username)
        info = users.add_user(office, actor=actor, username=args.username, full_name=args.name,
                              password=password, roles=args.role, nip=args.nip, counter=args.counter)
        out(f"Pengguna {info.username} ditambahkan dengan peran: {', '.join(info.roles)}.")
        return 0
    finally:
        office.close()


def cmd_user_list(args: argparse.Namespace) -> int:
    from app.services import users

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        rows = users.list_users(office, actor=actor)
        out(f"{'PENGGUNA':<20} {'NAMA':<30} {'STATUS':<10} PERAN")
        for u in rows:
            status = "aktif" if u.active else "nonaktif"
            out(f"{u.username:<20} {u.full_name[:30]:<30} {status:<10} {', '.join(u.roles)}")
        return 0
    finally:
        office.close()


def cmd_user_active(args: argparse.Namespace) -> int:
    from app.services import users

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        info = users.set_active(office, actor=actor, username=args.username, active=args.active)
        out(f"Pengguna {info.username} sekarang {'aktif' if info.active else 'nonaktif'}.")
        return 0
    finally:
        office.close()


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.integrity import run_checks

    office = office_from(args)
    try:
        report = run_checks(office, printed_heads=list(getattr(args, "kepala", []) or []))
        for line in report.lines:
            out(line)
        out("HASIL: BAIK" if report.ok else "HASIL: ADA MASALAH")
        return 0 if report.ok else 1
    finally:
        office.close()
