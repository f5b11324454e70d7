"""Reading the rule data files of `preflight/data/rules/` (TOML, parsed with tomllib)."""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYWORDS_FILE = "preapproval.toml"


def _folder() -> Any:
    return resources.files("preflight.data").joinpath("rules")


def read_data(name: str) -> dict[str, Any]:
    """Parse one data file of the rules folder."""
    return tomllib.loads(_folder().joinpath(name).read_text("utf-8"))


def profile_names() -> list[str]:
    """File names of the rule profiles (base.toml first, then provinces alphabetically)."""
    names = sorted(p.name for p in _folder().iterdir()
                   if p.name.endswith(".toml") and p.name != KEYWORDS_FILE)
    return sorted(names, key=lambda n: (n != "base.toml", n))
