"""Stamp search of Q701: small stamps, filled panels, the 480 px rectified document."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade_capture import watermark_stamp
from fixtures.synth.plain import id_card
from preflight.checks.watermark import WatermarkOverContent
from preflight.imaging.watermark import framed_stamps
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


@pytest.mark.parametrize("seed", [0, 2])
def test_q701_finds_a_photographed_stamp_on_the_small_rectified_document(seed: int) -> None:
    rng = np.random.default_rng(seed)
    page = page_of(watermark_stamp(id_card(rng), rng, 0.6))
    found = list(WatermarkOverContent({}).check(page))
    assert len(found) == 1 and found[0].measured["region"]
    x, y, w, h = found[0].bbox
    fw, fh = page.full_size
    assert x >= 0 and x + w <= fw and y >= 0 and y + h <= fh and w > 0.1 * fw
