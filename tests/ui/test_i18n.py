"""The interface language: the English translation is complete and compiled, and the window speaks it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.ui.casedata import new_runner, settle

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "loket_pbi_en.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{\w*\}")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            out.append((name, m.findtext("source"), m.find("translation")))
    return out


@pytest.fixture
def language():
    """Switch the installed translation for a test; Indonesian again afterwards."""
    from ui import i18n

    yield i18n.install
    i18n.install("id")



def test_qm_is_compiled_from_the_current_ts(tmp_path):
    out = tmp_path / "check.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run scripts/update-translations.sh and commit the .qm"


def test_ts_holds_every_text_of_the_code(tmp_path):
    """Every tr()/translate() text of ui/ is in the .ts (lupdate finds nothing new or gone)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = {(c, s) for c, s, _t in _messages(fresh)}
    in_ts = {(c, s) for c, s, _t in _messages(TS)}
    assert in_code - in_ts == set(), "new texts: run scripts/update-translations.sh and translate them"
    assert in_ts - in_code == set(), "texts no longer in the code: run scripts/update-translations.sh"


def test_every_message_is_translated_with_its_placeholders():
    messages = _messages(TS)
    assert len(messages) > 300
    for context, source, tr in messages:
        where = f"{context}: {source!r}"
        assert tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete"), where
        assert (tr.text or "").strip(), where
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(tr.text)), where
        if "<" not in source:  # an accelerator stays an accelerator
            assert ("&" in source) == ("&" in tr.text), where


def _tr_calls(tree: ast.AST):
    """(line, text argument) of every tr(), translate() and QT_TRANSLATE_NOOP() call."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name == "tr" and node.args:
            yield node.lineno, node.args[0]
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            yield node.lineno, node.args[1]


def test_no_translated_text_is_built_at_run_time():
    """An f-string, a + or a .format() inside tr() would never match the .ts: format after translating."""
    bad = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for line, arg in _tr_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(arg, ast.JoinedStr | ast.BinOp) or (
                    isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format"):
                bad.append(f"{path.relative_to(ROOT)}:{line}")
    assert bad == []


def test_language_choice_order(monkeypatch, tmp_path):
    from ui import i18n

    monkeypatch.delenv(i18n.ENV_LANGUAGE, raising=False)
    assert i18n.choose_language(None, None) == "id"
    assert i18n.choose_language(None, "en") == "en"
    monkeypatch.setenv(i18n.ENV_LANGUAGE, "EN_us")
    assert i18n.choose_language(None, "id") == "en"
    assert i18n.choose_language("id", "en") == "id"
    assert i18n.choose_language("klingon", None) == "en"  # unknown values are passed over
    assert i18n.normalise("English") == "en" and i18n.normalise("") is None


def test_start_reads_the_language_from_config_json(qtbot, tmp_path, language, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from app.config import LocalConfig
    from ui import i18n
    from ui.main import start_language

    monkeypatch.delenv(i18n.ENV_LANGUAGE, raising=False)
    LocalConfig(language="en").save(tmp_path / "config.json")
    assert start_language(QApplication.instance(), tmp_path, None) == "en"
    assert i18n.current_language() == "en"
    assert start_language(QApplication.instance(), tmp_path, "id") == "id"
    (tmp_path / "config.json").write_text("{broken", encoding="utf-8")
    assert start_language(QApplication.instance(), tmp_path, None) == "id"


def _main_window(qtbot, office, admin):
    from ui.main_window import MainWindow
    from ui.session import UiSession

    runner = new_runner()
    win = MainWindow(UiSession(office, admin, runner), "Dinas Sosial Kota Pangkalpinang")
    qtbot.addWidget(win)
    runner.wait(10_000)
    return win


def test_main_window_speaks_english_or_indonesian(qtbot, office, admin, language):
    from PySide6.QtCore import QCoreApplication, Qt

    assert language("en") == "en"
    win = _main_window(qtbot, office, admin)
    nav = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert nav[:3] == ["Today's queue", "Check a NIK in DTSEN", "Case register"]
    assert "Settings" in nav
    assert win.windowTitle() == "Loket PBI — Dinas Sosial Kota Pangkalpinang"
    assert "Queue — " in win.queue.title.text()
    assert [a.text() for a in win.menuBar().actions()] == ["&File", "&Help"]
    settle()
    assert win.queue.model is not None
    assert win.queue.model.headerData(2, Qt.Orientation.Horizontal) == "Name"
    assert QCoreApplication.translate("CaseStatus", "Selesai") == "Completed"
    win.close()

    assert language("id") == "id"
    win = _main_window(qtbot, office, admin)
    nav = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert nav[:3] == ["Antrean hari ini", "Cek NIK di DTSEN", "Daftar berkas"]
    assert "Antrean — " in win.queue.title.text()
    assert [a.text() for a in win.menuBar().actions()] == ["&Berkas", "&Bantuan"]
    win.close()


def test_wizard_and_case_detail_speak_english(qtbot, office, make_user, language):
    from PySide6.QtWidgets import QWizard

    from app.rules.rule_settings import RULES_SECTION, RuleSettings
    from app.servicedefs import get as get_definition
    from app.services import cases, settings
    from tests.ui.casedata import kk, nik
    from ui.session import UiSession
    from ui.views.case_detail import CaseDetailView
    from ui.wizards.service_wizard import ServiceWizard

    officer = make_user("front_office")
    assert language("en") == "en"
    session = UiSession(office, officer, new_runner())
    w = ServiceWizard(session, get_definition(office, "pbi-baru"), settings.load(office, RULES_SECTION, RuleSettings),
                      pdf=False)
    qtbot.addWidget(w)
    w.show()
    assert w.currentPage() is w.person_page and w.person_page.title() == "Applicant details"
    assert w.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert w.buttonText(QWizard.WizardButton.CancelButton) == "&Cancel"
    assert w.draft_button.text() == "Save d&raft"
    assert w.windowTitle().startswith("New case — ")
    assert w.checklist_page.title() == "Requirements received" and w.summary_page.title() == "Summary"
    w.person_page.nik.setText("1971014501850003")
    assert w.person_page.nik_state.text().startswith("✓ Valid NIK: female, born 05-01-1985")
    settle()
    assert w.person_page.lookup_task is None
    assert "registered in DTSEN" in w.person_page.dtsen_state.text()
    w.close()

    c = cases.open_case(office, actor=officer, service_code="penonaktifan", nik=nik(1), name="Peserta", no_kk=kk(1),
                        received=["kk", "ktp", "kis", "surat_pernyataan"], data={"reason_code": "mampu"})
    v = CaseDetailView(session, c.id)
    qtbot.addWidget(v)
    v.show()
    settle()
    assert v.loaded is not None
    tabs = [v.tabs.tabText(i) for i in range(v.tabs.count())]
    assert tabs == ["&Data", "R&equirements", "Step &history", "Le&tters", "&Attachments (0)"]
    assert "Received " in v.header.text() and "Status: <b>Intake</b><br>Current step: " in v.header.text()
    assert v.advance_button.text() == "&Complete this step"
    assert v.timeline.horizontalHeaderItem(0).text() == "Step"
    assert v.missing.text() == "✓ Requirements complete."
    v.close()


def test_language_menu_saves_this_pcs_choice(qtbot, office, admin, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.config import LocalConfig

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: told.append(text))
    win = _main_window(qtbot, office, admin)
    en = win.findChild(type(win.language_actions.actions()[0]), "language_en")
    assert win.findChild(type(en), "language_id").isChecked()
    en.trigger()
    assert LocalConfig.load(office.config_path).language == "en"
    assert told and "English" in told[0] and "dibuka kembali" in told[0]
    win.close()
