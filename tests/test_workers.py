"""Worker process settings: the mmap and trim thresholds switch to 128 KiB around OCR only."""

from __future__ import annotations

import pytest

from preflight import workers


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
