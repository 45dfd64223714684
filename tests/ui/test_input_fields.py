"""The widgets of the core's input registry: the counter wizard's service pages and the inputs of a step are
drawn by one factory from one registry, start empty, and carry every text into the translation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.servicedefs import fields as registry
from app.servicedefs import get as get_definition
from app.services import settings
from tests.ui.test_service_wizards import make_wizard


@pytest.fixture
def officer(make_user):
    return make_user("front_office")


def _registry_texts() -> set[str]:
    out: set[str] = set()
    for f in registry.FIELDS.values():
        out |= {f.label, *(label for _v, label in f.choices)}
        if f.placeholder:
            out.add(f.placeholder)
    return out | {g.label for g in registry.GROUPS.values()}


def test_every_registry_text_is_in_the_translation(qapp):
    from ui import i18n
    from ui.views.input_fields import TEXTS, text

    assert _registry_texts() <= set(TEXTS)
    assert i18n.install("en") == "en"
    try:
        assert text("Daya listrik (VA)") == "Electricity load (VA)"
        untranslated = [t for t in _registry_texts() if text(t) == t]
        assert untranslated == []
    finally:
        i18n.install("id")


def test_every_field_starts_empty(qtbot):
    from ui.views.input_fields import FieldInputs

    inputs = FieldInputs(registry.FIELDS.values(), {}, RuleSettings())
    for w in inputs.widgets.values():
        qtbot.addWidget(w)
    values = inputs.state()
    assert values.pop("urgent") is False  # a box not ticked
    assert not any(values.pop("indicators").values())  # no indicator ticked for the officer
    assert values == dict.fromkeys(values)  # every other field: nothing until typed


def _items(box: QComboBox) -> list:
    return [box.itemData(i) for i in range(box.count())]


def test_the_counter_page_and_the_step_ask_the_same_fact_the_same_way(qtbot, office, officer):
    """Reaktivasi SK asks the BPJS status and the date at the counter and again at its status step."""
    from ui.views.step_inputs import StepInputs

    w = make_wizard(qtbot, office, officer, "reaktivasi-sk")
    page = w.service_page
    defn = get_definition(office, "reaktivasi-sk")
    step = next(s for s in defn.steps if s.route == "status_bpjs")
    inputs = StepInputs(step, {"bpjs_status": "nonaktif", "deactivated_on": "2026-09-15"},
                        settings.load(office, RULES_SECTION, RuleSettings))
    qtbot.addWidget(inputs)
    assert list(page.inputs.widgets) == list(inputs.fields) == ["bpjs_status", "deactivated_on"]
    for key, widget in page.inputs.widgets.items():
        assert type(widget) is type(inputs.fields[key]), key
    assert _items(page.status) == _items(inputs.fields["bpjs_status"]) == [None, "nonaktif", "aktif"]
    # what the case holds is shown at the step; the counter page starts empty
    assert inputs.values() == {"bpjs_status": "nonaktif", "deactivated_on": "2026-09-15"}
    assert page.data() == {}


def test_a_draft_keeps_the_page_and_an_older_draft_still_restores(qtbot, office, officer):
    w = make_wizard(qtbot, office, officer, "penonaktifan")
    page = w.service_page
    page.restore({"reason": "meninggal", "evidence": "Surat kematian",  # the keys of an older draft
                  "reporter": {"nama": "Ahmad Fauzi", "nik": "1971010505800004", "hubungan": "Anak"}})
    assert page.reason.currentData() == "meninggal" and page.evidence.text() == "Surat kematian"
    assert page.reporter_name.text() == "Ahmad Fauzi" and page.reporter_relation.currentText() == "Anak"
    state = page.page_state()
    other = make_wizard(qtbot, office, officer, "penonaktifan").service_page
    other.restore(state)
    assert other.page_state() == state


def test_rekom_page_restores_its_ticked_confirmation(qtbot, office, officer):
    page = make_wizard(qtbot, office, officer, "reaktivasi-rekom").service_page
    page.restore({"deactivated_on": "2026-09-15", "confirmed": True, "confirmed_by": "Rina",
                  "confirmed_at": "2026-12-03T09:10", "answer": "sudah_aktif", "note": "via telepon"})
    assert page.confirm.isChecked() and page.when.text() == "03-12-2026 09.10"
    assert page.bpjs_confirmation() == {"confirmed_by": "Rina", "confirmed_at": "2026-12-03T09:10",
                                        "answer": "sudah_aktif", "note": "via telepon"}
