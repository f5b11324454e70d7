"""Q701: small stamps, filled panels, the 480 px rectified document, portrait and emblem zones."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade_capture import watermark_stamp
from fixtures.synth.plain import id_card, photo_scene
from preflight.checks.watermark import WatermarkOverContent
from preflight.filing import Attachment, Role
from preflight.imaging.watermark import framed_stamps, zone_overlap
from preflight.model import Finding, Severity
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


def test_zone_overlap_is_relative_to_the_smaller_area() -> None:
    zone = (0.5, 0.0, 1.0, 0.5)  # top right quarter of a 100 x 200 image: 100 x 50 px
    assert zone_overlap((100, 0, 100, 50), (100, 200), zone) == pytest.approx(1.0)
    assert zone_overlap((120, 10, 20, 10), (100, 200), zone) == pytest.approx(1.0)  # inside
    assert zone_overlap((0, 0, 200, 100), (100, 200), zone) == pytest.approx(1.0)  # hides it
    assert zone_overlap((50, 0, 100, 50), (100, 200), zone) == pytest.approx(0.5)
    assert zone_overlap((0, 60, 90, 40), (100, 200), zone) == 0.0
    assert zone_overlap((0, 0, 10, 10), (100, 200), (0.3, 0.3, 0.3, 0.6)) == 0.0


def _id_front_with_stamp(x0: float) -> np.ndarray:
    card = id_card(np.random.default_rng(4))
    h, w = card.shape[:2]
    x, y, bw, bh = int(x0 * w), int(0.38 * h), int(0.3 * w), int(0.13 * h)
    cv2.rectangle(card, (x, y), (x + bw, y + bh), (60, 60, 160), 3)
    cv2.putText(card, "COPY VOID", (x + 10, y + bh - 14), cv2.FONT_HERSHEY_SIMPLEX, 1.1,
                (60, 60, 160), 2)
    return photo_scene(card, np.random.default_rng(4))


def _q701_on_id_front(img: np.ndarray) -> list[Finding]:
    page = page_of(img)
    page.document.attachment = Attachment(file="test.jpg", role=Role.ID_FRONT)
    return list(WatermarkOverContent({}).check(page))


def test_a_stamp_over_the_portrait_is_an_error_that_names_it() -> None:
    over = _q701_on_id_front(_id_front_with_stamp(0.63))
    assert len(over) == 1 and over[0].severity is Severity.ERROR
    assert over[0].measured["portrait_covered"] >= 0.3
    assert "头像" in over[0].message_zh and "portrait" in over[0].message_en
    aside = _q701_on_id_front(_id_front_with_stamp(0.05))
    assert len(aside) == 1 and aside[0].measured["portrait_covered"] < 0.3
    assert "portrait" not in aside[0].message_en
