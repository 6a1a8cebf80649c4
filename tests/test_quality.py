"""The code quality gates run with the tests: mypy --strict and ruff over the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# The edit loop runs mypy and ruff itself, on what it changed; these run them for CI.
pytestmark = pytest.mark.typecheck

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_mypy_strict_passes() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check_passes() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "src", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "src")
    assert result.returncode == 0, result.stdout + result.stderr
