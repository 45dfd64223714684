"""One office per PC (app/machine_folder.py): the per-machine folder, and an earlier per-user office moved
there once. Windows' folders are played by temporary folders; platformdirs' Windows rules by their env
fallback (on Linux there is no Windows shell API to ask)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import machine_folder
from app.machine_folder import MARKER, STAGING, TwoOffices, move_user_office


def _old_office(user: Path) -> dict[str, bytes]:
    files = {
        "loket-pbi.sqlite3": b"SQLite format 3\x00" + bytes(range(256)) * 40,
        "loket-pbi.sqlite3-wal": b"wal",
        "config.json": b'{"counter": "Loket 2"}',
        "letters/2026/11/surat-1.docx": b"PK docx",
        "logs/loket-pbi.log": b"old log\n",
    }
    for name, data in files.items():
        (user / name).parent.mkdir(parents=True, exist_ok=True)
        (user / name).write_bytes(data)
    return files


def _kept(user: Path) -> list[Path]:
    return sorted(user.parent.glob(f"{user.name}.dipindahkan-*"))


def test_an_old_per_user_office_is_moved_once_and_kept(tmp_path):
    machine, user = tmp_path / "ProgramData" / "LoketPBI", tmp_path / "Local" / "LoketPBI"
    files = _old_office(user)
    machine.mkdir(parents=True)  # made empty by the installer
    assert move_user_office(machine, user) == machine
    for name, data in files.items():
        assert (machine / name).read_bytes() == data
    assert not user.exists() and not (machine / STAGING).exists()
    [kept] = _kept(user)
    assert (kept / "loket-pbi.sqlite3").read_bytes() == files["loket-pbi.sqlite3"]  # the safety copy stays
    assert (kept / MARKER).read_text(encoding="utf-8").startswith("Data kantor ini telah dipindahkan ke ")
    record = (machine / "logs" / "pemindahan-data.txt").read_text(encoding="utf-8")
    assert "mulai memindahkan" in record and "5 berkas disalin dan diperiksa" in record and "selesai" in record
    # once: the next start finds nothing to move and changes nothing
    assert move_user_office(machine, user) == machine
    assert len(_kept(user)) == 1 and (machine / "config.json").read_bytes() == files["config.json"]


def test_both_folders_holding_an_office_is_refused_and_nothing_changes(tmp_path):
    machine, user = tmp_path / "ProgramData" / "LoketPBI", tmp_path / "Local" / "LoketPBI"
    _old_office(user)
    machine.mkdir(parents=True)
    (machine / "loket-pbi.sqlite3").write_bytes(b"the office of this PC")
    with pytest.raises(TwoOffices) as exc:
        move_user_office(machine, user)
    message = str(exc.value)
    assert str(machine) in message and str(user) in message and "tidak ada yang diubah" in message
    assert f'--data-dir "{user}"' in message
    assert (machine / "loket-pbi.sqlite3").read_bytes() == b"the office of this PC"
    assert (user / "loket-pbi.sqlite3").exists() and not (user / MARKER).exists() and not _kept(user)


def test_nothing_to_move_leaves_everything_alone(tmp_path):
    machine, user = tmp_path / "m", tmp_path / "u"
    assert move_user_office(machine, user) == machine and not machine.exists()
    (user / "logs").mkdir(parents=True)  # a user folder without an office (only a log) is not an office
    assert move_user_office(machine, user) == machine and user.exists()


def test_a_failed_copy_changes_nothing(tmp_path, monkeypatch):
    machine, user = tmp_path / "m", tmp_path / "u"
    files = _old_office(user)

    def disk_full(src, dst, *a, **kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(machine_folder.shutil, "copyfile", disk_full)
    with pytest.raises(machine_folder.LoketError, match="tidak dapat dipindahkan.*Tidak ada yang diubah"):
        move_user_office(machine, user)
    assert not (machine / STAGING).exists() and not (user / MARKER).exists()
    assert all((user / n).read_bytes() == d for n, d in files.items())
    assert "gagal menyalin" in (machine / "logs" / "pemindahan-data.txt").read_text(encoding="utf-8")


def test_an_interrupted_move_is_resumed(tmp_path, monkeypatch):
    """Power lost after the copy was verified and marked, before the entries were moved into place."""
    machine, user = tmp_path / "m", tmp_path / "u"
    files = _old_office(user)
    real_finish = machine_folder._finish

    def power_cut(m, u):
        raise KeyboardInterrupt

    monkeypatch.setattr(machine_folder, "_finish", power_cut)
    with pytest.raises(KeyboardInterrupt):
        move_user_office(machine, user)
    assert (user / MARKER).exists() and (machine / STAGING / "loket-pbi.sqlite3").exists()
    monkeypatch.setattr(machine_folder, "_finish", real_finish)
    move_user_office(machine, user)  # the next start
    assert all((machine / n).read_bytes() == d for n, d in files.items())
    assert not user.exists() and len(_kept(user)) == 1 and not (machine / STAGING).exists()


def test_an_interrupted_copy_starts_over(tmp_path):
    machine, user = tmp_path / "m", tmp_path / "u"
    files = _old_office(user)
    (machine / STAGING / "letters").mkdir(parents=True)
    (machine / STAGING / "letters" / "half-copied.docx").write_bytes(b"PK")
    move_user_office(machine, user)
    assert not (machine / "letters" / "half-copied.docx").exists()
    assert all((machine / n).read_bytes() == d for n, d in files.items())


def test_windows_uses_the_machine_folder_and_overrides_still_win(tmp_path, monkeypatch):
    import platformdirs
    import platformdirs.windows

    from app import paths

    # platformdirs' Windows rules, resolved through its environment fallback
    monkeypatch.setenv("ALLUSERSPROFILE", str(tmp_path / "ProgramData"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Users" / "siti" / "AppData" / "Local"))
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    user = Path(platformdirs.windows.Windows(paths.APP_NAME, paths.APP_AUTHOR).user_data_dir)
    _old_office(user)
    expected = tmp_path / "ProgramData" / "DinasSosial" / "LoketPBI"
    assert paths.resolve_data_dir().root == expected
    assert (expected / "loket-pbi.sqlite3").exists() and not user.exists()
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "usb"))
    assert paths.resolve_data_dir().root == (tmp_path / "usb").resolve()
    assert paths.resolve_data_dir(tmp_path / "flag").root == (tmp_path / "flag").resolve()
