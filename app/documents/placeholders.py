"""The placeholders a letter template may use, and the check that refuses any other.

Every placeholder is a dotted path (``pemohon.nama``); items of a list are written ``peserta[].nama``
(inside ``{%tr for p in peserta %}`` … ``{{ p.nama }}``). ``resources/templates/README.md`` is generated
from :data:`PLACEHOLDERS`, so the documentation and the check never disagree.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from app.errors import ValidationError

#: path → (group, description, example)
PLACEHOLDERS: dict[str, tuple[str, str, str]] = {}


def _add(group: str, rows: list[tuple[str, str, str]]) -> None:
    for path, desc, example in rows:
        PLACEHOLDERS[path] = (group, desc, example)


_add("Kop surat (dari Profil Kantor)", [
    ("kantor.lambang", "gambar lambang daerah (PNG dari profil kantor); kosong bila belum diunggah", "(gambar)"),
    ("kantor.pemerintah", "nama pemerintah daerah, huruf besar", "PEMERINTAH KOTA PANGKALPINANG"),
    ("kantor.dinas", "nama perangkat daerah, huruf besar", "DINAS SOSIAL"),
    ("kantor.alamat", "alamat kantor", "Jl. Rasakunda No. 1, Pangkalpinang"),
    ("kantor.kode_pos", "kode pos", "33121"),
    ("kantor.telepon", "telepon", "(0717) 421234"),
    ("kantor.email", "surel resmi", "dinsos@pangkalpinangkota.go.id"),
    ("kantor.laman", "laman web", "dinsos.pangkalpinangkota.go.id"),
    ("kantor.kontak", "baris kontak siap cetak (telepon, surel, laman yang terisi)",
     "Telepon (0717) 421234, Pos-el dinsos@…, Laman dinsos.…"),
    ("kantor.kota", "tempat surat (kota/ibu kota kabupaten)", "Pangkalpinang"),
    ("kantor.daerah", "nama daerah dengan jenisnya", "Kota Pangkalpinang"),
    ("kantor.kepala_daerah", "sebutan kepala daerah", "Wali Kota Pangkalpinang"),
])
_add("Kepala surat", [
    ("surat.nomor", "nomor surat menurut pola penomoran kantor", "400.9.11/123/Dinsos/XI/2026"),
    ("surat.tanggal", "tanggal surat, bahasa Indonesia", "22 November 2026"),
    ("surat.tempat_tanggal", "tempat dan tanggal", "Pangkalpinang, 22 November 2026"),
    ("surat.sifat", "sifat surat", "Biasa"),
    ("surat.lampiran", "lampiran", "1 (satu) berkas"),
    ("surat.hal", "hal/perihal", "Rekomendasi Pendaftaran Peserta PBI JK"),
    ("surat.kode_klasifikasi", "kode klasifikasi arsip", "400.9.11"),
    ("surat.judul", "judul jenis surat", "Surat Rekomendasi PBI JK"),
    ("kertas", "ukuran kertas surat (Pengaturan → Surat)", "A4 / F4"),
    ("tujuan.yth", "penerima sesudah \"Yth.\"", "Kepala BPJS Kesehatan Kantor Cabang Pangkalpinang"),
    ("tujuan.di", "tempat penerima sesudah \"di\"", "Pangkalpinang"),
    ("tembusan", "daftar tembusan (teks); dipakai dalam {% for t in tembusan %}", "Yth. Kepala Dinas …"),
    ("tembusan[]", "satu baris tembusan", "Kepala Bidang Linjamsos"),
    ("dasar", "dasar hukum/acuan layanan (SK standar pelayanan)", "Peraturan Wali Kota Nomor …"),
])
_add("Tanda tangan dan paraf (dari Data Pejabat)", [
    ("ttd.atas_nama", "baris \"a.n. …\" bila pejabat menandatangani atas nama; kosong bila tidak",
     "a.n. Kepala Dinas Sosial Kota Pangkalpinang"),
    ("ttd.jabatan", "jabatan penanda tangan, dengan Plt./Plh. bila diisi", "Plt. Kepala Dinas Sosial"),
    ("ttd.nama", "nama penanda tangan (dicetak bergaris bawah)", "Drs. H. Ahmad Sulaiman, M.Si."),
    ("ttd.pangkat", "pangkat/golongan", "Pembina Utama Muda (IV/c)"),
    ("ttd.nip", "NIP dengan spasi baku", "19720103 199503 1 001"),
    ("paraf", "daftar pejabat yang memaraf (rantai layanan)", ""),
    ("paraf[].jabatan", "jabatan pemaraf", "Kabid Linjamsos"),
    ("paraf[].nama", "nama pemaraf", "Rina Marlina, S.Sos."),
    ("paraf[].no", "urutan paraf", "1"),
    ("petugas.nama", "petugas loket yang menerbitkan/menerima", "Petugas Front Office"),
    ("petugas.nip", "NIP petugas (bila ada)", "19900101 201503 2 001"),
    ("qr", "gambar kode QR berisi nomor surat dan sidik data", "(gambar)"),
    ("verifikasi.kode", "16 digit heksadesimal pertama sidik SHA-256 data surat", "3f2a9c0d1e4b5a67"),
    ("verifikasi.teks", "isi kode QR", "LOKETPBI|400.9.11/123/Dinsos/XI/2026|3f2a9c0d1e4b5a67"),
])
_add("Pemohon / peserta (dari kasus)", [
    ("pemohon.nama", "nama lengkap", "SITI AMINAH"),
    ("pemohon.nik", "NIK 16 digit", "1971014501850003"),
    ("pemohon.no_kk", "nomor KK 16 digit", "1971010101100021"),
    ("pemohon.tempat_lahir", "tempat lahir", "Pangkalpinang"),
    ("pemohon.tanggal_lahir", "tanggal lahir, bahasa Indonesia", "5 Januari 1985"),
    ("pemohon.jenis_kelamin", "Laki-laki / Perempuan", "Perempuan"),
    ("pemohon.alamat", "alamat sesuai KTP", "Jl. Melati No. 7"),
    ("pemohon.alamat_singkat", "alamat satu baris dengan RT/RW dan kelurahan", "Jl. Melati No. 7 RT 003 RW 001, …"),
    ("pemohon.tempat_tanggal_lahir", "tempat dan tanggal lahir dalam satu baris (tanpa koma yang menggantung)",
     "Pangkalpinang, 5 Januari 1985"),
    ("pemohon.alamat_rt_rw", "alamat dengan RT/RW (bagian yang kosong dilewati)", "Jl. Melati No. 7 RT 003 RW 001"),
    ("pemohon.rt", "RT", "003"),
    ("pemohon.rw", "RW", "001"),
    ("pemohon.kelurahan", "kelurahan/desa", "Bukit Intan"),
    ("pemohon.kecamatan", "kecamatan", "Girimaya"),
    ("pemohon.domisili", "alamat domisili bila berbeda dari KTP", ""),
    ("pemohon.no_kartu", "nomor kartu JKN-KIS (13 digit)", "0001234567890"),
    ("pemohon.no_hp", "nomor HP", "081234567890"),
    ("pemohon.pekerjaan", "pekerjaan", "Buruh harian lepas"),
    ("pemohon.hubungan", "hubungan dalam keluarga", "Kepala Keluarga"),
    ("pemohon.desil", "desil DTSEN", "2"),
    ("pemohon.id_dtsen", "ID DTSEN/DTKS", "DT-1971-000123"),
    ("pemohon.status_dtsen", "keterangan DTSEN (dahulu DTKS)", "Terdaftar di DTSEN (dahulu DTKS), desil 2"),
    ("anggota", "anggota keluarga yang ikut diusulkan", ""),
    ("anggota[].no", "nomor urut", "1"),
    ("anggota[].nama", "nama", "BUDI"),
    ("anggota[].nik", "NIK", "1971010101100001"),
    ("anggota[].hubungan", "hubungan keluarga", "Anak"),
])
_add("Kasus dan layanan", [
    ("layanan.kode", "kode layanan", "pbi-baru"),
    ("layanan.nama", "nama layanan", "Pengajuan PBI JK"),
    ("layanan.sla", "standar waktu layanan, kalimat", "45 menit sejak berkas lengkap"),
    ("layanan.biaya", "biaya layanan", "Tidak dipungut biaya"),
    ("layanan.pengaduan", "saluran pengaduan", "SP4N-LAPOR!, WhatsApp 0812…, kotak saran"),
    ("kasus.nomor_registrasi", "nomor registrasi kasus", "PBI-2026-000123"),
    ("kasus.tanggal_diterima", "tanggal berkas diterima", "22 November 2026"),
    ("kasus.jam_diterima", "jam diterima", "09.15 WIB"),
    ("kasus.perkiraan_selesai", "perkiraan selesai menurut standar layanan", "22 November 2026 pukul 10.00 WIB"),
    ("kasus.darurat", "ya bila darurat (rawat inap, persalinan, gawat darurat)", "True / False"),
    ("kasus.keterangan_darurat", "keterangan kedaruratan", "rawat inap di RSUD Depati Hamzah"),
    ("kasus.alasan", "alasan (penonaktifan, rujukan)", "meninggal dunia"),
    ("kasus.tanggal_nonaktif", "tanggal kepesertaan nonaktif", "1 Oktober 2026"),
    ("kasus.konfirmasi_bpjs", "hasil konfirmasi dengan BPJS (siapa, kapan, jawaban)", "…"),
    ("kasus.bukti", "bukti pendukung", "Surat Keterangan Kematian dari Kelurahan"),
    ("kasus.catatan", "catatan bebas", ""),
    ("berkas", "daftar persyaratan untuk tanda terima", ""),
    ("berkas[].no", "nomor urut", "1"),
    ("berkas[].nama", "nama persyaratan", "Fotokopi KTP"),
    ("berkas[].ada", "True bila diterima", "True"),
    ("berkas[].tanda", "tanda cetak: \"Ada\" atau \"Belum\"", "Ada"),
    ("berkas_kurang", "jumlah persyaratan yang belum diterima", "0"),
    ("periode.nama", "periode (bulan dan tahun)", "November 2026"),
    ("periode.bulan", "nama bulan", "November"),
    ("periode.tahun", "tahun", "2026"),
    ("periode.urutan", "nomor urut kiriman kolektif", "11"),
])
_add("Wilayah (pemberitahuan penonaktifan kepada Puskesos)", [
    ("wilayah.kelurahan", "nama kelurahan/desa tempat tinggal peserta yang dinonaktifkan", "Bukit Intan"),
    ("wilayah.kode", "kode wilayah kelurahan/desa (Kemendagri)", "19.71.04.1001"),
    ("wilayah.kecamatan", "nama kecamatan", "Girimaya"),
    ("wilayah.sebutan", "kelurahan/desa dengan sebutannya", "Kelurahan Bukit Intan"),
    ("wilayah.kecamatan_di", "tempat penerima: kecamatan, atau kota bila kecamatan kosong", "Kecamatan Girimaya"),
])
_add("Daftar peserta (surat kolektif)", [
    ("peserta", "daftar peserta (lampiran)", ""),
    ("jumlah", "jumlah peserta", "25"),
    ("jumlah_terbilang", "jumlah peserta dengan huruf", "dua puluh lima"),
    ("rantai_audit", "kepala rantai log audit saat batch ditutup (dicocokkan dengan loket-pbi check --kepala)",
     "#1234 (1234 entri) 9f2c…"),
    ("peserta[].no", "nomor urut", "1"),
    ("peserta[].nama", "nama", "SITI AMINAH"),
    ("peserta[].nik", "NIK", "1971014501850003"),
    ("peserta[].no_kk", "nomor KK", "1971010101100021"),
    ("peserta[].no_kartu", "nomor kartu JKN-KIS", "0001234567890"),
    ("peserta[].tanggal_lahir", "tanggal lahir DD-MM-YYYY", "05-01-1985"),
    ("peserta[].jenis_kelamin", "L/P", "P"),
    ("peserta[].alamat", "alamat singkat", "Jl. Melati No. 7 RT 003/001"),
    ("peserta[].kelurahan", "kelurahan/desa", "Bukit Intan"),
    ("peserta[].kecamatan", "kecamatan", "Girimaya"),
    ("peserta[].alasan", "alasan penonaktifan", "Meninggal dunia"),
    ("peserta[].nomor_surat", "nomor surat rekomendasi perorangan", "400.9.11/101/Dinsos/XI/2026"),
    ("peserta[].tanggal_surat", "tanggal surat perorangan", "03-11-2026"),
    ("peserta[].desil", "desil DTSEN", "2"),
    ("peserta[].skor", "skor verifikasi", "78,5"),
    ("peserta[].peringkat", "peringkat dalam kuota", "1"),
    ("peserta[].keterangan", "keterangan", ""),
])
_add("Pengaduan (surat jawaban pengaduan)", [
    ("pengaduan.nomor", "nomor registrasi pengaduan", "ADU-2026-00012"),
    ("pengaduan.tanggal", "tanggal pengaduan diterima", "9 November 2026"),
    ("pengaduan.kanal", "kanal pengaduan (dengan nomor tiket bila ada)", "SP4N-LAPOR! tiket LAP-2026-123"),
    ("pengaduan.pokok", "pokok pengaduan", "Surat rekomendasi belum terbit"),
    ("pengaduan.uraian", "uraian pengaduan", ""),
    ("pengaduan.berkas", "nomor registrasi berkas yang diadukan (bila ada)", "PBI-2026-00123"),
    ("pengaduan.tindak_lanjut", "tindak lanjut yang sudah dilakukan", "Dicek ke back office"),
    ("pengaduan.jawaban", "jawaban kepada pengadu", "Surat rekomendasi telah terbit …"),
    ("pengaduan.tenggat", "batas waktu penyelesaian pengaduan", "26 November 2026"),
    ("pengaduan.standar", "standar waktu penyelesaian pengaduan", "14 hari kerja"),
    ("pengadu.nama", "nama pengadu", "BUDI SANTOSO"),
    ("pengadu.kontak", "kontak pengadu", "081234567890"),
])
_add("Formulir untuk pemohon (templates/formulir; titik-titik = diisi tangan)", [
    ("formulir.judul", "judul formulir", "Surat Pernyataan Calon Peserta Jamkesda"),
    ("formulir.tanggal", "tanggal cetak", "6 Desember 2026"),
    ("formulir.tempat_tanggal", "tempat dan tanggal cetak", "Pangkalpinang, 6 Desember 2026"),
    ("formulir.tempat_tanggal_kosong", "tempat, tanggal diisi tangan", "Pangkalpinang, ......"),
    ("formulir.kriteria", "set indikator yang dipilih kantor", "Kriteria … (Kepmensos 262/HUK/2022)"),
    ("formulir.batas_listrik", "batas daya listrik jamkesda", "900 VA"),
    ("formulir.lurah", "lurah/kepala desa pemohon yang mengetahui", "Lurah Bukit Intan"),
    ("indikator", "indikator set yang dipilih; dipakai dalam {%tr for i in indikator %}", ""),
    ("indikator[].no", "nomor urut indikator", "1"),
    ("indikator[].kode", "kode indikator", "penghasilan"),
    ("indikator[].teks", "bunyi indikator", "Tidak mempunyai sumber mata pencaharian"),
    ("pelapor.nama", "nama pelapor (penonaktifan, mis. karena meninggal)", "AHMAD FAUZI"),
    ("pelapor.nik", "NIK pelapor", "1971010505800004"),
    ("pelapor.hubungan", "hubungan pelapor dengan peserta", "Anak"),
    ("pelapor.alamat", "alamat pelapor", "Jl. Melati No. 7"),
    ("pelapor.no_hp", "nomor HP pelapor", "081234567891"),
    ("pelapor.keterangan", "pelapor dalam satu baris (tanda terima, surat penonaktifan)",
     "AHMAD FAUZI (Anak), NIK 1971010505800004"),
    ("alasan", "pilihan alasan penonaktifan (dicentang tangan); {%p for a in alasan %}", ""),
    ("alasan[].no", "nomor urut alasan", "1"),
    ("alasan[].teks", "bunyi alasan", "Meninggal dunia"),
    ("kasus.faskes", "fasilitas kesehatan yang dituju (reaktivasi)", "RSUD Depati Hamzah"),
])
_add("Keputusan Jamkesda", [
    ("keputusan.status", "layak / daftar_tunggu / tidak_layak", "layak"),
    ("keputusan.label", "kalimat keputusan", "LAYAK dan diusulkan sebagai peserta"),
    ("keputusan.layak", "True bila layak", "True"),
    ("keputusan.daftar_tunggu", "True bila masuk daftar tunggu", "False"),
    ("keputusan.tidak_layak", "True bila tidak layak", "False"),
    ("keputusan.alasan", "alasan (wajib bila tidak layak)", ""),
    ("keputusan.skor", "skor verifikasi", "78,5"),
    ("keputusan.peringkat", "peringkat", "12"),
    ("keputusan.kuota", "kuota periode", "150"),
    ("keputusan.kriteria", "perangkat kriteria yang dipakai", "Kepmensos 262/HUK/2022"),
])
_add("Umpan balik BPJS (Jamkesda)", [
    ("umpan_balik.status", "jawaban BPJS atas pendaftaran peserta", "Ditolak BPJS Kesehatan"),
    ("umpan_balik.alasan", "alasan penolakan dari BPJS", "NIK terdaftar sebagai peserta segmen lain"),
    ("umpan_balik.sumber", "asal jawaban: berkas umpan balik atau nomor referensi BPJS",
     "referensi BPJS 123/KC-SKW/2026"),
    ("umpan_balik.tanggal", "tanggal jawaban dicatat", "15 Maret 2026"),
    ("umpan_balik.periode", "periode kuota", "2026"),
])

#: names Jinja itself provides inside a template.
_JINJA_GLOBALS = {"loop", "range", "true", "false", "none", "True", "False", "None", "namespace", "dict",
                  "lipsum", "cycler", "joiner"}

_PREFIXES = {p.rsplit(".", 1)[0] for p in PLACEHOLDERS if "." in p}


def known(path: str) -> bool:
    return path in PLACEHOLDERS or path in _PREFIXES


@dataclass(frozen=True)
class TemplateCheck:
    used: frozenset[str]
    unknown: tuple[str, ...]
    unknown_filters: tuple[str, ...]


def template_source(path: Path) -> str:
    """The Jinja source of a .docx template (body, headers and footers), as docxtpl sees it."""
    from docx import Document
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(path))
    doc = Document(str(path))
    src = tpl.patch_xml(tpl.xml_to_string(doc._element.body))
    for rel in doc.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and rel.target_part.blob:
            src += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    return src


def _path(node: nodes.Node, scope: dict[str, str | None]) -> str | None:
    if isinstance(node, nodes.Name):
        if node.name in scope:
            return scope[node.name]
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path(node.node, scope)
        return None if base is None else f"{base}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        base = _path(node.node, scope)
        return None if base is None else f"{base}.{node.arg.value}"
    return None


def _walk(node: nodes.Node, scope: dict[str, str | None], used: set[str], filters: set[str]) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, used, filters)
        inner = dict(scope)
        it = _path(node.iter, scope)
        targets = [node.target] if isinstance(node.target, nodes.Name) else list(node.target.find_all(nodes.Name))
        for t in targets:
            inner[t.name] = (it + "[]") if (it and len(targets) == 1) else None
        for child in [*node.body, *node.else_]:
            _walk(child, inner, used, filters)
        if node.test is not None:
            _walk(node.test, inner, used, filters)
        return
    if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
        for t in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [node.target]:
            scope[t.name] = None
        if isinstance(node, nodes.Assign):
            _walk(node.node, scope, used, filters)
        else:
            for child in node.body:
                _walk(child, scope, used, filters)
        return
    if isinstance(node, (nodes.Macro, nodes.CallBlock)):
        return
    if isinstance(node, nodes.Filter):
        filters.add(node.name)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
        # a method call such as pemohon.nama.upper(): check the object, not the method
        p = _path(node.node.node, scope)
        if p is not None:
            used.add(p)
        for child in [*node.args, *node.kwargs]:
            _walk(child, scope, used, filters)
        return
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        p = _path(node, scope)
        if p is not None:
            if p.split(".")[0] not in _JINJA_GLOBALS:
                used.add(p)
            return
        if isinstance(node, nodes.Name):
            return
    for child in node.iter_child_nodes():
        _walk(child, scope, used, filters)


def check_source(source: str, env: Environment | None = None) -> TemplateCheck:
    env = env or Environment()
    tree = env.parse(source)
    used: set[str] = set()
    filters: set[str] = set()
    scope: dict[str, str | None] = {}
    for child in tree.body:
        _walk(child, scope, used, filters)
    unknown = tuple(sorted(p for p in used if not known(p)))
    bad_filters = tuple(sorted(f for f in filters if f not in env.filters))
    return TemplateCheck(frozenset(used), unknown, bad_filters)


_TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}|\{#(.*?)#\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_END = re.compile(r"</w:p>|<w:br\b[^>]*>|<w:tab\b[^>]*>")


def _visible_text(source: str) -> str:
    """The text of a template as Word shows it: XML markup removed (a paragraph end or a break becomes a
    line break), entities decoded."""
    return html.unescape(_XML_TAG.sub("", _PARAGRAPH_END.sub("\n", source)))


def stray_braces(source: str) -> list[str]:
    """Every placeholder brace that is not part of a whole ``{{ … }}``, ``{% … %}`` or ``{# … #}``, shown
    with the text around it: ``{{ x }`` (half-closed), ``{ x }}`` (half-opened), ``{%`` without ``%}``, a
    lone ``{`` or ``}``. Jinja itself would print some of these as text on a numbered letter."""
    text = _visible_text(source)
    problems: list[str] = []

    def around(start: int, end: int) -> str:
        snippet = " ".join(text[max(0, start - 25):min(len(text), end + 25)].split())
        return f"“…{snippet}…”"

    spans: list[tuple[int, int]] = []
    for m in _TAG.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        if any(b in inner for b in ("{", "}", "%}", "#}")) and not _quoted_only(inner):
            problems.append(around(m.start(), m.start() + 2))
        spans.append((m.start(), m.end()))
    rest, last = [], 0
    for a, b in spans:
        rest.append((last, text[last:a]))
        last = b
    rest.append((last, text[last:]))
    for offset, chunk in rest:
        for i, ch in enumerate(chunk):
            if ch in "{}" or (ch in "%#" and i + 1 < len(chunk) and chunk[i + 1] == "}"):
                problems.append(around(offset + i, offset + i + 1))
    return list(dict.fromkeys(problems))


def _quoted_only(inner: str) -> bool:
    """Braces inside a quoted string of an expression (``{{ "{" }}``) are text, not placeholders."""
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"", "", inner)
    return not any(b in unquoted for b in ("{", "}"))


def _suggest(path: str) -> str:
    close = difflib.get_close_matches(path, list(PLACEHOLDERS), n=1, cutoff=0.6)
    return f" (maksudnya {{{{ {close[0]} }}}}?)" if close else ""


def validate_template(path: Path, env: Environment | None = None) -> TemplateCheck:
    """Refuse a template that is broken or uses a placeholder not in :data:`PLACEHOLDERS`.

    The message names the template and every offending placeholder, with the closest known one.
    """
    name = Path(path).name
    if not Path(path).exists():
        raise ValidationError(f"Templat surat '{name}' tidak ditemukan ({path}).")
    try:
        source = template_source(Path(path))
    except Exception as exc:  # not a Word document at all
        raise ValidationError(f"Templat surat '{name}' bukan dokumen Word (.docx) yang sah: {exc}") from exc
    stray = stray_braces(source)
    if stray:
        raise ValidationError(
            f"Templat surat '{name}' rusak: ada tanda kurung isian yang tidak lengkap atau tersesat: "
            + "; ".join(stray[:5]) + (f" (dan {len(stray) - 5} lagi)" if len(stray) > 5 else "")
            + ". Setiap isian ditulis utuh {{ nama }} atau {% perintah %}; perbaiki templat di Word. "
            "Belum ada nomor yang dipakai.")
    try:
        result = check_source(source, env)
    except TemplateSyntaxError as exc:
        raise ValidationError(
            f"Templat surat '{name}' rusak: penulisan isian salah ({exc.message}). "
            "Periksa tanda {{ }} dan {% %} di Word.") from exc
    if result.unknown:
        items = "; ".join(f"{{{{ {p} }}}}{_suggest(p)}" for p in result.unknown)
        raise ValidationError(
            f"Templat surat '{name}' memakai isian yang tidak dikenal: {items}. "
            "Perbaiki templat di Word (lihat daftar isian di templates/README.md); belum ada nomor yang dipakai.")
    if result.unknown_filters:
        raise ValidationError(f"Templat surat '{name}' memakai penyaring yang tidak dikenal: "
                              f"{', '.join(result.unknown_filters)}.")
    return result
