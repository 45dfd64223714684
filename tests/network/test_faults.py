"""Every bad package is refused with an Indonesian message and changes nothing: truncated, replayed,
out of order, tampered, foreign, unenrolled and revoked."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import inspect, text

from app.network import enrolment, envelope, exchange, incoming, outgoing
from app.network.envelope import PackageRefused
from app.services import cases
from tests.network.helpers import DINAS_CODE, enrol, make_node
from tests.services.helpers import add_dtsen, at, kk, nik


def snapshot(office) -> dict:
    """Every row of every table: 'nothing changed' means exactly this is equal before and after."""
    with office.db.read() as s:
        conn = s.connection()
        tables = inspect(conn).get_table_names()
        return {t: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{t}"')).all())) for t in tables}


@pytest.fixture
def net(tmp_path):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE)
    kel = make_node(tmp_path / "kel", kind="kelurahan", name="Kelurahan Kejaksaan", area="1971011001")
    kel2 = make_node(tmp_path / "kel2", kind="kelurahan", name="Kelurahan Gedung Nasional", area="1971011002")
    enrol(dinas, kel, tmp_path / "berkas")
    enrol(dinas, kel2, tmp_path / "berkas")
    yield dinas, kel, kel2
    for n in (dinas, kel, kel2):
        n.close()


def handover(kel, i: int, when=None):
    add_dtsen(kel.office, nik(i), desil=2)
    c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="pbi-baru", nik=nik(i),
                        name=f"Pemohon {i}", no_kk=kk(i), received=["ktp", "kk", "sktm"], now=at(2026, 11, 3, 9))
    cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version, now=at(2026, 11, 3, 9, 5))
    built = outgoing.build_package(kel.office, actor=kel.staff.front_office, peer_code=DINAS_CODE, now=when)
    assert built is not None
    return built.path


def refused(dinas, path, kind: str, match: str):
    actor = dinas.staff.back_office  # made before the snapshot
    before = snapshot(dinas.office)
    with pytest.raises(PackageRefused, match=match) as exc:
        incoming.receive_file(dinas.office, actor=actor, path=path)
    assert exc.value.kind == kind
    assert snapshot(dinas.office) == before
    return str(exc.value)


def test_truncated_anywhere_is_refused(net, tmp_path):
    dinas, kel, _ = net
    pkg = handover(kel, 1)
    data = pkg.read_bytes()
    for cut in (5, 40, len(data) // 2, len(data) - 1):
        part = tmp_path / f"potong-{cut}.lpbi"
        part.write_bytes(data[:cut])
        refused(dinas, part, "truncated", "terpotong")
    # cut exactly before the final chunk (the one with the signature): every chunk left decrypts, still refused
    (n,) = __import__("struct").unpack(">I", data[-(64 + 16 + 4):-(64 + 16)])
    assert n == 64 + 16
    part = tmp_path / "tanpa-akhir.lpbi"
    part.write_bytes(data[:-(64 + 16 + 4)])
    refused(dinas, part, "truncated", "terpotong")
    assert incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=pkg).status == "applied"


def test_tampered_body_or_header_is_refused(net, tmp_path):
    dinas, kel, _ = net
    pkg = handover(kel, 1)
    data = bytearray(pkg.read_bytes())
    body = tmp_path / "ubah-isi.lpbi"
    data[len(data) // 2] ^= 0x01
    body.write_bytes(bytes(data))
    msg = refused(dinas, body, "tampered", "diubah")
    assert "tidak ada yang diubah" in msg
    head = tmp_path / "ubah-kepala.lpbi"
    head.write_bytes(pkg.read_bytes().replace(b'"seq":1', b'"seq":7', 1))
    refused(dinas, head, "tampered", "diubah")
    assert incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=pkg).status == "applied"


def test_a_replay_changes_nothing_and_a_different_one_with_the_same_number_is_refused(net, tmp_path):
    dinas, kel, _ = net
    pkg = handover(kel, 1)
    copy = tmp_path / "salinan.lpbi"
    shutil.copy(pkg, copy)
    assert incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=pkg).status == "applied"
    before = snapshot(dinas.office)
    again = incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=copy)
    assert again.status == "replayed" and "sudah pernah diterima" in again.message
    assert snapshot(dinas.office) == before
    # a second package #1 made from the same keys (e.g. a restored old kelurahan backup) with other content
    other = tmp_path / "lain.lpbi"
    with kel.office.db.write() as s:
        from sqlmodel import select

        from app.db.models import NetworkPeer
        peer = s.exec(select(NetworkPeer)).one()
        peer.last_seq_sent = 0
        s.add(peer)
        s.exec(text("DELETE FROM network_package"))
    forged = handover(kel, 2)
    shutil.copy(forged, other)
    refused(dinas, other, "replayed", "isi berbeda")


def test_out_of_order_waits_for_the_missing_package_then_both_apply(net):
    dinas, kel, _ = net
    first = handover(kel, 1)
    second = handover(kel, 2)
    msg = refused(dinas, second, "gap", "#1")
    assert "belum diterima" in msg
    assert incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=first).status == "applied"
    assert incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=second).status == "applied"


def test_the_inbox_applies_in_order_and_keeps_a_package_that_waits(net):
    dinas, kel, _ = net
    inbox = incoming.inbox_dir(dinas.office)
    inbox.mkdir(parents=True, exist_ok=True)
    paths = [handover(kel, i) for i in (1, 2, 3)]
    shutil.copy(paths[2], inbox)
    rep = exchange.receive(dinas.office, actor=dinas.staff.back_office, use_transports=False)
    assert [r.outcome for r in rep.results] == ["waiting"] and (inbox / paths[2].name).exists()
    for p in paths[:2]:
        shutil.copy(p, inbox)
    rep = exchange.receive(dinas.office, actor=dinas.staff.back_office, use_transports=False)
    assert [r.outcome for r in rep.results] == ["applied", "applied", "applied"]
    assert not list(inbox.glob("*.lpbi"))


def test_foreign_package_is_refused_and_set_aside(net):
    dinas, kel, kel2 = net
    pkg = handover(kel, 1)
    # the kelurahan's package lands in another kelurahan's inbox
    actor = kel2.staff.front_office
    before = snapshot(kel2.office)
    with pytest.raises(PackageRefused, match="ditujukan kepada DINSOS-PKP") as exc:
        incoming.receive_file(kel2.office, actor=actor, path=pkg)
    assert exc.value.kind == "foreign" and snapshot(kel2.office) == before
    inbox = incoming.inbox_dir(kel2.office)
    inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(pkg, inbox)
    rep = exchange.receive(kel2.office, actor=kel2.staff.front_office, use_transports=False)
    assert [r.outcome for r in rep.results] == ["refused"]
    refused_dir = kel2.office.dirs.root / "network" / "ditolak"
    assert (refused_dir / (pkg.name + ".txt")).read_text(encoding="utf-8").startswith("Paket ini ditujukan")


def test_unenrolled_sender_is_refused(net, tmp_path):
    dinas, _kel, _ = net
    other_dinas = make_node(tmp_path / "dinas-lain", kind="dinas", name="Dinas lain", code=DINAS_CODE)
    stranger = make_node(tmp_path / "kel-lain", kind="kelurahan", name="Kelurahan Asing", area="1971011009")
    try:
        enrol(other_dinas, stranger, tmp_path / "berkas-lain")
        pkg = handover(stranger, 1)
        refused(dinas, pkg, "unenrolled", "tidak terdaftar")
    finally:
        other_dinas.close()
        stranger.close()


def test_revoked_kelurahan_is_refused_and_gets_nothing_more(net):
    dinas, kel, _ = net
    pkg = handover(kel, 1)
    enrolment.revoke(dinas.office, actor=dinas.admin, code="KEL-1971011001",
                     reason="Kunci kantor hilang bersama laptop")
    msg = refused(dinas, pkg, "revoked", "dicabut")
    assert "Kunci kantor hilang" in msg
    with pytest.raises(Exception, match="dicabut"):
        outgoing.build_package(dinas.office, actor=dinas.staff.supervisor, peer_code="KEL-1971011001")


def test_not_a_package_at_all(net, tmp_path):
    dinas, _, _ = net
    junk = tmp_path / "foto.lpbi"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    refused(dinas, junk, "format", "bukan paket")
    assert envelope.MAGIC.startswith(b"LOKETPBI")


def test_a_package_too_large_is_refused_before_it_is_opened(net, monkeypatch):
    """Signed by an enrolled office or not, a package is hostile until checked: the file, its document and each of
    its files have a size cap, counted as unpacked; over it nothing is applied, and the same package applies once
    the cap allows it."""
    from app.network import payload

    dinas, kel, _ = net
    pkg = handover(kel, 1)
    monkeypatch.setattr(envelope, "MAX_PACKAGE_BYTES", pkg.stat().st_size - 1)
    refused(dinas, pkg, "format", "terlalu besar")
    monkeypatch.undo()
    monkeypatch.setattr(payload, "MAX_DOCUMENT_BYTES", 200)
    refused(dinas, pkg, "format", "paket.json melebihi")
    monkeypatch.undo()
    assert incoming.receive_file(dinas.office, actor=dinas.staff.back_office, path=pkg).status == "applied"
