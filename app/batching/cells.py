"""Making cell values safe: no spreadsheet may run an exported value as a formula.

A value that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be taken for a
formula (CSV injection, OWASP). In the **CSV** such a value is written with a leading apostrophe
(``'=1+1``), which Excel and LibreOffice show as text. In the **XLSX** the value is kept exactly but
written as a text cell with Excel's own "quote prefix" flag, so it is never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Characters XML 1.0 forbids (openpyxl refuses them); they never belong in a name or an address.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean_text(value: object) -> str:
    """Any value as text without characters a spreadsheet file cannot hold."""
    if value is None:
        return ""
    return _ILLEGAL_XML.sub("", str(value))


def clean_texts(values: Iterable[object]) -> list[str]:
    """:func:`clean_text` of each value; one check of the whole row in the usual case of clean strings."""
    texts = [v if type(v) is str else clean_text(v) for v in values]
    if _ILLEGAL_XML.search("".join(texts)):
        texts = [clean_text(t) for t in texts]
    return texts


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def neutralise_csv(text: str) -> str:
    """The CSV form of a value: formula-like values get a leading apostrophe."""
    return "'" + text if is_formula_like(text) else text
