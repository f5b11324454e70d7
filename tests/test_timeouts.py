"""A file that takes longer than the per-file limit gets a finding and the run goes on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from preflight.checks.incomplete_file import IncompleteFile
from preflight.checks.low_resolution import LowResolution
from preflight.context import PageContext
from preflight.filing import Filing
from preflight.model import Finding
from preflight.pipeline import InputFile, check_document
from preflight.registry import PageCheck
from preflight.settings import Settings
from tests.imagegen import text_page, write_jpeg


class _Stuck(PageCheck):
    """Stands in for a check that hangs (not registered: defined in a test module)."""

    code = "Z999"
    name = "stuck"
    category = LowResolution.category
    severity = LowResolution.severity

    def check(self, page: PageContext) -> Iterator[Finding]:
        time.sleep(30)
        yield from ()


def test_slow_file_gets_timeout_finding(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "a.jpg", text_page(800, 600))
    settings = Settings().with_limits(file_timeout_s=0.3)
    inp = InputFile(path, "a.jpg", tmp_path)
    start = time.monotonic()
    doc, report = check_document(inp, Filing(), settings, [LowResolution(), _Stuck(), IncompleteFile()])
    assert time.monotonic() - start < 5
    codes = [f.code for f in report.findings]
    assert "Q101" in codes  # found before the stuck check
    timeout = [f for f in report.findings if f.code == "F102"]
    assert len(timeout) == 1 and timeout[0].measured == "timeout"
