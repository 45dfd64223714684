"""``loket-pbi dtsen import FILE`` and ``loket-pbi dtsen lookup NIK``."""

from __future__ import annotations

import argparse
import sys

from app.commands._common import add_auth_args, office_from, out, sign_in
from app.timeutil import tanggal_angka


def register(sub, parent) -> None:
    d = sub.add_parser("dtsen", parents=[parent], help="daftar DTSEN (dahulu DTKS): impor dan cek NIK")
    dsub = d.add_subparsers(dest="dtsen_command", metavar="AKSI", required=True)
    i = dsub.add_parser("import", parents=[parent], help="impor berkas DTSEN (CSV atau XLSX)")
    add_auth_args(i)
    i.add_argument("file")
    i.set_defaults(handler=cmd_import)
    lk = dsub.add_parser("lookup", parents=[parent], help="cari NIK di data DTSEN")
    add_auth_args(lk)
    lk.add_argument("nik")
    lk.set_defaults(handler=cmd_lookup)


def cmd_import(args: argparse.Namespace) -> int:
    from app.services import dtsen

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        last = {"pct": -10}

        def progress(fraction: float, rows: int) -> None:
            pct = int(fraction * 100)
            if pct >= last["pct"] + 10 and sys.stderr.isatty():
                last["pct"] = pct
                print(f"  {pct:3d}% ({rows:,} baris)", file=sys.stderr, flush=True)

        summary = dtsen.import_file(office, actor=actor, path=args.file, progress=progress)
        out(summary.message())
        return 0
    finally:
        office.close()


def cmd_lookup(args: argparse.Namespace) -> int:
    from app.services import dtsen

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        info = dtsen.lookup(office, actor=actor, nik=args.nik)
        if info is None:
            out(f"NIK {args.nik.strip()} TIDAK TERDAFTAR di {dtsen.LABEL}.")
            return 3
        born = tanggal_angka(info.birth_date) if info.birth_date else "-"
        desil = "belum diperingkat" if info.desil == 0 else str(info.desil)
        out(f"NIK {info.nik} TERDAFTAR di {dtsen.LABEL}")
        out(f"  Nama          : {info.name}")
        out(f"  Lahir         : {info.birth_place or '-'}, {born} ({info.sex or '-'})")
        out(f"  No KK         : {info.no_kk}")
        out(f"  Alamat        : {info.address} RT {info.rt or '-'} RW {info.rw or '-'}")
        out(f"  Wilayah       : {info.kelurahan}, {info.kecamatan} (kode {info.region_code or '-'})")
        out(f"  Desil         : {desil}")
        out(f"  ID DTSEN      : {info.dtsen_id or '-'}")
        return 0
    finally:
        office.close()
