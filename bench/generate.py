"""Seeded, realistic DTSEN test data (the generator lives in ``app.sampledata``, shared with the demo).

    python bench/generate.py --rows 1000000 --out bench/data/dtsen_1000000.csv
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.sampledata import main, people, write_csv  # noqa: E402,F401

if __name__ == "__main__":
    main()
