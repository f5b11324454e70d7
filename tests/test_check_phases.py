"""Page checks that read text run after every page's image checks (`Check.reads_text`).

OCR is the slow step: when a file's time limit passes while its text is read, the image
findings of all its pages must already be in the report.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from fixtures.synth.degrade import synthetic_cases
from preflight.checks.incomplete_file import IncompleteFile
from preflight.checks.low_resolution import LowResolution
from preflight.checks.watermark import WatermarkOverContent
from preflight.context import DocumentContext, PageContext
from preflight.filing import Filing
from preflight.loading import load_into
from preflight.model import Finding
from preflight.ocr import Enough, OcrResult
from preflight.pipeline import InputFile, check_document
from preflight.registry import PageCheck, all_checks
from preflight.settings import Settings
from tests.imagegen import text_page, write_jpeg


class _SlowEngine:
    """An OCR engine that takes longer than any file's limit."""

    name = "slow"

    def version(self) -> str:
        """Fixed."""
        return "slow 1"

    def read(self, image: np.ndarray, *, timeout_s: float, enough: Enough | None = None
             ) -> OcrResult:
        """Sleep past the file's time limit."""
        time.sleep(30)
        return OcrResult((), self.name)


class _RefusingEngine(_SlowEngine):
    """Fails the test when asked to read."""

    def read(self, image: np.ndarray, *, timeout_s: float, enough: Enough | None = None
             ) -> OcrResult:
        """Image checks must never get here."""
        raise AssertionError("an image check read the page's text")


class _Marker(PageCheck):
    """An image check that always reports (not registered: defined in a test module)."""

    code = "Z998"
    name = "marker"
    category = LowResolution.category
    severity = LowResolution.severity

    def check(self, page: PageContext) -> Iterator[Finding]:
        yield self.finding(file=page.file, page=page.index, measured=1, threshold=0,
                           message_zh="标记", message_en="marker")


def test_image_findings_survive_an_ocr_timeout(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("preflight.ocr.read.get_engine", lambda name="auto": _SlowEngine())
    path = write_jpeg(tmp_path / "a.jpg", text_page(800, 600))
    settings = Settings(ocr=True).with_limits(file_timeout_s=0.5)
    checks = [WatermarkOverContent(), _Marker(), IncompleteFile()]  # the text check listed first
    start = time.monotonic()
    _, report = check_document(InputFile(path, "a.jpg", tmp_path), Filing(), settings, checks)
    assert time.monotonic() - start < 10
    codes = [f.code for f in report.findings]
    assert "Z998" in codes and "F102" in codes


@pytest.mark.parametrize("case", list(synthetic_cases(per_kind=1)), ids=lambda c: c.name)
def test_image_checks_never_read_text(case, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("preflight.ocr.read.get_engine", lambda name="auto": _RefusingEngine())
    path = write_jpeg(tmp_path / "p.jpg", case.image)
    doc = DocumentContext(path=path, display_name="p.jpg", settings=Settings(ocr=True),
                          filing=Filing(), attachment=None, role_inferred=False)
    load_into(doc)
    image_checks = [c() for c in all_checks() if issubclass(c, PageCheck) and not c.reads_text]
    assert doc.pages and len(image_checks) >= 8
    for page in doc.pages:
        for check in image_checks:
            list(check.check(page))  # the refusing engine fails the test if one reads text
