import os
import subprocess
import sys


def test_self_test_passes_from_source_tree():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "ui", "self-test"], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "UJI MANDIRI BERHASIL" in r.stdout
