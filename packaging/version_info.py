"""The Windows version resource of both programs (Explorer → Properties → Details), from pyproject.toml.

PyInstaller's ``EXE(version=…)`` takes a version file in this text form; packaging/loket-pbi.spec writes it to
the build folder with :func:`write_version_file`. File and product version are pyproject's ``version``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_version(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → ``(0, 1, 0, 0)``; the release numbers only (``1.2.0rc1`` → ``(1, 2, 0, 0)``)."""
    match = re.match(r"^(\d+(?:\.\d+)*)", version)
    numbers = [int(n) for n in match.group(1).split(".")][:4] if match else []
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_file_text(version: str, *, internal_name: str, original_filename: str, description: str) -> str:
    numbers = version_tuple(version)
    strings = {
        "CompanyName": "Dinas Sosial",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": internal_name,
        "LegalCopyright": "Dinas Sosial",
        "OriginalFilename": original_filename,
        "ProductName": "Loket PBI",
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
          {table}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_version_file(folder: Path, exe_name: str, description: str, version: str | None = None) -> Path:
    version = version or project_version()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version-{exe_name}.txt"
    path.write_text(version_file_text(version, internal_name=exe_name, original_filename=f"{exe_name}.exe",
                                      description=description), encoding="utf-8")
    return path
