"""Making cell values safe: no spreadsheet may run an exported value as a formula.

A value that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be taken for a
formula (CSV injection, OWASP). In the **XLSX** every such value is kept exactly and written as a text cell
with Excel's own "quote prefix" flag, so it is never evaluated.

The **CSV** goes to BPJS's system, which reads values, not formulas: a changed value is a wrong value. So only
a value that *would do something* as a formula gets a leading apostrophe (``'=HYPERLINK(…)``,
``'-2+3+cmd|' /C calc'!A0``, ``'@SUM(A1)``): one that starts with ``=``, or with ``+ - @`` (after any
leading tabs, line breaks or spaces) and holds anything beyond a plain number or plain words. Left as they are:

* phone numbers and numbers — ``+62 812-3456-7890``, ``(0717) 123``, ``-1``: digits, spaces, dots, dashes,
  parentheses, one leading sign;
* names — ``-Budi``, ``@Siti``, ``- Nur'aini``: letters, spaces and ``. , ' ’ -``.

Neither can call a function, reach another cell, or run a program (DDE needs ``|``, a call needs ``(`` after
letters, a reference a digit after letters). Every CSV cell is also quoted (``csv.QUOTE_ALL``): a program
that types quoted fields as text (LibreOffice's "Format quoted field as text", most import tools) keeps
``+62…`` and leading zeros; Excel users open the XLSX, where every cell is text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRIGGER_CHARS = frozenset("=+-@\t\r")

# Each a single character class repeated (linear time whatever the value).
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9 ().-]+")
_PLAIN_WORDS = re.compile(r"[-+@](?:[^\W\d_]|[\s.,'’ʼ-])*")

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
    """Starts like a formula (the XLSX marks every such cell as text; it changes nothing there)."""
    return text.startswith(FORMULA_TRIGGERS)


def is_active_formula(text: str) -> bool:
    """Would a spreadsheet run ``text`` as a formula that does something (see the module's rules)?"""
    core = text.lstrip(" \t\r\n")
    if not core or core[0] not in "=+-@":
        return False
    if core[0] == "=":
        return True
    return not (_PLAIN_NUMBER.fullmatch(core) or _PLAIN_WORDS.fullmatch(core))


def neutralise_csv(text: str) -> str:
    """The CSV form of a value: an active formula gets a leading apostrophe; names and numbers stay as they are."""
    return "'" + text if text[:1] in TRIGGER_CHARS and is_active_formula(text) else text
