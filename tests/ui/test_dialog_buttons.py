"""Qt's own words in Indonesian: the standard buttons of every QDialogButtonBox and QMessageBox (OK, Batal, Ya,
Tidak, Simpan, Tutup…) come from one translation, resources/translations/qt_id.qm, installed with the
Indonesian interface; the English interface keeps Qt's English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "qt_id.ts"
BIN = Path(sys.executable).parent


@pytest.fixture
def language():
    from ui import i18n

    yield i18n.install
    i18n.install("id")


def test_standard_buttons_are_indonesian(qtbot, language):
    assert language("id") == "id"
    S = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(S.Ok | S.Cancel | S.Save | S.Close | S.Yes | S.No | S.Discard | S.Apply | S.Help)
    qtbot.addWidget(box)
    words = {b: box.button(b).text().replace("&", "") for b in (S.Ok, S.Cancel, S.Save, S.Close, S.Yes, S.No,
                                                                S.Discard, S.Apply, S.Help)}
    assert words == {S.Ok: "OK", S.Cancel: "Batal", S.Save: "Simpan", S.Close: "Tutup", S.Yes: "Ya", S.No: "Tidak",
                     S.Discard: "Buang", S.Apply: "Terapkan", S.Help: "Bantuan"}
    M = QMessageBox.StandardButton
    question = QMessageBox(QMessageBox.Icon.Question, "Jalankan peringkatan", "Lanjutkan?", M.Yes | M.No)
    qtbot.addWidget(question)
    assert question.button(M.Yes).text().replace("&", "") == "Ya"
    assert question.button(M.No).text().replace("&", "") == "Tidak"


def test_the_reason_dialog_of_a_case_says_ok_and_batal(qtbot, language):
    from ui.views.case_detail import ReasonDialog

    language("id")
    dlg = ReasonDialog("Tolak berkas", "Alasan wajib diisi.")
    qtbot.addWidget(dlg)
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Batal"


def test_english_interface_keeps_qt_english(qtbot, language):
    language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


def test_qt_translation_is_generated_and_compiled_from_its_table(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_qt_id_ts
    finally:
        sys.path.pop(0)
    assert TS.read_text(encoding="utf-8") == make_qt_id_ts.build(), "run scripts/update-translations.sh"
    out = tmp_path / "qt_id.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/update-translations.sh"
