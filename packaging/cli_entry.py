"""Frozen entry point of the console program (``loket-pbi.exe``)."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
