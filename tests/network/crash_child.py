"""The process the network crash test kills: a Dinas applying kelurahan packages on a real SQLite folder.

``python -m tests.network.crash_child DATA_DIR PACKAGES_JSON`` prints ``ready`` once the office is open and
then applies the packages in order (one already applied is a replay and changes nothing), printing
``applied N`` after each, so the parent can kill it before, during or after any of them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from app.context import open_office
    from app.network import incoming
    from app.services import users

    office = open_office(argv[0], migrate=False)
    actor = users.login(office, username="admin", password="rahasia-123")
    print("ready", flush=True)
    for f in json.loads(argv[1]):
        r = incoming.receive_file(office, actor=actor, path=Path(f))
        print(f"applied {r.sequence}", flush=True)
    print("done", flush=True)
    office.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
