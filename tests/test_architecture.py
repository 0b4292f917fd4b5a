"""The layering rules (DESIGN.md) and lint are part of the test command."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the dev extra (pip install -e '.[dev]')")
    return found


def test_import_linter_contracts_hold():
    result = subprocess.run([_tool("lint-imports")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing():
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=REPO, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout


def test_no_module_outside_ui_imports_qt():
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "stylerec_app").rglob("*.py")
        if "ui" not in path.relative_to(REPO / "stylerec_app").parts[:1]
        and ("PySide6" in path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
