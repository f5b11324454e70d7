"""The date rules (data: `preflight/data/date_rules.toml`) and their pure verdicts.

`validity_verdict` and `signing_verdict` compare dates only; which rule applies to which
attachment (role, detected type, province) is decided by `validity_rules_for` /
`signing_rules_for`.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from preflight.dates.calendar import add_months
from preflight.dates.parse import LONG_TERM

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class ValidityRule:
    """valid_until ≥ submission + min_months (strict: >)."""

    id: str
    min_months: int
    strict: bool
    roles: tuple[str, ...]
    types: tuple[str, ...]
    required_roles: tuple[str, ...]
    required_types: tuple[str, ...]
    provinces: tuple[str, ...]
    source: str
    requirement: str


    def requires_date(self, role: str | None, types: set[str]) -> bool:
        """True when the attachment is expected to print the validity date."""
        return role in self.required_roles or bool(types & set(self.required_types))


@dataclass(frozen=True)
class SigningRule:
    """submission − months ≤ signed_on ≤ submission."""

    id: str
    months: int
    roles: tuple[str, ...]
    provinces: tuple[str, ...]
    source: str
    requirement: str
    lenient_months: int | None = None

    def window(self, *, lenient: bool) -> int:
        """Months of the window, the alternative reading when `lenient` and one exists."""
        return self.lenient_months if lenient and self.lenient_months else self.months


@lru_cache(maxsize=1)
def load_rules() -> tuple[tuple[ValidityRule, ...], tuple[SigningRule, ...]]:
    """All date rules from the data file."""
    text = resources.files("preflight.data").joinpath("date_rules.toml").read_text("utf-8")
    data = tomllib.loads(text)
    tup = {"roles", "types", "required_roles", "required_types", "provinces"}
    def conv(d: dict) -> dict:
        return {k: tuple(v) if k in tup else v for k, v in d.items()}
    return (tuple(ValidityRule(**conv(d)) for d in data["validity"]),
            tuple(SigningRule(**conv(d)) for d in data["signing"]))


def _in_province(provinces: tuple[str, ...], province: str | None) -> bool:
    return not provinces or province in provinces


def validity_rules_for(role: str | None, types: set[str], province: str | None
                       ) -> list[ValidityRule]:
    """Validity rules for an attachment of `role` whose pages show `types`."""
    return [r for r in load_rules()[0] if _in_province(r.provinces, province)
            and (role in r.roles or types & set(r.types))]


def signing_rules_for(role: str | None, province: str | None) -> list[SigningRule]:
    """Signing-window rules for an attachment of `role` in `province`."""
    return [r for r in load_rules()[1] if role in r.roles and _in_province(r.provinces, province)]


def validity_verdict(valid_until: str, submission: dt.date, *, months: int, strict: bool
                     ) -> str:
    """`ok`, `expired` (before the submission day) or `too_short` (ends within the window)."""
    if valid_until == LONG_TERM:
        return "ok"
    end = dt.date.fromisoformat(valid_until)
    if end < submission:
        return "expired"
    limit = add_months(submission, months)
    return "ok" if (end > limit if strict else end >= limit) else "too_short"


def signing_verdict(signed_on: str, submission: dt.date, *, months: int) -> str:
    """`ok`, `too_early` (more than `months` before submission) or `after` (later than it)."""
    day = dt.date.fromisoformat(signed_on)
    if day > submission:
        return "after"
    return "ok" if day >= add_months(submission, -months) else "too_early"
