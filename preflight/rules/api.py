"""Library entry points: rule findings for a filing, with or without the attachment files.

`rule_findings` is what the `R000` check runs on a scanned folder; `form_findings` checks a
filing as typed into a form (the upload-form service), taking the attachments from its
`[[attachments]]` entries instead of files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from preflight.filing import Filing
from preflight.model import Category, Finding
from preflight.registry import is_selected
from preflight.rules.engine import evaluate, render_messages
from preflight.rules.facts import DocView, infer_slot


@dataclass(frozen=True)
class RuleResults:
    """Findings of the applicable rules, and the facts that kept rules from being evaluated."""

    findings: list[Finding]
    missing: dict[str, list[str]] = field(default_factory=dict)  # fact -> rule ids


def rule_findings(filing: Filing, views: list[DocView], *, select: tuple[str, ...] = (),
                  ignore: tuple[str, ...] = ()) -> RuleResults:
    """Evaluate the rules (selected Ruff-style by id prefix) against the filing and attachments."""
    if filing.province is None:
        return RuleResults([])
    facts, outcomes = evaluate(filing, views)
    found: list[Finding] = []
    missing: dict[str, list[str]] = {}
    for out in outcomes:
        if not is_selected(out.rule.id, select, ignore):
            continue
        if out.missing:
            missing.setdefault(out.missing, []).append(out.rule.id)
        for hit in out.hits:
            found.append(Finding(
                code=out.rule.id, name=out.rule.name, category=Category.FILING_RULE,
                severity=out.rule.severity, file=hit.file, page=None, bbox=None,
                measured=hit.measured, threshold=hit.threshold,
                **render_messages(out.rule, facts, hit)))
    return RuleResults(found, missing)


def manifest_views(filing: Filing) -> list[DocView]:
    """The attachments as the filing lists them (no files read)."""
    return [DocView(file=a.file, role=a.role, slot=a.slot or infer_slot(a.file),
                    slot_inferred=a.slot is None and infer_slot(a.file) is not None,
                    valid_until=a.valid_until, person=a.person.value if a.person else None)
            for a in filing.attachments]


def form_findings(filing: Filing) -> RuleResults:
    """Rule findings of a filing described by its fields and `[[attachments]]` entries only."""
    return rule_findings(filing, manifest_views(filing))
