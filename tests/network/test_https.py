"""Packages over an HTTPS drop box (here a local HTTP server on 127.0.0.1 with the same layout):
``POST``/``GET``/``DELETE <url>/<office>/<file>``, ``GET <url>/<office>/`` lists what waits."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.errors import ValidationError
from app.network import exchange
from app.network.transports import HttpsTransport
from app.services import cases, settings
from tests.network.helpers import DINAS_CODE, enrol, make_node
from tests.services.helpers import add_dtsen, at, kk, nik


class DropBox(BaseHTTPRequestHandler):
    store: dict[str, dict[str, bytes]] = {}
    seen_auth: list[str] = []

    def _parts(self):
        return [p for p in self.path.split("/") if p][1:]  # after the drop box's own /paket

    def do_POST(self):  # noqa: N802
        office, name = self._parts()
        self.seen_auth.append(self.headers.get("Authorization", ""))
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.store.setdefault(office, {})[name] = body
        self.send_response(201)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        parts = self._parts()
        if len(parts) == 1:
            data = json.dumps(sorted(self.store.get(parts[0], {}))).encode()
        else:
            data = self.store.get(parts[0], {}).get(parts[1])
            if data is None:
                self.send_response(404)
                self.end_headers()
                return
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_DELETE(self):  # noqa: N802
        office, name = self._parts()
        self.store.get(office, {}).pop(name, None)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_args):
        pass


@pytest.fixture
def dropbox():
    DropBox.store, DropBox.seen_auth = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), DropBox)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/paket"
    server.shutdown()
    server.server_close()


def test_a_case_goes_to_the_dinas_and_its_answer_comes_back_over_https(tmp_path, dropbox):
    dinas = make_node(tmp_path / "dinas", kind="dinas", name="Dinas Sosial", code=DINAS_CODE)
    kel = make_node(tmp_path / "kel", kind="kelurahan", name="Kelurahan Kejaksaan", area="1971011001")
    try:
        enrol(dinas, kel, tmp_path / "berkas")
        for node in (dinas, kel):
            cfg = exchange.load_settings(node.office)
            settings.save(node.office, actor=node.admin, section=exchange.SECTION,
                          value=replace(cfg, https_url=dropbox, https_token="rahasia-kantor"))
        add_dtsen(kel.office, nik(1), desil=2)
        c = cases.open_case(kel.office, actor=kel.staff.front_office, service_code="pbi-baru", nik=nik(1),
                            name="Pemohon", no_kk=kk(1), received=["ktp", "kk", "sktm"], now=at(2026, 11, 3, 9))
        cases.advance(kel.office, actor=kel.staff.front_office, case_id=c.id, version=c.version)
        sent = exchange.send(kel.office, actor=kel.staff.front_office)
        assert sent.ok and sent.delivered == ["KEL-1971011001_DINSOS-PKP_000001.lpbi"]
        assert list(DropBox.store[DINAS_CODE]) == sent.delivered and DropBox.seen_auth == ["Bearer rahasia-kantor"]
        got = exchange.receive(dinas.office, actor=dinas.staff.back_office)
        assert [r.outcome for r in got.results] == ["applied"] and DropBox.store[DINAS_CODE] == {}
        mine = cases.list_cases(dinas.office, actor=dinas.staff.back_office)[0]
        cases.reject(dinas.office, actor=dinas.staff.back_office, case_id=mine.id, version=mine.version,
                     reason="Data tidak lengkap di DTSEN")
        assert exchange.send(dinas.office, actor=dinas.staff.supervisor).ok
        got = exchange.receive(kel.office, actor=kel.staff.front_office)
        assert [r.outcome for r in got.results] == ["applied"]
        assert exchange.handed_over(kel.office, actor=kel.staff.front_office)[0].status == "ditolak"
    finally:
        dinas.close()
        kel.close()


def test_plain_http_is_only_for_this_pc():
    with pytest.raises(ValidationError, match="https://"):
        HttpsTransport("http://dinsos.example.go.id/paket")
    assert HttpsTransport("https://dinsos.example.go.id/paket").label.startswith("server")
