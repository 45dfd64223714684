"""The input registry (app/servicedefs/fields.py): the one place that says which fields the counter wizard's
service pages and each step ask for, and which of them may stay empty."""

from __future__ import annotations

from app import servicedefs
from app.rules.eligibility import BPJS_ANSWERS, DEACTIVATION_REASONS, ELIGIBILITY_RULES
from app.rules.routing import ROUTING_RULES
from app.servicedefs import fields
from app.servicedefs.fields import FIELDS, GROUPS, INTAKE_PAGES, intake_fields, missing, raw_value, step_fields


def test_every_entry_names_known_rules_kinds_and_fields():
    assert set(fields.ROUTE_FIELDS) <= set(ROUTING_RULES)
    assert set(fields.CHECK_FIELDS) <= set(ELIGIBILITY_RULES)
    named = [k for ks in fields.ROUTE_FIELDS.values() for k in ks]
    named += [k for ks in fields.CHECK_FIELDS.values() for k in ks]
    named += [k for p in INTAKE_PAGES.values() for k in p.fields]
    assert set(named) <= set(FIELDS)
    for f in FIELDS.values():
        assert f.kind in fields.KINDS, f.key
        assert not f.group or f.group in GROUPS, f.key
        assert (f.kind == "choice") == bool(f.choices), f.key
        assert f.kind != "choice" or f.placeholder.startswith("— pilih"), f.key  # a list starts empty
    for p in INTAKE_PAGES.values():
        assert p.later <= set(p.fields)


def test_the_core_choice_lists_are_the_rule_tables():
    """The deactivation reasons and BPJS answers offered are exactly what the rules accept."""
    assert dict(FIELDS["reason_code"].choices) == DEACTIVATION_REASONS
    assert dict(FIELDS["answer"].choices) == BPJS_ANSWERS


def test_a_shipped_step_asks_what_its_rules_read():
    defs = servicedefs.load_all()
    rekom = defs["reaktivasi-rekom"]
    by_step = {s.code: [f.key for f in step_fields(s.route, s.checks)] for s in rekom.steps}
    asked = [keys for keys in by_step.values() if keys]
    # the confirmation step asks the confirmation; the recommendation step asks the date and (once) the confirmation
    assert ["confirmed_by", "confirmed_at", "answer"] in asked
    assert ["deactivated_on", "confirmed_by", "confirmed_at", "answer"] in asked
    sk = defs["reaktivasi-sk"]
    status_step = next(s for s in sk.steps if s.route == "status_bpjs")
    assert [f.key for f in step_fields(status_step.route, status_step.checks)] == ["bpjs_status", "deactivated_on"]
    # the counter page of the same service asks the same two facts, as the same fields
    assert intake_fields(sk.intake_page) == step_fields(status_step.route, status_step.checks)
    for d in defs.values():
        assert not d.intake_page or intake_fields(d.intake_page)


def test_the_survey_may_come_later_at_intake_but_not_at_its_step():
    at_intake = {f.key: f for f in intake_fields("jamkesda")}
    assert not at_intake["indicators"].required and at_intake["electricity_va"].required
    scoring_step = step_fields("skor_jamkesda", ())
    assert [f.key for f in scoring_step] == ["indicators"] and scoring_step[0].required
    assert intake_fields("") == ()


def test_missing_names_required_fields_still_empty_and_zero_is_an_answer():
    jamkesda = intake_fields("jamkesda")
    assert [f.key for f in missing(jamkesda, {})] == ["electricity_va", "dependants"]
    assert [f.key for f in missing(jamkesda, {"electricity_va": 900, "dependants": 0})] == []
    assert [f.key for f in missing(jamkesda, {"electricity_va": "  ", "dependants": 0})] == ["electricity_va"]


def test_a_group_is_asked_whole_once_begun():
    rekom = intake_fields("reaktivasi_rekom")
    assert [f.key for f in missing(rekom, {"deactivated_on": "2026-09-15"})] == []  # the confirmation may come later
    begun = {"deactivated_on": "2026-09-15", "confirmed_by": "Rina"}
    assert [f.key for f in missing(rekom, begun)] == ["confirmed_at", "answer"]  # the note stays optional
    ticked = missing(rekom, {"deactivated_on": "2026-09-15"}, groups_given=["bpjs_confirmation"])
    assert [f.key for f in ticked] == ["confirmed_by", "confirmed_at", "answer"]


def test_raw_values_are_read_where_the_case_keeps_them():
    data = {"deactivated_on": "2026-09-15", "bpjs_confirmation": {"answer": "sudah_aktif"}, "answer": "x"}
    assert raw_value(FIELDS["deactivated_on"], data) == "2026-09-15"
    assert raw_value(FIELDS["answer"], data) == "sudah_aktif"
    assert raw_value(FIELDS["confirmed_by"], {}) is None
