"""The registry enforces docs, unique codes and names, and `explain` works for every check."""

from __future__ import annotations

import pytest

from preflight.catalogue import checks_markdown
from preflight.errors import ConfigError
from preflight.registry import DOC_SECTIONS, all_checks, is_selected, parse_docs
from tests.conftest import REPO, invoke_assert_code

CHECKS = all_checks()


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_check_has_all_doc_sections(check: type) -> None:
    docs = check.docs()
    assert docs.summary, f"{check.code}: module docstring needs a one-line summary"
    for section, body in zip(DOC_SECTIONS, (docs.what, docs.why, docs.fix), strict=True):
        assert len(body) >= 40, f"{check.code}: section '## {section}' missing or too short"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_explain_prints_the_docs(check: type) -> None:
    out = invoke_assert_code(["explain", check.code], 0).stdout
    assert check.name in out
    for section in DOC_SECTIONS:
        assert f"## {section}" in out
    assert invoke_assert_code(["explain", check.name], 0).stdout == out


def test_codes_and_names_are_unique() -> None:
    assert len({c.code for c in CHECKS}) == len(CHECKS)
    assert len({c.name for c in CHECKS}) == len(CHECKS)


def test_parse_docs_detects_missing_section() -> None:
    docs = parse_docs("Summary.\n\n## What it checks\nx\n\n## How to fix\ny")
    assert docs.what == "x" and docs.fix == "y" and docs.why == ""


def test_committed_catalogue_is_up_to_date() -> None:
    committed = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    assert committed == checks_markdown(), "run: python -m preflight.catalogue > docs/checks.md"


@pytest.mark.parametrize(
    ("code", "select", "ignore", "expected"),
    [
        ("Q201", (), (), True),
        ("Q201", ("Q",), (), True),
        ("Q201", ("F",), (), False),
        ("Q201", ("Q",), ("Q2",), False),
        ("Q201", ("Q201",), ("Q2",), True),  # more specific select wins
        ("Q201", ("Q2",), ("Q2",), False),  # ignore wins at equal specificity
    ],
)
def test_selection_follows_ruff_semantics(code: str, select: tuple, ignore: tuple,
                                          expected: bool) -> None:
    assert is_selected(code, select, ignore) is expected


def test_unknown_parameter_is_rejected_by_name() -> None:
    from preflight.checks.low_resolution import LowResolution

    with pytest.raises(ConfigError, match="no parameter 'min_pixels'"):
        LowResolution({"min_pixels": 3})
    with pytest.raises(ConfigError, match="outside"):
        LowResolution({"min_short_side": 1})
    assert LowResolution({"min_short_side": 600}).p["min_short_side"] == 600
