"""Realistic example data for every letter type (template previews, docs/letters/*.png, tests, bench).

The people are invented; NIKs follow the structure of SPEC §2 but belong to no one.
"""

from __future__ import annotations

import io
from typing import Any

PROFILE: dict[str, str] = {
    "government": "PEMERINTAH KOTA PANGKALPINANG", "agency": "DINAS SOSIAL", "region_kind": "KOTA",
    "region_name": "Pangkalpinang", "city": "Pangkalpinang",
    "address": "Jl. Rasakunda No. 1, Rawa Bangun, Taman Sari, Pangkalpinang", "postal_code": "33121",
    "phone": "(0717) 421234", "email": "dinsos@pangkalpinangkota.go.id", "website": "dinsos.pangkalpinangkota.go.id",
    "code": "DINSOS-PKP", "unit_code": "Dinsos", "timezone": "WIB",
}

#: (position_key, position_title, name, nip, rank, acting)
OFFICIALS: list[tuple[str, str, str, str, str, str]] = [
    ("kepala_dinas", "Kepala Dinas Sosial Kota Pangkalpinang", "Drs. H. Ahmad Sulaiman, M.Si.",
     "197201031995031001", "Pembina Utama Muda (IV/c)", ""),
    ("sekretaris", "Sekretaris Dinas Sosial", "Hj. Nurhayati, S.E., M.M.", "197505122000032003",
     "Pembina Tk. I (IV/b)", ""),
    ("kabid_linjamsos", "Kepala Bidang Perlindungan dan Jaminan Sosial", "Rudi Hartono, S.Sos., M.AP.",
     "197808172005011004", "Pembina (IV/a)", "a.n."),
    ("kasi_linjamsos", "Kepala Seksi Jaminan Sosial Keluarga", "Rina Marlina, S.Sos.", "198203152009022002",
     "Penata Tk. I (III/d)", ""),
    ("penyuluh_sosial", "Penyuluh Sosial Ahli Muda", "Dedi Kurniawan, S.Sos.", "198711202011011003",
     "Penata (III/c)", ""),
]

PEMOHON: dict[str, Any] = {
    "nama": "SITI AMINAH", "nik": "1971014501850003", "no_kk": "1971010101100021",
    "tempat_lahir": "Pangkalpinang", "tanggal_lahir": "5 Januari 1985", "jenis_kelamin": "P",
    "alamat": "Jl. Melati Gg. Kenanga No. 7", "rt": "003", "rw": "001", "kelurahan": "Bukit Intan",
    "kecamatan": "Girimaya", "no_kartu": "0001234567890", "no_hp": "081234567890",
    "pekerjaan": "Buruh harian lepas", "hubungan": "Istri", "desil": "2", "id_dtsen": "DT-1971-000123",
    "status_dtsen": "Terdaftar di DTSEN (dahulu DTKS), desil 2",
}

#: the same applicant as typed in a service wizard (for the forms handed out before a case exists)
PERSON_INPUT: dict[str, Any] = {
    "name": "SITI AMINAH", "nik": "1971014501850003", "no_kk": "1971010101100021", "birth_place": "Pangkalpinang",
    "birth_date": "5 Januari 1985", "sex": "P", "address": "Jl. Melati Gg. Kenanga No. 7", "rt": "003", "rw": "001",
    "kelurahan": "Bukit Intan", "kecamatan": "Girimaya", "phone": "081234567890", "card_number": "0001234567890",
    "pelapor": {"nama": "AHMAD FAUZI", "nik": "1971010505800004", "hubungan": "Anak",
                "alamat": "Jl. Melati Gg. Kenanga No. 7", "no_hp": "081234567891"},
}

_NAMES = ["SITI AMINAH", "BUDI SANTOSO", "RAHMAWATI", "HENDRA GUNAWAN", "NURLAILA", "AHMAD FAUZI", "SRI WAHYUNI",
          "YUSUF HAMDANI", "DEWI LESTARI", "MUHAMMAD RIDWAN", "FITRIANI", "AGUS SETIAWAN"]
_REASONS = ["Meninggal dunia", "Pindah domisili", "Mampu/mandiri (PPU)", "Data ganda"]
_KEL = ["Bukit Intan", "Gabek Satu", "Rejosari", "Air Itam", "Opas Indah", "Semabung Lama"]


def peserta(n: int = 12) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        day = 1 + (i * 7) % 28
        female = i % 2 == 0
        nik = f"197101{day + 40 if female else day:02d}{(i % 12) + 1:02d}{70 + i % 25:02d}{i + 1:04d}"
        rows.append({
            "nama": _NAMES[i % len(_NAMES)], "nik": nik, "no_kk": f"19710101011{i:05d}",
            "no_kartu": f"000{1234567000 + i * 37:010d}",
            "tanggal_lahir": f"{day:02d}-{(i % 12) + 1:02d}-19{70 + i % 25}",
            "jenis_kelamin": "P" if female else "L", "alamat": f"Jl. Melati No. {i + 3} RT 00{i % 9 + 1}/00{i % 4 + 1}",
            "kelurahan": _KEL[i % len(_KEL)], "kecamatan": "Girimaya", "alasan": _REASONS[i % len(_REASONS)],
            "nomor_surat": f"400.9.11/{101 + i}/Dinsos/XI/2026", "tanggal_surat": f"{3 + i % 20:02d}-11-2026",
            "desil": str(1 + i % 4), "skor": f"{92 - i * 1.5:.1f}".replace(".", ","), "peringkat": str(i + 1),
            "keterangan": "Diterima BPJS",
        })
    return rows


BERKAS = [
    {"nama": "Fotokopi KTP", "ada": True},
    {"nama": "Fotokopi Kartu Keluarga", "ada": True},
    {"nama": "SKTM dari kelurahan diketahui camat", "ada": False},
]

LAYANAN = {
    "pbi-baru": {"kode": "pbi-baru", "nama": "Pengajuan PBI JK", "sla": "45 menit sejak berkas lengkap",
                 "pengaduan": "SP4N-LAPOR! (lapor.go.id), WhatsApp 0812-7000-1234, kotak saran di loket"},
}


def example_data(letter_type: str) -> dict[str, Any]:
    """Data as a service would pass to ``issue_letter`` for ``letter_type``."""
    layanan = dict(LAYANAN["pbi-baru"])
    kasus = {"nomor_registrasi": "PBI-2026-000123", "tanggal_diterima": "23 November 2026",
             "jam_diterima": "09.15 WIB", "perkiraan_selesai": "23 November 2026 pukul 10.00 WIB",
             "darurat": False, "tanggal_nonaktif": "1 Oktober 2026",
             "konfirmasi_bpjs": "dikonfirmasi oleh Sdr. Andi, BPJS Kesehatan KC Pangkalpinang, 23 November 2026: "
                                "dapat direaktivasi",
             "bukti": "", "catatan": ""}
    periode = {"nama": "November 2026", "bulan": "November", "tahun": "2026", "urutan": "11"}
    d: dict[str, Any] = {"pemohon": dict(PEMOHON), "layanan": layanan, "kasus": kasus}
    if letter_type == "rekomendasi_pbi":
        d["kasus"] = dict(kasus, darurat=True, keterangan_darurat="rawat inap di RSUD Depati Hamzah")
        d["anggota"] = [{"nama": "BUDI SANTOSO", "nik": "1971010203800002", "hubungan": "Suami"},
                        {"nama": "AISYAH", "nik": "1971015506120001", "hubungan": "Anak"}]
        d["tembusan"] = ["Kepala Bidang Perlindungan dan Jaminan Sosial", "Yang bersangkutan"]
    elif letter_type == "keterangan_reaktivasi":
        d["kasus"] = dict(kasus, bukti="Surat keterangan rawat inap dari RSUD Depati Hamzah terlampir.")
        d["layanan"] = dict(layanan, kode="reaktivasi-sk", nama="Surat Keterangan Reaktivasi PBI JK")
    elif letter_type == "rekomendasi_reaktivasi":
        d["layanan"] = dict(layanan, kode="reaktivasi-rekom", nama="Rekomendasi Reaktivasi PBI JK")
    elif letter_type == "rekomendasi_penonaktifan":
        d["kasus"] = dict(kasus, alasan="Meninggal dunia",
                          bukti="Surat Keterangan Kematian dari Kelurahan Bukit Intan")
        d["tembusan"] = ["Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Pangkalpinang"]
    elif letter_type in ("pengantar_penonaktifan", "usulan_jamkesda", "permohonan_sk_walikota", "pengantar_pbi",
                         "pengantar_keterangan_reaktivasi", "pengantar_rekomendasi_reaktivasi"):
        d = {"peserta": peserta(), "periode": periode, "layanan": layanan}
        if letter_type == "permohonan_sk_walikota":
            d["tembusan"] = ["Kepala BPJS Kesehatan Kantor Cabang Pangkalpinang"]
    elif letter_type == "pemberitahuan_puskesos":
        rows = [dict(r, nik=r["nik"][:6] + "********" + r["nik"][14:]) for r in peserta() if r["kelurahan"] == _KEL[0]]
        d = {"peserta": rows, "periode": periode, "layanan": dict(layanan, kode="penonaktifan"),
             "wilayah": {"kelurahan": _KEL[0], "kode": "19.71.04.1001", "kecamatan": "Girimaya",
                         "sebutan": f"Kelurahan {_KEL[0]}", "kecamatan_di": "Kecamatan Girimaya"}}
    elif letter_type == "pemberitahuan_jamkesda":
        d["keputusan"] = {"status": "daftar_tunggu", "skor": "74,5", "peringkat": "12", "kuota": "150",
                          "kriteria": "Kepmensos 262/HUK/2022", "alasan": ""}
        d["kasus"] = dict(kasus, nomor_registrasi="JKD-2026-000045", tanggal_diterima="2 September 2026")
    elif letter_type == "pemberitahuan_ditolak_bpjs":
        d["umpan_balik"] = {"status": "Ditolak BPJS Kesehatan", "alasan": "NIK terdaftar sebagai peserta segmen PPU",
                            "sumber": "referensi BPJS 123/KC-SKW/III/2026", "tanggal": "15 Maret 2026",
                            "periode": "2026"}
        d["kasus"] = dict(kasus, nomor_registrasi="JKD-2026-000045", tanggal_diterima="2 Maret 2026")
    elif letter_type == "rujukan_dtsen":
        d["kasus"] = dict(kasus, catatan="Hasil verifikasi lapangan terlampir.")
    elif letter_type == "rujukan_disdukcapil":
        d["kasus"] = dict(kasus, alasan="NIK tidak ditemukan pada data kependudukan (tidak online)")
    elif letter_type == "jawaban_pengaduan":
        d = {"pengaduan": {"nomor": "ADU-2026-00012", "tanggal": "9 November 2026",
                           "kanal": "SP4N-LAPOR! tiket LAP-2026-118245",
                           "pokok": "Surat rekomendasi PBI JK belum terbit",
                           "uraian": "Berkas diserahkan tanggal 3 November 2026, sampai tanggal 9 November belum ada "
                                     "kabar.", "berkas": "PBI-2026-000123",
                           "tindak_lanjut": "Diperiksa ke back office kesehatan; berkas menunggu jendela usulan.",
                           "jawaban": "Berkas Saudara telah lengkap dan diverifikasi. Surat Rekomendasi PBI JK "
                                      "Nomor 400.9.11/131/Dinsos/XI/2026 telah terbit dan dapat diambil di loket "
                                      "pelayanan pada jam kerja dengan membawa tanda terima berkas.",
                           "tenggat": "27 November 2026", "standar": "14 hari kerja"},
             "pengadu": {"nama": "BUDI SANTOSO", "kontak": "081234567890"},
             "layanan": {"pengaduan": "Datang langsung: loket pelayanan Dinas Sosial; SP4N-LAPOR!: www.lapor.go.id, "
                                      "SMS 1708; WhatsApp: 0812-7000-1234"}}
    elif letter_type == "tanda_terima":
        d["dasar"] = "Keputusan Kepala Dinas Sosial Kota Pangkalpinang Nomor 400.9/12/Dinsos/2026"
        d["berkas"] = [dict(b) for b in BERKAS]
        d["petugas"] = {"nama": "Yulia Safitri", "nip": ""}
    return d


def emblem_png(size: int = 240) -> bytes:
    """A neutral stand-in emblem (shield with star) for examples; offices upload their own."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (size, int(size * 1.15)), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    w, h = img.size
    shield = [(w * 0.08, h * 0.06), (w * 0.92, h * 0.06), (w * 0.92, h * 0.55), (w * 0.5, h * 0.96),
              (w * 0.08, h * 0.55)]
    d.polygon(shield, fill=(20, 90, 50, 255), outline=(212, 175, 55, 255), width=max(3, size // 40))
    cx, cy, r = w * 0.5, h * 0.36, w * 0.2
    import math

    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.42
        pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang)))
    d.polygon(pts, fill=(212, 175, 55, 255))
    d.rectangle([w * 0.2, h * 0.62, w * 0.8, h * 0.68], fill=(212, 175, 55, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
