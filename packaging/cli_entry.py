"""Frozen entry point of the console program (``loket-pbi.exe``)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
