"""The launcher (ui/launcher.py): the core's command line with the window handed in; the windowed program."""

from __future__ import annotations

import logging
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_without_subcommand_the_launcher_opens_the_window(monkeypatch):
    from app.cli import main

    opened = []
    assert main(["--data-dir", "x"], window=lambda argv: opened.append(argv) or 7) == 7
    assert opened == [["--data-dir", "x"]]


def test_the_core_alone_says_how_to_open_the_window(capsys):
    from app.cli import EXIT_USAGE, main

    assert main([]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert "penggunaan: loket-pbi" in captured.out and "Jendela dibuka oleh program loket-pbi" in captured.err


def test_argparse_speaks_indonesian_through_its_public_surface(capsys):
    from app.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["batch", "close", "--service"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("penggunaan: loket-pbi batch close")
    assert "loket-pbi batch close: galat: argumen --service: memerlukan satu nilai" in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: loket-pbi") and "\nopsi:\n" in out
    assert "tampilkan bantuan ini lalu keluar" in out and "show this help" not in out
    with pytest.raises(SystemExit):
        main(["tidak-ada"])
    assert "pilihan tidak sah: 'tidak-ada' (pilih dari" in capsys.readouterr().err


def test_no_private_standard_library_hook():
    import argparse

    import app.cli  # noqa: F401

    assert argparse._ is not None and getattr(argparse._, "__module__", "") == "gettext"  # untouched
    for path in (ROOT / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "argparse._ =" not in text and "ssl._create" not in text, path


def test_version_has_one_source_pyproject(capsys):
    from app.cli import main

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"Loket PBI {version}"
    assert "__version__ =" not in (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")


def test_windowed_program_runs_a_subcommand_into_the_log(tmp_path, monkeypatch):
    """LoketPBI.exe backup --if-due (the Start-menu shortcut): no console, stdout/stderr are None."""
    from ui import launcher

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        code = launcher.gui_main(["--data-dir", str(tmp_path / "data"), "dtsen", "lookup", "3171234567890123"])
    finally:
        added = root.handlers[len(handlers):]
        for h in added:
            h.flush()
            root.removeHandler(h)
            h.close()
        root.setLevel(level)
        logging.captureWarnings(False)
    assert code == 1  # the office is not set up: the command refuses, in the log
    log = (tmp_path / "data" / "logs" / "loket-pbi.log").read_text(encoding="utf-8")
    assert "windowed program runs: --data-dir" in log and "dtsen lookup" in log
    assert "stderr: Galat:" in log and "command finished with exit code 1" in log


def test_launcher_tells_options_from_subcommands():
    from ui.launcher import _split

    assert _split(["--data-dir", "D", "--language", "en"]) == ("D", False)
    assert _split(["--data-dir=D", "backup", "--if-due"]) == ("D", True)
    assert _split(["--version"]) == (None, True)
    assert _split([]) == (None, False)
