"""The dates of one attachment as the date checks see them.

Combines every page's analysis (OCR or text layer, only when OCR is on) with the dates the user
stated in filing.toml (which win). A date is usable for a verdict when it is user-supplied or
read with confidence ≥ `MIN_CONFIDENCE` and not rejected as implausible; anything else the
checks report as "unreadable, please confirm" (D105), never as a pass or a fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from preflight.analysis import analyze_page
from preflight.context import DocumentContext
from preflight.dates.extract import MIN_CONFIDENCE, Rejected
from preflight.dates.supplied import user_dates
from preflight.model import DateField

__all__ = ["MIN_CONFIDENCE", "DocumentDates", "Located", "document_dates"]


@dataclass(frozen=True)
class Located:
    """A date and the page it was read on (None for user-supplied dates)."""

    page: int | None
    field: DateField

    @property
    def by_user(self) -> bool:
        """True when the user stated the date in filing.toml."""
        return self.field.source == "user"

    def describe(self) -> tuple[str, str]:
        """How to name the date's origin in a message, (zh, en)."""
        if self.by_user:
            return "filing.toml 中填写的", "stated in filing.toml"
        where = f"第 {self.page} 页" if self.page else ""
        return f"{where}识别出的(“{self.field.text}”)", f"read on page {self.page} ('{self.field.text}')"


@dataclass(frozen=True)
class DocumentDates:
    """Usable dates by kind, plus what was read but cannot be used."""

    usable: dict[str, Located]
    doubtful: tuple[DateField, ...]  # read with low confidence
    rejected: tuple[Rejected, ...]  # read but implausible
    types: frozenset[str]  # detected document types of the pages
    ocr_ran: bool
    timed_out: bool


def document_dates(doc: DocumentContext) -> DocumentDates:
    """The attachment's dates: user-supplied first, then the most confident readable ones."""
    usable = {d.kind: Located(None, d) for d in user_dates(doc.attachment)}
    doubtful: list[DateField] = []
    rejected: list[Rejected] = []
    types: set[str] = set()
    ocr = doc.settings.ocr and doc.loaded
    timed_out = False
    for page in doc.pages if ocr else []:
        a = analyze_page(page)
        types.add(a.document_type.value)
        rejected.extend(a.rejected)
        timed_out = timed_out or a.timed_out
        for d in a.dates:
            if d.source == "user":
                continue
            if d.confidence < MIN_CONFIDENCE:
                doubtful.append(d)
            elif d.kind not in usable or (not usable[d.kind].by_user and d.kind == "signed_on"):
                usable[d.kind] = Located(page.index, d)  # last page's signing date wins
    return DocumentDates(usable, tuple(doubtful), tuple(rejected), frozenset(types), ocr,
                         timed_out)
