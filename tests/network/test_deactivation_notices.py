"""The deactivation notices the Dinas sends to a kelurahan follow the services whose definitions say
``membership = "keluar"`` (the office's own copy included), or the ``reconcile`` settings where they name them."""

from __future__ import annotations

import pytest

from app.network import outgoing
from app.paths import resource_path
from app.services import batches, reconcile
from app.services import settings as settings_svc
from tests.batches.helpers import make_cases
from tests.network.helpers import DINAS_CODE, enrol, make_node
from tests.services.helpers import at

AREA = "1971041001"  # the kelurahan of the people make_cases creates


@pytest.fixture
def dinas_and_kelurahan(tmp_path):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial Kota Pangkalpinang", code=DINAS_CODE)
    kel = make_node(tmp_path / "kel", kind="kelurahan", name="Kelurahan Bukit Intan", area=AREA)
    code = enrol(dinas, kel, tmp_path / "pendaftaran")
    yield dinas, code
    for node in (dinas, kel):
        node.close()


def _closed_deactivation_batch(dinas) -> None:
    make_cases(dinas.office, "penonaktifan", 2, data={"alasan": "Meninggal dunia"})
    batches.close_batch(dinas.office, actor=dinas.staff.supervisor, service_code="penonaktifan", period="2026-11",
                        with_letters=False)


def test_notice_follows_the_definitions(dinas_and_kelurahan):
    dinas, kel_code = dinas_and_kelurahan
    _closed_deactivation_batch(dinas)
    built = outgoing.build_package(dinas.office, actor=dinas.staff.supervisor, peer_code=kel_code,
                                   now=at(2026, 12, 3, 9))
    assert built is not None and built.counts.get("notices") == 1


def test_office_definition_without_the_key_sends_no_notice_until_the_settings_name_it(dinas_and_kelurahan):
    dinas, kel_code = dinas_and_kelurahan
    text = resource_path("services", "penonaktifan.toml").read_text(encoding="utf-8")
    own = "\n".join(ln for ln in text.splitlines() if not ln.startswith("membership =")) + "\n"
    assert own != text
    dinas.office.dirs.services.mkdir(parents=True, exist_ok=True)
    (dinas.office.dirs.services / "penonaktifan.toml").write_text(own, encoding="utf-8")
    assert reconcile.membership(dinas.office).deactivating == ()
    _closed_deactivation_batch(dinas)
    built = outgoing.build_package(dinas.office, actor=dinas.staff.supervisor, peer_code=kel_code,
                                   now=at(2026, 12, 3, 9))
    assert built is None or "notices" not in built.counts
    # the office's settings name the deactivating service: the (not yet sent) notice goes out now
    settings_svc.save(dinas.office, actor=dinas.admin, section=reconcile.SECTION,
                      value=reconcile.ReconcileSettings(deactivating_services=("penonaktifan",)))
    again = outgoing.build_package(dinas.office, actor=dinas.staff.supervisor, peer_code=kel_code,
                                   now=at(2026, 12, 3, 10))
    assert again is not None and again.counts.get("notices") == 1
