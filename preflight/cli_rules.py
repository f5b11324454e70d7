"""`preflight rules`: the filing rules that apply to a province, with their sources (zh + en).

Also `explain_rule`, used by `preflight explain R101` for rule ids (which are not check codes).
"""

from __future__ import annotations

import json
from typing import Any

import click

from preflight.filing import Filing, SubjectType
from preflight.rules.engine import applicable_rules
from preflight.rules.profiles import Rule, load_profiles

_LEVEL = {"error": "ERROR", "warning": "WARN ", "info": "INFO "}


def rule_dict(rule: Rule) -> dict[str, Any]:
    """JSON-ready description of a rule."""
    return {
        "id": rule.id, "name": rule.name, "family": rule.family, "severity": rule.severity.value,
        "requirement_zh": rule.requirement, "requirement_en": rule.requirement_en,
        "source": {"file": rule.source.file, "section": rule.source.section,
                   "note": rule.source.note},
        "provinces": list(rule.provinces) if rule.provinces is not None else "all",
        "exclude_provinces": list(rule.exclude_provinces),
        "subject_types": [s.value for s in rule.subject_types] if rule.subject_types else "all",
        "when": [f"{c.fact} {c.op} {c.value!r}" for c in rule.when],
        "predicate": rule.predicate, "args": rule.args or {},
        "options": sorted(rule.options or {}), "profile": rule.profile,
    }


def rule_text(rule: Rule) -> str:
    """Multi-line text description of a rule."""
    lines = [f"{rule.id} {rule.name} ({rule.family}, {rule.severity.value})",
             f"  要求: {rule.requirement}", f"  Requirement: {rule.requirement_en}",
             f"  来源 Source: {rule.source.file} · {rule.source.section}"]
    if rule.source.note:
        lines.append(f"  注 Note: {rule.source.note}")
    if rule.when:
        lines.append("  条件 When: " + " and ".join(f"{c.fact} {c.op} {c.value!r}"
                                                    for c in rule.when))
    if rule.options:
        lines.append(f"  选项 Options: {', '.join(sorted(rule.options))}")
    return "\n".join(lines)


@click.command("rules")
@click.option("--province", help="Province, Chinese (广东) or pinyin (guangdong); default: all rules.")
@click.option("--subject-type", type=click.Choice([s.value for s in SubjectType]),
              help="Only the rules for this subject type.")
@click.option("--option", "options", multiple=True,
              help="Alternative reading of the guide (see docs/rules.md), repeatable.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_command(province: str | None, subject_type: str | None, options: tuple[str, ...],
                  fmt: str) -> None:
    """List the filing rules that apply to a province, with their source sections."""
    filing = Filing(province=province, subject_type=SubjectType(subject_type)
                    if subject_type else None, rule_options=options)
    rules = applicable_rules(filing) if province else [
        r for r in load_profiles().rules if filing.subject_type is None
        or r.subject_types is None or filing.subject_type in r.subject_types]
    if fmt == "json":
        click.echo(json.dumps({"province": filing.province, "subject_type": subject_type,
                               "options": list(options),
                               "rules": [rule_dict(r) for r in rules]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{filing.province or '全国 all provinces'} · {subject_type or '所有主体 all subject types'} · "
               f"{len(rules)} 条规则 rules\n")
    for r in rules:
        click.echo(rule_text(r) + "\n")


def explain_rule(key: str) -> bool:
    """Print a rule's requirement and source; False when `key` names no rule."""
    rule = load_profiles().rule(key)
    if rule is None:
        return False
    click.echo(rule_text(rule))
    provinces = "、".join(rule.provinces) if rule.provinces is not None else "全国 all"
    click.echo(f"  省份 Provinces: {provinces}")
    if rule.exclude_provinces:
        click.echo(f"  除外 Except: {'、'.join(rule.exclude_provinces)}")
    click.echo(f"  修改 Fix: {rule.fix_zh}\n  Fix: {rule.fix_en}")
    return True
