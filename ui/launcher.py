"""The two programs' entry points: ``loket-pbi`` (console) and ``loket-pbi-gui`` / ``LoketPBI.exe`` (windowed).

The launcher is the one place that knows both halves: it runs the core's command line (``app.cli``) and
hands it the window (started when no subcommand is given) and the self-test's window check, so ``app/`` never
imports Qt or ``ui``. The windowed program also runs subcommands — the Start-menu backup shortcut runs
``LoketPBI.exe backup --if-due`` so no console window flashes — with its output written to the log.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path


def _window(argv: list[str]) -> int:
    from ui.main import run

    return run(argv)


def _gui_check(folder: Path) -> None:
    from ui.selftest import check_login_window

    check_login_window(folder)


def main(argv: list[str] | None = None) -> int:
    """``loket-pbi``: a subcommand, or the window when none is given."""
    from app.cli import main as cli_main

    return cli_main(argv, window=_window, gui_check=_gui_check)


def _split(argv: list[str]) -> tuple[str | None, bool]:
    """The ``--data-dir`` given (or None) and whether argv asks for the command line (a subcommand, or an
    option of the command line such as ``--version``) rather than the window."""
    import argparse

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--data-dir")
    early.add_argument("--language")
    known, rest = early.parse_known_args(argv)
    return known.data_dir, bool(rest)


def gui_main(argv: list[str] | None = None) -> int:
    """``LoketPBI.exe`` / ``loket-pbi-gui``: the window, or a subcommand whose output goes to the log file.

    A windowed program has no stdout/stderr (``None``): they are redirected into the log before anything can
    print (docx2pdf's progress bar writes to stderr), and Python's warnings are logged too.
    """
    from app.errors import LoketError
    from app.logfile import redirect_stdio_to_log, setup_file_logging
    from app.paths import resolve_data_dir

    args = sys.argv[1:] if argv is None else argv
    data_dir, command_line = _split(args)
    with contextlib.suppress(LoketError):  # a data folder that cannot be used: the window or the command says so
        setup_file_logging(resolve_data_dir(data_dir).ensure().logs)
    redirect_stdio_to_log(always=bool(getattr(sys, "frozen", False)))
    if command_line:
        import logging

        log = logging.getLogger("loket.command")
        log.info("windowed program runs: %s", " ".join(args))
        code = main(args)
        log.info("command finished with exit code %s", code)
        return code
    return _window(args)
