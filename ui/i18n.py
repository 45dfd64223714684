"""The interface language: Bahasa Indonesia (the source texts) or English (a Qt translation).

The language is chosen once at start, before any window is built: ``--language`` on the command line,
else the ``LOKET_PBI_LANGUAGE`` environment variable, else ``language`` in this PC's ``config.json``
(:class:`app.config.LocalConfig`), else Indonesian. Changing it in the window saves ``config.json`` and
applies at the next start.

Conventions for wrapping texts in ``ui/`` (the Indonesian text is the source; English lives in
``resources/translations/loket_pbi_en.ts``):

1. In a QObject subclass (widget, dialog, model): ``self.tr("Simpan")``. lupdate files it under the class
   name; PySide6 also finds a base class's texts from a subclass instance.
2. Outside a QObject (module functions, worker helpers): ``QCoreApplication.translate("Context", "…")``
   with a literal context, e.g. the module's main class name.
3. Module-level label tables: mark each value with ``QT_TRANSLATE_NOOP("Context", "…")`` (the value stays
   Indonesian) and translate where it is shown: ``QCoreApplication.translate("Context", TABLE[key])``,
   or turn the table into a function that calls ``translate`` (see ``ui/models/case_table.py``).
4. The source must be a constant: no f-strings, no ``+`` of variables inside ``tr()``. Use named
   placeholders: ``self.tr("Kasus {reg} dibuka").format(reg=info.reg_number)``; a literal brace in a text
   that is formatted is written ``{{``. Adjacent literals (``"a" "b"``) are fine. The translation keeps
   every ``{name}``, the ``&`` accelerator and any HTML tags (tests/ui/test_i18n.py checks placeholders).
5. What the core (``app/``) says stays Indonesian: error messages, service and step names, role names,
   rule labels, and every letter. Do not wrap those.
6. After changing texts run ``scripts/update-translations.sh``, fill in the English in the ``.ts`` (Qt
   Linguist or an editor: replace ``<translation type="unfinished">``), run it again and commit both the
   ``.ts`` and the ``.qm``. tests/ui/test_i18n.py fails on an unfinished text or a stale ``.qm``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.paths import resource_path

ENV_LANGUAGE = "LOKET_PBI_LANGUAGE"
DEFAULT_LANGUAGE = "id"
#: language code -> its name in that language (shown untranslated in the language menu)
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def translation_file(language: str) -> Path:
    return resource_path("translations", f"loket_pbi_{language}.qm")


def qt_translation_file(language: str) -> Path:
    """Qt's own texts in ``language`` (only Indonesian is needed: Qt's source texts are English)."""
    return resource_path("translations", f"qt_{language}.qm")


def normalise(value: str | None) -> str | None:
    """``"EN"``, ``"en_US"``, ``"english"`` → ``"en"``; unknown or empty → None."""
    if not value:
        return None
    v = value.strip().lower().replace("-", "_")
    if v in ("english", "inggris"):
        return "en"
    if v in ("indonesia", "indonesian", "bahasa", "bahasa indonesia"):
        return "id"
    v = v.split("_", 1)[0]
    return v if v in LANGUAGES else None


def choose_language(cli_value: str | None = None, config_value: str | None = None) -> str:
    """``--language`` wins, then ``LOKET_PBI_LANGUAGE``, then ``config.json``, then Indonesian."""
    for value in (cli_value, os.environ.get(ENV_LANGUAGE), config_value):
        lang = normalise(value)
        if lang:
            return lang
    return DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def install(language: str, app: QCoreApplication | None = None) -> str:
    """Install the translators for ``language`` (replacing earlier ones); returns the language in use.

    Indonesian needs none of ours (the source texts are Indonesian), but Qt's own texts — the standard dialog
    buttons (OK/Batal/Ya/Tidak/Simpan/Tutup…), the print and file dialogs, the text-field menu — need Qt's
    ``qtbase_id.qm``, which PySide6 does not ship: :func:`qt_translation_file` is ours
    (``scripts/make_qt_id_ts.py``), loaded the same way whichever Qt dialog asks. English needs no
    ``qtbase_en``. A missing ``.qm`` falls back to Indonesian rather than stopping the start.
    """
    global _current
    app = app or QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    lang = normalise(language) or DEFAULT_LANGUAGE
    if lang != DEFAULT_LANGUAGE:
        ours = QTranslator()
        if ours.load(str(translation_file(lang))):
            _installed.append(ours)
        else:
            lang = DEFAULT_LANGUAGE
    if lang == DEFAULT_LANGUAGE:
        qt = QTranslator()
        if qt.load(str(qt_translation_file(lang))):
            _installed.append(qt)
    if app is not None:
        for t in _installed:
            app.installTranslator(t)
    _current = lang
    return lang
