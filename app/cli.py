"""``loket-pbi``: the command line, a thin layer over the services.

Every subcommand accepts ``--data-dir``; bad input prints one clear Indonesian message and exits non-zero,
with nothing half-written. The core does not know the window: the launcher (``ui.launcher``) passes
``window`` (started when no subcommand is given) and ``gui_check`` (the self-test's window check).
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

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

#: argparse's own English sentences, as they appear in its output, and their Indonesian.
_HEADINGS = {"usage: ": "penggunaan: ", "positional arguments:": "argumen posisi:", "options:": "opsi:"}
_ERRORS = [  # (English pattern of an error message, Indonesian); applied in order, each at most once
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): (.*)", r"argumen \1: \2"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"pilihan tidak sah: \1 (pilih dari \2)"),
    (r"expected one argument", "memerlukan satu nilai"),
    (r"invalid (\S+) value: (.*)", r"nilai \1 tidak sah: \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"opsi ambigu: \1 bisa berarti \2"),
    (r"not allowed with argument (.*)", r"tidak boleh bersama argumen \1"),
]


def _translate_error(message: str) -> str:
    for pattern, indonesian in _ERRORS:
        message = re.sub(pattern, indonesian, message, count=1)
    return message


class IndonesianArgumentParser(argparse.ArgumentParser):
    """argparse speaking Indonesian through its public surface only: its own help option replaced, the
    headings of the formatted help and the error messages translated (``error`` is meant to be overridden)."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="tampilkan bantuan ini lalu keluar")

    @staticmethod
    def _headings(text: str) -> str:
        for english, indonesian in _HEADINGS.items():
            text = re.sub(rf"(?m)^{re.escape(english)}", indonesian, text)
        return text

    def format_usage(self) -> str:
        return self._headings(super().format_usage())

    def format_help(self) -> str:
        return self._headings(super().format_help())

    def error(self, message: str):  # NoReturn in typeshed; it exits
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: galat: {_translate_error(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parent = IndonesianArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy of the option must not overwrite a value given before it.
    parent.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="folder data (bawaan: folder data pengguna; atau variabel LOKET_PBI_DATA_DIR)")
    parser = IndonesianArgumentParser(
        prog="loket-pbi", parents=[parent],
        description="Loket PBI — layanan PBI JK dan Jamkesda di Dinas Sosial. Tanpa perintah: membuka jendela.",
    )
    parser.add_argument("--version", action="version", version=f"Loket PBI {__version__}",
                        help="tampilkan versi program lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, parent)
    return parser


def main(argv: list[str] | None = None, *, window: Callable[[list[str]], int] | None = None,
         gui_check: Callable[[Path], None] | None = None) -> int:
    """Run one subcommand. Without one, ``window`` (given by the launcher) opens the window; the core alone
    can only say how to open it. ``gui_check`` is handed to ``self-test`` for its window check."""
    parser = build_parser()
    parser.set_defaults(gui_check=gui_check)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        if window is None:
            parser.print_help()
            print("\nJendela dibuka oleh program loket-pbi (atau LoketPBI.exe), bukan oleh python -m app.",
                  file=sys.stderr)
            return EXIT_USAGE
        return window(sys.argv[1:] if argv is None else argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except LoketError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
