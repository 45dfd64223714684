"""Settings read from the database are validated (pydantic over the frozen dataclasses) and upgraded by
version (app/services/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from app.db.models import Setting
from app.errors import ValidationError
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import settings


def _store(office, section: str, value: dict) -> None:
    with office.db.write() as s:
        row = s.get(Setting, section) or Setting(key=section, value={})
        row.value = value
        s.add(row)


def test_stored_values_of_the_wrong_type_are_refused_naming_section_and_setting(office, admin):
    _store(office, RULES_SECTION, {"desil_min": "lima", "uhc_priority": "kadang", "sla": [1]})
    with pytest.raises(ValidationError) as exc:
        settings.load(office, RULES_SECTION, RuleSettings)
    text = str(exc.value)
    assert text.startswith("Pengaturan 'rules' tidak sah:")
    assert "'desil_min' harus bilangan bulat (isian: 'lima')" in text
    assert "'uhc_priority' harus ya/tidak" in text and "'sla' harus pasangan kunci–nilai" in text
    assert text.endswith("Perbaiki di menu Pengaturan.")
    with office.db.read() as s, pytest.raises(ValidationError):
        settings.load_in(s, RULES_SECTION, RuleSettings)


def test_json_like_values_are_converted_and_unknown_keys_ignored(office):
    _store(office, RULES_SECTION, {"desil_max": "4", "removed_in_a_later_version": True,
                                   "extra_holidays": ["2026-12-24"]})
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    assert cfg.desil_max == 4 and cfg.extra_holidays == ["2026-12-24"] and cfg.desil_min == 1


def test_rules_between_fields_still_apply_after_the_types(office):
    _store(office, RULES_SECTION, {"desil_min": 7, "desil_max": 3})
    with pytest.raises(ValidationError, match="Rentang desil"):
        settings.load(office, RULES_SECTION, RuleSettings)


def test_save_validates_and_stores_the_sections_version(office, admin):
    cfg = replace(settings.load(office, RULES_SECTION, RuleSettings), desil_max=4)
    settings.save(office, actor=admin, section=RULES_SECTION, value=cfg)
    with office.db.read() as s:
        stored = s.get(Setting, RULES_SECTION).value
    assert stored[settings.VERSION_KEY] == settings.current_version(RULES_SECTION) and stored["desil_max"] == 4
    assert settings.load(office, RULES_SECTION, RuleSettings) == cfg
    bad = object.__new__(RuleSettings)  # a value that skipped the dataclass's checks
    object.__setattr__(bad, "__dict__", {**cfg.__dict__, "desil_min": "x"})
    with pytest.raises(ValidationError, match="desil_min"):
        settings.save(office, actor=admin, section=RULES_SECTION, value=bad)


@dataclass(frozen=True)
class CounterSettings:
    """A section as a later version has it: 'minutes' replaced the old 'hours', 'names' became a list."""

    minutes: int = 30
    names: list[str] = field(default_factory=list)
    plain_new_field: bool = False  # added later with a default: no upgrade step needed


def test_stored_settings_are_upgraded_step_by_step(office, admin, monkeypatch):
    section = "uji_loket"
    monkeypatch.setitem(settings._UPGRADES, section, [])

    @settings.upgrade(section, 1)
    def hours_to_minutes(raw: dict) -> dict:
        if "hours" in raw:
            raw["minutes"] = int(raw.pop("hours")) * 60
        return raw

    @settings.upgrade(section, 2)
    def names_as_list(raw: dict) -> dict:
        if isinstance(raw.get("names"), str):
            raw["names"] = [n.strip() for n in raw["names"].split(",") if n.strip()]
        return raw

    with pytest.raises(RuntimeError, match="out of order"):
        settings.upgrade(section, 5)(names_as_list)

    _store(office, section, {"hours": 2, "names": "Loket 1, Loket 2"})  # written by version 0 (no key)
    assert settings.load(office, section, CounterSettings) == CounterSettings(120, ["Loket 1", "Loket 2"])
    with office.db.read() as s:
        assert s.get(Setting, section).value == {"hours": 2, "names": "Loket 1, Loket 2"}  # a read writes nothing
    _store(office, section, {settings.VERSION_KEY: 1, "minutes": 45, "names": "A"})  # from version 1: step 2 only
    assert settings.load(office, section, CounterSettings) == CounterSettings(45, ["A"])
    settings.save(office, actor=admin, section=section, value=CounterSettings(50, ["B"]))
    with office.db.read() as s:
        assert s.get(Setting, section).value[settings.VERSION_KEY] == 2
    _store(office, section, {settings.VERSION_KEY: 3, "minutes": 1})
    with pytest.raises(ValidationError, match="versi Loket PBI yang lebih baru"):
        settings.load(office, section, CounterSettings)
