"""The program's version has one source: ``version`` in pyproject.toml.

A source checkout reads pyproject.toml itself (always current, even when the editable install's metadata is
stale); an installed wheel or the PyInstaller bundle (which carries the package metadata, see
packaging/loket-pbi.spec) reads the metadata that was built from it.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

DISTRIBUTION = "loket-pbi"


@functools.cache
def app_version() -> str:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if not getattr(sys, "frozen", False) and pyproject.is_file():
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return str(project["version"])
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+tidak-diketahui"
