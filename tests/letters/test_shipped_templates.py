"""Every Word template shipped in resources/templates — the .docx files are the source, edited in Word — is
rendered through the letters service with realistic data and checked: known placeholders only, nothing left
unrendered, the paper the office chose, the emblem and the QR code in place; and git can show it as text."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from app.documents import catalog, placeholders
from app.documents.examples import example_data
from app.documents.render import docx_text
from app.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(resource_path("templates").glob("*.docx"))


def test_every_shipped_file_is_a_known_letter_and_every_letter_has_its_file():
    assert {p.stem for p in SHIPPED} == set(catalog.KINDS)
    readme = resource_path("templates", "README.md").read_text(encoding="utf-8")
    for p in SHIPPED:
        assert f"`{p.name}`" in readme, f"{p.name} is not in resources/templates/README.md"


@pytest.mark.parametrize("template", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_source_template_is_a4_with_known_placeholders(template):
    check = placeholders.validate_template(template)  # an unknown or misspelled placeholder raises
    assert check.used
    doc = Document(str(template))
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), template.name
        assert 10 <= round(section.left_margin.mm) <= 40 and 10 <= round(section.right_margin.mm) <= 40


@pytest.mark.parametrize("paper,size", [("A4", (210, 297)), ("F4", (215, 330))])
def test_every_template_renders_through_the_service(lo, tmp_path, paper, size):
    from app.services import letters
    from app.services import settings as settings_svc

    office, admin, clerk, _boss = lo
    cfg = letters.load_settings(office)
    settings_svc.save(office, actor=admin, section=letters.SECTION, value=replace(cfg, paper=paper))
    for template in SHIPPED:
        key = template.stem
        info = letters.issue_letter(office, actor=admin, letter_type=key, data=example_data(key), signer=True)
        text = docx_text(info.docx_path)
        assert "{{" not in text and "{%" not in text and "}}" not in text, key
        if key != "tanda_terima":
            assert info.number in text, key
        doc = Document(str(info.docx_path))
        for section in doc.sections:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == size, (key, paper)
        used = placeholders.validate_template(template).used
        images = int("kantor.lambang" in used) + int("qr" in used)
        assert len(doc.inline_shapes) == images, key


def test_git_shows_a_template_as_text():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "*.docx diff=docx" in attributes
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "docx_textconv.py"),
                          str(resource_path("templates", "rekomendasi_pbi.docx"))],
                         capture_output=True, text=True, check=True).stdout
    assert "| Nomor | : | {{ surat.nomor }} |" in out and "Yth. {{ tujuan.yth }}" in out
    assert "[bagian 1: kertas 210 × 297 mm, margin top 10 right 20 bottom 12 left 25]" in out
