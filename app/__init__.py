"""Loket PBI core: models, services, rules, letters and batches.

This package never imports Qt; ``tests/test_core_has_no_qt.py`` enforces it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("loket-pbi")
except PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"
