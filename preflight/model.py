"""The findings model: one vocabulary shared by every check and every output format.

`Category` values, the `Finding` field names and the report keys are public contracts (see
docs/report.md): extend them, never rename them.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How bad a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Larger is worse."""
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Category(str, enum.Enum):
    """What kind of problem a finding is about (public contract)."""

    ORIENTATION = "orientation"
    ROTATED = "rotated"
    BLUR = "blur"
    GLARE = "glare"
    SCREEN_RECAPTURE = "screen_recapture"
    CROPPED_CORNER = "cropped_corner"
    PHOTOCOPY = "photocopy"
    WATERMARK = "watermark"
    BACKGROUND = "background"
    EMBLEM = "emblem"
    RESOLUTION = "resolution"
    FILE = "file"
    DOCUMENT_TYPE = "document_type"
    DATE = "date"
    FILING_RULE = "filing_rule"
    INTERNAL = "internal"


class DocumentType(str, enum.Enum):
    """What a page shows (reported per page in the JSON)."""

    ID_FRONT = "id_front"
    ID_BACK = "id_back"
    BUSINESS_LICENSE = "business_license"
    AUTHORIZATION_LETTER = "authorization_letter"
    COMMITMENT_LETTER = "commitment_letter"
    RESIDENCE_PERMIT = "residence_permit"
    CONSTRUCTION_PLAN = "construction_plan"
    SCREENSHOT = "screenshot"
    UNKNOWN = "unknown"


BBox = tuple[int, int, int, int]
"""(x, y, width, height) in pixels of the page as the reviewer sees it."""


@dataclass(frozen=True)
class Finding:
    """One problem found in one place, with the evidence and the fix in Chinese and English."""

    code: str
    name: str
    category: Category
    severity: Severity
    file: str | None
    page: int | None
    bbox: BBox | None
    measured: Any
    threshold: Any
    message_zh: str
    message_en: str
    fix_zh: str
    fix_en: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (enum values as strings, bbox as a list)."""
        d = asdict(self)
        d["category"] = self.category.value
        d["severity"] = self.severity.value
        d["bbox"] = list(self.bbox) if self.bbox is not None else None
        return d


@dataclass(frozen=True)
class DateField:
    """A date read from a page (or supplied by the user in filing.toml)."""

    kind: str  # valid_from | valid_until | signed_on | issued_on
    value: str  # ISO date or "long_term"
    text: str
    bbox: BBox | None
    confidence: float
    source: str = "ocr"  # ocr | text_layer | user

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        d = asdict(self)
        d["bbox"] = list(self.bbox) if self.bbox is not None else None
        return d


@dataclass(frozen=True)
class PageResult:
    """What the pipeline learned about one page."""

    index: int  # 1-based
    width: int
    height: int
    document_type: DocumentType = DocumentType.UNKNOWN
    document_type_confidence: float = 0.0
    dates: tuple[DateField, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "index": self.index,
            "width": self.width,
            "height": self.height,
            "document_type": self.document_type.value,
            "document_type_confidence": round(self.document_type_confidence, 3),
            "dates": [d.to_dict() for d in self.dates],
            **self.extra,
        }


def worst_first(findings: list[Finding]) -> list[Finding]:
    """Findings sorted worst severity first, then by file, page and code."""
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, f.file or "", f.page or 0, f.code),
    )
