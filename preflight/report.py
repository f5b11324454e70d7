"""The report model: what a run found, per document and page; every output format renders it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from preflight import __version__
from preflight.model import Finding, PageResult, Severity, worst_first

SCHEMA_VERSION = "1.0"


@dataclass
class DocumentReport:
    """One input file: its sniffed type, role, pages and findings."""

    file: str
    sniffed_type: str | None
    extension_type: str | None
    role: str | None
    role_source: str | None  # filing | file_name | None
    person: str | None
    exif_orientation: int
    page_count: int
    pages: list[PageResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    elapsed_ms: float = 0.0
    # page index -> downscaled JPEG of the page as shown (only when Settings.thumbnails > 0);
    # used by the HTML renderer, never written to the JSON report
    thumbnails: dict[int, bytes] = field(default_factory=dict, repr=False)
    # page index -> shapes the HTML report draws (document outline...), same condition
    overlays: dict[int, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def worst(self) -> Severity | None:
        """The worst severity among this file's findings."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "file": self.file,
            "sniffed_type": self.sniffed_type,
            "extension_type": self.extension_type,
            "role": self.role,
            "role_source": self.role_source,
            "person": self.person,
            "exif_orientation": self.exif_orientation,
            "page_count": self.page_count,
            "pages": [p.to_dict() for p in self.pages],
            "findings": [f.to_dict() for f in worst_first(self.findings)],
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


@dataclass
class Report:
    """The whole run: inputs, documents and filing-level findings."""

    inputs: dict[str, Any]
    documents: list[DocumentReport]
    filing_findings: list[Finding]
    fail_on: Severity = Severity.ERROR

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the run, worst first."""
        all_f = [f for d in self.documents for f in d.findings] + self.filing_findings
        return worst_first(all_f)

    @property
    def failed(self) -> bool:
        """True when a finding reaches the --fail-on severity."""
        return any(f.severity.rank >= self.fail_on.rank for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity (all three keys present)."""
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in Severity}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; the layout is documented in docs/report.md."""
        by_category = Counter(f.category.value for f in self.findings)
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "preflight", "version": __version__},
            "inputs": self.inputs,
            "summary": {
                "ready": not self.failed,
                "fail_on": self.fail_on.value,
                "files": len(self.documents),
                "counts": self.counts(),
                "by_category": dict(sorted(by_category.items())),
            },
            "documents": [d.to_dict() for d in self.documents],
            "filing_findings": [f.to_dict() for f in worst_first(self.filing_findings)],
        }
