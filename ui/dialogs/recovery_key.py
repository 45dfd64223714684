"""The office's recovery key, shown once at the first run: the administrator prints or writes it down and
confirms before going on (the core shows it only once: app/services/recovery.py)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
)


class RecoveryKeyDialog(QDialog):
    """Shows ``key``; OK stays disabled until the administrator confirms it is printed or written down, and the
    dialog cannot be closed before that (the key is not shown again)."""

    def __init__(self, key: str, office_name: str = "", parent=None):
        super().__init__(parent)
        self.key, self.office_name = key, office_name
        self.setObjectName("recovery_key_dialog")
        self.setWindowTitle(self.tr("Kunci pemulihan kantor"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h3>Catat kunci pemulihan kantor sekarang</h3>"))
        layout.addWidget(title)
        intro = QLabel(self.tr(
            "Cadangan data kantor dienkripsi. Di komputer ini cadangan terbuka dengan sendirinya; di komputer lain "
            "(misalnya setelah hardisk rusak atau komputer diganti) cadangan hanya dapat dipulihkan dengan kunci "
            "pemulihan di bawah ini."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.Box)
        box = QVBoxLayout(frame)
        groups = key.split("-")  # 13 groups of 4: shown on two balanced lines, never broken inside a group
        self.key_label = QLabel("-".join(groups[:7]) + "-\n" + "-".join(groups[7:]) if len(groups) > 7 else key)
        self.key_label.setObjectName("recovery_key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10) + 4)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        box.addWidget(self.key_label)
        layout.addWidget(frame)
        steps = QLabel(self.tr(
            "<b>Kunci ini hanya ditampilkan SEKALI.</b><ol>"
            "<li>Cetak halaman ini (tombol Cetak) atau tulis kunci di kertas, huruf demi huruf.</li>"
            "<li>Simpan kertas itu di tempat aman yang terkunci bersama arsip kantor, terpisah dari komputer ini "
            "dan dari flashdisk cadangan.</li>"
            "<li>Jangan menyimpannya di komputer ini dan jangan mengirimnya lewat WhatsApp atau surel.</li></ol>"
            "Tanpa kunci ini, cadangan tidak dapat dipulihkan di komputer lain."))
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(steps)
        self.print_button = QPushButton(self.tr("&Cetak…"))
        self.print_button.setObjectName("print_recovery_key")
        self.print_button.clicked.connect(self.print_key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.confirm = QCheckBox(self.tr("Saya sudah mencetak atau mencatat kunci pemulihan ini dan menyimpannya "
                                         "di tempat aman."))
        self.confirm.setObjectName("recovery_confirmed")
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Sudah dicatat, lanjutkan"))
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def accept(self) -> None:
        if self.confirm.isChecked():
            super().accept()

    def reject(self) -> None:  # Esc or the window's close button: not before the key is written down
        if self.confirm.isChecked():
            super().accept()

    def page_html(self) -> str:
        """What the Print button prints: the key with the office's name and what it is for."""
        office = html.escape(self.office_name)
        return self.tr(
            "<h2>Kunci pemulihan kantor Loket PBI</h2><p>{office}</p>"
            "<p style='font-family: monospace; font-size: 16pt;'><b>{key}</b></p>"
            "<p>Kunci ini membuka cadangan terenkripsi data kantor di komputer lain dan memasang kunci kantor di "
            "komputer baru (Pengaturan → Cadangan → Pulihkan, atau loket-pbi restore). Simpan di tempat aman yang "
            "terkunci, terpisah dari komputer dan dari flashdisk cadangan.</p>").format(
            office=office, key=html.escape(self.key))

    def print_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            doc = QTextDocument()
            doc.setHtml(self.page_html())
            doc.print_(printer)
