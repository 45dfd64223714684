"""What the Windows build is made of: the version resource from pyproject, pinned hashes, the installer."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import version_info  # noqa: E402


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_resource_carries_pyprojects_version(tmp_path):
    version = _pyproject()["project"]["version"]
    path = version_info.write_version_file(tmp_path, "LoketPBI", "Loket PBI")
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this file: it must be one expression
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"  # type: ignore[attr-defined]
    numbers = version_info.version_tuple(version)
    assert f"filevers={numbers}" in text and f"prodvers={numbers}" in text
    assert f"StringStruct('FileVersion', '{version}')" in text
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert "StringStruct('OriginalFilename', 'LoketPBI.exe')" in text
    assert version_info.version_tuple("1.2.0rc1") == (1, 2, 0, 0)
    assert version_info.version_tuple("2.10") == (2, 10, 0, 0)


def test_spec_gives_both_programs_the_version_resource():
    spec = (ROOT / "packaging" / "loket-pbi.spec").read_text(encoding="utf-8")
    assert spec.count("version=GUI_VERSION") == 1 and spec.count("version=CLI_VERSION") == 1
    assert 'copy_metadata("loket-pbi")' in spec  # app/version.py reads it in the bundle


def _locked() -> dict[str, tuple[str, list[str]]]:
    text = (ROOT / "packaging" / "requirements-build.lock").read_text(encoding="utf-8")
    pins: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=\S)", text):
        m = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if m:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            pins[m.group(1).lower().replace("_", "-")] = (m.group(2), hashes)
    return pins


def test_build_lock_pins_every_dependency_with_hashes_inside_pyprojects_ranges():
    pins = _locked()
    project = _pyproject()["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["build"]]
    for req in wanted:
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{name} is missing from packaging/requirements-build.lock: run scripts/lock-build.sh"
        version, hashes = pins[name]
        assert req.specifier.contains(version, prereleases=True), f"{name}=={version} is outside {req.specifier}"
    assert all(hashes for _, hashes in pins.values())
    script = (ROOT / "scripts" / "build-bundle.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r packaging/requirements-build.lock" in script


def test_installer_makes_the_machine_folder_and_the_backup_shortcut_runs_windowed():
    iss = (ROOT / "packaging" / "loket-pbi.iss").read_text(encoding="utf-8")
    assert re.search(r'Name: "\{commonappdata\}\\DinasSosial\\LoketPBI"; Permissions: users-modify', iss)
    backup = next(line for line in iss.splitlines() if "Cadangkan data Loket PBI" in line)
    assert 'Filename: "{app}\\{#MyAppExeName}"' in backup and 'Parameters: "backup --if-due"' in backup
    assert '#define MyAppExeName "LoketPBI.exe"' in iss
    assert "VersionInfoVersion={#MyAppVersion}" in iss
