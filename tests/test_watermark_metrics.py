"""Stamp search of Q701: the gray document view, small stamps, filled panels, degenerate pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade_capture import watermark_stamp
from fixtures.synth.plain import id_card
from preflight.imaging.rectify import rectified_document
from preflight.imaging.watermark import framed_stamps, stamp_view
from tests.detector_helpers import page_of


def _text_page(size: int = 1000) -> np.ndarray:
    """Gray paper (215) with rows of dark text."""
    page = np.full((size, size), 215, np.uint8)
    for y in range(40, size, 36):
        cv2.putText(page, "NAME 1234 ADDRESS ROAD 56", (30, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8,
                    40, 2)
    return page


def _box(page: np.ndarray, x: int, y: int, w: int, h: int, fill: int | None, ink: int) -> None:
    if fill is not None:
        cv2.rectangle(page, (x, y), (x + w, y + h), fill, -1)
    cv2.rectangle(page, (x, y), (x + w, y + h), ink, 3)
    cv2.putText(page, "COPY VOID", (x + 12, y + h - 12), cv2.FONT_HERSHEY_SIMPLEX, 1.0, ink, 2)


def test_a_low_stamp_on_a_two_card_page_is_found() -> None:
    page = _text_page()
    _box(page, 300, 290, 190, 45, 215, 60)  # 4.5 % of the page height, like a stamp on one card
    found = framed_stamps(page)
    assert len(found) == 1
    assert found[0].cover >= 0.2  # it lies on the text rows


def test_a_filled_dark_panel_is_not_a_stamp() -> None:
    light, dark = _text_page(), _text_page()
    _box(light, 300, 500, 380, 80, None, 60)  # a stamp laid over the text
    _box(dark, 300, 500, 380, 80, 40, 235)  # light text on a dark panel (a flyer's banner)
    assert len(framed_stamps(light)) == 1
    assert framed_stamps(dark) == []


def test_stamp_view_has_the_rectified_geometry_in_gray() -> None:
    rng = np.random.default_rng(3)
    photo = watermark_stamp(id_card(rng), rng, 0.6)
    page = page_of(photo)
    view, rect = stamp_view(page), rectified_document(page)
    assert view.gray.ndim == 2 and view.gray.shape == rect.gray.shape
    assert view.kind == rect.kind
    diff = np.abs(view.gray.astype(np.int16) - rect.gray.astype(np.int16))
    assert float(diff.mean()) < 3.0
    assert framed_stamps(view.gray) != []


@pytest.mark.parametrize("img", [np.zeros((300, 400, 3), np.uint8),
                                 np.full((300, 400, 3), 255, np.uint8),
                                 np.full((1, 1, 3), 128, np.uint8)],
                         ids=["black", "white", "tiny"])
def test_stamp_view_on_degenerate_pages(img: np.ndarray) -> None:
    view = stamp_view(page_of(img))
    assert view.gray.ndim == 2 and view.gray.size >= 1
    assert framed_stamps(view.gray) == []
