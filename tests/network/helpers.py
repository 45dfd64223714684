"""A small network for the tests: a Dinas and kelurahan offices in their own data folders, enrolled to each
other through the real enrolment files, with one officer per role in each."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from app.config import LocalConfig
from app.context import Office, open_office
from app.network import enrolment, exchange, identity
from app.rules.permissions import Actor
from app.services import settings
from tests.services.helpers import Staff

DINAS_CODE = "DINSOS-PKP"


@dataclass
class Node:
    office: Office
    admin: Actor
    staff: Staff

    @property
    def code(self) -> str:
        return identity.load(self.office).code

    def close(self) -> None:
        self.office.close()


def make_node(root: Path, *, kind: str, name: str, code: str = "", area: str = "", url: str | None = None) -> Node:
    from tests.conftest import _setup

    root.mkdir(parents=True, exist_ok=True)
    if url:
        LocalConfig(database_url=url).save(root / "config.json")
    office = open_office(root)
    admin = _setup(office)
    if kind == "dinas":  # the signatories of the letters the Dinas issues
        from app.documents import examples
        from app.services import office as office_svc

        for key, title, person, nip, rank, acting in examples.OFFICIALS:
            office_svc.save_official(office, actor=None, first_run=True, position_key=key, position_title=title,
                                     name=person, nip=nip, rank=rank, acting=acting)
    identity.set_up(office, kind=kind, name=name, code=code, area_code=area, actor=admin)
    return Node(office, admin, Staff(office, admin))


def enrol(dinas: Node, kel: Node, work: Path, code: str = "") -> str:
    work.mkdir(parents=True, exist_ok=True)
    req = work / f"permintaan-{kel.office.dirs.root.name}.json"
    info = enrolment.make_request(kel.office, actor=kel.admin, out=req)
    done = enrolment.enrol(dinas.office, actor=dinas.admin, request=req, code=code,
                           out=work / f"pendaftaran-{info.area_code}.json", expected_fingerprint=info.fingerprint)
    enrolment.accept(kel.office, actor=kel.admin, path=done.file)
    return done.code


def use_folder(node: Node, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    cfg = exchange.load_settings(node.office)
    settings.save(node.office, actor=node.admin, section=exchange.SECTION, value=replace(cfg, folder=str(folder)))
