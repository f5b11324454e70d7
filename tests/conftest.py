"""Shared fixtures: the real data set (skipped with a reason when absent) and a CLI helper."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from preflight.eval.realdata import DEFAULT_REAL

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def real_data() -> Path:
    """Path of ../shared/data/real; the test is skipped when the shared folder is absent."""
    if not (DEFAULT_REAL / "labels.csv").is_file():
        pytest.skip(f"real labelled data not found at {DEFAULT_REAL} (../shared is absent)")
    return DEFAULT_REAL


@dataclass
class CliResult:
    """What a CLI invocation printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


def invoke_assert_code(args: list[str], code: int) -> CliResult:
    """Run the CLI in-process through `main` (exceptions mapped to exit codes); assert the code."""
    from preflight.cli import main

    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(args)
            exit_code = 0
        except SystemExit as exc:
            exit_code = int(exc.code or 0)
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    result = CliResult(exit_code, stdout, stderr)
    assert exit_code == code, f"exit {exit_code} != {code}\n{stdout}\n{stderr}"
    return result


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m preflight ARGS` in a subprocess (real exit codes, real stdout)."""
    return subprocess.run([sys.executable, "-m", "preflight", *args], cwd=cwd or REPO,
                          capture_output=True, text=True, timeout=600)
