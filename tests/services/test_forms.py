"""Forms handed to the applicant (issue 17): each template re-opened with python-docx and its fields checked,
filled from the case (or from what the wizard typed), with dotted lines for what the applicant writes; the
reporter (pelapor) of a death recorded in the case data and printed on the statement, receipt and letter."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from docx import Document
from sqlmodel import col, select

from app.db.models import AuditEntry
from app.documents import examples, placeholders
from app.documents.render import docx_text
from app.errors import ValidationError
from app.paths import resource_path
from app.rules import reporter, scoring
from app.rules.rule_settings import RULES_SECTION, RuleSettings
from app.services import case_letters, cases, forms, settings
from app.services import office as office_svc
from tests.services.helpers import kk, nik

pytestmark = pytest.mark.clock

PERSON = {"address": "Jl. Melati No. 7", "rt": "003", "rw": "001", "kelurahan": "Bukit Intan",
          "kecamatan": "Girimaya", "birth_date": "1980-01-01", "birth_place": "Pangkalpinang", "sex": "P",
          "phone": "081234567890"}
REPORTER = {"nama": "AHMAD FAUZI", "nik": nik(90, day=5, month=5), "hubungan": "Anak", "no_hp": "081299990000"}


def _text(result: forms.FormResult) -> str:
    assert result.docx_path.exists() and result.docx_path.parent.name == "formulir"
    text = docx_text(result.docx_path)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    return text


@pytest.mark.parametrize("key", list(forms.FORMS))
def test_every_form_template_is_a4_with_known_placeholders(key):
    path = resource_path("templates", "formulir", f"{key}.docx")
    check = placeholders.validate_template(path)  # an unknown placeholder raises
    assert check.used
    for section in Document(str(path)).sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_jamkesda_forms_from_the_case_one_row_per_indicator_of_the_selected_set(office, admin, staff):
    c = cases.open_case(office, actor=staff.front_office, service_code="jamkesda", nik=nik(1), name="SITI AMINAH",
                        no_kk=kk(1), person=PERSON)
    assert [f.key for f in forms.forms_for("jamkesda")] == ["daftar_isian_jamkesda", "pernyataan_calon_peserta"]
    res = forms.render_form(office, actor=staff.front_office, key="daftar_isian_jamkesda", case_id=c.id)
    text = _text(res)
    for expected in ("DAFTAR ISIAN VERIFIKASI INDIKATOR", "SITI AMINAH", nik(1), kk(1), c.reg_number,
                     "Pangkalpinang, 1 Januari 1980", "Perempuan", "Jl. Melati No. 7 RT 003 RW 001", "Bukit Intan",
                     "Keputusan Menteri Sosial Nomor 262/HUK/2022", "900 VA"):
        assert expected in text, expected
    iset = scoring.INDICATOR_SETS["kepmensos_262_2022"]
    table = next(t for t in Document(str(res.docx_path)).tables if t.rows[0].cells[1].text == "Indikator")
    assert len(table.rows) == 1 + len(iset.indicators)
    assert [r.cells[1].text for r in table.rows[1:]] == [i.label for i in iset.indicators]
    # the answers decide eligibility: never pre-filled, both boxes empty
    assert {r.cells[2].text for r in table.rows[1:]} == {"\u2610"} == {r.cells[3].text for r in table.rows[1:]}
    # the other set, when the office selects it
    cfg = settings.load(office, RULES_SECTION, RuleSettings)
    settings.save(office, actor=admin, section=RULES_SECTION,
                  value=dataclasses.replace(cfg, indicator_set="kepmensos_146_2013"))
    res = forms.render_form(office, actor=staff.front_office, key="daftar_isian_jamkesda", case_id=c.id)
    table = next(t for t in Document(str(res.docx_path)).tables if t.rows[0].cells[1].text == "Indikator")
    assert len(table.rows) == 1 + len(scoring.INDICATOR_SETS["kepmensos_146_2013"].indicators)
    text = _text(forms.render_form(office, actor=staff.front_office, key="pernyataan_calon_peserta", case_id=c.id))
    for expected in ("SURAT PERNYATAAN", "CALON PESERTA JAMINAN KESEHATAN DAERAH", "SITI AMINAH", nik(1),
                     "penduduk Kota Pangkalpinang", "Meterai", "Lurah Bukit Intan", "Yang membuat pernyataan"):
        assert expected in text, expected
    with office.db.read() as s:
        printed = s.exec(select(AuditEntry).where(AuditEntry.action == "form.print")
                         .order_by(col(AuditEntry.id))).all()
        assert len(printed) == 3 and printed[-1].new_values == {"form": "pernyataan_calon_peserta"}


def test_form_from_the_wizard_before_the_case_exists_has_blank_lines(office, staff):
    res = forms.render_form(office, actor=staff.front_office, key="registrasi_reaktivasi",
                            person={"nik": nik(2), "name": "BUDI"}, service_code="reaktivasi-rekom")
    text = _text(res)
    assert "BUDI" in text and nik(2) in text and "REAKTIVASI" in text
    rows = {r.cells[0].text: r.cells[2].text for t in Document(str(res.docx_path)).tables for r in t.rows
            if len(r.cells) == 3}
    assert rows["Nomor KK"] == forms.BLANK and rows["Nomor Kartu JKN-KIS"] == forms.BLANK
    assert rows["Jenis Kelamin"] == "Laki-laki / Perempuan *)" and rows["Nonaktif sejak"] == forms.SHORT
    with pytest.raises(ValidationError, match="bukan formulir layanan"):
        forms.render_form(office, actor=staff.front_office, key="registrasi_reaktivasi", service_code="jamkesda")
    with pytest.raises(ValidationError, match="tidak dikenal"):
        forms.render_form(office, actor=staff.front_office, key="formulir_x")


def test_reporter_of_a_death_recorded_checked_and_printed(office, admin, staff):
    with pytest.raises(ValidationError, match="hubungan"):
        reporter.clean({"nama": "A", "nik": REPORTER["nik"]})
    with pytest.raises(ValidationError, match="NIK"):
        reporter.clean({**REPORTER, "nik": "123"})
    with pytest.raises(ValidationError, match="orang lain"):
        reporter.clean(REPORTER, participant_nik=REPORTER["nik"])
    assert reporter.clean({"nama": " ", "nik": ""}) == {}
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=admin, position_key=key, position_title=title, name=name, nip=nip,
                                 rank=rank, acting=acting)
    c = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(3), name="ALMARHUM",
                        no_kk=kk(3), received=["kk", "ktp", "kis", "surat_pernyataan"], person=PERSON,
                        data={"reason_code": "meninggal", "bukti": "Surat kematian",
                              "pelapor": reporter.clean(REPORTER)})
    text = _text(forms.render_form(office, actor=staff.front_office, key="pernyataan_penonaktifan", case_id=c.id))
    for expected in ("AHMAD FAUZI", REPORTER["nik"], "Anak", "ALMARHUM", nik(3), "Meninggal dunia", "Pindah domisili",
                     "Data tidak valid", "Meterai"):
        assert expected in text, expected
    receipt = docx_text(case_letters.issue_document(office, actor=staff.front_office, case_id=c.id,
                                                    key="tanda_terima").docx_path)
    assert f"AHMAD FAUZI (Anak), NIK {REPORTER['nik']}" in receipt and "ALMARHUM" in receipt
    c = cases.get_case(office, actor=staff.front_office, case_id=c.id)
    cases.advance(office, actor=staff.front_office, case_id=c.id, version=c.version)  # to its letter's step
    letter = docx_text(case_letters.issue_document(office, actor=staff.back_office, case_id=c.id,
                                                   key="rekomendasi_penonaktifan").docx_path)
    assert "Pelapor" in letter and "AHMAD FAUZI (Anak)" in letter
    # without a reporter (the participant came in person) the line is left out
    c2 = cases.open_case(office, actor=staff.front_office, service_code="penonaktifan", nik=nik(4), name="B",
                         no_kk=kk(4), received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    receipt2 = docx_text(case_letters.issue_document(office, actor=staff.front_office, case_id=c2.id,
                                                     key="tanda_terima").docx_path)
    assert "Pelapor" not in receipt2
    # the statement form then has dotted lines for the declarer
    text2 = _text(forms.render_form(office, actor=staff.front_office, key="pernyataan_penonaktifan", case_id=c2.id))
    assert forms.BLANK in text2


def test_invalid_reporter_stops_the_deactivation_step(office, staff):
    from app.rules.context import RuleContext
    from app.rules.eligibility import alasan_penonaktifan

    ok = alasan_penonaktifan(RuleContext("penonaktifan", {"reason_code": "meninggal",
                                                           "pelapor": reporter.clean(REPORTER)},
                                         RuleSettings(), date(2026, 11, 2)))
    bad = alasan_penonaktifan(RuleContext("penonaktifan", {"reason_code": "meninggal",
                                                            "pelapor": {"nama": "X", "nik": "1"}},
                                          RuleSettings(), date(2026, 11, 2)))
    assert ok.ok and not bad.ok and "pelapor" in bad.message.lower()
