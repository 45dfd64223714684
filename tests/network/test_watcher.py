"""The inbox watcher notices a package dropped into a folder: by a file-system event, or by polling."""

from __future__ import annotations

import threading

import pytest

from app.network.watcher import InboxWatcher


@pytest.mark.parametrize("events", [True, False], ids=["watchdog", "polling"])
def test_a_dropped_package_is_noticed(tmp_path, events):
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    arrived = threading.Event()
    w = InboxWatcher([inbox], arrived.set, poll_seconds=60 if events else 0.2, quiet_seconds=0.1,
                     use_events=events)
    w.start()
    try:
        (inbox / "catatan.txt").write_text("bukan paket")
        assert not arrived.wait(0.6)  # other files are not packages
        (inbox / "KEL-1_DINSOS_000001.lpbi").write_bytes(b"LOKETPBI")
        assert arrived.wait(10)
        assert w.events is events
    finally:
        w.stop()
