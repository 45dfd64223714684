"""The command line as an administrator uses it: a real process, a real data folder."""

import os
import subprocess
import sys

import pytest

from tests.conftest import SAMPLES


def run(*args, stdin="", env_extra=None):
    env = dict(os.environ, LOKET_PBI_PASSWORD="rahasia-123")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def data(tmp_path):
    d = str(tmp_path / "kantor")
    r = run("init", "--data-dir", d, "--government", "PEMERINTAH KOTA SINGKAWANG", "--region-name", "Singkawang",
            "--admin", "admin", "--admin-name", "Admin Dinsos", "--password-stdin", stdin="rahasia-123\n")
    assert r.returncode == 0, r.stderr
    return d


def test_version():
    r = run("--version")
    assert r.returncode == 0 and "Loket PBI" in r.stdout


def test_init_twice_is_refused(data):
    r = run("init", "--data-dir", data, "--government", "X", "--region-name", "Y", "--admin", "a",
            "--admin-name", "A", "--password-stdin", stdin="rahasia-123\n")
    assert r.returncode == 1 and "sudah disiapkan" in r.stderr


def test_users_dtsen_and_check(data):
    r = run("user", "add", "--data-dir", data, "--user", "admin", "siti", "--name", "Siti Aminah",
            "--role", "front_office", "--role", "back_office", "--new-password-stdin", stdin="sandi-siti-1\n")
    assert r.returncode == 0, r.stderr
    r = run("user", "list", "--data-dir", data, "--user", "admin")
    assert "siti" in r.stdout and "back_office" in r.stdout
    r = run("dtsen", "import", "--data-dir", data, "--user", "admin", str(SAMPLES / "dtsen_contoh.csv"))
    assert r.returncode == 0 and "ditolak" in r.stdout, r.stderr
    r = run("dtsen", "lookup", "--data-dir", data, "--user", "siti", "6172024303670001",
            env_extra={"LOKET_PBI_PASSWORD": "sandi-siti-1"})
    assert r.returncode == 0 and "Tjhin Siu Lan" in r.stdout
    r = run("dtsen", "lookup", "--data-dir", data, "--user", "admin", "6172024303670009")
    assert r.returncode == 3 and "TIDAK TERDAFTAR" in r.stdout
    r = run("user", "disable", "--data-dir", data, "--user", "admin", "siti")
    assert r.returncode == 0
    r = run("dtsen", "lookup", "--data-dir", data, "--user", "siti", "6172024303670001",
            env_extra={"LOKET_PBI_PASSWORD": "sandi-siti-1"})
    assert r.returncode == 1 and "dinonaktifkan" in r.stderr
    r = run("check", "--data-dir", data)
    assert r.returncode == 0 and "HASIL: BAIK" in r.stdout


@pytest.mark.parametrize("args,fragment", [
    (("dtsen", "lookup", "--user", "admin", "3.27E+15"), "ilmiah"),
    (("dtsen", "lookup", "--user", "admin", "12345"), "16 digit"),
    (("dtsen", "import", "--user", "admin", "/tidak/ada.csv"), "tidak ditemukan"),
    (("dtsen", "lookup", "1971015208810001"), "--user"),
    (("user", "add", "--user", "admin", "budi", "--name", "Budi", "--role", "verifier", "--nip", "123",
      "--new-password-stdin"), "NIP"),
])
def test_bad_input_clear_message_nonzero(data, args, fragment):
    r = run(*args[:2], "--data-dir", data, *args[2:], stdin="sandi-budi-1\n") if args[0] == "user" else \
        run(*args[:2], "--data-dir", data, *args[2:])
    assert r.returncode != 0
    assert fragment in r.stderr
    assert "Traceback" not in r.stderr


def test_check_fails_on_tampered_audit(data):
    import sqlite3

    con = sqlite3.connect(os.path.join(data, "loket-pbi.sqlite3"))
    con.execute("UPDATE audit_log SET action='x' WHERE id=1")
    con.commit()
    con.close()
    r = run("check", "--data-dir", data)
    assert r.returncode == 1 and "#1" in r.stdout


def test_data_dir_before_the_command_is_honoured(data, tmp_path):
    r = run("--data-dir", data, "user", "list", "--user", "admin",
            env_extra={"LOKET_PBI_DATA_DIR": str(tmp_path / "lain")})
    assert r.returncode == 0 and "admin" in r.stdout, r.stderr
