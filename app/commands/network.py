"""``loket-pbi network request|enrol|accept|revoke`` and ``loket-pbi exchange send|receive|status [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.commands._common import add_auth_args, office_from, out, sign_in

EXIT_PENDING = 4  # something is still waiting (a package not delivered, or waiting for a missing one)
EXIT_REFUSED = 5  # a package was refused


def register(sub, parent) -> None:
    n = sub.add_parser("network", parents=[parent], help="jaringan kelurahan–Dinas: pendaftaran dan pencabutan")
    nsub = n.add_subparsers(dest="network_command", metavar="AKSI", required=True)
    r = nsub.add_parser("request", parents=[parent], help="(kelurahan) buat berkas permintaan pendaftaran untuk Dinas")
    add_auth_args(r)
    r.add_argument("--out", required=True, help="berkas permintaan yang dibuat, mis. permintaan.json")
    r.set_defaults(handler=cmd_request)
    e = nsub.add_parser("enrol", parents=[parent], help="(Dinas) daftarkan kelurahan dari berkas permintaannya")
    add_auth_args(e)
    e.add_argument("request", help="berkas permintaan dari kelurahan")
    e.add_argument("--out", required=True, help="berkas pendaftaran yang dibuat untuk kelurahan")
    e.add_argument("--code", default="", help="kode kantor kelurahan (bawaan: KEL-<kode wilayah>)")
    e.add_argument("--fingerprint", default="", help="sidik kunci yang dibacakan kelurahan lewat telepon")
    e.set_defaults(handler=cmd_enrol)
    a = nsub.add_parser("accept", parents=[parent], help="(kelurahan) buka berkas pendaftaran dari Dinas")
    add_auth_args(a)
    a.add_argument("file")
    a.set_defaults(handler=cmd_accept)
    v = nsub.add_parser("revoke", parents=[parent], help="(Dinas) cabut pendaftaran sebuah kelurahan")
    add_auth_args(v)
    v.add_argument("code")
    v.add_argument("--reason", required=True)
    v.set_defaults(handler=cmd_revoke)

    x = sub.add_parser("exchange", parents=[parent], help="pertukaran paket kelurahan–Dinas: kirim, terima, status")
    xsub = x.add_subparsers(dest="exchange_command", metavar="AKSI", required=True)
    s = xsub.add_parser("send", parents=[parent], help="buat paket berikutnya dan kirim ke tujuan di Pengaturan")
    add_auth_args(s)
    s.set_defaults(handler=cmd_send)
    rc = xsub.add_parser("receive", parents=[parent], help="ambil dan terapkan paket yang masuk")
    add_auth_args(rc)
    rc.add_argument("--file", action="append", default=[], help="terapkan berkas paket ini juga (boleh diulang)")
    rc.set_defaults(handler=cmd_receive)
    st = xsub.add_parser("status", parents=[parent], help="paket terkirim/diterima dan berkas per kantor")
    st.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")
    st.set_defaults(handler=cmd_status)


def cmd_request(args: argparse.Namespace) -> int:
    from app.network import enrolment

    office = office_from(args)
    try:
        info = enrolment.make_request(office, actor=sign_in(office, args), out=Path(args.out))
        out(f"Permintaan pendaftaran {info.name} (wilayah {info.area_code}) ditulis ke {args.out}.")
        out(f"Sidik kunci: {info.fingerprint} — bacakan kepada Dinas lewat telepon.")
        return 0
    finally:
        office.close()


def cmd_enrol(args: argparse.Namespace) -> int:
    from app.network import enrolment

    office = office_from(args)
    try:
        info = enrolment.enrol(office, actor=sign_in(office, args), request=Path(args.request), out=Path(args.out),
                               code=args.code, expected_fingerprint=args.fingerprint)
        out(f"{info.name} terdaftar dengan kode {info.code} (sidik kunci {info.fingerprint}).")
        out(f"Berkas pendaftaran: {info.file} — serahkan kepada kelurahan (flashdisk atau surel).")
        return 0
    finally:
        office.close()


def cmd_accept(args: argparse.Namespace) -> int:
    from app.network import enrolment

    office = office_from(args)
    try:
        info = enrolment.accept(office, actor=sign_in(office, args), path=Path(args.file))
        out(f"Kantor ini terdaftar sebagai {info.code} pada {info.dinas_name or info.dinas_code}.")
        out(f"Sidik kunci Dinas: {info.dinas_fingerprint}")
        return 0
    finally:
        office.close()


def cmd_revoke(args: argparse.Namespace) -> int:
    from app.network import enrolment

    office = office_from(args)
    try:
        enrolment.revoke(office, actor=sign_in(office, args), code=args.code, reason=args.reason)
        out(f"Pendaftaran {args.code.upper()} dicabut; paketnya tidak diterima lagi.")
        return 0
    finally:
        office.close()


def _progress(_fraction: float, message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_send(args: argparse.Namespace) -> int:
    from app.network import exchange

    office = office_from(args)
    try:
        rep = exchange.send(office, actor=sign_in(office, args), progress=_progress)
        for b in rep.built:
            out(f"DIBUAT    {b.label}")
        for name in rep.delivered:
            out(f"TERKIRIM  {name}")
        for line in rep.waiting:
            out(f"MENUNGGU  {line}")
        if not rep.built and not rep.delivered and not rep.waiting:
            out("Tidak ada yang perlu dikirim.")
        return 0 if rep.ok else EXIT_PENDING
    finally:
        office.close()


def cmd_receive(args: argparse.Namespace) -> int:
    import shutil

    from app.network import exchange, incoming

    office = office_from(args)
    try:
        actor = sign_in(office, args)
        inbox = incoming.inbox_dir(office)
        inbox.mkdir(parents=True, exist_ok=True)
        for f in args.file:
            shutil.copy2(f, inbox / Path(f).name)
        rep = exchange.receive(office, actor=actor, progress=_progress)
        labels = {"applied": "DITERIMA ", "replayed": "SUDAH ADA", "waiting": "MENUNGGU ", "refused": "DITOLAK  "}
        for r in rep.results:
            out(f"{labels[r.outcome]} {r.file}: {r.message}")
        for e in rep.transport_errors:
            out(f"GALAT     {e}")
        if not rep.results:
            out("Tidak ada paket masuk.")
        if rep.count("refused"):
            return EXIT_REFUSED
        return EXIT_PENDING if rep.count("waiting") or rep.transport_errors else 0
    finally:
        office.close()


def cmd_status(args: argparse.Namespace) -> int:
    from app.network import exchange

    office = office_from(args)
    try:
        st = exchange.status(office)
        if args.json:
            print(json.dumps(st.as_dict(), ensure_ascii=False, indent=2))
            return 0
        kind = "Dinas Sosial" if st.kind == "dinas" else "Kelurahan/desa"
        out(f"{kind} {st.name} — kode {st.code or '(belum terdaftar)'}; sidik kunci {st.fingerprint or '-'}")
        if st.kind == "kelurahan":
            out(f"Berkas menunggu dikirim ke Dinas: {st.cases_waiting}")
        if not st.peers:
            out("Belum ada kantor yang terdaftar.")
        for p in st.peers:
            lag = "-" if p.lag_days is None else f"{p.lag_days} hari"
            out(f"{p.code:<18} {p.name[:30]:<30} {p.status:<9} kirim {p.packages_sent:>3} (#{p.last_sequence_sent}, "
                f"diakui #{p.last_acknowledged})  terima {p.packages_received:>3} (#{p.last_sequence_received}, "
                f"terakhir {lag})  berkas {p.cases_received}, belum selesai {p.cases_pending}")
        return 0
    finally:
        office.close()
