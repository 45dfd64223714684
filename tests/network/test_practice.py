"""``loket-pbi demo --network N``: a practice network whose kelurahan have cases waiting to be sent."""

from __future__ import annotations

from app.cli import main
from app.context import open_office
from app.network import exchange, identity
from app.services import users


def test_practice_network_is_ready_to_exchange(tmp_path, capsys):
    root = tmp_path / "latihan"
    assert main(["demo", "--network", "2", "--cases", "30", "--dtsen-rows", "600", "--data-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Kejaksaan" in out and "Rawa Bangun" in out and "demo-loket-2026" in out
    assert (root / "folder-bersama").is_dir()

    dinas = open_office(root / "dinas")
    kel = open_office(root / "kelurahan-kejaksaan")
    try:
        assert identity.load(dinas).code == "DINSOS-PKP"
        assert identity.load(kel).dinas_code == "DINSOS-PKP"
        # same users and password in every office
        fo = users.login(kel, username="fo.siti", password="demo-loket-2026")
        spv = users.login(dinas, username="spv.bambang", password="demo-loket-2026")
        st = exchange.status(kel, actor=fo)
        assert st.cases_waiting >= 2
        # the DTSEN rows of the area came in the Dinas's first package, and were acknowledged
        assert st.peers[0].packages_received == 1 and st.peers[0].last_sequence_sent == 1
        sent = exchange.send(kel, actor=fo)
        assert sent.ok and sent.built[0].counts["cases"] == st.cases_waiting
        got = exchange.receive(dinas, actor=spv)
        assert [r.outcome for r in got.results] == ["applied"]
        row = {p.code: p for p in exchange.status(dinas, actor=spv).peers}["KEL-1971011001"]
        assert row.cases_received == st.cases_waiting and row.last_sequence_received == 2
    finally:
        dinas.close()
        kel.close()
