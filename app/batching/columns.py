"""The columns a batch data file can have (pure data). Which of the extra ones a service's batch carries,
and where, is said by its service definition (``batch_columns``)."""

from __future__ import annotations

#: (key, header) of the columns every batch has, in order (SPEC §4).
DEFAULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("nik", "NIK"),
    ("no_kk", "No KK"),
    ("nama", "Nama"),
    ("tempat_lahir", "Tempat lahir"),
    ("tanggal_lahir", "Tanggal lahir"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("status_kawin", "Status kawin"),
    ("hubungan_keluarga", "Hubungan keluarga"),
    ("alamat", "Alamat"),
    ("rt", "RT"),
    ("rw", "RW"),
    ("kelurahan", "Kelurahan/Desa"),
    ("kode_kelurahan", "Kode Kelurahan/Desa"),
    ("kecamatan", "Kecamatan"),
    ("kode_kecamatan", "Kode Kecamatan"),
    ("kode_pos", "Kode pos"),
    ("kode_fktp", "Kode FKTP"),
    ("no_hp", "No HP"),
    ("nomor_kartu", "Nomor kartu"),
    ("nomor_surat", "Nomor surat"),
    ("tanggal_surat", "Tanggal surat"),
    ("desil", "Desil"),
)

#: Extra columns a service definition may add (key → default header).
EXTRA_COLUMNS: dict[str, str] = {
    "alasan": "Alasan",
    "skor": "Skor",
    "peringkat": "Peringkat",
}
