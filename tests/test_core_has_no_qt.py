import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def test_importing_app_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    if m.name.startswith('app.db.migrations') or m.name == 'app.__main__':\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_app_imports_qt_or_ui_even_lazily():
    """Also imports inside functions (which the import test above does not run), in every file of app/."""
    bad = []
    for path in sorted(APP.rglob("*.py")):
        for name in _imported_modules(path):
            top = name.split(".")[0]
            if top in {"ui", "PySide6", "shiboken6", "PyQt5", "PyQt6"}:
                bad.append(f"{path.relative_to(APP.parent)}: {name}")
    assert bad == []
