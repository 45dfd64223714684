"""The letter kinds the services produce: which template, title, addressee, signer and paraf chain.

A *letter type* is the key of a template (``resources/templates/<key>.docx``). Which service issues which
letter, at which step, is said by the service definitions alone (``documents``, ``produces``,
``batch_documents``); the service that issues a letter may override every default here (addressee, signer,
chain) per letter.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the context key that asks for empty "Label : value" lines to be left out of a rendered letter (set by the
#: letters service for every letter issued since issue 17; letters archived before it keep rendering exactly
#: as they were issued, so their SHA-256 still matches)
PRUNE_KEY = "rapikan"


@dataclass(frozen=True)
class LetterKind:
    key: str
    title: str                      # what the register shows
    hal: str                        # default "Hal" line
    required: tuple[str, ...]       # top-level data the caller must give
    tujuan: str = ""                # default addressee after "Yth." ({kota} is filled in)
    tujuan_di: str = "{kota}"       # the "di ..." line
    signer: str | None = "kepala_dinas"
    paraf: tuple[str, ...] = ("kasi_linjamsos", "kabid_linjamsos", "sekretaris")
    sifat: str = "Biasa"
    collective: bool = False        # carries a participant list (Lampiran)
    #: what the Lampiran line counts: "peserta" (the persons of a collective letter), "berkas" (the copies
    #: of the requirements received for the case, sent with the letter), "" (nothing attached: "-")
    lampiran: str = ""


_BPJS = "Kepala BPJS Kesehatan Kantor Cabang {kota}"

KINDS: dict[str, LetterKind] = {k.key: k for k in (
    LetterKind("rekomendasi_pbi", "Surat Rekomendasi PBI JK", "Rekomendasi Pendaftaran Peserta PBI JK",
               ("pemohon",), tujuan=_BPJS, lampiran="berkas"),
    LetterKind("keterangan_reaktivasi", "Surat Keterangan Permohonan Reaktivasi",
               "Keterangan Permohonan Reaktivasi PBI JK", ("pemohon",),
               paraf=("penyuluh_sosial", "kabid_linjamsos", "sekretaris")),
    LetterKind("rekomendasi_reaktivasi", "Surat Rekomendasi Reaktivasi PBI JK",
               "Rekomendasi Reaktivasi Kepesertaan PBI JK", ("pemohon",), tujuan=_BPJS,
               lampiran="berkas"),
    LetterKind("rekomendasi_penonaktifan", "Surat Rekomendasi Penonaktifan",
               "Rekomendasi Penonaktifan Peserta PBI APBD", ("pemohon", "kasus"),
               tujuan=_BPJS, lampiran="berkas"),
    LetterKind("pengantar_penonaktifan", "Surat Pengantar Penonaktifan (kolektif bulanan)",
               "Penyampaian Rekomendasi Penonaktifan Peserta PBI APBD", ("peserta", "periode"), tujuan=_BPJS,
               collective=True),
    LetterKind("pemberitahuan_puskesos", "Surat Pemberitahuan Penonaktifan kepada Puskesos (bulanan)",
               "Pemberitahuan Peserta PBI APBD yang Dinonaktifkan", ("peserta", "periode", "wilayah"),
               tujuan="Ketua Puskesos/SLRT {wilayah.sebutan}",
               tujuan_di="{wilayah.kecamatan_di}", collective=True),
    LetterKind("pengantar_pbi", "Surat Pengantar Usulan PBI JK (kolektif bulanan)",
               "Penyampaian Usulan Peserta PBI JK APBN", ("peserta", "periode"),
               tujuan="Menteri Sosial Republik Indonesia\nc.q. Kepala Pusat Data dan Informasi Kesejahteraan Sosial",
               tujuan_di="Jakarta", collective=True),
    LetterKind("pengantar_keterangan_reaktivasi", "Surat Pengantar Surat Keterangan Reaktivasi (kolektif bulanan)",
               "Penyampaian Daftar Surat Keterangan Reaktivasi PBI JK", ("peserta", "periode"),
               tujuan=_BPJS, collective=True),
    LetterKind("pengantar_rekomendasi_reaktivasi", "Surat Pengantar Rekomendasi Reaktivasi (kolektif bulanan)",
               "Penyampaian Rekomendasi Reaktivasi Peserta PBI JK", ("peserta", "periode"),
               tujuan=_BPJS, collective=True),
    LetterKind("usulan_jamkesda", "Surat Usulan Peserta Jamkesda", "Usulan Peserta PBPU/BP Pemda (Jamkesda)",
               ("peserta", "periode"), tujuan=_BPJS, collective=True),
    LetterKind("pemberitahuan_jamkesda", "Surat Pemberitahuan Hasil Verifikasi Jamkesda",
               "Pemberitahuan Hasil Verifikasi Jamkesda", ("pemohon", "keputusan"),
               tujuan="Sdr. {pemohon.nama}", tujuan_di="{pemohon.alamat_singkat}",
               paraf=("kasi_linjamsos", "kabid_linjamsos")),
    LetterKind("pemberitahuan_ditolak_bpjs", "Surat Pemberitahuan Penolakan BPJS (Jamkesda)",
               "Pemberitahuan Hasil Pendaftaran Peserta Jamkesda", ("pemohon", "umpan_balik"),
               tujuan="Sdr. {pemohon.nama}", tujuan_di="{pemohon.alamat_singkat}",
               paraf=("kasi_linjamsos", "kabid_linjamsos")),
    LetterKind("permohonan_sk_walikota", "Surat Permohonan SK Kepala Daerah (Jamkesda)",
               "Permohonan Penetapan Keputusan Peserta Jamkesda", ("peserta", "periode"),
               tujuan="{kepala_daerah}\nc.q. Kepala Bagian Kesejahteraan Rakyat Setda {daerah}",
               collective=True),
    LetterKind("rujukan_dtsen", "Surat Rujukan Pendaftaran DTSEN", "Rujukan Pendaftaran DTSEN (dahulu DTKS)",
               ("pemohon",), tujuan="{lurah} {pemohon.kelurahan}",
               tujuan_di="{kota}", paraf=("kasi_linjamsos", "kabid_linjamsos"), lampiran="berkas"),
    LetterKind("rujukan_disdukcapil", "Surat Rujukan ke Disdukcapil", "Rujukan Perbaikan Data Kependudukan",
               ("pemohon",),
               tujuan="Kepala Dinas Kependudukan dan Pencatatan Sipil {daerah}",
               paraf=("kasi_linjamsos", "kabid_linjamsos"), lampiran="berkas"),
    LetterKind("jawaban_pengaduan", "Surat Jawaban Pengaduan", "Jawaban atas Pengaduan",
               ("pengaduan",),
               tujuan="Sdr. {pengadu.nama}", tujuan_di="Tempat", paraf=("kasi_linjamsos", "kabid_linjamsos")),
    LetterKind("tanda_terima", "Tanda Terima Berkas", "Tanda Terima Berkas Permohonan",
               ("pemohon", "kasus", "berkas"), tujuan="", signer=None, paraf=()),
)}


def kind(key: str) -> LetterKind:
    from app.errors import ValidationError

    try:
        return KINDS[key]
    except KeyError:
        raise ValidationError(f"Jenis surat '{key}' tidak dikenal. Jenis yang ada: {', '.join(KINDS)}.") from None


_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
         "sebelas")


def terbilang(n: int) -> str:
    """Indonesian number words: 21 → ``dua puluh satu``, 100 → ``seratus``."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    if n < 12:
        return _ONES[n]
    if n < 20:
        return _ONES[n - 10] + " belas"
    if n < 100:
        return (_ONES[n // 10] + " puluh " + (_ONES[n % 10] if n % 10 else "")).strip()
    if n < 200:
        return ("seratus " + (terbilang(n - 100) if n > 100 else "")).strip()
    if n < 1000:
        return (_ONES[n // 100] + " ratus " + (terbilang(n % 100) if n % 100 else "")).strip()
    if n < 2000:
        return ("seribu " + (terbilang(n - 1000) if n > 1000 else "")).strip()
    if n < 1_000_000:
        return (terbilang(n // 1000) + " ribu " + (terbilang(n % 1000) if n % 1000 else "")).strip()
    if n < 1_000_000_000:
        return (terbilang(n // 1_000_000) + " juta " + (terbilang(n % 1_000_000) if n % 1_000_000 else "")).strip()
    return str(n)
