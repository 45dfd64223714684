"""The CI network: one Dinas on PostgreSQL (the multi-counter set-up) and three kelurahan on SQLite, through a
full cycle of cases there and back over a shared folder — handovers, a NIK submitted by two kelurahan, the
Dinas's decisions and letters, the Puskesos deactivation notice, the DTSEN rows of each area, and the
acknowledgements — with ``loket-pbi exchange status --json`` reporting it."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from app.cli import main as cli_main
from app.db.models import DtsenRecord, NetworkFlag, NetworkLetter, NetworkNotice, NetworkPackage
from app.network import exchange
from app.services import batches, case_letters, cases, dtsen
from tests.network.helpers import DINAS_CODE, enrol, make_node, use_folder
from tests.services.helpers import add_dtsen, at, kk, nik

pytestmark = pytest.mark.postgres
AREAS = {"Kejaksaan": "1971011001", "Gedung Nasional": "1971011002", "Bukit Intan": "1971021003"}


@pytest.fixture
def network(tmp_path, pg_url):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE,
                      url=pg_url)
    assert dinas.office.db.dialect == "postgresql"
    kels = [make_node(tmp_path / f"kel{i}", kind="kelurahan", name=f"Kelurahan {n}", area=a)
            for i, (n, a) in enumerate(AREAS.items())]
    shared = tmp_path / "Google Drive" / "LoketPBI"
    for node in [dinas, *kels]:
        use_folder(node, shared)
    for k in kels:
        enrol(dinas, k, tmp_path / "pendaftaran")
    yield dinas, kels
    for node in [dinas, *kels]:
        node.close()


def _pbi(kel, i: int, person: int | None = None):
    n = nik(person or i)
    add_dtsen(kel.office, n, desil=2)
    c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="pbi-baru", nik=n,
                        name=f"Pemohon {person or i}", no_kk=kk(person or i), received=["ktp", "kk", "sktm"],
                        now=at(2026, 11, 3, 9))
    return cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version,
                         now=at(2026, 11, 3, 9, 10))


def _penonaktifan(kel, i: int):
    c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="penonaktifan", nik=nik(i),
                        name=f"Peserta {i}", no_kk=kk(i), received=["kk", "ktp", "kis", "surat_pernyataan"],
                        now=at(2026, 11, 4, 9))
    return cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version,
                         data={"reason_code": "meninggal"}, now=at(2026, 11, 4, 9, 5))


def _dtsen_extract(tmp_path, office, actor):
    path = tmp_path / "dtsen.csv"
    lines = ["ID_DTSEN,NIK,NO_KK,NAMA,TGL_LAHIR,JNS_KEL,ALAMAT,KODE_WILAYAH,DESIL"]
    for j, area in enumerate(AREAS.values()):
        for r in range(4):
            n = nik(500 + j * 10 + r)
            lines.append(f"DT{j}{r},{n},{kk(500 + j)},Warga {j}-{r},01-01-1980,L,Jl. Contoh {r},{area},{1 + r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dtsen.import_file(office, actor=actor, path=path)


def _json_status(capsys, node) -> dict:
    capsys.readouterr()
    assert cli_main(["exchange", "status", "--json", "--data-dir", str(node.office.dirs.root)]) == 0
    return json.loads(capsys.readouterr().out)


def test_full_cycle_there_and_back(network, tmp_path, capsys):
    dinas, (kej, ged, buk) = network
    # at the kelurahan: intake, checklist and DTSEN check; the same person goes to Kejaksaan and Gedung Nasional
    a1, a2 = _pbi(kej, 1), _pbi(kej, 2)
    d1 = _penonaktifan(kej, 3)
    g1 = _pbi(ged, 11, person=1)  # same NIK, same service, other kelurahan
    g2 = _pbi(ged, 12)
    b1 = _pbi(buk, 21)
    for k in (kej, ged, buk):
        rep = exchange.send(k.office, actor=k.staff.front_office, now=at(2026, 11, 4, 12))
        assert rep.ok and len(rep.built) == 1
    assert _json_status(capsys, kej)["cases_waiting"] == 0

    # at the Dinas (PostgreSQL): everything arrives; the duplicate NIK is flagged, not imported twice
    got = exchange.receive(dinas.office, actor=dinas.staff.back_office, now=at(2026, 11, 4, 13))
    assert sorted(r.outcome for r in got.results) == ["applied"] * 3
    with dinas.office.db.read() as s:
        flags = s.exec(select(NetworkFlag)).all()
    assert [(f.office_code, f.origin_reg_number, f.other_office) for f in flags] == \
        [("KEL-1971011002", g1.reg_number, "KEL-1971011001")]
    st = {o["code"]: o for o in _json_status(capsys, dinas)["offices"]}
    assert {c: (o["packages_received"], o["last_sequence_received"], o["cases_received"], o["cases_pending"])
            for c, o in st.items()} == {"KEL-1971011001": (1, 1, 3, 3), "KEL-1971011002": (1, 1, 1, 1),
                                        "KEL-1971021003": (1, 1, 1, 1)}
    assert st["KEL-1971011002"]["flags"] == 1

    staff = dinas.staff
    mine = {c.reg_number: c for c in cases.list_cases(dinas.office, actor=staff.back_office)}
    # Kejaksaan's first case is decided and its recommendation issued; the second refused with a reason
    c = mine[f"KEL-1971011001/{a1.reg_number}"]
    c = cases.advance(dinas.office, actor=staff.back_office, case_id=c.id, version=c.version)
    letter = case_letters.issue_document(dinas.office, actor=staff.manager, case_id=c.id, key="rekomendasi_pbi")
    c = cases.get_case(dinas.office, actor=staff.manager, case_id=c.id)
    c = cases.advance(dinas.office, actor=staff.manager, case_id=c.id, version=c.version)
    c2 = mine[f"KEL-1971011001/{a2.reg_number}"]
    cases.reject(dinas.office, actor=staff.back_office, case_id=c2.id, version=c2.version,
                 reason="Pemohon sudah terdaftar sebagai peserta PPU")
    # the deactivation is decided and its monthly batch closed: the Puskesos notice goes to Kejaksaan
    d = mine[f"KEL-1971011001/{d1.reg_number}"]
    case_letters.issue_document(dinas.office, actor=staff.back_office, case_id=d.id,
                                key="rekomendasi_penonaktifan")
    d = cases.get_case(dinas.office, actor=staff.back_office, case_id=d.id)
    d = cases.advance(dinas.office, actor=staff.back_office, case_id=d.id, version=d.version,
                      now=at(2026, 11, 5, 10))
    assert d.current_step == "rekap_bulanan"
    batches.close_batch(dinas.office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11",
                        with_letters=False)
    _dtsen_extract(tmp_path, dinas.office, staff.supervisor)

    rep = exchange.send(dinas.office, actor=staff.supervisor, now=at(2026, 11, 6, 9))
    assert rep.ok
    counts = {b.peer_code: b.counts for b in rep.built}
    # the recommendation and the deactivation letter (each issued at its step)
    assert counts["KEL-1971011001"] == {"statuses": 3, "letters": 2, "notices": 1, "dtsen": 4}
    assert counts["KEL-1971011002"] == {"statuses": 1, "dtsen": 4}  # the refusal of the duplicate
    assert counts["KEL-1971021003"] == {"dtsen": 4}

    # back at each kelurahan
    for k in (kej, ged, buk):
        got = exchange.receive(k.office, actor=k.staff.front_office, now=at(2026, 11, 6, 10))
        assert [r.outcome for r in got.results] == ["applied"], got.results
    by_reg = {h.reg_number: h for h in exchange.handed_over(kej.office, actor=kej.staff.front_office)}
    assert by_reg[a1.reg_number].letters == (letter.number,) and by_reg[a1.reg_number].status == "proses"
    assert by_reg[a2.reg_number].status == "ditolak"
    assert by_reg[a2.reg_number].reason == "Pemohon sudah terdaftar sebagai peserta PPU"
    assert cases.get_case(kej.office, actor=kej.staff.front_office, case_id=a2.id).closed_at is not None
    with kej.office.db.read() as s:
        stored = s.exec(select(NetworkLetter)).all()
        assert len(stored) == 2 and all((kej.office.dirs.root / x.stored_path).stat().st_size > 0 for x in stored)
        notice = s.exec(select(NetworkNotice)).one()
        assert notice.period == "2026-11" and [r["registrasi"] for r in notice.rows] == [
            f"KEL-1971011001/{d1.reg_number}"]
        areas = {r.region_code for r in s.exec(select(DtsenRecord)).all() if r.region_code}
        assert areas == {"1971011001"}
    dup = {h.reg_number: h for h in exchange.handed_over(ged.office, actor=ged.staff.front_office)}
    assert dup[g1.reg_number].status == "ditolak" and "sudah diajukan" in dup[g1.reg_number].reason
    assert dup[g2.reg_number].status == "diterima"
    assert {h.reg_number for h in exchange.handed_over(buk.office, actor=buk.staff.front_office)} == {b1.reg_number}

    # acknowledgements travel back; then nothing more goes either way
    for k in (kej, ged, buk):
        assert [b.counts for b in exchange.send(k.office, actor=k.staff.front_office).built] == [{}]
    exchange.receive(dinas.office, actor=staff.back_office)
    with dinas.office.db.read() as s:
        outs = s.exec(select(NetworkPackage).where(NetworkPackage.direction == "out")).all()
        assert len(outs) == 3 and all(p.acked_at is not None for p in outs)
    assert exchange.send(dinas.office, actor=staff.supervisor).built == []
    final = {o["code"]: o for o in _json_status(capsys, dinas)["offices"]}
    assert final["KEL-1971011001"]["cases_pending"] == 2  # one refused, two still with the Dinas
    assert final["KEL-1971011001"]["last_acknowledged"] == 1
