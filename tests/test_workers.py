"""Worker process settings: the mmap and trim thresholds switch to 128 KiB around OCR only; a
filing's pages are freed as soon as its report is built."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from preflight import workers
from preflight.analysis import analysis_if_done, analyze_page, release_page
from preflight.context import DocumentContext, PageContext
from preflight.filing import Filing
from preflight.imaging.quad import document_quad
from preflight.pipeline import InputFile, check_document, run
from preflight.registry import instantiate
from preflight.settings import Settings
from tests.imagegen import text_page, write_jpeg


class FakeLibc:
    """Records the glibc allocator calls made through it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def mallopt(self, param: int, value: int) -> int:
        self.calls.append(("mallopt", param, value))
        return 1

    def malloc_trim(self, pad: int) -> int:
        self.calls.append(("malloc_trim", pad, 0))
        return 1


def test_ocr_buffers_trims_and_switches_threshold_in_a_worker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    libc = FakeLibc()
    monkeypatch.setattr(workers, "_libc", lambda: libc)
    monkeypatch.setattr(workers, "_done", True)
    with workers.ocr_buffers():
        inside = list(libc.calls)
    m, t = workers.M_MMAP_THRESHOLD, workers.M_TRIM_THRESHOLD
    assert inside == [("malloc_trim", 0, 0), ("mallopt", m, workers.MMAP_THRESHOLD),
                      ("mallopt", t, workers.TRIM_THRESHOLD)]
    assert libc.calls[-2:] == [("mallopt", m, workers.IMAGE_MMAP_THRESHOLD),
                               ("mallopt", t, workers.IMAGE_TRIM_THRESHOLD)]


def test_ocr_buffers_restores_the_image_threshold_when_ocr_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    libc = FakeLibc()
    monkeypatch.setattr(workers, "_libc", lambda: libc)
    monkeypatch.setattr(workers, "_done", True)
    with pytest.raises(RuntimeError), workers.ocr_buffers():
        raise RuntimeError("ocr crashed")
    assert libc.calls[-2:] == [
        ("mallopt", workers.M_MMAP_THRESHOLD, workers.IMAGE_MMAP_THRESHOLD),
        ("mallopt", workers.M_TRIM_THRESHOLD, workers.IMAGE_TRIM_THRESHOLD)]


def test_ocr_buffers_changes_nothing_outside_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    libc = FakeLibc()
    monkeypatch.setattr(workers, "_libc", lambda: libc)
    monkeypatch.setattr(workers, "_done", False)
    with workers.ocr_buffers():
        pass
    assert libc.calls == []


def test_fix_mmap_threshold_sets_both_image_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    libc = FakeLibc()
    monkeypatch.setattr(workers, "_libc", lambda: libc)
    assert workers.fix_mmap_threshold()
    assert libc.calls == [("mallopt", workers.M_MMAP_THRESHOLD, workers.IMAGE_MMAP_THRESHOLD),
                          ("mallopt", workers.M_TRIM_THRESHOLD, workers.IMAGE_TRIM_THRESHOLD)]


def test_the_image_trim_threshold_keeps_a_page_sized_array() -> None:
    # a 1000 x 750 BGR working raster is 2.25 MB: it must stay on the heap when freed
    assert workers.IMAGE_TRIM_THRESHOLD > workers.IMAGE_MMAP_THRESHOLD > 1000 * 750 * 3


def test_a_filing_run_leaves_no_page_to_the_cyclic_collector(tmp_path: Path) -> None:
    """Pages and documents refer to each other; `run` breaks that cycle when the report is
    built, so a long-running worker frees each filing's rasters at once (with the cycle left to
    Python's collector, which such a worker runs rarely, its RSS grew by ~6 MB per filing)."""
    for i in range(2):
        write_jpeg(tmp_path / f"page{i}.jpg", text_page(640, 480, seed=i))
    gc.collect()
    gc.disable()
    try:
        report = run([tmp_path], Filing(), Settings(ocr=False))
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        leftovers = [o for o in gc.garbage if isinstance(o, PageContext | DocumentContext)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(report.documents) == 2
    assert leftovers == []


def test_a_checked_page_keeps_only_its_analysis(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "page.jpg", text_page(640, 480))
    checks = instantiate({}, (), ())
    doc, report = check_document(InputFile(path, path.name, tmp_path), Filing(),
                                 Settings(ocr=False), checks)
    assert report.pages and doc.pages
    page = doc.pages[0]
    assert page.cached(document_quad) is None  # released once the report was built ...
    quad = page.memo(document_quad)  # ... and computed again when asked for
    analysis = analyze_page(page)
    release_page(page)
    assert page.cached(document_quad) is None
    assert quad is not None and analysis_if_done(page) is analysis
