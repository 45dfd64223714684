"""``python -m ui`` is the same as ``loket-pbi``: a subcommand, or the window."""

import sys

from ui.launcher import main

sys.exit(main())
