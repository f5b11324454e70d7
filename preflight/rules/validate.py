"""Schema validation of the loaded profiles beyond key types (ids, predicates, facts, templates)."""

from __future__ import annotations

import re

from preflight.errors import ConfigError
from preflight.provinces import PROVINCES
from preflight.rules.catalog import PREDICATES
from preflight.rules.facts import FACT_NAMES
from preflight.rules.profiles import FAMILIES, ID_RE, NAME_RE, OPS, PLACEHOLDER_RE, Profiles, Rule

_COMMON = frozenset({"province"} | {f.replace(".", "_") for f in FACT_NAMES})


def validate_profiles(profiles: Profiles) -> None:
    """Raise ConfigError on the first inconsistency of the rule data."""
    ids: set[str] = set()
    names: set[str] = set()
    option_names = {o.name for o in profiles.options}
    for rule in profiles.rules:
        where = f"rule {rule.id} ({rule.profile})"
        if not ID_RE.match(rule.id) or not NAME_RE.match(rule.name) or rule.family not in FAMILIES:
            raise ConfigError(f"{where}: bad id, name or family")
        if rule.id in ids or rule.name in names:
            raise ConfigError(f"{where}: duplicate id or name")
        ids.add(rule.id)
        names.add(rule.name)
        for p in (*(rule.provinces or ()), *rule.exclude_provinces):
            if p not in PROVINCES:
                raise ConfigError(f"{where}: unknown province {p}")
        for name in ("", *(rule.options or {})):
            variant = rule.with_options(frozenset({name})) if name else rule
            if variant is not None:
                _check_predicate(variant, f"{where}{' option ' + name if name else ''}")
        for c in rule.when:
            if c.fact not in FACT_NAMES or c.op not in OPS:
                raise ConfigError(f"{where}: bad condition {c}")
        unknown_opts = set(rule.options or {}) - option_names
        if unknown_opts:
            raise ConfigError(f"{where}: undeclared option(s) {sorted(unknown_opts)}")


def _check_predicate(rule: Rule, where: str) -> None:
    spec = PREDICATES.get(rule.predicate)
    if spec is None:
        raise ConfigError(f"{where}: unknown predicate {rule.predicate!r}")
    args = set(rule.args or {})
    if not spec.required <= args or not args <= spec.required | spec.optional:
        raise ConfigError(f"{where}: arguments {sorted(args)} do not fit {rule.predicate} "
                          f"(required {sorted(spec.required)}, optional {sorted(spec.optional)})")
    allowed = _COMMON | spec.outputs
    for text in (rule.message_zh, rule.message_en, rule.fix_zh, rule.fix_en):
        bad = set(PLACEHOLDER_RE.findall(text)) - allowed
        if bad or re.search(r"\{(?![a-z_]+\})", text):
            raise ConfigError(f"{where}: template placeholders {sorted(bad)} not provided")
