"""The domain stays pure: no web framework, no database, no application code, no drawing."""

import ast
import subprocess
import sys
from pathlib import Path

import lenses

FORBIDDEN = ["flask", "flask_socketio", "sqlmodel", "sqlalchemy", "facilitator", "matplotlib",
             "reportlab"]
SCIENTIFIC = {"numpy"}  # the dependency of the project for the figures
PACKAGE = Path(lenses.__file__).parent

CHECK = f"""
import sys
import lenses
lenses.builtin_lens_sets()
lenses.picture(lenses.builtin_lens_sets()["kaats-opheij"], [], ["A"]).to_dict()
print(",".join(name for name in {FORBIDDEN!r} if name in sys.modules))
"""


def test_importing_and_using_lenses_loads_no_web_or_database_module():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True,
        cwd=PACKAGE.parent,
    )
    assert result.stdout.strip() == ""


def test_the_lenses_package_imports_only_the_standard_library_and_numpy():
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names | SCIENTIFIC, f"{module.name}: {name}"
