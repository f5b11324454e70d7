"""Build filing contexts from rule fixtures (fixtures/rules/*.toml) without real files.

A fixture has a `[filing]` table (the filing.toml keys, strictly validated) and optional
`[[pages]]` (file, width, height) giving the displayed size of an attachment's page (default
1400×900, landscape). Attachments become documents with one blank page each.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

from preflight.context import DocumentContext, FilingContext, PageContext
from preflight.filing import Filing
from preflight.model import Finding
from preflight.registry import find_check
from preflight.rules.profiles import load_profiles
from preflight.settings import Settings
from preflight.typed import from_mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"


def load_fixture(path: Path) -> FilingContext:
    """The filing context a fixture describes."""
    data: dict[str, Any] = tomllib.loads(path.read_text("utf-8"))
    filing = from_mapping(Filing, data["filing"])
    sizes = {p["file"]: (p["width"], p["height"]) for p in data.get("pages", [])}
    settings = Settings(ocr=False)
    docs = []
    for att in filing.attachments:
        doc = DocumentContext(path=Path(att.file), display_name=att.file, settings=settings,
                              filing=filing, attachment=att)
        doc.pages.append(PageContext(document=doc, index=1,
                                     image=np.zeros((2, 2, 3), np.uint8),
                                     full_size=sizes.get(att.file, (1400, 900))))
        doc.page_count = 1
        docs.append(doc)
    return FilingContext(filing=filing, documents=docs)


def findings(ctx: FilingContext) -> list[Finding]:
    """Findings of the filing-rules check, plus those of the image checks rules delegate to."""
    out = list(find_check("R000")().check(ctx))  # type: ignore[misc, attr-defined]
    delegated = {r.args["check"] for r in load_profiles().rules
                 if r.predicate == "covered_by_check"}
    for code in sorted(delegated):
        check = find_check(code)()  # type: ignore[misc]
        for doc in ctx.documents:
            for page in doc.pages:
                out.extend(check.check(page))  # type: ignore[attr-defined]
    return out


def codes_for_rule(ctx: FilingContext, rule_id: str) -> list[str]:
    """Codes of the findings that stand for `rule_id` (a delegated rule: its check's code)."""
    rule = load_profiles().rule(rule_id)
    assert rule is not None
    code = rule.args["check"] if rule.predicate == "covered_by_check" else rule_id
    return [f.code for f in findings(ctx) if f.code == code]
