#!/usr/bin/env bash
# Refresh the translation source from the ui/ code, then compile it.
#   scripts/update-translations.sh
# 1. pyside6-lupdate collects every tr()/translate()/QT_TRANSLATE_NOOP text of ui/ into
#    resources/translations/loket_pbi_en.ts (new texts come in as unfinished; removed ones are dropped).
# 2. Fill in the English for the unfinished texts (Qt Linguist, or any editor).
# 3. pyside6-lrelease compiles the .ts into the .qm the app loads. Commit both.
# 4. scripts/make_qt_id_ts.py writes qt_id.ts (Indonesian for Qt's own dialogs); it is compiled the same way.
# Conventions for wrapping texts: the docstring of ui/i18n.py.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
TS=resources/translations/loket_pbi_en.ts
mapfile -t SOURCES < <(find ui -name '*.py' | LC_ALL=C sort)
"$BIN/pyside6-lupdate" -no-obsolete -locations none -source-language id -target-language en \
    "${SOURCES[@]}" -ts "$TS"
"$BIN/pyside6-lrelease" "$TS" -qm "${TS%.ts}.qm"
# Qt's own texts in Indonesian (standard buttons, print and file dialogs): PySide6 ships no qtbase_id.qm.
"$BIN/python" scripts/make_qt_id_ts.py
"$BIN/pyside6-lrelease" resources/translations/qt_id.ts -qm resources/translations/qt_id.qm
