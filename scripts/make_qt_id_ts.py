"""Write resources/translations/qt_id.ts: Indonesian for the texts Qt itself shows (standard dialog buttons,
message-box details, wizard buttons, the text-field context menu, Qt's own print and file dialogs).

PySide6 ships no ``qtbase_id.qm``, so without this an Indonesian window says "Yes", "Cancel", "Save" and
"File … is not writable" in English. The table below is the one place these words live; the script writes the
.ts and ``pyside6-lrelease`` compiles it (``scripts/update-translations.sh`` runs both). The sources are Qt 6's
own texts (context = the Qt class that translates them); a source Qt does not use is simply never looked up.

    python scripts/make_qt_id_ts.py
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "qt_id.ts"

TEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": {  # QDialogButtonBox and QMessageBox standard buttons
        "OK": "OK", "Save": "Simpan", "Save All": "Simpan semua", "Open": "Buka", "&Yes": "&Ya",
        "Yes to &All": "Ya untuk &semua", "&No": "&Tidak", "N&o to All": "T&idak untuk semua", "Abort": "Hentikan",
        "Retry": "Coba lagi", "Ignore": "Abaikan", "Close": "Tutup", "Cancel": "Batal", "Discard": "Buang",
        "Help": "Bantuan", "Apply": "Terapkan", "Reset": "Atur ulang", "Restore Defaults": "Kembalikan bawaan",
    },
    "QGnomeTheme": {"&OK": "&OK", "&Save": "&Simpan", "&Cancel": "&Batal", "&Close": "&Tutup",
                    "Close without Saving": "Tutup tanpa menyimpan"},
    "QMessageBox": {"Show Details...": "Tampilkan rincian...", "Hide Details...": "Sembunyikan rincian...",
                    "OK": "OK", "Help": "Bantuan"},
    "QWizard": {"< &Back": "< &Kembali", "&Next >": "&Lanjut >", "&Next": "&Lanjut", "&Finish": "&Selesai",
                "Cancel": "Batal", "&Help": "&Bantuan", "Help": "Bantuan", "Go Back": "Kembali",
                "Continue": "Lanjut", "Commit": "Simpan", "Done": "Selesai"},
    "QLineEdit": {"&Undo": "&Batalkan", "&Redo": "&Ulangi", "Cu&t": "Po&tong", "&Copy": "&Salin",
                  "&Paste": "T&empel", "Delete": "Hapus", "Select All": "Pilih semua"},
    "QWidgetTextControl": {"&Undo": "&Batalkan", "&Redo": "&Ulangi", "Cu&t": "Po&tong", "&Copy": "&Salin",
                           "Copy &Link Location": "Salin &alamat tautan", "&Paste": "T&empel", "Delete": "Hapus",
                           "Select All": "Pilih semua"},
    "QAbstractSpinBox": {"&Select All": "&Pilih semua", "&Step up": "&Naik", "Step &down": "&Turun"},
    "QPrintDialog": {
        "Print": "Cetak", "&Print": "&Cetak", "Print to File (PDF)": "Cetak ke berkas (PDF)",
        "Local file": "Berkas di komputer ini", "Write PDF file": "Tulis berkas PDF",
        "Print To File ...": "Cetak ke berkas ...", "&Options >>": "&Pilihan >>", "&Options <<": "&Pilihan <<",
        "File %1 is not writable.\nPlease choose a different file name.":
            "Berkas %1 tidak dapat ditulis (foldernya tidak ada atau tidak boleh ditulisi).\nPilih nama atau "
            "folder lain.",
        "%1 is a directory.\nPlease choose a different file name.":
            "%1 adalah folder.\nKetik nama berkas, mis. Surat.pdf.",
        "%1 already exists.\nDo you want to overwrite it?": "%1 sudah ada.\nTimpa berkas itu?",
        "The 'From' value cannot be greater than the 'To' value.":
            "Halaman 'Dari' tidak boleh lebih besar daripada halaman 'Sampai'.",
        "Automatic": "Otomatis", "Print all": "Cetak semua", "Print range": "Cetak halaman",
        "Print current page": "Cetak halaman ini", "Print selection": "Cetak pilihan",
    },
    "QPrintPropertiesDialog": {"Printer Properties": "Sifat printer", "Job Options": "Pilihan pencetakan",
                               "Page Setup Conflicts": "Pengaturan halaman bertentangan"},
    "QFileDialog": {
        "&Save": "&Simpan", "&Open": "&Buka", "&Choose": "&Pilih", "Save As": "Simpan sebagai", "Open": "Buka",
        "File &name:": "&Nama berkas:", "Files of type:": "Jenis berkas:", "Look in:": "Lihat di:",
        "Directory:": "Folder:", "All Files (*)": "Semua berkas (*)", "New Folder": "Folder baru",
        "&New Folder": "Folder &baru", "Back": "Kembali", "Forward": "Maju", "Parent Directory": "Folder di atasnya",
        "List View": "Daftar", "Detail View": "Rincian", "Find Directory": "Cari folder",
        "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti berkas itu?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nBerkas tidak ditemukan.\nPeriksa nama berkasnya.",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
            "%1\nFolder tidak ditemukan.\nPeriksa nama foldernya.",
        "&Rename": "&Ganti nama", "&Delete": "&Hapus", "Show &hidden files": "Tampilkan berkas &tersembunyi",
        "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?", "Recent Places": "Tempat terakhir",
    },
    "QFileSystemModel": {"Name": "Nama", "Size": "Ukuran", "Type": "Jenis", "Date Modified": "Diubah",
                         "My Computer": "Komputer", "Computer": "Komputer"},
}


def _message(source: str, translation: str) -> str:
    return (f"    <message>\n        <source>{escape(source)}</source>\n"
            f"        <translation>{escape(translation)}</translation>\n    </message>\n")


def build() -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="id_ID" '
             'sourcelanguage="en">\n']
    for context, texts in TEXTS.items():
        parts.append(f"<context>\n    <name>{context}</name>\n")
        parts += [_message(s, t) for s, t in texts.items()]
        parts.append("</context>\n")
    parts.append("</TS>\n")
    return "".join(parts)


if __name__ == "__main__":
    TS.write_text(build(), encoding="utf-8")
    print(TS)
