"""CLI smoke tests: exit codes and the checks catalogue."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke_assert_code


def test_checks_lists_every_registered_code() -> None:
    from preflight.registry import all_checks

    out = invoke_assert_code(["checks"], 0).stdout
    for c in all_checks():
        assert c.code in out and c.name in out


def test_explain_unknown_code_is_usage_error() -> None:
    invoke_assert_code(["explain", "ZZ999"], 2)


def test_scan_missing_path_is_input_error(tmp_path: Path) -> None:
    invoke_assert_code(["scan", str(tmp_path / "nope")], 3)


def test_bad_province_is_usage_error(tmp_path: Path) -> None:
    invoke_assert_code(["scan", str(tmp_path), "--province", "atlantis"], 2)
