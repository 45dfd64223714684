"""A kelurahan hands cases over to its Dinas and hears back: ownership, statuses, letters, DTSEN, acks."""

from __future__ import annotations

import pytest

from app.db.models import Case, NetworkPackage
from app.errors import ValidationError
from app.network import exchange, guard, identity, outgoing
from app.services import case_letters, cases
from tests.network.helpers import DINAS_CODE, enrol, make_node, use_folder
from tests.services.helpers import add_dtsen, at, kk, nik

ALL = ["ktp", "kk", "sktm"]


@pytest.fixture
def net(tmp_path):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE)
    kel = make_node(tmp_path / "kel", kind="kelurahan", name="Kelurahan Kejaksaan", area="1971011001")
    code = enrol(dinas, kel, tmp_path / "berkas")
    shared = tmp_path / "bersama"
    use_folder(dinas, shared)
    use_folder(kel, shared)
    yield dinas, kel, code
    dinas.close()
    kel.close()


def _open_at_kelurahan(kel, i=1, when=None):
    add_dtsen(kel.office, nik(i), desil=2)
    c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="pbi-baru", nik=nik(i),
                        name=f"Pemohon {i}", no_kk=kk(i), received=ALL, now=when or at(2026, 11, 3, 9))
    return cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version,
                         now=at(2026, 11, 3, 9, 10))


def test_enrolment_gives_the_kelurahan_its_code_and_dinas(net):
    dinas, kel, code = net
    ident = identity.load(kel.office)
    assert code == "KEL-1971011001" and ident.code == code and ident.dinas_code == DINAS_CODE and ident.enrolled
    st = exchange.status(dinas.office, actor=dinas.admin)
    assert [p.code for p in st.peers] == [code] and st.peers[0].status == "terdaftar"


def test_kelurahan_may_not_perform_a_dinas_step_and_hands_the_case_over(net):
    dinas, kel, code = net
    c = _open_at_kelurahan(kel)
    assert c.current_step == "back_office_kesehatan"
    with pytest.raises(ValidationError, match="dikerjakan di Dinas Sosial"):
        cases.advance(kel.office, actor=kel.staff.back_office, case_id=c.id, version=c.version)
    assert outgoing.cases_waiting(kel.office) == 1

    sent = exchange.send(kel.office, actor=kel.staff.front_office, now=at(2026, 11, 3, 10))
    assert sent.ok and len(sent.built) == 1 and sent.built[0].counts == {"cases": 1}
    # ownership moved: the kelurahan can no longer change the case, not even its checklist
    with pytest.raises(guard.NotOwner, match=DINAS_CODE):
        cases.set_checklist(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version + 1,
                            code="ktp", received=False)
    assert outgoing.cases_waiting(kel.office) == 0

    got = exchange.receive(dinas.office, actor=dinas.staff.back_office, now=at(2026, 11, 3, 11))
    assert [r.outcome for r in got.results] == ["applied"]
    with dinas.office.db.read() as s:
        imported = s.exec(__import__("sqlmodel").select(Case)).one()
    assert imported.reg_number == f"{code}/PBI-2026-00001" and imported.current_step == "back_office_kesehatan"
    assert imported.owner_office is None
    log = cases.step_log(dinas.office, actor=dinas.staff.manager, case_id=imported.id)
    assert [e.step for e in log] == ["pemeriksaan_berkas"]

    # the Dinas continues the case and issues the recommendation (its DTSEN extract holds the applicant too:
    # the APBN proposal holds DTSEN-registered cases only)
    add_dtsen(dinas.office, nik(1), desil=2)
    d = cases.get_case(dinas.office, actor=dinas.staff.back_office, case_id=imported.id)
    d = cases.advance(dinas.office, actor=dinas.staff.back_office, case_id=d.id, version=d.version,
                      now=at(2026, 11, 3, 13))
    letter = case_letters.issue_document(dinas.office, actor=dinas.staff.manager, case_id=d.id,
                                         key="rekomendasi_pbi")
    d = cases.get_case(dinas.office, actor=dinas.staff.manager, case_id=d.id)
    d = cases.advance(dinas.office, actor=dinas.staff.manager, case_id=d.id, version=d.version,
                      now=at(2026, 11, 3, 14))
    back = exchange.send(dinas.office, actor=dinas.staff.supervisor, now=at(2026, 11, 3, 15))
    assert back.built[0].counts["statuses"] == 1 and back.built[0].counts["letters"] == 1

    got = exchange.receive(kel.office, actor=kel.staff.front_office, now=at(2026, 11, 3, 16))
    assert [r.outcome for r in got.results] == ["applied"]
    mine = exchange.handed_over(kel.office, actor=kel.staff.front_office)
    assert len(mine) == 1 and mine[0].status == "proses" and mine[0].letters == (letter.number,)
    assert "Bidang Linjamsos" in mine[0].step_name
    k = cases.get_case(kel.office, actor=kel.staff.front_office, case_id=c.id)
    assert k.current_step == "usulan_apbn"
    # the kelurahan shows the letter; it never issues one itself
    with pytest.raises(ValidationError, match="diterbitkan oleh Dinas Sosial"):
        case_letters.issue_document(kel.office, actor=kel.staff.front_office, case_id=c.id, key="rekomendasi_pbi")

    # the acknowledgement goes back with the kelurahan's next package; acks are not acknowledged again
    ack = exchange.send(kel.office, actor=kel.staff.front_office, now=at(2026, 11, 3, 17))
    assert [b.counts for b in ack.built] == [{}]
    exchange.receive(dinas.office, actor=dinas.staff.back_office, now=at(2026, 11, 3, 18))
    with dinas.office.db.read() as s:
        outs = s.exec(__import__("sqlmodel").select(NetworkPackage).where(NetworkPackage.direction == "out")).all()
        assert [p.acked_at is not None for p in outs] == [True]
    assert exchange.send(dinas.office, actor=dinas.staff.supervisor).built == []
    st = exchange.status(dinas.office, actor=dinas.admin).peers[0]
    assert (st.packages_sent, st.packages_received, st.cases_received, st.cases_pending) == (1, 2, 1, 1)


def test_an_unacknowledged_package_is_delivered_again_a_day_later(net, tmp_path):
    dinas, kel, _code = net
    _open_at_kelurahan(kel)
    first = exchange.send(kel.office, actor=kel.staff.front_office, now=at(2026, 11, 3, 10))
    name = first.built[0].path.name
    box = tmp_path / "bersama" / DINAS_CODE
    (box / name).unlink()  # lost on the way (a sync client that never uploaded it)
    assert exchange.send(kel.office, actor=kel.staff.front_office, now=at(2026, 11, 3, 15)).delivered == []
    again = exchange.send(kel.office, actor=kel.staff.front_office, now=at(2026, 11, 4, 11))
    assert again.built == [] and again.delivered == [name] and (box / name).is_file()
    got = exchange.receive(dinas.office, actor=dinas.staff.back_office)
    assert [r.outcome for r in got.results] == ["applied"]


def test_scans_travel_with_the_case_and_stay_with_their_owner(net, tmp_path):
    from app.network import guard
    from app.services import attachments

    dinas, kel, code = net
    add_dtsen(kel.office, nik(1), desil=2)
    c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="pbi-baru", nik=nik(1),
                        name="Pemohon 1", no_kk=kk(1), received=["kk", "sktm"], now=at(2026, 11, 3, 9))
    scan = tmp_path / "ktp pemohon.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    attachments.add_files(kel.office, actor=kel.staff.front_office, case_id=c.id,
                          files=[attachments.FileToAttach(scan, "ktp")])
    c = cases.get_case(kel.office, actor=kel.staff.front_office, case_id=c.id)
    cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version)
    exchange.send(kel.office, actor=kel.staff.front_office)
    with pytest.raises(guard.NotOwner):
        attachments.add_files(kel.office, actor=kel.staff.front_office, case_id=c.id,
                              files=[attachments.FileToAttach(scan, "kk")])
    exchange.receive(dinas.office, actor=dinas.staff.back_office)
    mine = cases.list_cases(dinas.office, actor=dinas.staff.back_office)[0]
    rows = attachments.list_attachments(dinas.office, actor=dinas.staff.back_office, case_id=mine.id)
    assert [(a.file_name, a.requirement_code) for a in rows] == [("ktp pemohon.png", "ktp")]
    copy = attachments.export_copy(dinas.office, actor=dinas.staff.back_office, attachment_id=rows[0].id,
                                   dest=tmp_path / "salinan.png")
    assert copy.read_bytes() == scan.read_bytes()
