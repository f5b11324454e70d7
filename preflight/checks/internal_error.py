"""A check crashed on this input.

## What it checks
Nothing by itself: when any other check raises an exception, the pipeline records this finding
in its place and the remaining checks still run.

## Why it matters
A crashed check cannot vouch for the attachment, so the result for that check is unknown rather
than a pass.

## How to fix
Re-run with `--format json` and report the finding (it names the check and the error) to the
preflight maintainers; meanwhile review that aspect of the attachment by hand.
"""

from __future__ import annotations

from typing import Any

from preflight.context import DocumentContext, PageContext
from preflight.model import Category, Finding, Severity
from preflight.registry import Check


class InternalError(Check):
    """Placeholder entry in the registry for crash findings (never selected to run)."""

    code = "X001"
    name = "check-crashed"
    category = Category.INTERNAL
    severity = Severity.WARNING
    scope = "meta"
    fix_zh = "这是 preflight 的内部错误,请人工检查该项,并把 JSON 报告提交给维护者。"
    fix_en = "This is a preflight bug: check this aspect by hand and report the JSON output."


def internal_error_finding(check: Check, ctx: Any, exc: BaseException) -> Finding:
    """The finding that stands in for `check`, which raised `exc` on `ctx`."""
    page = ctx.index if isinstance(ctx, PageContext) else None
    doc = ctx.document if isinstance(ctx, PageContext) else ctx
    file = doc.display_name if isinstance(doc, DocumentContext) else None
    detail = f"{type(exc).__name__}: {exc}"[:200]
    return InternalError().finding(
        file=file, page=page, measured=detail, threshold=None,
        message_zh=f"检查 {check.code}({check.name})运行出错:{detail}",
        message_en=f"Check {check.code} ({check.name}) failed: {detail}",
    )
