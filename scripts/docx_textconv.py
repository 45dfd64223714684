#!/usr/bin/env python3
"""Print a Word file as text, for ``git diff`` of the shipped templates (a textconv diff driver).

    git config diff.docx.textconv "python3 scripts/docx_textconv.py"    # once per clone; .gitattributes
                                                                         # already marks *.docx diff=docx

One line per paragraph, table rows as ``| cell | cell |``, then headers and footers, and each section's paper
size and margins in millimetres — so a change made in Word shows up as the words, placeholders
(``{{ surat.nomor }}``) and page set-up that changed. Standard library only: it runs without the app's venv.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIP_MM = 25.4 / 1440


def _text(element: ET.Element) -> str:
    out = []
    for node in element.iter():
        if node.tag == W + "t" and node.text:
            out.append(node.text)
        elif node.tag == W + "tab":
            out.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


def _blocks(body: ET.Element, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for child in body:
        if child.tag == W + "p":
            lines.append("  " * depth + _text(child))
        elif child.tag == W + "tbl":
            for row in child.findall(W + "tr"):
                cells = [" / ".join(x for x in _blocks(cell) if x.strip()) for cell in row.findall(W + "tc")]
                lines.append("  " * depth + "| " + " | ".join(cells) + " |")
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                lines.extend(_blocks(content, depth))
    return lines


def _mm(value: str | None) -> str:
    return f"{int(value) * TWIP_MM:.0f}" if value and value.lstrip("-").isdigit() else "?"


def _sections(root: ET.Element) -> list[str]:
    out = []
    for n, sect in enumerate(root.iter(W + "sectPr"), start=1):
        size, margin = sect.find(W + "pgSz"), sect.find(W + "pgMar")
        line = f"[bagian {n}: kertas {_mm(size.get(W + 'w') if size is not None else None)} × " \
               f"{_mm(size.get(W + 'h') if size is not None else None)} mm"
        if margin is not None:
            line += ", margin " + " ".join(f"{side} {_mm(margin.get(W + side))}"
                                           for side in ("top", "right", "bottom", "left"))
        out.append(line + "]")
    return out


def docx_as_text(path: str) -> str:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        root = ET.fromstring(z.read("word/document.xml"))
        body = root.find(W + "body")
        lines = _blocks(body) if body is not None else []
        for part in sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n)):
            lines.append(f"[{part[5:-4]}]")
            lines.extend(_blocks(ET.fromstring(z.read(part))))
        lines.extend(_sections(root))
        media = sorted(n[11:] for n in names if n.startswith("word/media/"))
        if media:
            lines.append("[gambar: " + ", ".join(media) + "]")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("pakai: docx_textconv.py BERKAS.docx", file=sys.stderr)
        return 2
    sys.stdout.write(docx_as_text(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
