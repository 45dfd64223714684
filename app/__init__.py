"""Loket PBI core: models, services, rules, letters and batches.

This package never imports Qt nor ``ui``; ``tests/test_core_has_no_qt.py`` enforces it.
"""


def __getattr__(name: str) -> str:
    # ``app.__version__`` is read from pyproject.toml (see app/version.py) only when asked for.
    if name == "__version__":
        from app.version import app_version

        return app_version()
    raise AttributeError(f"module 'app' has no attribute {name!r}")
