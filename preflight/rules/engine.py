"""Evaluating the applicable rules against the facts of a filing.

For each rule: apply the chosen options, keep it when it concerns the province and subject
type, test its `when` conditions in order (a false one ends the evaluation, a fact the filing
does not state makes the rule "not evaluated"), then run its predicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from preflight.filing import Filing, Role
from preflight.rules.catalog import PREDICATES
from preflight.rules.facts import DocView, Facts, MissingFact, build_facts
from preflight.rules.predicates import Hit
from preflight.rules.profiles import PLACEHOLDER_RE, Condition, Rule, load_profiles

_OPS = {
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b, "le": lambda a, b: a <= b,
}


@dataclass(frozen=True)
class Outcome:
    """What one applicable rule found: violations, or the fact it lacked."""

    rule: Rule
    hits: tuple[Hit, ...] = ()
    missing: str | None = None
    conditions_met: bool = True


def applicable_rules(filing: Filing) -> list[Rule]:
    """The rules (options applied) that concern the filing's province and subject type."""
    chosen = frozenset(filing.rule_options)
    out = []
    for rule in load_profiles().rules:
        r = rule.with_options(chosen)
        if r is not None and r.applies_to(filing.province, filing.subject_type):
            out.append(r)
    return out


def signing_window_months(filing: Filing, role: Role) -> int | None:
    """Months before submission within which a letter of `role` must be signed, per the rules
    that require it in the filing's province (options applied); None when no rule says.

    For the date checks: e.g. 广东 备案承诺书 1 month (3 with guangdong-commitment-3-months).
    """
    windows = [r.args["sign_window_months"] for r in applicable_rules(filing)
               if r.args and r.args.get("role") == role.value and "sign_window_months" in r.args]
    return min(windows, default=None)


def evaluate(filing: Filing, views: list[DocView]) -> tuple[Facts, list[Outcome]]:
    """Evaluate every applicable rule; nothing applies when the province is unknown."""
    facts = build_facts(filing, views)
    return facts, [_evaluate_one(r, facts) for r in applicable_rules(filing)]


def _evaluate_one(rule: Rule, facts: Facts) -> Outcome:
    try:
        if rule.subject_types is not None and facts.filing.subject_type is None:
            raise MissingFact("subject_type")
        measured: dict[str, Any] = {"province": facts.province,
                                    "subject_type": _plain(facts.filing.subject_type)}
        for cond in rule.when:
            value = facts.need(cond.fact)
            measured[cond.fact] = _plain(value)
            if not _holds(cond, value):
                return Outcome(rule, conditions_met=False)
        hits = PREDICATES[rule.predicate].fn(facts, rule.args or {})
    except MissingFact as exc:
        return Outcome(rule, missing=exc.fact)
    return Outcome(rule, hits=tuple(
        h if h.measured is not None else Hit(
            values=h.values, measured=measured, threshold=_conditions_text(rule),
            file=h.file)
        for h in hits))


def _holds(cond: Condition, value: Any) -> bool:
    return bool(_OPS[cond.op](_plain(value), cond.value))


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _conditions_text(rule: Rule) -> str:
    terms = [f"{c.fact} {c.op} {c.value!r}" for c in rule.when]
    return "not (" + " and ".join(terms) + ")" if terms else f"{rule.id} applies: reminder"


def fill(template: str, values: dict[str, str]) -> str:
    """Replace `{name}` placeholders (names only; no attribute access, no format spec)."""
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def render_messages(rule: Rule, facts: Facts, hit: Hit) -> dict[str, str]:
    """The rule's message and fix in both languages, filled with the measured values."""
    values = {**facts.placeholders(), "province": facts.province, **hit.values}
    return {k: re.sub(r"\s+\n", "\n", fill(getattr(rule, k), values)).strip()
            for k in ("message_zh", "message_en", "fix_zh", "fix_en")}
