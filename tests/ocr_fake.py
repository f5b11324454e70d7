"""A fake OCR engine with canned lines (no OCR needed), and helpers to build pages with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from preflight.context import DocumentContext, PageContext
from preflight.filing import Attachment, Filing, Role
from preflight.ocr import Enough, OcrLine, OcrResult
from preflight.settings import Settings


class FakeEngine:
    """Returns the given text lines, one per row, top to bottom."""

    name = "fake"

    def __init__(self, texts: list[str], confidence: float = 0.99, timed_out: bool = False):
        self.texts = texts
        self.confidence = confidence
        self.timed_out = timed_out
        self.calls = 0

    def version(self) -> str:
        """Fixed."""
        return "fake 1"

    def read(self, image: np.ndarray, *, timeout_s: float, enough: Enough | None = None
             ) -> OcrResult:
        """The canned lines as 40-px-high rows (all of them: `enough` is not asked)."""
        self.calls += 1
        lines = tuple(OcrLine(t, (10.0, 10.0 + 50 * i, 400.0, 40.0), self.confidence)
                      for i, t in enumerate(self.texts))
        return OcrResult(lines, self.name, timed_out=self.timed_out)


def use_engine(monkeypatch: pytest.MonkeyPatch, engine: FakeEngine) -> FakeEngine:
    """Make every page read through `engine`."""
    monkeypatch.setattr("preflight.ocr.read.get_engine", lambda name="auto": engine)
    return engine


def make_doc(role: Role | None, *, province: str | None = None,
             submission: dt.date = dt.date(2026, 11, 22), ocr: bool = True,
             pages: int = 1, **dates: object) -> DocumentContext:
    """A loaded document of blank pages with the given role and user-supplied dates."""
    att = Attachment(file="a.jpg", role=role, **dates) if role else None  # type: ignore[arg-type]
    filing = Filing(province=province, submission_date=submission,
                    attachments=(att,) if att else ())
    doc = DocumentContext(Path("a.jpg"), "a.jpg", Settings(ocr=ocr), filing, attachment=att)
    for i in range(pages):
        doc.pages.append(PageContext(document=doc, index=i + 1,
                                     image=np.full((600, 800, 3), 255, np.uint8),
                                     full_size=(800, 600)))
    return doc
