"""``loket-pbi demo [--data-dir DIR] [--cases N]``: a practice office to try everything at once."""

from __future__ import annotations

import argparse

from app.commands._common import out


def register(sub, parent) -> None:
    p = sub.add_parser("demo", parents=[parent],
                       help="isi folder data latihan: kantor contoh, pengguna setiap peran, ratusan berkas",
                       description="Mengisi folder data yang kosong (bawaan: folder sementara baru) dengan kantor "
                                   "contoh Dinas Sosial Kota Pangkalpinang, pengguna untuk setiap peran, ekstrak "
                                   "DTSEN dan berkas di kelima layanan. Jangan dipakai untuk data sungguhan.")
    p.add_argument("--cases", type=int, default=None, metavar="N", help="jumlah berkas (bawaan: 300)")
    p.add_argument("--seed", type=int, default=None, help="benih acak (data yang sama untuk benih yang sama)")
    p.add_argument("--dtsen-rows", type=int, default=None, metavar="N", help="baris ekstrak DTSEN (bawaan: 3000)")
    p.add_argument("--network", type=int, default=None, metavar="N",
                   help="jaringan latihan: satu Dinas dan N kelurahan (1–8), folder bersama sebagai jalur paket")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    if args.network is not None:
        return cmd_network_demo(args)
    from app import demo

    kw = {k: v for k, v in (("cases", args.cases), ("seed", args.seed), ("dtsen_rows", args.dtsen_rows))
          if v is not None}
    # Only an explicit --data-dir: the demo never fills the configured (real) data folder by default.
    result = demo.build_demo(getattr(args, "data_dir", None) or demo.default_data_dir(), progress=out, **kw)
    out()
    out(f"Demo siap dalam {result.seconds:.0f} detik: {result.cases} berkas, {result.letters} surat, "
        f"{result.complaints} pengaduan, {result.dtsen_rows} baris DTSEN.")
    out("Per layanan: " + ", ".join(f"{k} {v}" for k, v in result.by_service.items()) + ".")
    for b in result.batches:
        out(f"Kiriman kolektif ditutup: {b}")
    for p in result.problems:
        out(f"Peringatan: {p}")
    out()
    out("Nama pengguna (peran):")
    for username, full_name, roles in result.users:
        out(f"  {username:<18} {full_name} ({', '.join(roles)})")
    out(f"Kata sandi semua pengguna demo: {result.password}")
    out()
    out(f"Folder data: {result.data_dir}")
    out(f'Buka dengan: loket-pbi --data-dir "{result.data_dir}"')
    return 1 if result.problems else 0


def cmd_network_demo(args: argparse.Namespace) -> int:
    """``demo --network N``: one Dinas and N kelurahan in sub-folders, sharing one folder as their transport."""
    from app import demo
    from app.network import practice

    root = getattr(args, "data_dir", None) or demo.default_data_dir()
    kw = {k: v for k, v in (("dinas_cases", args.cases), ("seed", args.seed), ("dtsen_rows", args.dtsen_rows))
          if v is not None}
    r = practice.build_network(root, args.network, progress=out, **kw)
    out()
    out(f"Jaringan latihan siap dalam {r.seconds:.0f} detik.")
    out(f"  Dinas Sosial : loket-pbi --data-dir \"{r.dinas}\"")
    for code, name, folder, waiting in r.kelurahan:
        out(f"  {name:<13}: loket-pbi --data-dir \"{folder}\"   ({code}; {waiting} berkas menunggu dikirim)")
    out(f"  Folder bersama (jalur paket): {r.shared}")
    out()
    out("Di setiap kantor, nama pengguna sama (mis. fo.siti, bo.dewi, spv.bambang, admin); kata sandi semua: "
        f"{r.password}")
    out("Coba: di kelurahan buka Jaringan → Kirim ke Dinas; di Dinas Jaringan → Terima dari kelurahan.")
    for p in r.problems:
        out(f"Peringatan: {p}")
    return 1 if r.problems else 0
