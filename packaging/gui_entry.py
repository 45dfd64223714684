"""Frozen entry point of the windowed program (``LoketPBI.exe``): no console window on Windows."""

import sys

from app.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
