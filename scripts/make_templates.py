"""A one-time bootstrap for a NEW Word template, and the templates README.

The shipped ``resources/templates/*.docx`` are the source: they are changed in Microsoft Word (or
LibreOffice) and committed as they are (``git diff`` shows them as text, see ``.gitattributes``). This script
never overwrites one. It only writes a first draft of a template that does not exist yet, from a builder
function below (kop surat with the regional emblem, Nomor/Sifat/Lampiran/Hal, "Yth." addressee, body,
signature block, paraf boxes, verification QR code), to be finished in Word:

    python scripts/make_templates.py NAME [NAME ...]   # a draft of each missing NAME.docx
    python scripts/make_templates.py --readme          # resources/templates/README.md from the catalog
    python scripts/make_templates.py                   # which letters of the catalog have no .docx yet

How a developer adds a template is written in resources/templates/README.md ("Menambah templat baru").
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.documents.placeholders import PLACEHOLDERS  # noqa: E402

OUT = ROOT / "resources" / "templates"
FONT = "Arial"
SIZE = 11
TEXT_WIDTH = 165  # mm: A4 210 - left 25 - right 20
LEFT, RIGHT, TOP, BOTTOM = 25, 20, 10, 12

J = WD_ALIGN_PARAGRAPH


# --------------------------------------------------------------------------------------------- helpers
def new_doc() -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(LEFT), Mm(RIGHT)
    sec.top_margin, sec.bottom_margin = Mm(TOP), Mm(BOTTOM)
    sec.header_distance = sec.footer_distance = Mm(8)
    st = doc.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(SIZE)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    pf = st.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    doc.core_properties.author = "Loket PBI"
    doc.core_properties.title = "Templat surat Loket PBI"
    return doc


def para(container, text="", *, bold=False, size=None, align=None, underline=False, italic=False,
         after=0, before=0, first=None, left=None, keep=False, line=None):
    """Add a paragraph; ``text`` may be a string or a list of (text, 'b'/'u'/'i' flags)."""
    p = container.add_paragraph()
    segments = [(text, "")] if isinstance(text, str) else text
    for seg, flags in segments:
        if not seg:
            continue
        r = p.add_run(seg)
        r.bold = bold or "b" in flags or None
        r.underline = underline or "u" in flags or None
        r.italic = italic or "i" in flags or None
        if size:
            r.font.size = Pt(size)
    pf = p.paragraph_format
    if align is not None:
        p.alignment = align
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    if first is not None:
        pf.first_line_indent = Mm(first)
    if left is not None:
        pf.left_indent = Mm(left)
    if keep:
        pf.keep_with_next = True
    if line is not None:
        pf.line_spacing = line
    return p


def tag(container, text):
    """A paragraph that holds only a docxtpl paragraph tag ({%p ... %}); it vanishes when rendered."""
    return para(container, text)


def _cell_margins(table, top=0, bottom=0, left=60, right=60):
    tblPr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, val in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(val))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblPr.append(mar)


def table(container, rows, widths, *, grid=False, align=WD_TABLE_ALIGNMENT.LEFT, margins=None):
    t = container.add_table(rows=rows, cols=len(widths))
    if grid:
        t.style = "Table Grid"
    t.alignment = align
    t.autofit = False
    for i, w in enumerate(widths):
        t.columns[i].width = Mm(w)
        for cell in t.columns[i].cells:
            cell.width = Mm(w)
    # fixed layout so Word and LibreOffice keep the widths
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
    if margins:
        _cell_margins(t, *margins)
    return t


def cell_text(cell, text, **kw):
    """Put text in a cell's first paragraph (cells start with one empty paragraph)."""
    p = cell.paragraphs[0]
    segments = [(text, "")] if isinstance(text, str) else text
    for seg, flags in segments:
        r = p.add_run(seg)
        r.bold = kw.get("bold") or "b" in flags or None
        r.underline = "u" in flags or None
        r.italic = "i" in flags or None
        if kw.get("size"):
            r.font.size = Pt(kw["size"])
    if kw.get("align") is not None:
        p.alignment = kw["align"]
    return p


def shade(cell, fill="D9D9D9"):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trPr.append(h)


def keep_row(row):
    """Never split this row across pages (signature block, paraf boxes)."""
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def bottom_rule(p):
    """The double rule under the kop (thick over thin), as on printed letterheads."""
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    b.set(qn("w:val"), "thickThinSmallGap")
    b.set(qn("w:sz"), "24")
    b.set(qn("w:space"), "1")
    b.set(qn("w:color"), "000000")
    bdr.append(b)
    pPr.append(bdr)


def box(p):
    """A thin border around a paragraph (privacy notice)."""
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "6")
        b.set(qn("w:space"), "4")
        b.set(qn("w:color"), "000000")
        bdr.append(b)
    pPr.append(bdr)


def save(doc, path: Path) -> None:
    """Save with fixed zip timestamps: re-running the script changes a template only if its content does."""
    import io

    from app.documents.render import normalise_docx

    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(normalise_docx(buf.getvalue()))


# ------------------------------------------------------------------------------------------ letter parts
def kop(doc):
    t = table(doc, 1, [24, TEXT_WIDTH - 24])
    c0, c1 = t.rows[0].cells
    cell_text(c0, "{{ kantor.lambang }}", align=J.CENTER)
    cell_text(c1, "{{ kantor.pemerintah }}", bold=True, size=14, align=J.CENTER)
    para(c1, "{{ kantor.dinas }}", bold=True, size=17, align=J.CENTER)
    para(c1, "{{ kantor.alamat }}{% if kantor.kode_pos %} Kode Pos {{ kantor.kode_pos }}{% endif %}",
         size=8.5, align=J.CENTER)
    para(c1, "{{ kantor.kontak }}", size=8.5, align=J.CENTER)
    rule = para(doc, "", size=4)
    bottom_rule(rule)
    para(doc, "", size=4)


def header_block(doc, *, with_lampiran=True):
    para(doc, "{{ surat.tempat_tanggal }}", align=J.RIGHT, after=6)
    rows = [("Nomor", "{{ surat.nomor }}"), ("Sifat", "{{ surat.sifat }}")]
    if with_lampiran:
        rows.append(("Lampiran", "{{ surat.lampiran }}"))
    rows.append(("Hal", "{{ surat.hal }}"))
    t = table(doc, len(rows), [22, 4, TEXT_WIDTH - 26])
    for r, (label, value) in zip(t.rows, rows, strict=False):
        cell_text(r.cells[0], label)
        cell_text(r.cells[1], ":")
        cell_text(r.cells[2], value, bold=(label == "Hal"))
    para(doc, "", size=6)
    para(doc, "Yth. {{ tujuan.yth }}")
    para(doc, "di")
    para(doc, "{{ tujuan.di }}", left=10, after=8)


def title_block(doc, title, *, number=True):
    para(doc, title, bold=True, underline=True, size=12, align=J.CENTER)
    if number:
        para(doc, "Nomor: {{ surat.nomor }}", align=J.CENTER, after=10)


def body(doc, text, *, after=4, first=10):
    return para(doc, text, align=J.JUSTIFY, first=first, after=after, line=1.1)


def data_table(doc, rows, *, indent=10, label_width=48):
    widths = ([indent] if indent else []) + [label_width, 4, TEXT_WIDTH - indent - label_width - 4]
    t = table(doc, len(rows), widths)
    off = 1 if indent else 0
    for r, (label, value) in zip(t.rows, rows, strict=False):
        cell_text(r.cells[off], label)
        cell_text(r.cells[off + 1], ":")
        cell_text(r.cells[off + 2], value)
    para(doc, "", after=4)
    return t


PERSON = [
    ("Nama", [("{{ pemohon.nama }}", "b")]),
    ("NIK", "{{ pemohon.nik }}"),
    ("Nomor KK", "{{ pemohon.no_kk }}"),
    ("Tempat/Tanggal Lahir", "{{ pemohon.tempat_tanggal_lahir }}"),
    ("Jenis Kelamin", "{{ pemohon.jenis_kelamin }}"),
    ("Alamat", "{{ pemohon.alamat_rt_rw }}"),
    ("Kelurahan/Desa", "{{ pemohon.kelurahan }}"),
    ("Kecamatan", "{{ pemohon.kecamatan }}"),
]


def signature(doc, *, qr=True, issued_at=False, paraf=True):
    """Left: QR with the verification code, then the paraf boxes of the chain. Right: the signatory."""
    para(doc, "", after=2)
    t = table(doc, 1, [TEXT_WIDTH - 80, 80])
    keep_row(t.rows[0])
    left, right = t.rows[0].cells
    if qr:
        q = table(left, 1, [24, TEXT_WIDTH - 80 - 30])
        cell_text(q.rows[0].cells[0], "{{ qr }}")
        cell_text(q.rows[0].cells[1], "Nomor: {{ surat.nomor }}", size=7)
        para(q.rows[0].cells[1], "Kode verifikasi: {{ verifikasi.kode }}", size=7)
        para(q.rows[0].cells[1], "Pindai kode QR untuk mencocokkan surat ini dengan arsip Dinas Sosial.", size=7,
             italic=True)
    if paraf:
        paraf_boxes(left)
    p0 = right.paragraphs[0]
    if issued_at:
        p0.add_run("Dikeluarkan di\t: {{ kantor.kota }}")
        p0.paragraph_format.tab_stops.add_tab_stop(Mm(27))
        p1 = para(right, "pada tanggal\t: {{ surat.tanggal }}", after=6)
        p1.paragraph_format.tab_stops.add_tab_stop(Mm(27))
        tag(right, "{%p if ttd.atas_nama %}")
    else:
        p0.add_run("{%p if ttd.atas_nama %}")
    para(right, "{{ ttd.atas_nama }},")
    tag(right, "{%p endif %}")
    para(right, "{{ ttd.jabatan }},", after=40)
    para(right, [("{{ ttd.nama }}", "bu")])
    para(right, "{{ ttd.pangkat }}")
    para(right, "NIP. {{ ttd.nip }}")
    return t


def paraf_boxes(container):
    t = table(container, 4, [7, 58, 15], grid=True, margins=(10, 10, 40, 40))
    hdr = t.rows[0].cells
    for c, text in zip(hdr, ("No", "Paraf Hierarki", "Paraf"), strict=False):
        cell_text(c, text, bold=True, size=6.5, align=J.CENTER)
        shade(c)
    cell_text(t.rows[1].cells[0], "{%tr for p in paraf %}", size=6.5)
    cell_text(t.rows[2].cells[0], "{{ p.no }}", size=6.5, align=J.CENTER)
    cell_text(t.rows[2].cells[1], "{{ p.jabatan }}", size=6.5)
    cell_text(t.rows[2].cells[2], "", size=6.5)
    cell_text(t.rows[3].cells[0], "{%tr endfor %}", size=6.5)
    return t


def tembusan(doc):
    tag(doc, "{%p if tembusan %}")
    para(doc, [("Tembusan:", "u")], size=9, before=3)
    tag(doc, "{%p for t in tembusan %}")
    para(doc, "{{ loop.index }}. {{ t }}", size=9)
    tag(doc, "{%p endfor %}")
    para(doc, "Arsip.", size=9)
    tag(doc, "{%p endif %}")


def closing(doc, text="Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."):
    body(doc, text)


def participant_table(doc, columns):
    """A bordered list with a repeated header row; ``columns`` = [(header, width, placeholder)]."""
    widths = [w for _, w, _ in columns]
    t = table(doc, 4, widths, grid=True, margins=(20, 20, 50, 50), align=WD_TABLE_ALIGNMENT.CENTER)
    for c, (head, _, _) in zip(t.rows[0].cells, columns, strict=False):
        cell_text(c, head, bold=True, size=8, align=J.CENTER)
        shade(c)
    repeat_header(t.rows[0])
    cell_text(t.rows[1].cells[0], "{%tr for p in peserta %}", size=8)
    for c, (_, _, value) in zip(t.rows[2].cells, columns, strict=False):
        cell_text(c, value, size=8, align=J.CENTER if value in ("{{ p.no }}", "{{ p.jenis_kelamin }}",
                                                                  "{{ p.peringkat }}", "{{ p.skor }}",
                                                                  "{{ p.desil }}") else None)
    cell_text(t.rows[3].cells[0], "{%tr endfor %}", size=8)
    return t


def lampiran_page(doc, title, columns):
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    t = table(doc, 4, [TEXT_WIDTH - 100, 18, 4, 78])
    rows = [("Lampiran", "Surat Kepala Dinas Sosial {{ kantor.daerah }}"), ("Nomor", "{{ surat.nomor }}"),
            ("Tanggal", "{{ surat.tanggal }}"), ("Hal", "{{ surat.hal }}")]
    for r, (label, value) in zip(t.rows, rows, strict=False):
        cell_text(r.cells[1], label, size=9)
        cell_text(r.cells[2], ":", size=9)
        cell_text(r.cells[3], value, size=9)
    para(doc, "", after=6)
    para(doc, title, bold=True, align=J.CENTER, after=6)
    participant_table(doc, columns)
    para(doc, "Jumlah: {{ jumlah }} ({{ jumlah_terbilang }}) orang.", size=9, before=4)
    tag(doc, "{%p if rantai_audit %}")
    para(doc, "Kepala rantai log audit saat batch ditutup: {{ rantai_audit }}", size=7)
    tag(doc, "{%p endif %}")
    signature(doc, qr=False, paraf=False)


# ----------------------------------------------------------------------------------------- the templates
def letter(name, build, *, lampiran=True):
    doc = new_doc()
    kop(doc)
    header_block(doc, with_lampiran=lampiran)
    build(doc)
    save(doc, OUT / f"{name}.docx")


def rekomendasi_pbi(doc):
    body(doc, "Berdasarkan permohonan yang bersangkutan, hasil pemeriksaan kelengkapan berkas, dan pencocokan "
              "dengan Data Tunggal Sosial dan Ekonomi Nasional (DTSEN, dahulu DTKS), Dinas Sosial "
              "{{ kantor.daerah }} merekomendasikan penduduk di bawah ini untuk didaftarkan sebagai Peserta "
              "Penerima Bantuan Iuran Jaminan Kesehatan (PBI JK):")
    data_table(doc, PERSON + [("Status DTSEN", "{{ pemohon.status_dtsen }}")])
    tag(doc, "{%p if anggota %}")
    body(doc, "beserta anggota keluarga:", first=0)
    t = table(doc, 4, [10, 60, 45, 40], grid=True, margins=(10, 10, 50, 50))
    for c, head in zip(t.rows[0].cells, ("No", "Nama", "NIK", "Hubungan"), strict=False):
        cell_text(c, head, bold=True, size=9, align=J.CENTER)
        shade(c)
    cell_text(t.rows[1].cells[0], "{%tr for a in anggota %}")
    for c, v in zip(t.rows[2].cells, ("{{ a.no }}", "{{ a.nama }}", "{{ a.nik }}", "{{ a.hubungan }}"), strict=False):
        cell_text(c, v, size=9)
    cell_text(t.rows[3].cells[0], "{%tr endfor %}")
    para(doc, "", after=4)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if kasus.darurat %}")
    body(doc, [("Permohonan ini bersifat DARURAT", "b"), (" ({{ kasus.keterangan_darurat }}), sehingga mohon "
                                                          "dapat diproses dengan segera.", "")])
    tag(doc, "{%p endif %}")
    body(doc, "Yang bersangkutan termasuk fakir miskin dan orang tidak mampu dan belum terdaftar sebagai peserta "
              "Jaminan Kesehatan Nasional. Rekomendasi ini hanya berlaku untuk pendaftaran kepesertaan PBI JK dan "
              "tidak dapat dipergunakan untuk keperluan lain.")
    closing(doc, "Demikian rekomendasi ini disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.")
    signature(doc)
    tembusan(doc)


def rekomendasi_reaktivasi(doc):
    body(doc, "Menindaklanjuti permohonan pengaktifan kembali kepesertaan Penerima Bantuan Iuran Jaminan "
              "Kesehatan (PBI JK) dan hasil konfirmasi dengan BPJS Kesehatan ({{ kasus.konfirmasi_bpjs }}), "
              "dengan ini Dinas Sosial {{ kantor.daerah }} merekomendasikan reaktivasi kepesertaan PBI JK atas "
              "nama:")
    data_table(doc, PERSON + [("Nomor Kartu JKN-KIS", "{{ pemohon.no_kartu }}"),
                              ("Status DTSEN", "{{ pemohon.status_dtsen }}"),
                              ("Nonaktif sejak", "{{ kasus.tanggal_nonaktif }}")])
    body(doc, "Yang bersangkutan terdaftar dalam Data Tunggal Sosial dan Ekonomi Nasional (DTSEN, dahulu DTKS), "
              "masih dalam batas waktu reaktivasi, dan membutuhkan pelayanan kesehatan. Mohon kepesertaan yang "
              "bersangkutan dapat diaktifkan kembali sesuai ketentuan yang berlaku.")
    closing(doc)
    signature(doc)
    tembusan(doc)


def rekomendasi_penonaktifan(doc):
    body(doc, "Berdasarkan permohonan penonaktifan dan berkas pendukung yang kami terima, dengan ini Dinas Sosial "
              "{{ kantor.daerah }} merekomendasikan penonaktifan kepesertaan Jaminan Kesehatan yang iurannya "
              "dibayar oleh Pemerintah Daerah (PBI APBD / PBPU-BP Pemda) atas nama:")
    data_table(doc, PERSON + [("Nomor Kartu JKN-KIS", "{{ pemohon.no_kartu }}"),
                              ("Alasan penonaktifan", [("{{ kasus.alasan }}", "b")]),
                              ("Bukti pendukung", "{{ kasus.bukti }}"),
                              ("Pelapor", "{{ pelapor.keterangan }}")])
    body(doc, "Mohon kepesertaan yang bersangkutan dapat dinonaktifkan. Proses penonaktifan di BPJS Kesehatan "
              "memerlukan waktu sekitar 1 (satu) bulan sejak surat ini diterima.")
    closing(doc)
    signature(doc)
    tembusan(doc)


PENONAKTIFAN_COLS = [
    ("No", 8, "{{ p.no }}"), ("Nama", 32, "{{ p.nama }}"), ("NIK", 30, "{{ p.nik }}"),
    ("No. Kartu JKN-KIS", 26, "{{ p.no_kartu }}"), ("Alasan", 26, "{{ p.alasan }}"),
    ("Nomor Surat Rekomendasi", 43, "{{ p.nomor_surat }}"),
]


def pengantar_penonaktifan(doc):
    body(doc, "Bersama ini kami sampaikan rekomendasi penonaktifan peserta Jaminan Kesehatan PBI APBD "
              "(PBPU/BP Pemda) {{ kantor.daerah }} periode {{ periode.nama }} sebanyak {{ jumlah }} "
              "({{ jumlah_terbilang }}) orang sebagaimana daftar terlampir, beserta surat rekomendasi "
              "perorangan dan berkas pendukungnya, untuk dapat diproses lebih lanjut.")
    body(doc, "Penonaktifan tersebut didasarkan pada permohonan keluarga/peserta dan hasil pemeriksaan berkas "
              "dengan alasan sebagaimana tercantum dalam lampiran. Data yang sama kami kirimkan dalam berkas "
              "elektronik (XLSX/CSV) kiriman ke-{{ periode.urutan }}.")
    closing(doc)
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR PESERTA PBI APBD YANG DIREKOMENDASIKAN NONAKTIF\nPERIODE {{ periode.nama|upper }}",
                  PENONAKTIFAN_COLS)


PUSKESOS_COLS = [
    ("No", 8, "{{ p.no }}"), ("Nama", 34, "{{ p.nama }}"), ("NIK", 28, "{{ p.nik }}"),
    ("No. Kartu JKN-KIS", 26, "{{ p.no_kartu }}"), ("Alamat", 34, "{{ p.alamat }}"), ("Alasan", 35, "{{ p.alasan }}"),
]


def pemberitahuan_puskesos(doc):
    body(doc, "Bersama ini kami beritahukan bahwa pada periode {{ periode.nama }} Dinas Sosial {{ kantor.daerah }} "
              "telah merekomendasikan kepada BPJS Kesehatan penonaktifan kepesertaan Jaminan Kesehatan PBI APBD "
              "(PBPU/BP Pemda) sebanyak {{ jumlah }} ({{ jumlah_terbilang }}) orang warga {{ wilayah.sebutan }} "
              "sebagaimana daftar terlampir. Kartu KIS PBI-APBD atas nama peserta tersebut tidak berlaku lagi "
              "setelah penonaktifan diproses oleh BPJS Kesehatan (sekitar 1 bulan).")
    body(doc, "Mohon Puskesos/SLRT {{ wilayah.sebutan }} memperbarui data warga penerima bantuan jaminan "
              "kesehatan di wilayahnya dan meneruskan informasi ini kepada keluarga yang bersangkutan bila "
              "diperlukan. NIK dalam daftar ditulis tersamar untuk melindungi data pribadi; data lengkapnya "
              "tersimpan di Dinas Sosial.")
    closing(doc)
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR PESERTA PBI APBD YANG DINONAKTIFKAN\n{{ wilayah.sebutan|upper }} KECAMATAN "
                       "{{ wilayah.kecamatan|upper }} — PERIODE {{ periode.nama|upper }}", PUSKESOS_COLS)


PBI_COLS = [
    ("No", 8, "{{ p.no }}"), ("Nama", 32, "{{ p.nama }}"), ("NIK", 30, "{{ p.nik }}"),
    ("No. KK", 30, "{{ p.no_kk }}"), ("Kelurahan", 24, "{{ p.kelurahan }}"), ("Desil", 10, "{{ p.desil }}"),
    ("Nomor Surat Rekomendasi", 41, "{{ p.nomor_surat }}"),
]


def pengantar_pbi(doc):
    body(doc, "Bersama ini kami sampaikan usulan pendaftaran peserta Penerima Bantuan Iuran Jaminan Kesehatan "
              "(PBI JK) yang iurannya dibayar oleh APBN dari {{ kantor.daerah }} periode {{ periode.nama }} "
              "sebanyak {{ jumlah }} ({{ jumlah_terbilang }}) orang sebagaimana daftar terlampir. Setiap "
              "peserta telah terdaftar dalam Data Tunggal Sosial dan Ekonomi Nasional (DTSEN, dahulu DTKS) "
              "dan telah diberi surat rekomendasi perorangan.")
    body(doc, "Mohon usulan tersebut dapat diproses lebih lanjut sesuai ketentuan. Data yang sama kami "
              "kirimkan dalam berkas elektronik (XLSX/CSV) kiriman ke-{{ periode.urutan }}.")
    closing(doc)
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR USULAN PESERTA PBI JK APBN\nPERIODE {{ periode.nama|upper }}", PBI_COLS)


REAKTIVASI_COLS = [
    ("No", 8, "{{ p.no }}"), ("Nama", 36, "{{ p.nama }}"), ("NIK", 30, "{{ p.nik }}"),
    ("No. Kartu JKN-KIS", 29, "{{ p.no_kartu }}"), ("Nomor Surat", 50, "{{ p.nomor_surat }}"),
    ("Tanggal Surat", 22, "{{ p.tanggal_surat }}"),
]


def pengantar_keterangan_reaktivasi(doc):
    body(doc, "Bersama ini kami sampaikan daftar Surat Keterangan Permohonan Reaktivasi kepesertaan Penerima "
              "Bantuan Iuran Jaminan Kesehatan (PBI JK) yang diterbitkan Dinas Sosial {{ kantor.daerah }} "
              "periode {{ periode.nama }} sebanyak {{ jumlah }} ({{ jumlah_terbilang }}) orang sebagaimana "
              "daftar terlampir. Surat keterangan aslinya telah diserahkan kepada masing-masing pemohon untuk "
              "dibawa ke BPJS Kesehatan.")
    body(doc, "Daftar ini kami sampaikan sebagai bahan pencocokan saat pemohon datang ke kantor BPJS Kesehatan. "
              "Data yang sama kami kirimkan dalam berkas elektronik (XLSX/CSV) kiriman ke-{{ periode.urutan }}.")
    closing(doc)
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR SURAT KETERANGAN REAKTIVASI PBI JK\nPERIODE {{ periode.nama|upper }}",
                  REAKTIVASI_COLS)


def pengantar_rekomendasi_reaktivasi(doc):
    body(doc, "Bersama ini kami sampaikan rekomendasi reaktivasi kepesertaan Penerima Bantuan Iuran Jaminan "
              "Kesehatan (PBI JK) {{ kantor.daerah }} periode {{ periode.nama }} sebanyak {{ jumlah }} "
              "({{ jumlah_terbilang }}) orang sebagaimana daftar terlampir. Setiap peserta terdaftar dalam "
              "DTSEN (dahulu DTKS), masih dalam batas waktu reaktivasi, dan telah dikonfirmasi dengan BPJS "
              "Kesehatan.")
    body(doc, "Mohon kepesertaan tersebut dapat diaktifkan kembali sesuai ketentuan yang berlaku. Data yang sama "
              "kami kirimkan dalam berkas elektronik (XLSX/CSV) kiriman ke-{{ periode.urutan }}.")
    closing(doc)
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR REKOMENDASI REAKTIVASI PESERTA PBI JK\nPERIODE {{ periode.nama|upper }}",
                  REAKTIVASI_COLS)


JAMKESDA_COLS = [
    ("No", 8, "{{ p.no }}"), ("Nama", 30, "{{ p.nama }}"), ("NIK", 30, "{{ p.nik }}"),
    ("No. KK", 30, "{{ p.no_kk }}"), ("Tgl Lahir", 18, "{{ p.tanggal_lahir }}"), ("L/P", 7, "{{ p.jenis_kelamin }}"),
    ("Alamat / Kelurahan", 30, "{{ p.alamat }}, {{ p.kelurahan }}"), ("Skor", 12, "{{ p.skor }}"),
]


def usulan_jamkesda(doc):
    body(doc, "Dalam rangka penyelenggaraan Jaminan Kesehatan bagi penduduk {{ kantor.daerah }} yang iurannya "
              "dibayarkan oleh Pemerintah Daerah (PBPU/BP Pemda), bersama ini kami usulkan {{ jumlah }} "
              "({{ jumlah_terbilang }}) orang calon peserta periode {{ periode.nama }} yang telah diverifikasi "
              "di lapangan dan dinyatakan layak dalam batas kuota, sebagaimana daftar terlampir.")
    body(doc, "Mohon calon peserta tersebut dapat didaftarkan dan kami diberi umpan balik hasil pendaftaran "
              "(diterima/ditolak beserta alasannya dan tanggal mulai berlaku) untuk penetapan Keputusan "
              "{{ kantor.kepala_daerah }}.")
    closing(doc)
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR USULAN PESERTA JAMKESDA (PBPU/BP PEMDA)\nPERIODE {{ periode.nama|upper }}",
                  JAMKESDA_COLS)


def pemberitahuan_jamkesda(doc):
    body(doc, "Menindaklanjuti permohonan Saudara/i yang kami terima pada tanggal {{ kasus.tanggal_diterima }} "
              "dengan nomor registrasi {{ kasus.nomor_registrasi }}, berdasarkan hasil survei lapangan dan "
              "verifikasi menggunakan kriteria {{ keputusan.kriteria }}, dengan ini kami beritahukan bahwa "
              "permohonan Jaminan Kesehatan Daerah (Jamkesda) atas nama:")
    data_table(doc, PERSON[:2] + [PERSON[5]] + [("Skor verifikasi", "{{ keputusan.skor }}")])
    body(doc, "dinyatakan:", first=0)
    para(doc, "{{ keputusan.label }}", bold=True, align=J.CENTER, after=8, size=12)
    tag(doc, "{%p if keputusan.layak %}")
    body(doc, "Saudara/i akan diusulkan kepada BPJS Kesehatan sebagai peserta PBPU/BP Pemda pada periode "
              "berjalan. Kartu kepesertaan dapat diterima setelah pendaftaran disetujui BPJS Kesehatan dan "
              "ditetapkan dengan Keputusan {{ kantor.kepala_daerah }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if keputusan.daftar_tunggu %}")
    body(doc, "Saudara/i memenuhi kriteria, namun kuota periode ini ({{ keputusan.kuota }} orang) telah terisi. "
              "Saudara/i berada pada peringkat {{ keputusan.peringkat }} dalam daftar tunggu dan akan diusulkan "
              "secara berurutan apabila terdapat kuota yang tersedia.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if keputusan.tidak_layak %}")
    body(doc, "Alasan: {{ keputusan.alasan }}")
    tag(doc, "{%p endif %}")
    body(doc, "Apabila Saudara/i keberatan atas keputusan ini atau memerlukan penjelasan, Saudara/i dapat "
              "menyampaikan pengaduan melalui {{ layanan.pengaduan }}. Layanan ini tidak dipungut biaya.")
    closing(doc, "Demikian pemberitahuan ini kami sampaikan untuk dapat dimaklumi.")
    signature(doc)


def pemberitahuan_ditolak_bpjs(doc):
    body(doc, "Menindaklanjuti permohonan Jaminan Kesehatan Daerah (Jamkesda) Saudara/i dengan nomor registrasi "
              "{{ kasus.nomor_registrasi }} yang kami terima pada tanggal {{ kasus.tanggal_diterima }} dan telah "
              "dinyatakan layak dalam kuota periode {{ umpan_balik.periode }}, Saudara/i telah kami usulkan kepada "
              "BPJS Kesehatan sebagai peserta PBPU/BP Pemda atas nama:")
    data_table(doc, PERSON[:2] + [PERSON[5]])
    body(doc, "Berdasarkan umpan balik BPJS Kesehatan ({{ umpan_balik.sumber }}), pendaftaran tersebut:", first=0)
    para(doc, "{{ umpan_balik.status|upper }}", bold=True, align=J.CENTER, after=8, size=12)
    body(doc, "Alasan dari BPJS Kesehatan: {{ umpan_balik.alasan }}")
    body(doc, "Oleh karena itu Saudara/i tidak dapat dimohonkan penetapan sebagai peserta dengan Keputusan "
              "{{ kantor.kepala_daerah }}, dan kuota Saudara/i pada periode ini dialihkan kepada pemohon berikutnya "
              "dalam daftar tunggu. Apabila keadaan yang menjadi alasan penolakan telah berubah, Saudara/i dapat "
              "mengajukan permohonan kembali.")
    body(doc, "Apabila Saudara/i keberatan atau memerlukan penjelasan, Saudara/i dapat menyampaikan pengaduan "
              "melalui {{ layanan.pengaduan }}. Layanan ini tidak dipungut biaya.")
    closing(doc, "Demikian pemberitahuan ini kami sampaikan untuk dapat dimaklumi.")
    signature(doc)


SK_COLS = [
    ("No", 8, "{{ p.no }}"), ("Nama", 34, "{{ p.nama }}"), ("NIK", 30, "{{ p.nik }}"),
    ("No. Kartu JKN-KIS", 28, "{{ p.no_kartu }}"), ("Alamat / Kelurahan", 44, "{{ p.alamat }}, {{ p.kelurahan }}"),
    ("Ket.", 21, "{{ p.keterangan }}"),
]


def permohonan_sk_walikota(doc):
    body(doc, "Dalam rangka penyelenggaraan Jaminan Kesehatan bagi penduduk {{ kantor.daerah }} yang iurannya "
              "dibayarkan oleh Pemerintah Daerah, bersama ini kami sampaikan {{ jumlah }} ({{ jumlah_terbilang }}) "
              "orang peserta periode {{ periode.nama }} yang telah diusulkan dan diterima pendaftarannya oleh BPJS "
              "Kesehatan sebagaimana daftar terlampir.")
    body(doc, "Sehubungan dengan hal tersebut, kami mohon kiranya Bapak/Ibu berkenan menetapkan Keputusan "
              "{{ kantor.kepala_daerah }} tentang Penetapan Peserta Jaminan Kesehatan yang Iurannya Dibayarkan "
              "oleh Pemerintah Daerah periode {{ periode.nama }}. Rancangan keputusan dan data elektronik "
              "kami sampaikan bersama surat ini.")
    closing(doc, "Demikian permohonan ini kami sampaikan, atas perkenan Bapak/Ibu diucapkan terima kasih.")
    signature(doc)
    tembusan(doc)
    lampiran_page(doc, "DAFTAR PESERTA JAMKESDA (PBPU/BP PEMDA) YANG DIMOHONKAN PENETAPAN\n"
                       "PERIODE {{ periode.nama|upper }}", SK_COLS)


def rujukan_dtsen(doc):
    body(doc, "Berdasarkan hasil verifikasi dan validasi lapangan bersama kelurahan/desa, penduduk di bawah ini "
              "memenuhi kriteria fakir miskin dan orang tidak mampu, tetapi belum terdaftar dalam Data Tunggal "
              "Sosial dan Ekonomi Nasional (DTSEN, dahulu DTKS):")
    data_table(doc, PERSON + [("Nomor HP", "{{ pemohon.no_hp }}")])
    body(doc, "Bersama ini kami rujuk yang bersangkutan untuk diusulkan masuk DTSEN melalui musyawarah "
              "kelurahan/desa dan aplikasi SIKS-NG sesuai ketentuan, sebagai syarat pengajuan kepesertaan PBI JK. "
              "{{ kasus.catatan }}")
    closing(doc)
    signature(doc)
    tembusan(doc)


def rujukan_disdukcapil(doc):
    body(doc, "Dalam pelayanan Jaminan Kesehatan bagi penduduk tidak mampu, kami mendapati data kependudukan "
              "penduduk di bawah ini bermasalah sehingga kepesertaannya belum dapat diproses:")
    data_table(doc, PERSON + [("Permasalahan", [("{{ kasus.alasan }}", "b")])])
    body(doc, "Bersama ini kami rujuk yang bersangkutan untuk dilakukan pemeriksaan dan perbaikan data "
              "kependudukan (NIK/KK) sesuai ketentuan. Setelah data diperbaiki, mohon yang bersangkutan diberi "
              "bukti perbaikan agar pelayanan di Dinas Sosial dapat dilanjutkan. {{ kasus.catatan }}")
    closing(doc)
    signature(doc)
    tembusan(doc)


def jawaban_pengaduan(doc):
    body(doc, "Menindaklanjuti pengaduan Saudara/i yang kami terima pada tanggal {{ pengaduan.tanggal }} melalui "
              "{{ pengaduan.kanal }} dengan nomor registrasi pengaduan {{ pengaduan.nomor }}, perihal:")
    data_table(doc, [("Pokok pengaduan", [("{{ pengaduan.pokok }}", "b")]),
                     ("Uraian", "{{ pengaduan.uraian }}"),
                     ("Berkas terkait", "{{ pengaduan.berkas }}"),
                     ("Tindak lanjut", "{{ pengaduan.tindak_lanjut }}")])
    body(doc, "dengan ini kami sampaikan jawaban sebagai berikut:")
    para(doc, "{{ pengaduan.jawaban }}", align=J.JUSTIFY, left=10, after=6, line=1.1)
    body(doc, "Pengaduan ini diselesaikan dalam standar waktu penyelesaian pengaduan ({{ pengaduan.standar }}, "
              "paling lambat {{ pengaduan.tenggat }}). Apabila Saudara/i belum puas dengan jawaban ini, Saudara/i "
              "dapat menyampaikannya kembali melalui {{ layanan.pengaduan }}. Layanan ini tidak dipungut biaya.")
    closing(doc, "Demikian jawaban ini kami sampaikan, atas perhatian Saudara/i diucapkan terima kasih.")
    signature(doc)
    tembusan(doc)


def keterangan_reaktivasi():
    doc = new_doc()
    kop(doc)
    title_block(doc, "SURAT KETERANGAN")
    body(doc, "Yang bertanda tangan di bawah ini:", first=0)
    data_table(doc, [("Nama", "{{ ttd.nama }}"), ("NIP", "{{ ttd.nip }}"),
                     ("Jabatan", "{{ ttd.jabatan }}")], indent=0)
    body(doc, "dengan ini menerangkan bahwa:", first=0)
    data_table(doc, PERSON + [("Nomor Kartu JKN-KIS", "{{ pemohon.no_kartu }}"),
                              ("Status DTSEN", "{{ pemohon.status_dtsen }}")], indent=0)
    body(doc, "adalah benar peserta Penerima Bantuan Iuran Jaminan Kesehatan (PBI JK) yang kepesertaannya "
              "nonaktif sejak {{ kasus.tanggal_nonaktif }}, terdaftar dalam Data Tunggal Sosial dan Ekonomi "
              "Nasional (DTSEN, dahulu DTKS), dan membutuhkan pelayanan kesehatan. {{ kasus.bukti }}")
    body(doc, "Surat keterangan ini diberikan sebagai dasar permohonan pengaktifan kembali (reaktivasi) "
              "kepesertaan PBI JK yang bersangkutan di BPJS Kesehatan.")
    body(doc, "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")
    signature(doc, issued_at=True)
    save(doc, OUT / "keterangan_reaktivasi.docx")


def tanda_terima():
    doc = new_doc()
    kop(doc)
    title_block(doc, "TANDA TERIMA BERKAS", number=False)
    para(doc, [("Nomor Registrasi: ", ""), ("{{ kasus.nomor_registrasi }}", "b")], align=J.CENTER)
    para(doc, "Nomor: {{ surat.nomor }}", align=J.CENTER, size=8, after=8)
    data_table(doc, [
        ("Layanan", [("{{ layanan.nama }}", "b")]),
        ("Dasar hukum", "{{ dasar }}"),
        ("Nama pemohon", "{{ pemohon.nama }}"),
        ("Pelapor", "{{ pelapor.keterangan }}"),
        ("NIK", "{{ pemohon.nik }}"),
        ("Alamat", "{{ pemohon.alamat_singkat }}"),
        ("Nomor HP", "{{ pemohon.no_hp }}"),
        ("Diterima", "{{ kasus.tanggal_diterima }} pukul {{ kasus.jam_diterima }}"),
        ("Standar waktu layanan", "{{ layanan.sla }}"),
        ("Perkiraan selesai", "{{ kasus.perkiraan_selesai }}"),
        ("Biaya", "{{ layanan.biaya }}"),
    ], indent=0, label_width=45)
    para(doc, "Kelengkapan berkas:", bold=True, after=2)
    t = table(doc, 4, [10, 125, 30], grid=True, margins=(20, 20, 60, 60))
    for c, head in zip(t.rows[0].cells, ("No", "Persyaratan", "Diterima"), strict=False):
        cell_text(c, head, bold=True, size=9, align=J.CENTER)
        shade(c)
    cell_text(t.rows[1].cells[0], "{%tr for b in berkas %}")
    cell_text(t.rows[2].cells[0], "{{ b.no }}", size=9, align=J.CENTER)
    cell_text(t.rows[2].cells[1], "{{ b.nama }}", size=9)
    cell_text(t.rows[2].cells[2], "{% if b.ada %}Ada{% else %}BELUM{% endif %}", size=9, align=J.CENTER)
    cell_text(t.rows[3].cells[0], "{%tr endfor %}")
    para(doc, "", after=4)
    tag(doc, "{%p if berkas_kurang %}")
    body(doc, [("Berkas belum lengkap: ", "b"), ("{{ berkas_kurang }} persyaratan belum diterima. Mohon dilengkapi; "
                                                 "standar waktu layanan dihitung sejak berkas lengkap.", "")],
         first=0)
    tag(doc, "{%p else %}")
    body(doc, "Berkas lengkap. Standar waktu layanan dihitung sejak berkas ini diterima.", first=0)
    tag(doc, "{%p endif %}")
    notice = para(doc, [("Pemberitahuan Pelindungan Data Pribadi. ", "b"),
                        ("Data pribadi Saudara/i dikumpulkan dan diproses oleh Dinas Sosial {{ kantor.daerah }} "
                         "hanya untuk keperluan layanan ini, berdasarkan Undang-Undang Nomor 27 Tahun 2022 tentang "
                         "Pelindungan Data Pribadi. Data dibagikan kepada BPJS Kesehatan, Kementerian Sosial dan "
                         "Dinas Kependudukan dan Pencatatan Sipil sebatas yang diperlukan, disimpan sesuai "
                         "ketentuan kearsipan, dan tidak digunakan untuk tujuan lain. Saudara/i berhak mengakses, "
                         "memperbaiki, dan mengajukan keberatan atas pemrosesan data Saudara/i melalui petugas "
                         "loket atau {{ kantor.email }}.", "")],
                  size=8, align=J.JUSTIFY, before=6, after=6)
    box(notice)
    para(doc, [("Saluran pengaduan: ", "b"), ("{{ layanan.pengaduan }}", "")], size=8, after=6, align=J.JUSTIFY)
    t = table(doc, 1, [55, 55, 55])
    left, mid, right = t.rows[0].cells
    cell_text(left, "Pemohon,", align=J.CENTER)
    para(left, "", after=36)
    para(left, [("{{ pemohon.nama }}", "u")], align=J.CENTER)
    cell_text(mid, "{{ qr }}", align=J.CENTER)
    para(mid, "Kode verifikasi: {{ verifikasi.kode }}", size=7, align=J.CENTER)
    cell_text(right, "{{ surat.tempat_tanggal }}", align=J.CENTER, size=9)
    para(right, "Petugas Penerima,", align=J.CENTER)
    para(right, "", after=28)
    para(right, [("{{ petugas.nama }}", "u")], align=J.CENTER)
    para(right, "{% if petugas.nip %}NIP. {{ petugas.nip }}{% endif %}", align=J.CENTER)
    para(doc, "Simpan tanda terima ini dan tunjukkan saat mengambil hasil layanan.", size=8, italic=True, before=6)
    save(doc, OUT / "tanda_terima.docx")


# ------------------------------------------------------------------------------ forms handed to the applicant
BOX = "\u2610"  # ☐, ticked by hand
SIGN_BLANK = "(" + "." * 48 + ")"


def form_doc(title):
    doc = new_doc()
    doc.core_properties.title = "Formulir Loket PBI"
    kop(doc)
    para(doc, title, bold=True, size=12, align=J.CENTER)
    para(doc, "Layanan {{ layanan.nama }} · Nomor registrasi {{ kasus.nomor_registrasi }}", size=8, align=J.CENTER,
         after=8)
    return doc


def section_title(doc, text):
    para(doc, text, bold=True, before=4, after=2)


def two_signatures(doc, left, right, *, stamp=False):
    """Two signature columns; each side is [(text, flags)] lines, the name line last."""
    para(doc, "", after=2)
    t = table(doc, 1, [TEXT_WIDTH / 2, TEXT_WIDTH / 2])
    keep_row(t.rows[0])
    cells = t.rows[0].cells
    for side, (cell, lines) in enumerate(((cells[0], left), (cells[1], right))):
        first = True
        for text, _flags in lines[:-1]:
            if first:
                cell_text(cell, text, align=J.CENTER)
                first = False
            else:
                para(cell, text, align=J.CENTER)
        if stamp and side == 1:
            stamp_p = para(cell, "Meterai\n10.000", size=7, align=J.CENTER, before=8, after=8, left=26)
            stamp_p.paragraph_format.right_indent = Mm(26)
            box(stamp_p)
            para(cell, "", after=6)
        else:
            para(cell, "", after=44)
        text, flags = lines[-1]
        para(cell, [(text, flags)], align=J.CENTER)
    return t


def checkbox_lines(doc, items, *, left=10):
    for item in items:
        para(doc, f"{BOX}  {item}", left=left, after=1)


def daftar_isian_jamkesda():
    doc = form_doc("DAFTAR ISIAN VERIFIKASI INDIKATOR\nFAKIR MISKIN DAN TIDAK MAMPU")
    section_title(doc, "A. Identitas calon peserta (kepala keluarga)")
    data_table(doc, [("Nama", [("{{ pemohon.nama }}", "b")]), ("NIK", "{{ pemohon.nik }}"),
                     ("Nomor KK", "{{ pemohon.no_kk }}"),
                     ("Tempat/Tanggal Lahir", "{{ pemohon.tempat_tanggal_lahir }}"),
                     ("Jenis Kelamin", "{{ pemohon.jenis_kelamin }}"), ("Alamat", "{{ pemohon.alamat_rt_rw }}"),
                     ("Kelurahan/Desa", "{{ pemohon.kelurahan }}"), ("Kecamatan", "{{ pemohon.kecamatan }}"),
                     ("Nomor HP", "{{ pemohon.no_hp }}"), ("Jumlah anggota keluarga", "............ orang"),
                     ("Daya listrik terpasang", "............ VA (paling tinggi {{ formulir.batas_listrik }})"),
                     ("Rekening listrik atas nama", "............................................................")],
               indent=0, label_width=50)
    section_title(doc, "B. Indikator: {{ formulir.kriteria }}")
    para(doc, "Beri tanda centang (\u2713) pada kolom Ya atau Tidak sesuai keadaan keluarga yang sebenarnya. "
              "Petugas mencocokkannya pada saat wawancara dan survei lapangan.", size=9, after=4,
         align=J.JUSTIFY)
    t = table(doc, 4, [9, 106, 12, 12, 26], grid=True, margins=(20, 20, 50, 50))
    for c, head in zip(t.rows[0].cells, ("No", "Indikator", "Ya", "Tidak", "Keterangan"), strict=False):
        cell_text(c, head, bold=True, size=9, align=J.CENTER)
        shade(c)
    repeat_header(t.rows[0])
    cell_text(t.rows[1].cells[0], "{%tr for i in indikator %}", size=9)
    for c, value in zip(t.rows[2].cells, ("{{ i.no }}", "{{ i.teks }}", BOX, BOX, ""), strict=False):
        cell_text(c, value, size=9, align=None if value == "{{ i.teks }}" else J.CENTER)
    cell_text(t.rows[3].cells[0], "{%tr endfor %}", size=9)
    section_title(doc, "C. Pernyataan")
    body(doc, "Isian di atas saya buat dengan sebenar-benarnya. Saya bersedia didatangi petugas untuk survei "
              "lapangan; apabila isian ini tidak benar, saya bersedia permohonan saya dibatalkan.", first=0)
    two_signatures(doc, [("Petugas Verifikasi,", ""), (SIGN_BLANK, "")],
                   [("{{ formulir.tempat_tanggal_kosong }}", ""), ("Calon Peserta / Kepala Keluarga,", ""),
                    ("{{ pemohon.nama }}", "bu")])
    save(doc, OUT / "formulir" / "daftar_isian_jamkesda.docx")


PERSON_FORM = [("Nama", [("{{ pemohon.nama }}", "b")]), ("NIK", "{{ pemohon.nik }}"),
               ("Nomor KK", "{{ pemohon.no_kk }}"), ("Tempat/Tanggal Lahir", "{{ pemohon.tempat_tanggal_lahir }}"),
               ("Jenis Kelamin", "{{ pemohon.jenis_kelamin }}"), ("Alamat", "{{ pemohon.alamat_rt_rw }}"),
               ("Kelurahan/Desa", "{{ pemohon.kelurahan }}"), ("Kecamatan", "{{ pemohon.kecamatan }}"),
               ("Nomor HP", "{{ pemohon.no_hp }}")]


def pernyataan_calon_peserta():
    doc = form_doc("SURAT PERNYATAAN\nCALON PESERTA JAMINAN KESEHATAN DAERAH")
    body(doc, "Yang bertanda tangan di bawah ini:", first=0)
    data_table(doc, PERSON_FORM, indent=0, label_width=50)
    body(doc, "dengan ini menyatakan dengan sesungguhnya bahwa:", first=0)
    for i, text in enumerate((
            "Saya beserta anggota keluarga yang saya daftarkan adalah penduduk {{ kantor.daerah }} dan termasuk "
            "keluarga fakir miskin dan/atau tidak mampu.",
            "Saya beserta anggota keluarga tersebut belum terdaftar sebagai peserta Jaminan Kesehatan Nasional "
            "(JKN) dari segmen mana pun, atau kepesertaannya telah nonaktif.",
            "Saya bersedia dilakukan wawancara, verifikasi dan survei lapangan oleh petugas Dinas Sosial, dan "
            "menerima hasil penilaian sesuai kuota yang tersedia.",
            "Seluruh data dan dokumen yang saya serahkan adalah benar. Apabila di kemudian hari ternyata tidak "
            "benar, saya bersedia kepesertaan saya dicabut dan dituntut sesuai ketentuan peraturan "
            "perundang-undangan."), 1):
        p = para(doc, f"{i}.\t{text}", align=J.JUSTIFY, left=7, after=3, line=1.1)
        p.paragraph_format.first_line_indent = Mm(-7)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(7))
    body(doc, "Demikian surat pernyataan ini saya buat dengan sebenarnya, dalam keadaan sadar dan tanpa paksaan "
              "dari pihak mana pun.", first=0)
    two_signatures(doc, [("Mengetahui,", ""), ("{{ formulir.lurah }},", ""), (SIGN_BLANK, "")],
                   [("{{ formulir.tempat_tanggal_kosong }}", ""), ("Yang membuat pernyataan,", ""),
                    ("{{ pemohon.nama }}", "bu")], stamp=True)
    save(doc, OUT / "formulir" / "pernyataan_calon_peserta.docx")


def registrasi_reaktivasi():
    doc = form_doc("FORMULIR PENGADUAN DAN REGISTRASI\nREAKTIVASI PESERTA PBI JAMINAN KESEHATAN")
    section_title(doc, "A. Data peserta")
    data_table(doc, PERSON_FORM[:3] + [("Nomor Kartu JKN-KIS", "{{ pemohon.no_kartu }}")] + PERSON_FORM[3:],
               indent=0, label_width=50)
    section_title(doc, "B. Pengaduan dan kebutuhan layanan kesehatan")
    data_table(doc, [("Nonaktif sejak", "{{ kasus.tanggal_nonaktif }}"),
                     ("Faskes yang dituju", "{{ kasus.faskes }}")], indent=0, label_width=50)
    para(doc, "Keperluan (beri tanda centang):", after=2)
    checkbox_lines(doc, ["Rawat jalan", "Rawat inap", "Persalinan", "Gawat darurat",
                         "Lainnya: ........................................................"])
    para(doc, "Uraian pengaduan:", before=4, after=2)
    for _ in range(3):
        para(doc, "." * 150, after=4, size=9)
    section_title(doc, "C. Diisi petugas")
    data_table(doc, [("Status di BPJS Kesehatan", f"{BOX} Nonaktif    {BOX} Aktif    diperiksa tanggal ............"),
                     ("Terdaftar di DTSEN", f"{BOX} Ya, desil ......    {BOX} Tidak"),
                     ("Tanggal lapor ke Dinas", "........................................")],
               indent=0, label_width=50)
    two_signatures(doc, [("Petugas Registrasi,", ""), (SIGN_BLANK, "")],
                   [("{{ formulir.tempat_tanggal_kosong }}", ""), ("Pemohon,", ""), ("{{ pemohon.nama }}", "bu")])
    save(doc, OUT / "formulir" / "registrasi_reaktivasi.docx")


def pernyataan_penonaktifan():
    doc = form_doc("SURAT PERNYATAAN PENONAKTIFAN\nKEPESERTAAN JAMINAN KESEHATAN PBI-APBD")
    body(doc, "Yang bertanda tangan di bawah ini (pelapor):", first=0)
    data_table(doc, [("Nama", [("{{ pelapor.nama }}", "b")]), ("NIK", "{{ pelapor.nik }}"),
                     ("Hubungan dengan peserta", "{{ pelapor.hubungan }}"), ("Alamat", "{{ pelapor.alamat }}"),
                     ("Nomor HP", "{{ pelapor.no_hp }}")], indent=0, label_width=50)
    body(doc, "menyatakan bahwa peserta Jaminan Kesehatan yang iurannya dibayar oleh Pemerintah Daerah "
              "{{ kantor.daerah }}:", first=0)
    data_table(doc, [("Nama", [("{{ pemohon.nama }}", "b")]), ("NIK", "{{ pemohon.nik }}"),
                     ("Nomor KK", "{{ pemohon.no_kk }}"), ("Nomor Kartu JKN-KIS", "{{ pemohon.no_kartu }}"),
                     ("Alamat", "{{ pemohon.alamat_rt_rw }}"), ("Kelurahan/Desa", "{{ pemohon.kelurahan }}")],
               indent=0, label_width=50)
    body(doc, "mohon dinonaktifkan kepesertaannya dengan alasan (beri tanda centang):", first=0)
    tag(doc, "{%p for a in alasan %}")
    para(doc, BOX + "  {{ a.teks }}", left=10, after=1)
    tag(doc, "{%p endfor %}")
    para(doc, "Bukti pendukung: .............................................................................",
         before=4, after=4)
    body(doc, "Keterangan ini saya buat dengan sebenarnya. Saya memahami bahwa penonaktifan diproses BPJS Kesehatan "
              "sekitar 1 (satu) bulan, dan apabila keterangan ini tidak benar saya bersedia bertanggung jawab sesuai "
              "ketentuan peraturan perundang-undangan.", first=0)
    two_signatures(doc, [("Mengetahui,", ""), ("{{ formulir.lurah }},", ""), (SIGN_BLANK, "")],
                   [("{{ formulir.tempat_tanggal_kosong }}", ""), ("Yang membuat pernyataan,", ""),
                    ("{{ pelapor.nama }}", "bu")], stamp=True)
    save(doc, OUT / "formulir" / "pernyataan_penonaktifan.docx")


FORM_TEMPLATES = {
    "daftar_isian_jamkesda": daftar_isian_jamkesda,
    "pernyataan_calon_peserta": pernyataan_calon_peserta,
    "registrasi_reaktivasi": registrasi_reaktivasi,
    "pernyataan_penonaktifan": pernyataan_penonaktifan,
}


TEMPLATES = {
    "rekomendasi_pbi": lambda: letter("rekomendasi_pbi", rekomendasi_pbi),
    "keterangan_reaktivasi": keterangan_reaktivasi,
    "rekomendasi_reaktivasi": lambda: letter("rekomendasi_reaktivasi", rekomendasi_reaktivasi),
    "rekomendasi_penonaktifan": lambda: letter("rekomendasi_penonaktifan", rekomendasi_penonaktifan),
    "pengantar_penonaktifan": lambda: letter("pengantar_penonaktifan", pengantar_penonaktifan),
    "pemberitahuan_puskesos": lambda: letter("pemberitahuan_puskesos", pemberitahuan_puskesos),
    "pengantar_pbi": lambda: letter("pengantar_pbi", pengantar_pbi),
    "pengantar_keterangan_reaktivasi": lambda: letter("pengantar_keterangan_reaktivasi",
                                                      pengantar_keterangan_reaktivasi),
    "pengantar_rekomendasi_reaktivasi": lambda: letter("pengantar_rekomendasi_reaktivasi",
                                                       pengantar_rekomendasi_reaktivasi),
    "usulan_jamkesda": lambda: letter("usulan_jamkesda", usulan_jamkesda),
    "pemberitahuan_jamkesda": lambda: letter("pemberitahuan_jamkesda", pemberitahuan_jamkesda),
    "pemberitahuan_ditolak_bpjs": lambda: letter("pemberitahuan_ditolak_bpjs", pemberitahuan_ditolak_bpjs),
    "permohonan_sk_walikota": lambda: letter("permohonan_sk_walikota", permohonan_sk_walikota),
    "rujukan_dtsen": lambda: letter("rujukan_dtsen", rujukan_dtsen),
    "rujukan_disdukcapil": lambda: letter("rujukan_disdukcapil", rujukan_disdukcapil),
    "tanda_terima": tanda_terima,
    "jawaban_pengaduan": lambda: letter("jawaban_pengaduan", jawaban_pengaduan),
}

_ = WD_SECTION  # (kept for offices that add landscape sections by hand)


README_HEAD = """# Templat surat

Satu templat Word (.docx) untuk setiap surat yang dihasilkan layanan. Berkas .docx di folder ini adalah
sumbernya: ubah langsung di Microsoft Word (atau LibreOffice) lalu simpan sebagai .docx. `git diff`
menampilkan perubahannya sebagai teks (sekali per klon: `git config diff.docx.textconv "python3
scripts/docx_textconv.py"`). Setiap templat diuji dengan data contoh pada kertas A4 dan F4
(`tests/letters/test_shipped_templates.py`). Daftar di bawah dibuat ulang dengan
`python scripts/make_templates.py --readme`.

## Mengubah templat untuk kantor Anda

1. Salin berkas dari folder ini (mis. `rekomendasi_pbi.docx`) ke folder `templates/` di folder data
   Loket PBI kantor (nama berkas harus sama). Salinan kantor menggantikan templat bawaan.
2. Buka dan ubah di Microsoft Word atau LibreOffice: kalimat, tata letak, huruf. Biarkan isian
   `{{ ... }}` dan tanda `{%p ... %}` / `{%tr ... %}` tetap utuh dalam satu gaya huruf.
3. Templat diperiksa sebelum nomor surat diambil: isian yang tidak dikenal atau salah ketik
   (mis. `{{ pemohon.nmaa }}`) ditolak dengan pesan yang menyebut isian tersebut, dan tidak ada nomor
   yang terpakai.

| Berkas | Surat | Layanan |
|---|---|---|
"""

README_TAGS = """
## Tanda khusus docxtpl

- `{%p if x %}` … `{%p endif %}` — paragraf hanya dicetak bila `x` terisi (mis. `ttd.atas_nama`).
- `{%tr for p in peserta %}` … `{%tr endfor %}` — satu baris tabel per peserta.
- `{{ loop.index }}` — nomor urut di dalam perulangan.
- `|upper` — huruf besar (penyaring Jinja bawaan lain juga boleh).

Gambar (`kantor.lambang`, `qr`) disisipkan oleh aplikasi; letakkan isiannya di paragraf sendiri.
Ukuran kertas (A4 atau F4 215 × 330 mm) diatur di Pengaturan → Surat dan diterapkan saat surat dibuat.
Isian yang datanya tidak ada pada sebuah surat dicetak kosong (mis. `{{ kasus.catatan }}`).

## Nomor surat

Pola nomor per kantor (Pengaturan → Surat, bagian `letters`), bawaan `{kode}/{urut}/{unit}/{bulan_romawi}/{tahun}`
→ `400.9.11/123/Dinsos/XI/2026`. Token: `{kode}` kode klasifikasi jenis surat (bawaan 400.9.11 Jaminan
Sosial; dapat diatur per jenis), `{urut}` nomor urut dalam tahun (`{urut:03}` → `007`), `{unit}` kode unit
dari profil kantor, `{kantor}` kode kantor, `{bulan_romawi}` I–XII, `{bulan}` 01–12, `{tahun}`. Nomor urut
dimulai lagi dari 1 setiap tahun; `{urut}` dan `{tahun}` wajib ada. Tanda terima berkas memakai register
sendiri (`TT/{urut}/{unit}/{tahun}`). Nomor diambil dalam transaksi yang sama dengan pengarsipan surat:
tidak pernah terpakai dua kali dan tidak pernah terlewat; surat yang dibatalkan tetap tercatat dengan
alasannya.

## Arsip

Setiap surat disimpan di folder data `letters/<tahun>/` (.docx dan PDF bila ada) bersama SHA-256-nya, data
yang dipakai, dan versi templatnya (`letters/templat/<sha256>.docx`). Kode QR di surat berisi nomor dan 16
digit pertama sidik SHA-256 data surat. `loket-pbi check` memberi tahu bila berkas arsip berubah atau hilang;
cetak ulang memberikan berkas arsip yang sama persis.

## Menambah templat baru (pengembang)

1. Daftarkan jenis suratnya di `app/documents/catalog.py` (`KINDS`: kunci, judul, layanan, register nomor);
   isian baru yang belum ada di daftar bawah ditambahkan di `app/documents/placeholders.py`.
2. Buat berkas `resources/templates/<kunci>.docx`: salin templat yang paling mirip dan ubah di Word, atau
   tulis fungsi pembangun di `scripts/make_templates.py` (daftar `TEMPLATES`) lalu jalankan
   `python scripts/make_templates.py <kunci>` sekali untuk draf pertamanya (skrip tidak pernah menimpa
   berkas yang sudah ada). Selanjutnya berkas .docx itulah sumbernya; penyuntingan berikutnya di Word.
3. Beri data contoh di `app/documents/examples.py` (`example_data`) seperti yang akan dikirim layanannya.
4. `python scripts/make_templates.py --readme` memperbarui tabel dan daftar isian di berkas ini.
5. `python -m pytest tests/letters` merender templat baru itu otomatis (isian dikenal, tidak ada `{{` yang
   tersisa, kertas A4/F4, lambang dan QR); `python scripts/render_letter_examples.py` memperbarui gambarnya di
   `docs/letters/` — lihat gambarnya sebelum commit.

## Daftar isian
"""


def write_readme() -> None:
    from app.documents.catalog import KINDS

    lines = [README_HEAD]
    for k in KINDS.values():
        lines.append(f"| `{k.key}.docx` | {k.title} | {', '.join(f'`{s}`' for s in k.services)} |\n")
    from app.services.forms import FORMS

    lines.append("\n## Formulir untuk pemohon (`formulir/`)\n\nBukan surat: tanpa nomor, tanpa kode QR, "
                 "tidak diarsipkan "
                 "di register surat; dicetak kapan saja dari wizard layanan (halaman persyaratan) dan jendela berkas "
                 "(**Cetak formulir…**), terisi data yang sudah ada, bagian bertitik diisi tangan. Nilai yang "
                 "menentukan kelayakan (jawaban indikator, daya listrik, alasan penonaktifan) tidak pernah diisikan. "
                 "Salinan kantor di `templates/formulir/` menggantikan yang bawaan.\n\n"
                 "| Berkas | Formulir | Layanan | Kapan |\n|---|---|---|---|\n")
    for f in FORMS.values():
        lines.append(f"| `formulir/{f.key}.docx` | {f.title} | {', '.join(f'`{x}`' for x in f.services)} | "
                     f"{f.when} |\n")
    lines.append(README_TAGS)
    group = None
    for path, (g, desc, example) in PLACEHOLDERS.items():
        if g != group:
            lines.append(f"\n### {g}\n\n| Isian | Arti | Contoh |\n|---|---|---|\n")
            group = g
        shown = f"`{{{{ {path} }}}}`" if "[]" not in path else f"`{path}`"
        ex = example.replace("|", "\\|")
        lines.append(f"| {shown} | {desc} | {ex} |\n")
    lines.append("\nDalam perulangan, `peserta[].nama` ditulis `{{ p.nama }}` di dalam "
                 "`{%tr for p in peserta %}`.\n")
    (OUT / "README.md").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse

    from app.documents.catalog import KINDS

    ap = argparse.ArgumentParser(description="Draf pertama templat surat yang BELUM ada (tidak pernah menimpa), "
                                             "atau README templat.")
    ap.add_argument("names", nargs="*", help="kunci templat, mis. pengantar_penonaktifan")
    ap.add_argument("--readme", action="store_true", help="tulis ulang resources/templates/README.md")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.readme:
        write_readme()
        print(f"README.md ditulis ke {OUT}")
    for name in args.names:
        target = OUT / f"{name}.docx" if name not in FORM_TEMPLATES else OUT / "formulir" / f"{name}.docx"
        if name in FORM_TEMPLATES and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            FORM_TEMPLATES[name]()
            print(f"  formulir/{name}.docx (draf pertama: selesaikan di Word)")
            continue
        if target.exists():
            print(f"{target} sudah ada: ubah di Word (skrip ini tidak menimpa templat).", file=sys.stderr)
            return 1
        if name not in TEMPLATES:
            print(f"Tidak ada fungsi pembangun untuk '{name}' di TEMPLATES; salin templat yang mirip lalu ubah di "
                  "Word.", file=sys.stderr)
            return 1
        TEMPLATES[name]()
        print(f"  {name}.docx (draf pertama: selesaikan di Word)")
    if not args.names and not args.readme:
        missing = [k for k in KINDS if not (OUT / f"{k}.docx").exists()]
        print("Semua templat katalog ada." if not missing else "Belum ada .docx: " + ", ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
