"""``loket-pbi letter list|void|reprint|pdf|templates`` — the letter register from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands._common import add_auth_args, office_from, out, sign_in


def register(sub, parent) -> None:
    p = sub.add_parser("letter", parents=[parent], help="register surat: daftar, batal, cetak ulang, PDF")
    lsub = p.add_subparsers(dest="letter_command", metavar="AKSI", required=True)

    ls = lsub.add_parser("list", parents=[parent], help="daftar surat yang sudah diterbitkan")
    add_auth_args(ls)
    ls.add_argument("--year", type=int, help="tahun surat")
    ls.add_argument("--type", dest="letter_type", help="jenis surat (mis. rekomendasi_pbi)")
    ls.add_argument("--status", choices=["issued", "voided"], help="issued = berlaku, voided = dibatalkan")
    ls.add_argument("--limit", type=int, default=200)
    ls.set_defaults(handler=cmd_list)

    v = lsub.add_parser("void", parents=[parent], help="batalkan surat (nomor tetap tercatat dengan alasannya)")
    add_auth_args(v)
    v.add_argument("number", help="nomor surat, mis. 400.9.11/12/Dinsos/XI/2026")
    v.add_argument("--reason", required=True, help="alasan pembatalan")
    v.set_defaults(handler=cmd_void)

    r = lsub.add_parser("reprint", parents=[parent], help="salin dokumen arsip (sama persis) untuk dicetak ulang")
    add_auth_args(r)
    r.add_argument("number")
    r.add_argument("--out", required=True, help="berkas atau folder tujuan")
    r.add_argument("--pdf", action="store_true", help="salin PDF (dibuat dulu bila belum ada)")
    r.set_defaults(handler=cmd_reprint)

    c = lsub.add_parser("pdf", parents=[parent], help="ubah surat ke PDF (banyak surat dalam satu kali jalan)")
    add_auth_args(c)
    c.add_argument("numbers", nargs="*", help="nomor surat; tanpa nomor: semua surat yang belum ber-PDF")
    c.set_defaults(handler=cmd_pdf)

    t = lsub.add_parser("templates", parents=[parent], help="periksa templat surat (bawaan dan salinan kantor)")
    t.set_defaults(handler=cmd_templates)


def cmd_list(args: argparse.Namespace) -> int:
    from app.services import letters

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        rows = letters.list_letters(office, actor=actor, year=args.year, letter_type=args.letter_type,
                                    status=args.status, limit=args.limit)
        if not rows:
            out("Belum ada surat yang cocok.")
            return 0
        from app.services.office import zone_name as office_zone
        from app.timeutil import tanggal_angka

        zone_name = office_zone(office)
        out(f"{'Nomor':<34} {'Tanggal':<11} {'Jenis':<26} {'Status':<10} PDF")
        for r in rows:
            day = tanggal_angka(r.issued_at, zone_name)
            status = "BATAL" if r.voided else "berlaku"
            out(f"{r.number:<34} {day:<11} {r.letter_type:<26} {status:<10} {'ya' if r.pdf_path else '-'}")
            if r.voided:
                out(f"    alasan batal: {r.void_reason}")
        out(f"{len(rows)} surat.")
        return 0
    finally:
        office.close()


def cmd_void(args: argparse.Namespace) -> int:
    from app.services import letters

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        info = letters.void_letter(office, actor=actor, number=args.number, reason=args.reason)
        out(f"Surat {info.number} dibatalkan. Nomornya tetap tercatat di register dengan alasan: {info.void_reason}")
        return 0
    finally:
        office.close()


def cmd_reprint(args: argparse.Namespace) -> int:
    from app.services import letters

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        target = letters.reprint(office, actor=actor, number=args.number, dest=Path(args.out), pdf=args.pdf)
        out(f"Dokumen arsip surat {args.number} (sidik SHA-256 cocok) disalin ke {target}")
        return 0
    finally:
        office.close()


def cmd_pdf(args: argparse.Namespace) -> int:
    from app.services import letters

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        ids = None
        if args.numbers:
            ids = [letters.get_letter(office, number=n).id for n in args.numbers]

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(f"  {done}/{total}", file=sys.stderr, flush=True)

        summary = letters.convert_pdfs(office, actor=actor, letter_ids=ids, progress=progress)
        out(summary.message)
        for lid, reason in summary.failed.items():
            out(f"  surat #{lid}: {reason}")
        return 0 if summary.ok else 1
    finally:
        office.close()


def cmd_templates(args: argparse.Namespace) -> int:
    from app.documents.catalog import KINDS
    from app.errors import ValidationError
    from app.services import letters

    office = office_from(args)
    try:
        bad = 0
        for key in KINDS:
            try:
                path, label, sha = letters.template_check(office, key)
                out(f"OK    {label:<38} {sha[:12]}")
            except ValidationError as exc:
                bad += 1
                out(f"GAGAL {key}: {exc}")
        return 1 if bad else 0
    finally:
        office.close()
