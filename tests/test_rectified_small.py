"""`rectify.rectified_small` and the histogram form of `chroma.chroma_stats`."""

from __future__ import annotations

import cv2
import numpy as np

from fixtures.synth.plain import a4_letter, corners_in_frame, place
from preflight.imaging.chroma import CHROMA_MIN, chroma_stats
from preflight.imaging.document import to_page
from preflight.imaging.quad import document_quad
from preflight.imaging.rectify import SMALL_LONG, rectified_document, rectified_small, whole_frame
from tests.detector_helpers import page_of


def _photo(seed: int) -> np.ndarray:
    """A letter with a red seal, photographed at an angle on a brown desk (1000 × 750)."""
    rng = np.random.default_rng(seed)
    letter = cv2.resize(a4_letter(rng), (620, 877))
    cv2.circle(letter, (450, 700), 60, (40, 40, 210), 6)
    desk = np.full((750, 1000, 3), (60, 90, 130), np.uint8)
    return place(letter, desk, corners_in_frame((620, 877), (1000, 750), 0.8, rng))


def test_small_rectification_is_capped_and_maps_working_pixels() -> None:
    page = page_of(_photo(0))
    small, full = page.memo(rectified_small), page.memo(rectified_document)
    assert max(small.bgr.shape[:2]) <= SMALL_LONG < max(full.bgr.shape[:2])
    assert small.kind == full.kind and small.homography is not None
    corners = page.memo(document_quad).corners
    assert corners is not None
    factor = page.work_size[0] / 800
    mapped = cv2.perspectiveTransform((corners * factor).reshape(-1, 1, 2).astype(np.float64),
                                      small.homography).reshape(-1, 2)
    h, w = small.gray.shape
    expected = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float64)
    assert np.abs(mapped - expected).max() < 0.5
    width = np.linalg.norm(corners[1] - corners[0]) * factor
    assert abs(small.work_per_px * (w - 1) - width) / width < 0.1


def _reference_stats(bgr: np.ndarray) -> tuple[float, float, float, int]:
    """The statistics by boolean indexing and float arrays (the formulation before histograms)."""
    light, a, b = cv2.split(cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB))
    usable = (light > 51) & (light < 247)
    a0, b0 = (float(np.searchsorted(np.bincount(c[usable], minlength=256).cumsum(),
                                    0.5 * (usable.sum() - 1), side="right")) for c in (a, b))
    edges = cv2.dilate(cv2.Canny(light, 50, 150), np.ones((3, 3), np.uint8)) > 0
    keep = usable & ~edges
    chroma = np.hypot(a.astype(np.float32) - a0, b.astype(np.float32) - b0)
    values = np.minimum(chroma[keep], 255).astype(np.uint8)
    p995 = float(np.searchsorted(np.bincount(values, minlength=256).cumsum(),
                                 0.995 * (values.size - 1), side="right"))
    strong = ((chroma > 2 * CHROMA_MIN) & usable).astype(np.uint8)
    n, _, st, _ = cv2.connectedComponentsWithStats(strong, connectivity=8)
    blob = float(st[1:, cv2.CC_STAT_AREA].max()) / strong.size if n > 1 else 0.0
    return float(np.count_nonzero(values > CHROMA_MIN)) / values.size, p995, blob, values.size


def test_chroma_stats_match_the_direct_formulation() -> None:
    for seed in (1, 2):
        bgr = page_of(_photo(seed)).memo(rectified_small).bgr
        s = chroma_stats(bgr)
        fraction, p995, blob, pixels = _reference_stats(bgr)
        assert s.pixels == pixels and s.p995 == p995 and s.blob == blob
        assert abs(s.fraction - fraction) < 1e-12 and s.blob > 0.001


def test_a_region_used_whole_maps_boxes_back_from_its_own_corner() -> None:
    page = page_of(_photo(3))
    crop = page.image[200:600, 300:900]
    rect = whole_frame(crop, origin=(300.0, 200.0))
    assert rect.homography is None and rect.origin == (300.0, 200.0)
    k = rect.work_per_px
    assert to_page(page, rect, (0, 0, 10, 10)) == page.to_full((300.0, 200.0, 10 * k, 10 * k))
    assert to_page(page, whole_frame(crop), (0, 0, 10, 10))[:2] == (0, 0)
