"""Pinned clocks for tests: every expectation about a date is made under a clock the test chose.

``pin_clock(moment)`` moves the clock (time-machine) for a block and lets it keep ticking, so Qt waits
(pytest-qt's ``waitUntil`` reads ``time.time``) still end. It nests inside the session's travel that
``--pinned-now`` starts (tests/conftest.py), so such a test sees its own moment under any pinned date.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import time_machine

#: Office time of a Pangkalpinang office, as a fixed offset: given a ZoneInfo, time-machine would also
#: change the process's own zone, hiding code that reads the machine's zone.
WIB = timezone(timedelta(hours=7), "WIB")

#: The moment a ``pinned`` test starts at: Wednesday 9 December 2026, 10:00 WIB, a working day in the
#: middle of a month, far from a year end and from any holiday.
PINNED = datetime(2026, 12, 9, 10, 0, tzinfo=WIB)


def pin_clock(moment: datetime = PINNED) -> time_machine.travel:
    """A context manager (or decorator) moving the clock to ``moment`` (aware), ticking."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("pin_clock needs an aware moment")
    return time_machine.travel(moment.astimezone(timezone(moment.utcoffset())), tick=True)

#: Wednesday 6 January 2027, 10:00 WIB: the December 2026 batch month has ended (closing it is not early).
JANUARY = datetime(2027, 1, 6, 10, 0, tzinfo=WIB)
