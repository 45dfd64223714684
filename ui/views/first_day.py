"""The first-day checklist on the (still empty) main window of a new administrator: six lines, each ticked when
the core finds it done in the data (:func:`app.services.onboarding.checklist`), each with a button to the
settings page where it is done. Hidden once everything is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services import onboarding
from ui.errors import show_error
from ui.session import UiSession


class FirstDayPanel(QGroupBox):
    """``on_open(place)`` shows a page (``import``) or a settings tab (``settings:users``)."""

    def __init__(self, session: UiSession, *, on_open: Callable[[str], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("first_day")
        self.setTitle(self.tr("Persiapan hari pertama"))
        self.session, self.on_open = session, on_open
        self.lines: list[onboarding.ChecklistLine] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Sebelum pemohon pertama dilayani, lengkapi hal berikut. Tanda ✓ muncul sendiri "
                                    "bila datanya sudah ada."))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        layout.addLayout(self.grid)
        self.marks: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.setVisible(False)
        self.refresh()

    def refresh(self) -> None:
        o, a = self.session.office, self.session.actor
        self.session.runner.run(lambda _t: onboarding.checklist(o, actor=a), on_done=self._show,
                                on_error=lambda e, tb: show_error(self, e, tb))

    def _show(self, lines: list[onboarding.ChecklistLine]) -> None:
        self.lines = lines
        for n, line in enumerate(lines):
            if line.key not in self.marks:
                mark, detail = QLabel(), QLabel()
                detail.setWordWrap(True)
                button = QPushButton(self.tr("Buka…"))
                button.setObjectName(f"first_day_{line.key}")
                button.clicked.connect(lambda _=False, place=line.page: self.on_open and self.on_open(place))
                for col, w in enumerate((mark, QLabel(f"<b>{line.title}</b>"), detail, button)):
                    self.grid.addWidget(w, n, col)
                self.marks[line.key], self.details[line.key], self.buttons[line.key] = mark, detail, button
            self.marks[line.key].setText("<span style='color:#1b5e20; font-size:14pt'>✓</span>" if line.done
                                         else "<span style='color:#9e9e9e; font-size:14pt'>○</span>")
            self.marks[line.key].setToolTip(self.tr("Selesai") if line.done else self.tr("Belum"))
            self.details[line.key].setText(line.detail)
            self.buttons[line.key].setText(self.tr("Ubah…") if line.done else self.tr("Kerjakan…"))
        done = sum(1 for line in lines if line.done)
        self.setTitle(self.tr("Persiapan hari pertama: {done} dari {total} selesai").format(done=done,
                                                                                           total=len(lines)))
        self.setVisible(not onboarding.all_done(lines))

    def is_done(self, key: str) -> bool:
        return any(line.key == key and line.done for line in self.lines)
