"""Frozen entry point of the windowed program (``LoketPBI.exe``): no console window on Windows.

With a subcommand (``LoketPBI.exe backup --if-due``, the Start-menu backup shortcut) it runs the command with
its output in the log file; without one it opens the window.
"""

import sys

from ui.launcher import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
