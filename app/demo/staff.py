"""The demo office's invented people and words: staff for every role, reasons, complaint topics."""

from __future__ import annotations

DEMO_PASSWORD = "demo-loket-2026"
DEFAULT_CASES = 300
DEFAULT_DTSEN_ROWS = 3000
DEFAULT_SEED = 20261123

#: (username, full name, roles, NIP, counter) — realistic invented staff of a Dinas Sosial
STAFF: list[tuple[str, str, list[str], str, str | None]] = [
    ("admin", "Yudi Prasetyo, S.Kom.", ["administrator"], "198509142010011005", None),
    ("fo.siti", "Siti Rahmawati", ["front_office"], "199103252015032002", "Loket 1"),
    ("fo.andi", "Andi Saputra", ["front_office"], "199307082019031004", "Loket 2"),
    ("bo.dewi", "Dewi Kartika Sari, S.E.", ["back_office"], "198811022014022001", "Back Office"),
    ("bo.fajar", "Fajar Nugroho, A.Md.", ["back_office"], "199012172017011002", "Back Office"),
    ("ver.hendra", "Hendra Wijaya, S.Sos.", ["verifier"], "198604302011011006", None),
    ("ps.dedi", "Dedi Kurniawan, S.Sos.", ["penyuluh_sosial"], "198711202011011003", None),
    ("mgr.ratna", "Ratna Dewi Lestari, S.Sos., M.Si.", ["manager"], "198002142006042003", None),
    ("kasi.rina", "Rina Marlina, S.Sos.", ["kasi_linjamsos"], "198203152009022002", None),
    ("kabid.rudi", "Rudi Hartono, S.Sos., M.AP.", ["kabid_linjamsos"], "197808172005011004", None),
    ("sekdin.nurhayati", "Hj. Nurhayati, S.E., M.M.", ["sekretaris"], "197505122000032003", None),
    ("kadis.ahmad", "Drs. H. Ahmad Sulaiman, M.Si.", ["kepala_dinas"], "197201031995031001", None),
    ("spv.bambang", "Bambang Setiawan, S.T.", ["supervisor"], "198306092008011007", None),
]

SERVICE_WEIGHTS = {"pbi-baru": 34, "jamkesda": 22, "reaktivasi-sk": 15, "reaktivasi-rekom": 14, "penonaktifan": 15}

RETURN_REASONS = ["Nama pada surat tidak sesuai KTP", "Nomor KK salah ketik; mohon dicek ulang",
                  "Alamat domisili belum diisi", "Lampiran SKTM belum diketahui camat",
                  "Tanggal lahir berbeda dengan KK"]
REJECT_REASONS = {
    "pbi-baru": ["Pemohon sudah terdaftar sebagai peserta PPU (pekerja penerima upah)",
                 "Pemohon membatalkan permohonan", "Pemohon sudah menjadi peserta PBI JK aktif"],
    "reaktivasi-sk": ["Tidak terdaftar di DTSEN; diarahkan mendaftar melalui kelurahan"],
    "reaktivasi-rekom": ["Surat keterangan terdaftar DTSEN sudah kedaluwarsa"],
}
NOT_POOR_REASONS = ["Rumah permanen berlantai keramik, memiliki kendaraan roda empat",
                    "Kepala keluarga berpenghasilan tetap di atas UMK", "Memiliki usaha toko kelontong yang besar"]
COMPLAINT_TOPICS = [
    ("Rekomendasi PBI belum terbit setelah satu minggu", "pbi-baru"),
    ("Kartu KIS masih nonaktif padahal sudah mengurus reaktivasi", "reaktivasi-rekom"),
    ("Antrean loket terlalu lama pada hari Senin", None),
    ("Petugas meminta fotokopi berulang kali", None),
    ("Status usulan Jamkesda belum ada kabar", "jamkesda"),
    ("Informasi persyaratan di papan pengumuman berbeda dengan di loket", None),
    ("Surat penonaktifan belum diterima BPJS", "penonaktifan"),
    ("Tidak ada kursi untuk lansia di ruang tunggu", None),
]
SKM_CODES = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana")
