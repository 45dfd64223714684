"""Render a Word template with docxtpl: images (emblem, QR), paper size, and a saved .docx."""

from __future__ import annotations

import copy
import hashlib
import io
import os
import re
import threading
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

from docx.shared import Mm
from jinja2 import ChainableUndefined, Environment, TemplateError

from app.documents.catalog import PRUNE_KEY
from app.errors import ValidationError

#: paper → (width mm, height mm). F4/Folio as used in Indonesian offices: 215 × 330 mm.
PAPER_SIZES: dict[str, tuple[int, int]] = {"A4": (210, 297), "F4": (215, 330)}
QR_WIDTH_MM = 20
EMBLEM_WIDTH_MM = 20


class _Memo(OrderedDict):
    """A small LRU cache (templates are few; keep the compiled ones of the last used)."""

    def __init__(self, size: int = 64):
        super().__init__()
        self.size = size
        self.lock = threading.Lock()   # letters may be rendered from GUI worker threads

    def remember(self, key, make):
        with self.lock:
            if key in self:
                self.move_to_end(key)
                return self[key]
        value = make()
        with self.lock:
            self[key] = value
            if len(self) > self.size:
                self.popitem(last=False)
        return value


_COMPILED = _Memo()
_PATCHED = _Memo()


class _Env(Environment):
    """Jinja environment for letters: missing optional data prints as nothing (``ChainableUndefined``),
    and each template part is compiled once per content (docxtpl would compile it on every render)."""

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (Jinja's name)
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        key = hashlib.sha1(source.encode("utf-8")).digest()
        return _COMPILED.remember(key, lambda: super(_Env, self).from_string(source))


_ENV = _Env(undefined=ChainableUndefined, autoescape=True)


def jinja_env() -> Environment:
    return _ENV


def _template_class():
    from docxtpl import DocxTemplate

    class CachedDocxTemplate(DocxTemplate):
        def patch_xml(self, src_xml):  # the same template XML is patched the same way every time
            key = hashlib.sha1(src_xml.encode("utf-8")).digest()
            return _PATCHED.remember(key, lambda: DocxTemplate.patch_xml(self, src_xml))

    return CachedDocxTemplate


_TEMPLATE_CLASS = None


def paper_size(paper: str) -> tuple[int, int]:
    try:
        return PAPER_SIZES[paper.upper()]
    except KeyError:
        raise ValidationError(f"Ukuran kertas '{paper}' tidak dikenal; pilih A4 atau F4.") from None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_IMAGES = (_W + "drawing", _W + "pict", _W + "object")
#: a paragraph "Label<tab or space>:" with nothing after the colon
_EMPTY_LINE = re.compile(r"^[ \t]*[^\s:][^:\t]{0,80}?[ \t]*\t[ \t]*:[ \t]*$|^[ \t]*[^\s:][^:\t]{0,80}? :[ \t]*$")


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(_W + "t"))


def _text_with_tabs(p) -> str:
    """The paragraph's text with its tab characters (not the tab stops of its properties)."""
    return "".join("\t" if el.tag == _W + "tab" else (el.text or "") for r in p.iter(_W + "r") for el in r
                   if el.tag in (_W + "t", _W + "tab"))


def _has_image(el) -> bool:
    return any(True for tag in _IMAGES for _ in el.iter(tag))


def prune_empty_lines(body) -> int:
    """Leave out every "Label : value" line whose value came out empty: a table row with a cell holding only
    ":" and nothing (no text, no picture) after it, or a paragraph ``Label<tab>:`` ending at the colon. A
    table left without rows goes too. Returns how many lines were removed."""
    removed = 0
    for tr in list(body.iter(_W + "tr")):
        cells = [tc for tc in tr if tc.tag == _W + "tc"]
        texts = [_text(tc).strip() for tc in cells]
        if ":" not in texts:
            continue
        i = texts.index(":")
        after = cells[i + 1:]
        if not after or not " ".join(texts[:i]).strip() or any(texts[i + 1:]) or any(map(_has_image, after)):
            continue
        tbl = tr.getparent()
        if tbl is None:
            continue
        tbl.remove(tr)
        removed += 1
        if not any(child.tag == _W + "tr" for child in tbl) and tbl.getparent() is not None:
            parent = tbl.getparent()
            parent.remove(tbl)
            if parent.tag == _W + "tc" and not any(c.tag in (_W + "p", _W + "tbl") for c in parent):
                parent.append(tbl.makeelement(_W + "p", {}))  # a cell must end with a paragraph
    for p in list(body.iter(_W + "p")):
        parent = p.getparent()
        if parent is None or _has_image(p) or not _EMPTY_LINE.match(_text_with_tabs(p)):
            continue
        if parent.tag == _W + "tc" and len([c for c in parent if c.tag in (_W + "p", _W + "tbl")]) <= 1:
            for r in [c for c in p if c.tag != _W + "pPr"]:
                p.remove(r)  # a cell keeps its (now empty) last paragraph
        else:
            parent.remove(p)
        removed += 1
    return removed


def render_docx(template: Path, context: dict[str, Any], out_path: Path, *, paper: str = "A4",
                qr_png: bytes | None = None, emblem_png: bytes | None = None, prune: bool | None = None) -> Path:
    """Render ``template`` with ``context`` to ``out_path`` (written atomically) and return it.

    ``context['qr']`` and ``context['kantor']['lambang']`` are replaced by the given images (or emptied).
    The page size of every section is set to ``paper``. ``prune`` (default: ``context['rapikan']``) leaves
    out every "Label : value" line whose value is empty (:func:`prune_empty_lines`).
    """
    from docxtpl import InlineImage

    global _TEMPLATE_CLASS
    if _TEMPLATE_CLASS is None:
        _TEMPLATE_CLASS = _template_class()
    width, height = paper_size(paper)
    tpl = _TEMPLATE_CLASS(str(template))
    ctx = copy.deepcopy(context)
    ctx["qr"] = InlineImage(tpl, io.BytesIO(qr_png), width=Mm(QR_WIDTH_MM)) if qr_png else ""
    kantor = dict(ctx.get("kantor") or {})
    kantor["lambang"] = InlineImage(tpl, io.BytesIO(emblem_png), width=Mm(EMBLEM_WIDTH_MM)) if emblem_png else ""
    ctx["kantor"] = kantor
    try:
        tpl.render(ctx, _ENV, autoescape=True)
    except TemplateError as exc:
        raise ValidationError(f"Templat surat '{Path(template).name}' tidak dapat diisi: {exc}.") from exc
    assert tpl.docx is not None  # rendered just above
    if prune if prune is not None else bool(context.get(PRUNE_KEY)):
        prune_empty_lines(tpl.docx.element.body)
    for section in tpl.docx.sections:
        portrait = section.page_width is None or section.page_height is None or \
            section.page_width <= section.page_height
        w, h = (Mm(width), Mm(height)) if portrait else (Mm(height), Mm(width))
        section.page_width, section.page_height = w, h
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    tpl.save(buf)
    data = normalise_docx(buf.getvalue())
    tmp = out_path.with_name(out_path.name + ".tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out_path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out_path


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_docx(data: bytes) -> bytes:
    """The same .docx with fixed zip timestamps, so that rendering is a pure function of template, data
    and images: a letter re-rendered from its archived data has the very SHA-256 recorded at issue."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def docx_text(path: Path) -> str:
    """All text of a .docx (paragraphs and table cells, in document order) — for tests and checks."""
    from docx import Document

    doc = Document(str(path))
    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tc in child.iter():
                if tc.tag.endswith("}p"):
                    lines.append("".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")))
    return "\n".join(lines)
