"""``loket-pbi``: the command line, a thin layer over the services.

Without a subcommand it starts the window. Every subcommand accepts ``--data-dir``; bad input prints
one clear Indonesian message and exits non-zero, with nothing half-written.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__
from app.errors import LoketError

#: Modules that add subcommands (each has ``register(subparsers, parent)``).
COMMAND_MODULES = [
    "app.commands.admin",
    "app.commands.dtsen",
    "app.commands.batches",
    "app.commands.backup",
    "app.commands.selftest",
    "app.commands.letters",
    "app.commands.demo",
    "app.commands.privacy",
    "app.commands.network",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

#: argparse's own sentences in Indonesian (argparse looks them up through its module-level ``_``).
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "the following arguments are required: %s": "argumen wajib belum diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "expected one argument": "memerlukan satu nilai",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
}
argparse._ = lambda text: _ARGPARSE_ID.get(text, text)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy of the option must not overwrite a value given before it.
    parent.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="folder data (bawaan: folder data pengguna; atau variabel LOKET_PBI_DATA_DIR)")
    parser = argparse.ArgumentParser(
        prog="loket-pbi", parents=[parent],
        description="Loket PBI — layanan PBI JK dan Jamkesda di Dinas Sosial. Tanpa perintah: membuka jendela.",
    )
    parser.add_argument("--version", action="version", version=f"Loket PBI {__version__}",
                        help="tampilkan versi program lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, parent)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        return gui_main(argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except LoketError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


def gui_main(argv: list[str] | None = None) -> int:
    """Start the window (imports Qt only now, so the core stays Qt-free)."""
    from ui.main import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
