"""The month end to end with the real workflow and letters: cases reach the batch step, the case letter is
issued, one case is refused, the batch is closed, sent to a folder, and the BPJS answer is imported."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from tests.batches.conftest import _officials
from tests.services.helpers import advance

pytestmark = pytest.mark.clock

cases = pytest.importorskip("app.services.cases")
letters = pytest.importorskip("app.services.letters")


class Staff:
    """One user per role, created on first use (``staff.back_office`` …)."""

    def __init__(self, office, admin):
        self._office, self._admin, self._cache = office, admin, {}

    def __getattr__(self, role: str):
        if role.startswith("_"):
            raise AttributeError(role)
        if role not in self._cache:
            from app.services import users

            info = users.add_user(self._office, actor=self._admin, username=f"e2e_{role}", full_name=f"Petugas {role}",
                                  password="rahasia-123", roles=[role])
            self._cache[role] = users.actor_for(info)
        return self._cache[role]


def at(d: int, hh: int) -> datetime:
    return datetime(2026, 11, d, hh - 7, tzinfo=UTC)  # WIB


def test_penonaktifan_month(office, admin, tmp_path):
    from app.documents.examples import example_data
    from app.services import batches, feedback, outbox
    from app.services import settings as settings_svc

    _officials(office, admin)
    staff = Staff(office, admin)
    niks = ["1971015208810001", "1971011102790003"]
    ids = []
    for i, n in enumerate(niks):
        c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=n,
                            name=["Nurhayati", "Rusdi"][i], no_kk=f"19710112{i:08d}",
                            received=["kk", "ktp", "kis", "surat_pernyataan"], now=at(6, 9))
        c = advance(office, actor=staff.front_office, case_id=c.id, version=c.version,
                          data={"reason_code": "meninggal"}, now=at(6, 10))
        c = advance(office, actor=staff.back_office, case_id=c.id, version=c.version, now=at(6, 11))
        assert c.current_step == "rekap_bulanan" and c.batch_ready_at is not None
        ids.append(c)
    data = example_data("rekomendasi_penonaktifan")
    data["pemohon"] = dict(data["pemohon"], nama="Nurhayati", nik=niks[0])
    own = letters.issue_letter(office, actor=staff.back_office, letter_type="rekomendasi_penonaktifan", data=data,
                               case_id=ids[0].id, pdf=False)
    refused = cases.reject(office, actor=staff.back_office, case_id=ids[1].id, version=ids[1].version,
                           reason="Peserta ternyata masih hidup (keterangan kelurahan keliru)")
    assert refused.status == "ditolak"

    res = batches.close_batch(office, actor=staff.supervisor, service_code="penonaktifan", period="2026-11")
    assert res.created and res.batch.record_count == 1 and res.cover_letter
    with zipfile.ZipFile(res.batch.zip_path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        xlsx = zf.read(next(n for n in names if n.endswith(".xlsx")))
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in own.number)
    assert f"surat/{safe}.docx" in names and any(n.startswith("surat_pengantar_") for n in names)
    assert manifest["individual_letters"] == 1 and "cases_without_letter" not in manifest
    ws = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert len(rows) == 2
    assert rows[1][header.index("NIK")] == niks[0]
    assert rows[1][header.index("Nomor surat")] == own.number
    assert rows[1][header.index("Alasan")] == "Meninggal dunia"

    # a later edit of the case does not change the frozen batch
    c = cases.get_case(office, actor=staff.front_office, case_id=ids[0].id)
    cases.update_data(office, actor=staff.back_office, case_id=c.id, version=c.version, values={"alasan": "diubah"})
    assert batches.batch_items(office, actor=staff.supervisor, batch_id=res.batch.id)[0]["row"]["alasan"] == \
        "Meninggal dunia"

    share = tmp_path / "share"
    share.mkdir()
    settings_svc.save(office, actor=admin, section=outbox.SECTION, value=outbox.DeliverySettings(folder=str(share)))
    [sent] = outbox.send_pending(office, actor=staff.supervisor)
    assert sent.delivered

    from tests.conftest import SAMPLES
    rep = feedback.import_feedback(office, actor=staff.supervisor, path=SAMPLES / "umpan_balik_bpjs_contoh.csv")
    # Rusdi's case was refused here and never sent: listed, not guessed
    assert rep.accepted == 1 and [i.nik for i in rep.not_in_batch] == [niks[1]]
