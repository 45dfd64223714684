"""The self-test's window check (``loket-pbi self-test``): the login window can be drawn by Qt.

It lives here, not in ``app.commands.selftest``, because the core never imports Qt; the launcher hands it to
the core's self-test command.
"""

from __future__ import annotations

import os
from pathlib import Path


def check_login_window(_folder: Path) -> None:
    """Show the login window offscreen and draw it; raises if Qt cannot."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.login import LoginDialog

    app = QApplication.instance() or QApplication(["loket-pbi"])
    dialog = LoginDialog("Uji mandiri")
    dialog.set_ready("Uji mandiri")
    dialog.show()
    app.processEvents()
    image = dialog.grab()
    if image.isNull() or image.width() < 100:
        raise RuntimeError("jendela masuk tidak dapat digambar")
    dialog.close()
    app.processEvents()
