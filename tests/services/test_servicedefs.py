"""Service definitions are data: the five ship; an office overrides one; a bad one is refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import servicedefs
from app.paths import resource_path
from app.servicedefs import ServiceDefinitionError
from app.services import cases
from tests.services.helpers import nik

SHIPPED = resource_path("services", "pbi-baru.toml").read_text(encoding="utf-8")


def test_five_services_ship_and_check():
    defs = servicedefs.load_all()
    assert sorted(defs) == ["jamkesda", "pbi-baru", "penonaktifan", "reaktivasi-rekom", "reaktivasi-sk"]
    for d in defs.values():
        assert d.fee == "Tidak dipungut biaya"
        assert d.batch_step is not None, d.code
        assert "tanda_terima" in d.documents
        assert all(s.minutes >= 0 for s in d.steps)
    assert defs["reaktivasi-sk"].step("paraf").chain == ("penyuluh_sosial", "kabid_linjamsos", "sekretaris")
    assert defs["penonaktifan"].step("paraf").chain == ("kasi_linjamsos", "kabid_linjamsos", "sekretaris")
    assert (defs["pbi-baru"].sla_unit, defs["pbi-baru"].sla_value) == ("minutes", 45)
    assert (defs["penonaktifan"].sla_unit, defs["penonaktifan"].sla_value) == ("working_days", 1)


def _line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.mark.parametrize(("old", "new", "words"), [
    ('role = "manager"', 'role = "direktur"', "peran tidak dikenal 'direktur'"),
    ('route = "verifikasi_lapangan"', 'route = "tebak_nasib"', "aturan rute tidak dikenal 'tebak_nasib'"),
    ('produces = ["rekomendasi_pbi"]', 'produces = ["surat_cinta"]', "dokumen tidak dikenal 'surat_cinta'"),
    ('next = "keputusan_manajer"', 'next = "usulan_entah"', "langkah tujuan tidak dikenal 'usulan_entah'"),
])
def test_unknown_names_refused_with_file_and_line(tmp_path, old, new, words):
    text = SHIPPED.replace(old, new)
    assert text != SHIPPED
    path = tmp_path / "pbi-baru.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ServiceDefinitionError) as err:
        servicedefs.load_file(path)
    assert err.value.line == _line(text, new)
    assert str(path) in str(err.value) and f"baris {err.value.line}" in str(err.value) and words in str(err.value)


def test_unknown_eligibility_rule_and_setting(tmp_path):
    text = SHIPPED.replace('eligibility = ["dtsen_terdaftar", "desil_layak"]',
                           'eligibility = ["dtsen_terdaftar", "punya_motor"]')
    with pytest.raises(ServiceDefinitionError, match="punya_motor") as err:
        servicedefs.parse_definition(text, "x.toml")
    assert err.value.line == _line(text, "punya_motor")
    text = SHIPPED.replace('code = "sktm"\n', 'code = "sktm"\noptional_when = "kalau_hujan"\n')
    with pytest.raises(ServiceDefinitionError, match="kalau_hujan") as err:
        servicedefs.parse_definition(text, "x.toml")
    assert err.value.line == _line(text, "kalau_hujan")


def test_missing_branch_and_bad_toml():
    text = SHIPPED.replace('bukan_dtsen = "verifikasi_lapangan" ', "")
    text = SHIPPED.replace(', bukan_dtsen = "verifikasi_lapangan"', "")
    with pytest.raises(ServiceDefinitionError, match="bukan_dtsen"):
        servicedefs.parse_definition(text, "x.toml")
    with pytest.raises(ServiceDefinitionError, match="baris 3"):
        servicedefs.parse_definition('code = "a"\nname = "b"\nshort = \n', "x.toml")


def test_office_override_adds_a_requirement_and_changes_a_role(office, staff):
    text = SHIPPED.replace('[[steps]]\ncode = "pemeriksaan_berkas"',
                           '[[requirements]]\ncode = "foto_rumah"\nlabel = "Foto rumah"\n\n'
                           '[[steps]]\ncode = "pemeriksaan_berkas"', 1)
    text = text.replace('role = "manager"', 'role = "kasi_linjamsos"')
    Path(office.dirs.services, "pbi-baru.toml").write_text(text, encoding="utf-8")
    d = servicedefs.get(office, "pbi-baru")
    assert d.requirements[-1].code == "foto_rumah" and d.step("keputusan_manajer").roles == ("kasi_linjamsos",)
    assert servicedefs.get(None, "pbi-baru").step("keputusan_manajer").roles == ("manager",)
    c = cases.open_case(office, actor=staff.front_office, service_code="pbi-baru", nik=nik(1), name="A",
                        received=["ktp", "kk", "sktm"])
    assert c.missing == ("Foto rumah",)


def test_bad_office_override_refused_at_startup(office):
    Path(office.dirs.services, "jamkesda.toml").write_text(
        resource_path("services", "jamkesda.toml").read_text(encoding="utf-8").replace(
            'role = "kepala_dinas"', 'role = "walikota"'), encoding="utf-8")
    with pytest.raises(ServiceDefinitionError, match=r"jamkesda.toml, baris \d+: peran tidak dikenal 'walikota'"):
        servicedefs.check_all(office)


def test_unknown_membership_effect_is_refused_in_indonesian():
    from app.servicedefs.loader import parse_definition

    text = resource_path("services", "penonaktifan.toml").read_text(encoding="utf-8")
    assert parse_definition(text, "penonaktifan.toml").membership == "keluar"
    line = next(i for i, ln in enumerate(text.splitlines(), start=1) if ln.startswith("membership ="))
    bad = text.replace('membership = "keluar"', 'membership = "berhenti"')
    with pytest.raises(ServiceDefinitionError,
                       match=rf"penonaktifan.toml, baris {line}: nilai tidak dikenal 'berhenti' pada "
                             r"'membership'. Pilihan: masuk, keluar"):
        parse_definition(bad, "penonaktifan.toml")
    # without the key a service neither starts nor ends a participation
    plain = parse_definition(text.replace('membership = "keluar"', ""), "penonaktifan.toml")
    assert plain.membership == ""
