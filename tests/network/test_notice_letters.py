"""The Puskesos notice letter travels with its notice: the numbered ``pemberitahuan_puskesos`` letter the Dinas
issued for the kelurahan (the .docx, and the PDF when one was made) arrives with the rows of the month's
deactivations, or in a later package when it was issued after the rows went; its bytes are checked like a case
letter's, and a package applied twice stores one notice and one letter. Real SQLite offices, real packages."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from docx import Document
from sqlmodel import select

from app.batching.writers import sha256_file
from app.db.models import Letter, NetworkNotice
from app.network import exchange, incoming, outgoing, payload
from app.network.envelope import PackageRefused
from app.services import batches, puskesos_notices
from tests.batches.helpers import make_cases
from tests.network.helpers import DINAS_CODE, enrol, make_node
from tests.network.test_faults import snapshot
from tests.services.helpers import at

pytestmark = pytest.mark.usefixtures("pinned")

AREA = "1971041001"  # the kelurahan of the people make_cases creates (Bukit Intan)


@pytest.fixture
def net(tmp_path):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE)
    kel = make_node(tmp_path / "kel", kind="kelurahan", name="Kelurahan Bukit Intan", area=AREA)
    other = make_node(tmp_path / "kel2", kind="kelurahan", name="Kelurahan Gabek Satu", area="1971051002")
    code = enrol(dinas, kel, tmp_path / "pendaftaran")
    other_code = enrol(dinas, other, tmp_path / "pendaftaran")
    yield dinas, kel, code, other, other_code
    for node in (dinas, kel, other):
        node.close()


def _close(dinas, *, with_letters: bool):
    make_cases(dinas.office, "penonaktifan", 2, data={"alasan": "Meninggal dunia"})
    return batches.close_batch(dinas.office, actor=dinas.staff.supervisor, service_code="penonaktifan",
                               period="2026-11", with_letters=with_letters)


def _issued(dinas) -> Letter:
    with dinas.office.db.read() as s:
        return s.exec(select(Letter).where(Letter.letter_type == puskesos_notices.LETTER_TYPE)).one()


def _notices(kel) -> list[NetworkNotice]:
    with kel.office.db.read() as s:
        return list(s.exec(select(NetworkNotice)).all())


def _send(dinas, code, hour):
    return outgoing.build_package(dinas.office, actor=dinas.staff.supervisor, peer_code=code,
                                  now=at(2026, 12, 3, hour))


def _receive(kel, path):
    return incoming.receive_file(kel.office, actor=kel.staff.front_office, path=path)


def test_the_letter_arrives_with_the_notice_and_its_bytes_match(net):
    dinas, kel, code, other, other_code = net
    _close(dinas, with_letters=True)
    letter = _issued(dinas)
    assert letter.data["wilayah"]["kode"] == AREA
    built = _send(dinas, code, 9)
    assert built is not None and built.counts.get("notices") == 1
    got = _receive(kel, built.path)
    assert got.counts.get("notices") == 1 and got.counts.get("notice_letters") == 1
    assert "1 surat pemberitahuan Puskesos" in got.message
    (notice,) = _notices(kel)
    assert len(notice.rows) == 2 and notice.letter["number"] == letter.number
    assert notice.letter["letter_type"] == "pemberitahuan_puskesos" and notice.letter["issued_at"]
    # the .docx as the Dinas issued it, byte for byte, under the kelurahan's data folder
    (docx,) = notice.letter["files"]
    sent = dinas.office.dirs.letters / letter.docx_path
    stored = kel.office.dirs.root / docx["stored_path"]
    assert stored.resolve().is_relative_to(kel.office.dirs.root.resolve())
    assert stored.read_bytes() == sent.read_bytes() and docx["sha256"] == sha256_file(sent) == letter.docx_sha256
    assert docx["file_name"] == sent.name
    text = "\n".join(p.text for p in Document(io.BytesIO(stored.read_bytes())).paragraphs)
    assert "Bukit Intan" in text
    # the page's helpers: the number with the notice, and the file to open
    (info,) = exchange.notices(kel.office, actor=kel.staff.front_office)
    assert info.letter_number == letter.number and info.notice_id == notice.id
    assert exchange.notice_letter_file(kel.office, actor=kel.staff.front_office, notice_id=info.notice_id) == stored
    # the other kelurahan had no deactivated card: no notice, no letter
    assert _send(dinas, other_code, 9) is None


def test_a_pdf_travels_too_and_is_the_one_opened(net):
    dinas, kel, code, *_ = net
    _close(dinas, with_letters=True)
    letter = _issued(dinas)
    pdf = dinas.office.dirs.letters / (letter.docx_path.removesuffix(".docx") + ".pdf")
    pdf.write_bytes(b"%PDF-1.4\n% surat pemberitahuan\n%%EOF\n")
    with dinas.office.db.write() as s:
        row = s.get(Letter, letter.id)
        assert row is not None
        row.pdf_path, row.pdf_sha256 = pdf.relative_to(dinas.office.dirs.letters).as_posix(), sha256_file(pdf)
        s.add(row)
    built = _send(dinas, code, 9)
    assert built is not None
    _receive(kel, built.path)
    (notice,) = _notices(kel)
    assert sorted(f["file_name"][-4:] for f in notice.letter["files"]) == [".pdf", "docx"]
    opened = exchange.notice_letter_file(kel.office, actor=kel.staff.front_office, notice_id=notice.id or 0)
    assert opened.read_bytes() == pdf.read_bytes()


def test_a_letter_issued_after_the_notice_went_arrives_in_a_later_package(net, tmp_path):
    dinas, kel, code, other, other_code = net
    res = _close(dinas, with_letters=False)
    first = _send(dinas, code, 9)
    assert first is not None and first.counts.get("notices") == 1
    got = _receive(kel, first.path)
    assert got.counts.get("notices") == 1 and "notice_letters" not in got.counts
    (notice,) = _notices(kel)
    assert notice.letter == {}
    (info,) = exchange.notices(kel.office, actor=kel.staff.front_office)
    assert info.letter_number == ""
    with pytest.raises(Exception, match="belum diterima"):
        exchange.notice_letter_file(kel.office, actor=kel.staff.front_office, notice_id=info.notice_id)
    # nothing new for the kelurahan until the supervisor issues the month's letters (batch puskesos)
    quiet = _send(dinas, code, 10)
    assert quiet is None or "notices" not in quiet.counts
    assert res.batch.id is not None
    puskesos_notices.issue_for_batch(dinas.office, actor=dinas.staff.supervisor, batch_id=res.batch.id,
                                     dest=tmp_path / "puskesos")
    letter = _issued(dinas)
    later = _send(dinas, code, 11)
    assert later is not None and later.counts.get("notices") == 1
    got = _receive(kel, later.path)
    assert got.counts == {"notice_letters": 1}
    (notice,) = _notices(kel)  # still one notice: the letter joined it
    assert len(notice.rows) == 2 and notice.letter["number"] == letter.number
    stored = kel.office.dirs.root / notice.letter["files"][0]["stored_path"]
    assert stored.read_bytes() == (dinas.office.dirs.letters / letter.docx_path).read_bytes()
    # sent once: the next package has no notice again, and the other kelurahan never gets this letter
    again = _send(dinas, code, 12)
    assert again is None or "notices" not in again.counts
    assert _send(dinas, other_code, 12) is None


def test_a_package_whose_letter_bytes_were_changed_is_refused_and_changes_nothing(net, monkeypatch):
    dinas, kel, code, *_ = net
    _close(dinas, with_letters=True)
    real_write = payload.write

    def write_then_change_the_letter(content, out):
        """The package's content as the sender wrote it, then one byte of the letter's file changed before
        sealing (a damaged disk or a forged letter): signed and whole, but the file is not its SHA-256."""
        real_write(content, out)
        (name,) = [f"files/{sha}" for sha in content.files]
        with zipfile.ZipFile(out) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        data = bytearray(parts[name])
        data[len(data) // 2] ^= 0x01
        parts[name] = bytes(data)
        with zipfile.ZipFile(out, "w") as z:
            for n, b in parts.items():
                z.writestr(n, b)

    monkeypatch.setattr(outgoing.payload, "write", write_then_change_the_letter)
    built = _send(dinas, code, 9)
    monkeypatch.setattr(outgoing.payload, "write", real_write)
    assert built is not None
    actor = kel.staff.front_office
    before = snapshot(kel.office)
    files_before = sorted(p for p in kel.office.dirs.root.rglob("*") if p.is_file() and p.suffix != ".db"
                          and "-wal" not in p.name and "-shm" not in p.name)
    with pytest.raises(PackageRefused, match="SHA-256") as exc:
        incoming.receive_file(kel.office, actor=actor, path=built.path)
    assert exc.value.kind == "format" and "tidak ada yang diubah" in str(exc.value)
    assert snapshot(kel.office) == before and _notices(kel) == []
    assert not incoming.letters_dir(kel.office).exists() or not any(incoming.letters_dir(kel.office).iterdir())
    files_after = sorted(p for p in kel.office.dirs.root.rglob("*") if p.is_file() and p.suffix != ".db"
                         and "-wal" not in p.name and "-shm" not in p.name)
    assert files_after == files_before


def test_a_letter_entry_that_names_a_path_outside_the_folder_is_refused(net, monkeypatch):
    dinas, kel, code, *_ = net
    _close(dinas, with_letters=True)
    real_write = payload.write

    def write_with_a_bad_name(content, out):
        for n in content.notices:
            for f in n["letter"]["files"]:
                f["sha256"] = "../../../../x" + f["sha256"][13:]
        real_write(content, out)

    monkeypatch.setattr(outgoing.payload, "write", write_with_a_bad_name)
    built = _send(dinas, code, 9)
    monkeypatch.setattr(outgoing.payload, "write", real_write)
    assert built is not None
    actor = kel.staff.front_office  # made before the snapshot
    before = snapshot(kel.office)
    with pytest.raises(PackageRefused, match="SHA-256 yang benar"):
        incoming.receive_file(kel.office, actor=actor, path=built.path)
    assert snapshot(kel.office) == before
    assert not (kel.office.dirs.root.parent / "x").exists()


def test_importing_the_same_package_twice_stores_one_notice_and_one_letter(net, tmp_path):
    dinas, kel, code, *_ = net
    _close(dinas, with_letters=True)
    built = _send(dinas, code, 9)
    assert built is not None
    copy = tmp_path / "salinan.lpbi"
    shutil.copy(built.path, copy)
    assert _receive(kel, built.path).status == "applied"
    before = snapshot(kel.office)
    files = sorted(incoming.letters_dir(kel.office).iterdir())
    assert len(files) == 1
    assert _receive(kel, copy).status == "replayed"
    assert snapshot(kel.office) == before and sorted(incoming.letters_dir(kel.office).iterdir()) == files
    # the same notice and letter arriving again in a new package (a letter voided and the cursor rewound by a
    # restore at the Dinas, say) are recognised by kind and reference and by the letter's number
    with kel.office.db.write() as s:
        from app.db.models import NetworkPeer

        peer = s.exec(select(NetworkPeer)).one()
        peer.last_seq_received = 0
        s.add(peer)
        from sqlalchemy import text

        s.exec(text("DELETE FROM network_package"))
    got = _receive(kel, copy)
    assert got.status == "applied" and got.counts == {}
    (notice,) = _notices(kel)
    assert len(notice.letter["files"]) == 1 and sorted(incoming.letters_dir(kel.office).iterdir()) == files


def test_a_notice_received_before_the_upgrade_has_no_letter_and_takes_one_later(tmp_path):
    """Revision 0009 gives every notice already received an empty letter; the letter can still join it."""
    import os
    import sqlite3
    from pathlib import Path

    from app.context import open_office
    from app.db import migrate

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
    data = tmp_path / "kantor"
    data.mkdir()
    shutil.copy(fixtures / "0008.sqlite3", data / "loket-pbi.sqlite3")
    for key in fixtures.glob("0008.*.key"):
        folder = Path(os.environ.get("LOKET_PBI_KEY_DIR") or data / ".kunci")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{key.name.split('.')[1]}.key").write_bytes(key.read_bytes())
    with sqlite3.connect(data / "loket-pbi.sqlite3") as db:
        db.execute("INSERT INTO network_notice (kind, reference, period, rows, received_at) VALUES "
                   "('penonaktifan', 'penonaktifan/2026-10/1', '2026-10', '[{\"nama\": \"Warga 1\"}]', "
                   "'2026-11-03 09:00:00.000000')")
    office = open_office(data)
    try:
        assert migrate.current_revision(office.db) == migrate.head_revision()
        with office.db.read() as s:
            (row,) = s.exec(select(NetworkNotice)).all()
            assert row.letter == {} and row.rows == [{"nama": "Warga 1"}]
        stored = {"a" * 64: "network/surat/aaaaaaaaaaaa-pemberitahuan.docx"}
        with office.db.write() as s:
            assert incoming._apply_notices(s, [{
                "kind": "penonaktifan", "reference": "penonaktifan/2026-10/1", "period": "2026-10", "rows": [],
                "letter": {"number": "400.9/7/Dinsos/2026", "letter_type": "pemberitahuan_puskesos",
                           "issued_at": "2026-11-05T02:00:00+00:00",
                           "files": [{"file_name": "pemberitahuan.docx", "sha256": "a" * 64,
                                      "file": "files/" + "a" * 64}]}}], stored, at(2026, 11, 6, 9)) == (0, 1)
        with office.db.read() as s:
            (row,) = s.exec(select(NetworkNotice)).all()
            assert row.letter["number"] == "400.9/7/Dinsos/2026" and row.rows == [{"nama": "Warga 1"}]
            assert row.letter["files"] == [{"file_name": "pemberitahuan.docx", "sha256": "a" * 64,
                                             "stored_path": stored["a" * 64]}]
    finally:
        office.close()


def test_a_letter_file_over_the_cap_refuses_the_package(net, monkeypatch):
    """Each file of a package is counted as it is unpacked: one over the cap refuses the whole package, nothing is
    stored, and the same package applies once the cap allows it."""
    dinas, kel, code, *_ = net
    _close(dinas, with_letters=True)
    built = _send(dinas, code, 9)
    assert built is not None
    actor = kel.staff.front_office  # made before the snapshot
    before = snapshot(kel.office)
    monkeypatch.setattr(payload, "MAX_FILE_BYTES", 1024)
    with pytest.raises(PackageRefused, match="melebihi"):
        incoming.receive_file(kel.office, actor=actor, path=built.path)
    assert snapshot(kel.office) == before and not list((kel.office.dirs.root / "network").rglob("*.docx"))
    monkeypatch.undo()
    assert _receive(kel, built.path).counts.get("notice_letters") == 1
