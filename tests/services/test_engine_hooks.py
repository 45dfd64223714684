"""The engine is one state machine: services reach it through its public API (app/workflow/engine.py) and
declare what they need at its events as hooks in their definitions (app/workflow/hooks.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app import servicedefs
from app.paths import resource_path
from app.servicedefs import ServiceDefinitionError
from app.workflow import hooks

ROOT = Path(__file__).resolve().parents[2]
JAMKESDA = resource_path("services", "jamkesda.toml").read_text(encoding="utf-8")
PENONAKTIFAN = resource_path("services", "penonaktifan.toml").read_text(encoding="utf-8")


def _imports(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app."):
                for alias in node.names:
                    yield path, node.module, alias.name


#: the workflow engine and the modules built on it (other areas are outside issue 15)
ENGINE_MODULES = ("app.workflow", "app.services.cases", "app.services.case_letters", "app.services.jamkesda",
                  "app.services.letters", "app.services.survey", "app.services.complaints")


def test_no_module_imports_private_helpers_of_the_engine():
    bad = [f"{p.relative_to(ROOT)}: from {m} import {n}" for folder in ("app", "ui")
           for p, m, n in _imports(ROOT / folder)
           if n.startswith("_") and not n.startswith("__") and m.startswith(ENGINE_MODULES)]
    assert bad == []
    attribute_use = [p for p in sorted((ROOT / "app").rglob("*.py")) if p.name != "cases.py"
                     and "cases._" in p.read_text(encoding="utf-8")]
    assert attribute_use == []


def test_engine_names_no_service():
    text = (ROOT / "app/workflow/engine.py").read_text(encoding="utf-8")
    for code in servicedefs.load_all():
        assert f'"{code}"' not in text
    assert "jamkesda" not in text and "releases_quota" not in text


def test_shipped_hooks_resolve_to_registered_functions():
    declared = {(d.code, e, n) for d in servicedefs.load_all().values() for e, names in d.hooks.items() for n in names}
    assert ("jamkesda", "on_open", "jamkesda.periode_kuota") in declared
    assert ("jamkesda", "on_close", "jamkesda.lepas_slot") in declared
    assert ("penonaktifan", "on_close", "jamkesda.keluar_kuota") in declared
    for _code, event, name in declared:
        assert callable(hooks.resolve(name))
        assert event in hooks.CATALOGUE[name].events


@pytest.mark.parametrize(("text", "old", "new", "words"), [
    (JAMKESDA, '"jamkesda.lepas_slot"', '"jamkesda.hapus_semua"', "hook tidak dikenal 'jamkesda.hapus_semua'"),
    (JAMKESDA, "on_close = [", "on_bayar = [", "peristiwa hook tidak dikenal 'on_bayar'"),
    (JAMKESDA, 'on_open = ["jamkesda.periode_kuota"]', 'on_open = ["jamkesda.lepas_slot"]',
     "hook 'jamkesda.lepas_slot' hanya untuk on_close"),
    (PENONAKTIFAN, 'hooks = { on_close = ["jamkesda.keluar_kuota"] }', "", "memerlukan [hooks] on_close"),
])
def test_bad_hooks_refused(text, old, new, words):
    changed = text.replace(old, new)
    assert changed != text
    with pytest.raises(ServiceDefinitionError) as err:
        servicedefs.parse_definition(changed, "x.toml")
    assert words in str(err.value)


def test_ranking_without_its_quota_hooks_refused():
    changed = JAMKESDA.replace('hooks = { on_open = ["jamkesda.periode_kuota"], on_close = ["jamkesda.lepas_slot"] }',
                               'hooks = { on_close = ["jamkesda.lepas_slot"] }')
    assert changed != JAMKESDA
    with pytest.raises(ServiceDefinitionError, match="jamkesda.periode_kuota"):
        servicedefs.parse_definition(changed, "x.toml")


def test_the_wizard_page_is_named_by_the_definition():
    from app.servicedefs.loader import INTAKE_PAGES

    pages = {d.code: d.intake_page for d in servicedefs.load_all().values()}
    assert pages == {"pbi-baru": "darurat", "penonaktifan": "penonaktifan", "reaktivasi-sk": "reaktivasi_sk",
                     "reaktivasi-rekom": "reaktivasi_rekom", "jamkesda": "jamkesda"}
    assert set(pages.values()) <= set(INTAKE_PAGES)
    changed = JAMKESDA.replace('intake_page = "jamkesda"', 'intake_page = "kuis"')
    assert changed != JAMKESDA
    with pytest.raises(ServiceDefinitionError, match="halaman wizard tidak dikenal 'kuis'"):
        servicedefs.parse_definition(changed, "x.toml")


def test_hooks_run_inside_the_moves_transaction(office, staff, monkeypatch):
    """A hook that fails undoes the whole move: the case stays as it was (same step, version, no log)."""
    from sqlmodel import func, select

    from app.db.models import AuditEntry, StepLog
    from app.services import cases
    from tests.services.helpers import kk, nik

    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="Warga 1",
                        no_kk=kk(1))
    assert c.data["quota_period"]  # the on_open hook ran with the intake
    seen = []

    def broken(ctx: hooks.HookContext) -> None:
        seen.append((ctx.event, ctx.outcome, ctx.case.reg_number))
        raise RuntimeError("hook gagal")

    monkeypatch.setitem(hooks._REGISTRY, "jamkesda.lepas_slot", broken)

    def written():
        with office.db.read() as s:
            return (s.exec(select(func.count()).select_from(StepLog)).one(),
                    s.exec(select(func.count()).select_from(AuditEntry)).one())

    before = written()
    with pytest.raises(RuntimeError):
        cases.reject(office, actor=staff.front_office, case_id=c.id, version=c.version, reason="Pemohon membatalkan")
    assert seen == [("on_close", "ditolak", c.reg_number)]
    after = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    assert after.is_open and after.version == c.version and written() == before
