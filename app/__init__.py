"""Loket PBI core: models, services, rules, letters and batches.

This package never imports Qt; ``tests/test_core_has_no_qt.py`` enforces it.
"""

# The same as ``version`` in pyproject.toml (a test checks). Not read through ``importlib.metadata``: that
# import costs ~14 ms of every start-up, before the login window can show.
__version__ = "0.1.0"
