"""The straight-line document outline (`preflight.imaging.outline`) used by Q501."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.plain import desk, place
from preflight.checks.document_cut_off import DocumentCutOff
from preflight.imaging.frame import reduce_to
from preflight.imaging.outline import closed_outline, join_collinear, line_segments
from preflight.imaging.quad import whole_outline_inside
from tests.detector_helpers import page_of


def broken_rect(img: np.ndarray, box: tuple[int, int, int, int], dash: int, gap: int) -> None:
    """A printed frame line broken every `dash` px by a `gap` px break (a meander, a stamp)."""
    x0, y0, x1, y1 = box
    for ax, ay, bx, by in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)):
        n = int(np.hypot(bx - ax, by - ay))
        for s in range(0, n, dash + gap):
            e = min(n, s + dash)
            cv2.line(img, (ax + (bx - ax) * s // n, ay + (by - ay) * s // n),
                     (ax + (bx - ax) * e // n, ay + (by - ay) * e // n), (60, 60, 60), 3)


def licence_photo(shift: int, seed: int = 0) -> np.ndarray:
    """Gray 800 px view: a sheet running off the right and bottom of the frame, with a printed
    double frame and text lines; `shift` moves the print right, off the frame when large."""
    rng = np.random.default_rng(seed)
    sheet = np.full((1500, 1100, 3), 238, np.uint8)
    broken_rect(sheet, (110 + shift, 110, 800 + shift, 1000), 120, 6)
    broken_rect(sheet, (130 + shift, 130, 780 + shift, 980), 90, 6)
    for y in range(300, 900, 45):
        cv2.line(sheet, (200 + shift, y), (200 + shift + int(rng.integers(200, 450)), y),
                 (40, 40, 40), 6)
    corners = np.float32([[250, 150], [1350, 150], [1350, 1650], [250, 1650]])
    img = place(sheet, desk(rng, (1200, 1600)), corners)
    return reduce_to(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), 800)[0]


def test_a_printed_frame_inside_the_photo_is_a_closed_outline() -> None:
    gray = licence_photo(0)
    corners = closed_outline(gray)
    assert corners is not None and corners.shape == (4, 2)
    h, w = gray.shape
    assert cv2.contourArea(corners) >= 0.12 * h * w
    assert corners[:, 0].min() > 0.02 * w and corners[:, 0].max() < 0.98 * w


@pytest.mark.parametrize("shift", [600, 900])
def test_a_printed_frame_running_off_the_photo_is_not_closed(shift: int) -> None:
    assert closed_outline(licence_photo(shift)) is None


def test_a_closed_outline_must_cover_enough_of_the_frame() -> None:
    gray = licence_photo(0)
    assert closed_outline(gray, min_area=0.12) is not None
    assert closed_outline(gray, min_area=0.9) is None


def test_join_collinear_joins_pieces_of_one_line_only() -> None:
    pieces = np.array([[0, 0, 100, 0], [103, 0, 200, 1], [0, 30, 200, 30]], float)
    joined = join_collinear(pieces)
    assert len(joined) == 2
    lengths = sorted(np.hypot(joined[:, 2] - joined[:, 0], joined[:, 3] - joined[:, 1]))
    assert lengths[1] == pytest.approx(200, abs=2)
    far = np.array([[0, 0, 100, 0], [160, 0, 260, 0]], float)  # a 60 px break
    assert len(join_collinear(far)) == 2
    assert join_collinear(np.zeros((0, 4))).shape == (0, 4)


@pytest.mark.parametrize("img", [
    np.zeros((1, 1), np.uint8), np.zeros((7, 5), np.uint8), np.zeros((600, 800), np.uint8),
    np.full((600, 800), 255, np.uint8), np.full((3000, 4000), 128, np.uint8),
], ids=["1x1", "tiny", "black", "white", "huge-gray"])
def test_degenerate_images_have_no_outline(img: np.ndarray) -> None:
    assert closed_outline(img) is None
    assert line_segments(img).shape[1] == 4


def licence_on_desk(left: int) -> np.ndarray:
    """A 1200 × 1600 photo: a sheet whose left edge is at x = `left`, running off the right and
    bottom of the frame, printed with a broken double frame (whole when `left` is small)."""
    rng = np.random.default_rng(0)
    sheet = np.full((1500, 1100, 3), 238, np.uint8)
    broken_rect(sheet, (110, 110, 800, 1000), 160, 14)
    broken_rect(sheet, (130, 130, 780, 980), 160, 14)
    for y in range(300, 900, 45):
        cv2.line(sheet, (200, y), (200 + int(rng.integers(200, 450)), y), (40, 40, 40), 6)
    corners = np.float32([[left, 300], [left + 1200, 300], [left + 1200, 1900], [left, 1900]])
    return place(sheet, desk(rng, (1200, 1600)), corners)


def test_cut_off_is_not_reported_when_the_printed_frame_is_whole() -> None:
    img = licence_on_desk(300)  # the sheet runs off the frame, its printed frame does not
    assert not whole_outline_inside(reduce_to(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), 800)[0])
    assert list(DocumentCutOff({"outline_area": 1.0}).check(page_of(img)))
    assert not list(DocumentCutOff({}).check(page_of(img)))


def test_cut_off_is_reported_when_the_printed_frame_runs_off_too() -> None:
    img = licence_on_desk(700)  # the printed frame now runs off the right edge as well
    found = list(DocumentCutOff({}).check(page_of(img)))
    assert found and found[0].bbox and found[0].message_zh
