"""Every rule has pass and fail fixtures; one generic test runs them all.

`<rule-id>-fail-*.toml` must produce the rule's finding; `<rule-id>-pass-*.toml` must not, and
must reach the rule's evaluation (applicable, no fact missing) unless it is named `-pass-na-`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.rules.engine import evaluate
from preflight.rules.profiles import load_profiles
from tests.rules_support import FIXTURES, codes_for_rule, load_fixture

PATHS = sorted(FIXTURES.glob("R*.toml"))


def _parts(path: Path) -> tuple[str, str]:
    rule_id, outcome, *_ = path.stem.split("-")
    return rule_id, outcome


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_rule_fixture(path: Path) -> None:
    rule_id, outcome = _parts(path)
    ctx = load_fixture(path)
    codes = codes_for_rule(ctx, rule_id)
    if outcome == "fail":
        assert codes, f"{rule_id} did not fire on {path.name}"
        return
    assert outcome == "pass"
    assert not codes, f"{rule_id} fired on {path.name}"
    if "-pass-na-" in path.name:
        return
    _facts, outcomes = evaluate(ctx.filing, [])
    evaluated = [o for o in outcomes if o.rule.id == rule_id]
    assert evaluated, f"{rule_id} does not apply to {path.name}: the pass proves nothing"
    assert evaluated[0].missing is None, f"{rule_id} lacked {evaluated[0].missing}"


def test_every_rule_has_pass_and_fail_fixtures() -> None:
    have = {_parts(p) for p in PATHS}
    for rule in load_profiles().rules:
        assert (rule.id, "pass") in have, f"{rule.id} has no pass fixture"
        assert (rule.id, "fail") in have, f"{rule.id} has no fail fixture"


def test_fixtures_name_existing_rules() -> None:
    ids = {r.id for r in load_profiles().rules}
    assert {_parts(p)[0] for p in PATHS} <= ids
