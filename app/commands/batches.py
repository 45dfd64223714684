"""``loket-pbi batch close|list|carry|puskesos|harian``, ``outbox send|status``, ``feedback import``, ``reconcile``."""

from __future__ import annotations

import argparse
import sys

from app.commands._common import add_auth_args, office_from, out, sign_in

EXIT_NOTHING = 3  # nothing to do (empty period)
EXIT_PENDING = 4  # something is still waiting (outbox)
EXIT_CONFIRM = 6  # the month has not ended: closing it early needs --confirm-early


def register(sub, parent) -> None:
    b = sub.add_parser("batch", parents=[parent], help="batch kolektif bulanan: tutup, daftar, pindahkan kasus")
    bsub = b.add_subparsers(dest="batch_command", metavar="AKSI", required=True)
    c = bsub.add_parser("close", parents=[parent], help="tutup batch satu layanan untuk satu periode")
    add_auth_args(c)
    c.add_argument("--service", required=True, help="kode layanan, mis. penonaktifan, jamkesda, pbi-baru")
    c.add_argument("--period", required=True, help="periode TTTT-BB, mis. 2026-11")
    c.add_argument("--without-letters", action="store_true",
                   help="hanya berkas data (tanpa surat pengantar dan surat individual)")
    c.add_argument("--confirm-early", nargs="*", metavar="NO_REG", default=None,
                   help="tutup bulan yang belum berakhir; sebutkan nomor registrasi berkas yang belum sampai "
                        "langkah kolektif (pindah ke periode berikutnya), tanpa nilai bila tidak ada")
    c.set_defaults(handler=cmd_close)
    pe = bsub.add_parser("periods", parents=[parent], help="periode yang dapat ditutup sekarang, per layanan")
    add_auth_args(pe)
    pe.set_defaults(handler=cmd_periods)
    ls = bsub.add_parser("list", parents=[parent], help="daftar batch dan status pengirimannya")
    add_auth_args(ls)
    ls.add_argument("--service")
    ls.add_argument("--pending", action="store_true", help="hanya yang belum terkirim")
    ls.set_defaults(handler=cmd_list)
    v = bsub.add_parser("verify", parents=[parent], help="periksa ulang ZIP batch terhadap manifest dan SHA-256")
    add_auth_args(v)
    v.add_argument("batch_id", type=int)
    v.set_defaults(handler=cmd_verify)
    pk = bsub.add_parser("puskesos", parents=[parent],
                         help="surat pemberitahuan penonaktifan kepada Puskesos tiap kelurahan untuk batch "
                              "penonaktifan yang sudah ditutup (yang belum ada saja)")
    add_auth_args(pk)
    pk.add_argument("batch_id", type=int)
    pk.add_argument("--out", required=True, help="folder tujuan salinan surat dan daftar per kelurahan")
    pk.set_defaults(handler=cmd_puskesos)
    h = bsub.add_parser("harian", parents=[parent],
                        help="daftar harian untuk BPJS (XLSX dan CSV): kasus yang direkomendasikan pada satu hari")
    add_auth_args(h)
    h.add_argument("--service", default="reaktivasi-rekom", help="kode layanan (bawaan: reaktivasi-rekom)")
    h.add_argument("--date", help="tanggal TTTT-BB-HH (bawaan: hari ini, waktu kantor)")
    h.add_argument("--out", required=True, help="folder tujuan berkas XLSX dan CSV")
    h.set_defaults(handler=cmd_daily)
    cr = bsub.add_parser("carry", parents=[parent], help="pindahkan kasus yang terlewat ke batch periode berikutnya")
    add_auth_args(cr)
    cr.add_argument("case_id", type=int)
    cr.add_argument("--to", required=True, dest="to_period", help="periode tujuan TTTT-BB")
    cr.add_argument("--reason", required=True)
    cr.set_defaults(handler=cmd_carry)

    o = sub.add_parser("outbox", parents=[parent], help="kotak keluar: kirim batch yang belum terkirim")
    osub = o.add_subparsers(dest="outbox_command", metavar="AKSI", required=True)
    se = osub.add_parser("send", parents=[parent], help="kirim semua batch tertunda ke tujuan di Pengaturan")
    add_auth_args(se)
    se.add_argument("--no-wait", action="store_true", help="jangan menunggu di antara percobaan ulang")
    se.set_defaults(handler=cmd_send)
    st = osub.add_parser("status", parents=[parent], help="batch yang menunggu dikirim")
    st.set_defaults(handler=cmd_status)

    f = sub.add_parser("feedback", parents=[parent], help="umpan balik BPJS/Kemensos")
    fsub = f.add_subparsers(dest="feedback_command", metavar="AKSI", required=True)
    fi = fsub.add_parser("import", parents=[parent], help="impor berkas jawaban (CSV atau XLSX), dicocokkan per NIK")
    add_auth_args(fi)
    fi.add_argument("file")
    fi.add_argument("--batch", type=int, dest="batch_id", help="hanya cocokkan dengan batch ini")
    fi.add_argument("--service", help="hanya cocokkan dengan batch layanan ini")
    fi.add_argument("--dry-run", action="store_true", help="periksa saja, jangan ubah apa pun")
    fi.set_defaults(handler=cmd_feedback)

    r = sub.add_parser("reconcile", parents=[parent],
                       help="rekonsiliasi triwulanan dengan daftar BPJS dan Dukcapil (laporan XLSX)")
    add_auth_args(r)
    r.add_argument("--bpjs", help="daftar peserta BPJS (CSV/XLSX)")
    r.add_argument("--dukcapil", help="daftar Disdukcapil (CSV/XLSX)")
    r.add_argument("--out", required=True, help="berkas laporan .xlsx")
    r.add_argument("--period", default="", help="label periode, mis. 2026-Q4")
    r.set_defaults(handler=cmd_reconcile)


def _when(dt, zone_name: str = "WIB") -> str:
    """A moment in office time, as everywhere (app.timeutil)."""
    from app.timeutil import tanggal_jam

    return tanggal_jam(dt, zone_name, with_zone=False) if dt is not None else "-"


def cmd_close(args: argparse.Namespace) -> int:
    from app.services import batches

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        last = {"pct": -10}

        def progress(done: int, total: int) -> None:
            pct = int(done * 100 / max(1, total))
            if pct >= last["pct"] + 10 and sys.stderr.isatty():
                last["pct"] = pct
                print(f"  {pct:3d}% ({done:,}/{total:,} kasus)", file=sys.stderr, flush=True)

        try:
            res = batches.close_batch(office, actor=actor, service_code=args.service, period=args.period,
                                      progress=progress, with_letters=not args.without_letters,
                                      confirm_early=args.confirm_early)
        except batches.EmptyBatch as exc:
            out(str(exc))
            return EXIT_NOTHING
        except batches.EarlyClose as exc:
            out(str(exc))
            regs = " ".join(m.reg_number for m in exc.moving)
            out(f"  Untuk menutup sekarang: --confirm-early {regs}".rstrip())
            return EXIT_CONFIRM
        out(res.message)
        out(f"  ZIP    : {res.batch.zip_path}")
        out(f"  SHA-256: {res.batch.zip_sha256}")
        return 0
    finally:
        office.close()


def cmd_periods(args: argparse.Namespace) -> int:
    from app.services import batches

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        rows = batches.closable_periods(office, actor=actor)
        if not rows:
            out("Tidak ada periode yang menunggu ditutup.")
            return 0
        out(f"{'Layanan':<18} {'Periode':<8} {'Kasus':>6} {'No':>3}  Keterangan")
        for p in rows:
            note = "sudah berakhir" if p.ended else (f"belum berakhir: {len(p.moving)} berkas pindah ke "
                                                     f"{p.next_period}")
            out(f"{p.service_code:<18} {p.period:<8} {p.case_count:>6} {p.sequence:>3}  {note} ({p.service_name})")
            if p.attachments:
                from app.services.batch_attachments import size_text

                out(f"{'':<18} lampiran dalam ZIP: {p.attachments} berkas ({size_text(p.attachments_bytes)})")
            if p.size_warning:
                out(f"{'':<18} PERINGATAN: {p.size_warning}")
        return 0
    finally:
        office.close()


def cmd_list(args: argparse.Namespace) -> int:
    from app.services import batches

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        rows = batches.list_batches(office, actor=actor, service_code=args.service, pending_only=args.pending)
        if not rows:
            out("Belum ada batch.")
            return 0
        from app.services.office import zone_name as office_zone

        tz = office_zone(office)
        out(f"{'ID':>4}  {'Layanan':<18} {'Periode':<8} {'No':>3} {'Kasus':>6}  {'Status':<10} "
            f"{'Ditutup (' + tz + ')':<16} {'Terkirim (' + tz + ')':<16} {'Coba':>4} {'Jawaban':>7}")
        for b in rows:
            status = "terkirim" if b.status == "delivered" else "menunggu"
            out(f"{b.id:>4}  {b.service_code:<18} {b.period:<8} {b.sequence:>3} {b.record_count:>6}  {status:<10} "
                f"{_when(b.created_at, tz):<16} {_when(b.delivered_at, tz):<16} {b.delivery_attempts:>4} "
                f"{b.feedback_received:>7}")
            if b.status != "delivered" and b.last_error:
                out(f"        galat terakhir: {b.last_error}")
        return 0
    finally:
        office.close()


def cmd_verify(args: argparse.Namespace) -> int:
    from app.services import batches

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        problems = batches.verify_batch(office, actor=actor, batch_id=args.batch_id)
        if not problems:
            out(f"Batch #{args.batch_id} utuh: ZIP, manifest dan semua berkas cocok.")
            return 0
        for p in problems:
            out(f"MASALAH: {p}")
        return 1
    finally:
        office.close()


def cmd_puskesos(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.services import puskesos_notices

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        made = puskesos_notices.issue_for_batch(office, actor=actor, batch_id=args.batch_id, dest=Path(args.out))
        out(made.message)
        for f in made.files:
            out(f"  {f}")
        return 0 if made.letters else EXIT_NOTHING
    finally:
        office.close()


def cmd_daily(args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from app.errors import ValidationError
    from app.services import bpjs_daily

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        try:
            day = date.fromisoformat(args.date) if args.date else None
        except ValueError:
            raise ValidationError(f"Tanggal '{args.date}' tidak sah: tulis sebagai TTTT-BB-HH.") from None
        res = bpjs_daily.export_daily(office, actor=actor, service_code=args.service, dest=Path(args.out), day=day)
        out(res.message)
        out(f"  XLSX: {res.xlsx_path}")
        out(f"  CSV : {res.csv_path}")
        return 0 if res.count else EXIT_NOTHING
    finally:
        office.close()


def cmd_carry(args: argparse.Namespace) -> int:
    from app.services import batches

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        batches.carry_case(office, actor=actor, case_id=args.case_id, to_period=args.to_period, reason=args.reason)
        out(f"Kasus #{args.case_id} akan masuk batch periode {args.to_period}.")
        return 0
    finally:
        office.close()


def cmd_send(args: argparse.Namespace) -> int:
    from app.services import outbox

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        sleep = (lambda _s: None) if args.no_wait else None
        kwargs = {"sleep": sleep} if sleep else {}
        results = outbox.send_pending(office, actor=actor, progress=lambda m: print(m, file=sys.stderr), **kwargs)
        if not results:
            out("Tidak ada batch yang menunggu dikirim.")
            return 0
        waiting = 0
        for r in results:
            if r.delivered:
                out(f"TERKIRIM  {r.label} ({r.attempts} percobaan)")
                for target, receipt in r.receipts.items():
                    out(f"          {target}: {receipt[:200]}")
            else:
                waiting += 1
                out(f"MENUNGGU  {r.label}: {r.errors[-1] if r.errors else 'belum terkirim'}")
        if waiting:
            out(f"{waiting} batch masih menunggu; jalankan lagi saat tujuan dapat dijangkau.")
            return EXIT_PENDING
        return 0
    finally:
        office.close()


def cmd_status(args: argparse.Namespace) -> int:
    from app.services import outbox

    office = office_from(args)
    try:
        rows = outbox.pending(office)
        if not rows:
            out("Kotak keluar kosong: semua batch sudah terkirim.")
            return 0
        for bid, label in rows:
            out(f"#{bid}  {label}")
        return EXIT_PENDING
    finally:
        office.close()


def cmd_feedback(args: argparse.Namespace) -> int:
    from app.rules.permissions import allowed
    from app.services import feedback

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        rep = feedback.import_feedback(office, actor=actor, path=args.file, batch_id=args.batch_id,
                                       service_code=args.service, dry_run=args.dry_run)
        full = allowed(actor, "nik.view_full")
        out(rep.summary())
        for title, issues in (("NIK tidak dikenal", rep.unknown_nik),
                              ("Bukan bagian batch terkirim", rep.not_in_batch),
                              ("Baris bermasalah", rep.errors)):
            if issues:
                out(f"{title}:")
                for i in issues:
                    i = i if full else feedback.masked(i)
                    out(f"  baris {i.line}: {i.nik} {i.name} — {i.message}")
        return 0
    finally:
        office.close()


def cmd_reconcile(args: argparse.Namespace) -> int:
    from app.services import reconcile

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        rep = reconcile.reconcile(office, actor=actor, bpjs_path=args.bpjs, dukcapil_path=args.dukcapil,
                                  out_path=args.out, period=args.period,
                                  progress=lambda m: print(m, file=sys.stderr))
        out(f"Peserta aktif di kantor: {rep.active_here}; baris BPJS {rep.bpjs_rows}, "
            f"baris Dukcapil {rep.dukcapil_rows}.")
        for kind, n in rep.counts().items():
            out(f"  {reconcile.KINDS[kind]:<45} {n:>6}")
        if rep.refused:
            out(f"  {'Baris ditolak (lihat laporan)':<45} {len(rep.refused):>6}")
        out(f"Laporan: {rep.out_path}")
        return 0
    finally:
        office.close()
