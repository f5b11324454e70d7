"""Schema of the rule profiles: every profile loads, lists agree with the guide's structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from preflight.checks.landscape_required import landscape_provinces
from preflight.errors import ConfigError
from preflight.provinces import PROVINCES
from preflight.rules.loader import profile_names, read_data
from preflight.rules.profiles import load_profiles
from preflight.typed import from_mapping
from tests.conftest import REPO

SEEDS = ("000_58a0f6ee9b17c945.txt", "001_95d0327c6f0ae494.txt")


def _provinces(rule_id: str) -> set[str]:
    rule = load_profiles().rule(rule_id)
    assert rule is not None and rule.provinces is not None
    return set(rule.provinces)


def test_every_profile_loads_with_sources() -> None:
    profiles = load_profiles()
    assert len(profiles.rules) >= 40
    assert "base.toml" in profile_names() and "guangdong.toml" in profile_names()
    for rule in profiles.rules:
        assert rule.source.file in SEEDS and rule.source.section, rule.id
        assert rule.requirement and rule.requirement_en, rule.id


def test_host_owner_lists_partition_the_provinces() -> None:
    legal, auth, neither = _provinces("R101"), _provinces("R102"), _provinces("R103")
    assert not (legal & auth) and not (legal & neither) and not (auth & neither)
    assert legal | auth | neither == set(PROVINCES)
    assert (len(legal), len(auth), len(neither)) == (22, 6, 3)


def test_app_owner_lists_partition_the_provinces() -> None:
    auth, none = _provinces("R201"), _provinces("R204")
    assert not (auth & none) and auth | none == set(PROVINCES)
    assert "天津" in auth and "上海" in auth and "广东" in none


def test_license_upload_places_do_not_overlap() -> None:
    assert not (_provinces("R605") & _provinces("R606"))
    assert _provinces("R607") <= _provinces("R605") | _provinces("R606")


def test_landscape_rule_matches_the_g101_data() -> None:
    assert _provinces("R810") == set(landscape_provinces())


def test_options_change_the_rules() -> None:
    r101 = load_profiles().rule("R101")
    assert r101 is not None
    changed = r101.with_options(frozenset({"shanxi-host-authorization"}))
    assert changed is not None and "山西" in r101.provinces and "山西" not in changed.provinces
    r301 = load_profiles().rule("R301")
    assert r301 is not None
    three = r301.with_options(frozenset({"guangdong-commitment-3-months"}))
    assert r301.args["sign_window_months"] == 1 and three.args["sign_window_months"] == 3


def test_unknown_rule_keys_are_rejected() -> None:
    from preflight.rules.profiles import Rule

    raw = dict(read_data("beijing.toml")["rules"][0], colour="red")
    with pytest.raises(ConfigError, match="colour"):
        from_mapping(Rule, raw)


def test_unknown_option_in_filing_is_rejected() -> None:
    from preflight.filing import Filing

    with pytest.raises(ConfigError, match="rule_options"):
        from_mapping(Filing, {"province": "广东", "rule_options": ["lenient-everything"]})


def _seed_dir() -> Path | None:
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "seeds" / SEEDS[0]).is_file():
            return base / "shared" / "seeds"
    return None


def test_requirements_are_quoted_from_the_seeds() -> None:
    seeds = _seed_dir()
    if seeds is None:
        pytest.skip("../shared/seeds not found (shared folder absent)")
    text = "".join(re.sub(r"\s+", "", (seeds / s).read_text("utf-8")) for s in SEEDS)
    for rule in load_profiles().rules:
        # quotes are joined by ; 。 or …… and may carry editorial notes in 〔〕
        plain = re.sub(r"〔[^〕]*〕", "", rule.requirement)
        fragments = [f for f in re.split(r"[;。…]+", plain) if len(f) >= 8]
        assert fragments, rule.id
        missing = [f for f in fragments if re.sub(r"\s+", "", f) not in text]
        assert not missing, (rule.id, missing)
