"""Rule profiles: the schema of a rule, loading every profile strictly, and rule options.

A profile is a TOML file of `preflight/data/rules/`: `base.toml` (national rules, options) and
one file per province with rules of that province only. Unknown keys, unknown predicates,
facts, options or template placeholders are rejected when the profiles load (a schema test
loads them all), so a typo in the data never silently disables a rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from preflight.errors import ConfigError
from preflight.filing import SubjectType
from preflight.model import Severity
from preflight.provinces import PROVINCES, normalize_province
from preflight.rules.loader import profile_names, read_data
from preflight.typed import from_mapping

ID_RE = re.compile(r"^R\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
OPS = ("eq", "ne", "gt", "ge", "lt", "le")
FAMILIES = ("host_owner", "app_owner", "documents", "residence", "preapproval", "license",
            "form", "attachments")


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: seed file and section path; `note` explains seed differences."""

    file: str
    section: str
    note: str = ""


@dataclass(frozen=True)
class Condition:
    """`fact op value`, e.g. host_owner.is_legal_rep eq false (closed set of ops, no eval)."""

    fact: str
    op: str
    value: Any = None


@dataclass(frozen=True)
class OptionOverride:
    """What a rule option changes in one rule: its provinces and/or some arguments."""

    provinces: tuple[str, ...] | None = None
    args: Any = None
    disabled: bool = False


@dataclass(frozen=True)
class Rule:
    """One requirement of the guide, tested by a predicate."""

    id: str
    name: str
    family: str
    severity: Severity
    requirement: str
    requirement_en: str
    source: Source
    predicate: str
    message_zh: str
    message_en: str
    fix_zh: str
    fix_en: str
    provinces: tuple[str, ...] | None = None  # None: every province
    exclude_provinces: tuple[str, ...] = ()
    subject_types: tuple[SubjectType, ...] | None = None  # None: every subject type
    when: tuple[Condition, ...] = ()
    args: Any = None
    options: Any = None  # {option name: OptionOverride table}
    profile: str = ""  # file the rule was loaded from

    def applies_to(self, province: str | None, subject_type: SubjectType | None) -> bool:
        """True when the rule concerns this province and subject type (None: unknown)."""
        if province is None:
            return False
        if (self.provinces is not None and province not in self.provinces) or (
                province in self.exclude_provinces):
            return False
        return (self.subject_types is None or subject_type is None
                or subject_type in self.subject_types)

    def with_options(self, chosen: frozenset[str]) -> Rule | None:
        """The rule as changed by the chosen options (None when an option disables it)."""
        rule = self
        for name, raw in sorted((self.options or {}).items()):
            if name not in chosen:
                continue
            o = from_mapping(OptionOverride, raw, f"{self.id}.options.{name}.")
            if o.disabled:
                return None
            if o.provinces is not None:
                rule = replace(rule, provinces=o.provinces)
            if o.args:
                rule = replace(rule, args=_merge(rule.args or {}, o.args))
        return rule


@dataclass(frozen=True)
class OptionDoc:
    """A documented alternative reading of the guide (chosen with filing.toml rule_options)."""

    name: str
    description_zh: str
    description_en: str
    source: Source


@dataclass(frozen=True)
class Profiles:
    """Every rule and option of every profile."""

    rules: tuple[Rule, ...]
    options: tuple[OptionDoc, ...] = field(default=())

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id (case-insensitive) or name."""
        key = rule_id.strip()
        return next((r for r in self.rules if r.id == key.upper() or r.name == key), None)


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, Mapping) and isinstance(
            out.get(k), Mapping) else v
    return out


@lru_cache(maxsize=1)
def load_profiles() -> Profiles:
    """Load and validate every profile (cached)."""
    rules: list[Rule] = []
    options: list[OptionDoc] = []
    for name in profile_names():
        data = read_data(name)
        try:
            rules.extend(_profile_rules(name, data))
            options.extend(from_mapping(OptionDoc, {"name": k, **v}, f"{name}: options.{k}.")
                           for k, v in data.get("options", {}).items())
        except ConfigError as exc:
            raise ConfigError(f"rule profile {name}: {exc}") from exc
    profiles = Profiles(rules=tuple(sorted(rules, key=lambda r: r.id)), options=tuple(options))
    from preflight.rules.validate import validate_profiles

    validate_profiles(profiles)
    return profiles


def _profile_rules(name: str, data: Mapping[str, Any]) -> list[Rule]:
    unknown = sorted(set(data) - {"profile", "province", "rules", "options"})
    if unknown:
        raise ConfigError(f"unknown top-level key(s) {', '.join(unknown)}")
    province = normalize_province(data["province"]) if "province" in data else None
    out = []
    for i, raw in enumerate(data.get("rules", [])):
        rule = from_mapping(Rule, {**raw, "profile": name}, f"rules[{i}].")
        provinces = tuple(normalize_province(p) for p in rule.provinces) if (
            rule.provinces is not None) else ((province,) if province else None)
        if province and provinces != (province,):
            raise ConfigError(f"{rule.id}: a province profile holds rules of {province} only")
        out.append(replace(rule, provinces=provinces, exclude_provinces=tuple(
            normalize_province(p) for p in rule.exclude_provinces)))
    return out


def check_options(chosen: tuple[str, ...]) -> None:
    """Raise ConfigError naming an unknown rule option (used by filing.toml validation)."""
    known = {o.name for o in load_profiles().options}
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise ConfigError(f"rule_options: unknown option(s) {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(known))}")


def all_provinces() -> tuple[str, ...]:
    """The 31 provinces, canonical short names."""
    return tuple(PROVINCES)
