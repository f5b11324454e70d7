"""The check catalogue as Markdown: `python -m preflight.catalogue > docs/checks.md`."""

from __future__ import annotations

from preflight.registry import all_checks


def checks_markdown() -> str:
    """Every registered check with its code, name, category, severity, parameters and docs."""
    out = ["# Checks", "",
           "Generated from the check modules by `python -m preflight.catalogue`; do not edit.", "",
           "| code | name | category | default severity | summary |", "|---|---|---|---|---|"]
    checks = all_checks()
    for c in checks:
        out.append(f"| {c.code} | `{c.name}` | {c.category.value} | {c.severity.value} | "
                   f"{c.docs().summary} |")
    for c in checks:
        d = c.docs()
        out += ["", f"## {c.code} `{c.name}`", "", d.summary, "",
                "**What it checks.** " + d.what, "", "**Why it matters.** " + d.why, "",
                "**How to fix.** " + d.fix]
        if c.params:
            out += ["", "| parameter | default | meaning |", "|---|---|---|"]
            out += [f"| `{k}` | {p.default!r} | {p.doc} |" for k, p in c.params.items()]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(checks_markdown(), end="")
