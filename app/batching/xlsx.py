"""A streamed one-sheet XLSX of text cells, written straight as SpreadsheetML.

A batch's data file is a plain table: a bold header row, then only text cells (identifiers such as
NIK, No KK and card numbers must never turn into numbers). openpyxl's write-only mode makes a cell
object, a style lookup and an lxml element for each of the ~1,000,000 cells of a 50,000-case batch,
which was most of the time of closing a batch (issue 8). This writer produces the same kind of file
— every value an inline string (``t="inlineStr"``, as openpyxl writes them), the header bold, a
formula-like value flagged with Excel's "quote prefix" so it stays text — by writing the XML text of
each row into the deflated ``xl/worksheets/sheet1.xml`` member as it goes: memory stays flat and a
row costs a few string operations. The header row is frozen.

Values must already be clean text (:func:`app.batching.cells.clean_text`: no characters XML 1.0
forbids); empty values leave the cell out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from app.batching.cells import FORMULA_TRIGGERS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    _DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    _DECL + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    _DECL + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_APP = (
    _DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Loket PBI</Application></Properties>"
)
# Cell formats: 0 normal, 1 bold (header), 2 quote prefix (a formula-like value kept as text), 3 both.
STYLE_HEADER, STYLE_QUOTED = 1, 2
_STYLES = (
    _DECL + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    _DECL + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews>"
    '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
)
_SHEET_TAIL = ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
               'footer="0.3"/></worksheet>')
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_BUFFER_ROWS = 500


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``25`` → ``Z``, ``26`` → ``AA``."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _attr(text: str) -> str:
    return text.translate(_ESCAPES).replace('"', "&quot;")


def _cell(ref: str, text: str, style: int = 0) -> str:
    """One inline-string cell; ``text`` must be non-empty."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        text = text.translate(_ESCAPES)
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


class XlsxTextWriter:
    """Write ``path`` as a one-sheet workbook: ``headers`` in bold, then rows added with :meth:`append`.

    The file is complete only after :meth:`close`; :meth:`abort` closes it without finishing it (the
    caller removes it).
    """

    def __init__(self, path: Path, headers: Sequence[str], *, sheet_title: str = "Data",
                 compresslevel: int = 6):
        self.path = path
        self._letters = [column_letter(i) for i in range(max(len(headers), 1))]
        self._row = 0
        self._buf: list[str] = []
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        try:
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            title = _attr(sheet_title[:31] or "Data")
            self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES)
            self._zip.writestr("_rels/.rels", _ROOT_RELS)
            self._zip.writestr("docProps/app.xml", _APP)
            self._zip.writestr("docProps/core.xml", (
                _DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
                'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Loket PBI</dc:creator>'
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'))
            self._zip.writestr("xl/workbook.xml", (
                _DECL + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
                f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
            self._zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
            self._zip.writestr("xl/styles.xml", _STYLES)
            self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
            self._buf.append(_SHEET_HEAD)
            self._append([str(h) for h in headers], STYLE_HEADER)
        except BaseException:
            self._zip.close()
            raise

    def _append(self, texts: Sequence[str], style: int = 0) -> None:
        self._row += 1
        n = self._row
        parts = [f'<row r="{n}">']
        joined = "".join(texts)
        if style or "&" in joined or "<" in joined or ">" in joined or "\r" in joined:
            for letter, text in zip(self._letters, texts, strict=False):
                if text:
                    st = style | STYLE_QUOTED if text.startswith(FORMULA_TRIGGERS) else style
                    parts.append(_cell(f"{letter}{n}", text, st))
        else:  # the usual row: nothing to escape, so only spaces and formula triggers need a look
            for letter, text in zip(self._letters, texts, strict=False):
                if not text:
                    continue
                if text.startswith(FORMULA_TRIGGERS) or text != text.strip():
                    parts.append(_cell(f"{letter}{n}", text, STYLE_QUOTED if text.startswith(FORMULA_TRIGGERS) else 0))
                else:
                    parts.append(f'<c r="{letter}{n}" t="inlineStr"><is><t>{text}</t></is></c>')
        parts.append("</row>")
        self._buf.append("".join(parts))
        if len(self._buf) >= _BUFFER_ROWS:
            self._flush()

    def append(self, texts: Sequence[str]) -> None:
        """One row of clean text values (at most as many as there are headers)."""
        if len(texts) > len(self._letters):
            raise ValueError(f"{len(texts)} values for {len(self._letters)} columns")
        self._append(texts)

    def _flush(self) -> None:
        self._sheet.write("".join(self._buf).encode("utf-8"))
        self._buf.clear()

    def close(self) -> None:
        self._buf.append(_SHEET_TAIL)
        self._flush()
        self._sheet.close()
        self._zip.close()

    def abort(self) -> None:
        self._buf.clear()
        try:
            self._sheet.close()
        finally:
            self._zip.close()
