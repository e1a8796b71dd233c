"""The import contracts in .importlinter hold, and would catch the imports they forbid.

Each case copies the package's Python files to a temporary directory, adds one forbidden import
and runs `lint-imports` on the copy, so a contract that could never fail (a typo in a module
name, a wildcard that matches nothing) fails here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=tree,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "vawdasv",
        tmp_path / "vawdasv",
        ignore=shutil.ignore_patterns("templates", "static", "locale", "data", "__pycache__"),
    )
    return tmp_path


def add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{statement}  # noqa\n", "utf-8")


def test_the_package_keeps_every_contract(package_copy: Path) -> None:
    result = lint_imports(package_copy)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "broken"),
    [
        (
            "vawdasv.imports.uploads",
            "from vawdasv.demo import load",
            "vawdasv.imports is not allowed to import vawdasv.demo",
        ),
        (
            "vawdasv.core.forms",
            "from vawdasv.web import views",
            "vawdasv.core is not allowed to import vawdasv.web",
        ),
        (
            "vawdasv.progress.services",
            "from vawdasv.imports import services",
            "vawdasv.progress is not allowed to import vawdasv.imports",
        ),
        (
            "vawdasv.partnerships.permissions",
            "from vawdasv.plans.models import Action",
            "vawdasv.partnerships is not allowed to import vawdasv.plans",
        ),
        (
            "vawdasv.imports.uploads",
            "from vawdasv.imports.management.commands import import_plan",
            "Illegal imports of protected package vawdasv.imports.management",
        ),
    ],
    ids=[
        "domain-imports-demo",
        "shell-imports-upward",
        "domains-side-by-side",
        "permissions-up",
        "command-helpers",
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    package_copy: Path, module: str, statement: str, broken: str
) -> None:
    add_import(package_copy, module, statement)

    result = lint_imports(package_copy)

    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
