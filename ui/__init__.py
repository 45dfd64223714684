"""Qt widgets only. Shows and asks; every rule lives in ``app``."""
