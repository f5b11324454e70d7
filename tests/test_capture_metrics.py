"""Metrics of the recapture, photocopy, watermark and emblem checks: ordering and degenerate inputs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade_capture import gray_copy, lcd_capture, stamp
from fixtures.synth.emblem import cover_emblem, id_back
from fixtures.synth.plain import a4_letter, id_card
from preflight.checks.screen_recapture import ScreenRecapture
from preflight.imaging.chroma import channel_spread, chroma_stats
from preflight.imaging.emblem import emblem_score
from preflight.imaging.frame import reduce_to
from preflight.imaging.recapture import colour_moire, ripple_box
from preflight.imaging.watermark import framed_stamps

DEGENERATE = {
    "black": np.zeros((300, 400, 3), np.uint8),
    "white": np.full((300, 400, 3), 255, np.uint8),
    "tiny": np.full((1, 1, 3), 128, np.uint8),
    "huge": np.full((4000, 3000, 3), 200, np.uint8),
}


@pytest.fixture(scope="module")
def card() -> np.ndarray:
    return id_card(np.random.default_rng(1))


@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_metrics_on_degenerate_inputs(name: str) -> None:
    img = DEGENERATE[name]
    assert channel_spread(img) == 0.0
    stats = chroma_stats(img)
    assert stats.fraction == 0.0 and stats.blob == 0.0
    moire = colour_moire(img)
    assert moire.chroma_ripple < 0.01 and moire.ratio < 0.01
    assert framed_stamps(img[..., 0]) == []
    s = emblem_score(img, "id_back")
    assert s.red == 0.0 and 0.0 <= s.clipped <= 1.0


def test_chroma_falls_as_the_copy_loses_colour(card: np.ndarray) -> None:
    fractions = []
    for keep in (1.0, 0.5, 0.2, 0.0):
        gray = gray_copy(card, np.random.default_rng(0), 0.0).astype(np.float32)
        mixed = (keep * card + (1 - keep) * gray).astype(np.uint8)
        fractions.append(chroma_stats(mixed).p995)
    assert fractions == sorted(fractions, reverse=True)
    assert fractions[-1] < 10 < fractions[0]


def test_white_balance_ignores_a_colour_cast() -> None:
    page = gray_copy(a4_letter(np.random.default_rng(2)), np.random.default_rng(0), 0.3)
    warm = (page.astype(np.float32) * np.array([0.85, 0.95, 1.1])).clip(0, 255).astype(np.uint8)
    assert channel_spread(warm) > 2
    assert chroma_stats(warm).fraction < 0.003


def test_colour_moire_grows_with_the_fringe_depth(card: np.ndarray) -> None:
    scores = [colour_moire(lcd_capture(card, np.random.default_rng(3), s)).chroma_ripple
              for s in (0.0, 0.5, 1.0)]
    assert scores == sorted(scores)
    assert scores[0] > colour_moire(card).chroma_ripple


def test_colour_moire_box_covers_the_fringed_half(card: np.ndarray) -> None:
    half = card.shape[1] // 2
    fringed = card.copy()
    fringed[:, half:] = lcd_capture(card[:, half:], np.random.default_rng(3), 1.0)
    box = colour_moire(fringed).box
    assert box is not None
    x, _, w, _ = box
    assert x >= 0.4 * card.shape[1] and x + w <= card.shape[1] + 2


def test_colour_moire_without_boxes_measures_the_same(card: np.ndarray) -> None:
    """`locate=False` (what Q401 computes on every photo) leaves out only the boxes."""
    fringed = lcd_capture(card, np.random.default_rng(3), 1.0)
    for img in (fringed, card, *DEGENERATE.values()):
        full, bare = colour_moire(img), colour_moire(img, locate=False)
        assert (bare.chroma_ripple, bare.luma_ripple, bare.flat_fraction, bare.coarse_chroma,
                bare.coarse_luma) == (full.chroma_ripple, full.luma_ripple, full.flat_fraction,
                                      full.coarse_chroma, full.coarse_luma)
        assert bare.box is None and bare.coarse_box is None
    assert colour_moire(fringed).box is not None


def test_colour_moire_has_no_box_on_tiny_or_flat_images() -> None:
    assert colour_moire(np.zeros((20, 20, 3), np.uint8)).box is None
    assert colour_moire(np.full((200, 300, 3), 128, np.uint8)).box is None


def test_text_lines_alone_are_not_colour_moire() -> None:
    page = a4_letter(np.random.default_rng(4))
    assert colour_moire(page).chroma_ripple < ScreenRecapture.params["min_chroma_ripple"].default


def test_framed_stamp_is_found_over_text_and_not_on_a_clean_card(card: np.ndarray) -> None:
    assert framed_stamps(card[..., 1]) == []
    stamped = stamp(card, np.random.default_rng(5), 0.6)
    found = framed_stamps(stamped[..., 1])
    assert len(found) == 1
    assert 0.25 <= found[0].width_fraction <= 0.5


def test_emblem_red_drops_when_covered() -> None:
    back = id_back(np.random.default_rng(6))
    clean = emblem_score(back, "id_back").red
    for how in ("finger", "glare", "sticker"):
        covered = emblem_score(cover_emblem(back, how, np.random.default_rng(0)), "id_back")
        assert covered.red < clean / 4, how
    glare = emblem_score(cover_emblem(back, "glare", np.random.default_rng(0)), "id_back")
    assert glare.clipped > 0.25


@pytest.mark.parametrize("shape", [(1128, 1595), (601, 803), (1500, 2000)])
def test_reduce_to_is_a_block_average_on_odd_sizes(shape: tuple[int, int]) -> None:
    """The integer step is an exact k×k block mean (OpenCV's fast path), also when the size is
    not a multiple of k; the result has the requested long side."""
    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, (*shape, 3), dtype=np.uint8)
    k = int(max(shape) / 480)
    small, factor = reduce_to(img, 480)
    assert max(small.shape[:2]) == 480 and factor == pytest.approx(max(shape) / 480, rel=0.01)
    h, w = shape[0] // k * k, shape[1] // k * k
    blocks = img[:h, :w].reshape(h // k, k, w // k, k, 3).mean(axis=(1, 3))
    step, _ = reduce_to(img, max(shape) // k)
    assert step.shape[:2] == blocks.shape[:2]
    assert np.abs(step.astype(float) - blocks).max() <= 1.0


def test_reduce_to_on_a_strip_thinner_than_the_factor() -> None:
    small, _ = reduce_to(np.full((1, 4000, 3), 90, np.uint8), 800)
    assert small.shape == (1, 800, 3) and int(small.max()) == 90


def _reference_moire(bgr: np.ndarray) -> tuple[float, float]:
    """The colour-moiré definition in plain float NumPy (no fixed point, no 8-bit ripples)."""
    lab = cv2.cvtColor(cv2.pyrDown(bgr), cv2.COLOR_BGR2LAB)
    light = lab[..., 0]
    grad = cv2.add(cv2.convertScaleAbs(cv2.Sobel(light, cv2.CV_16S, 1, 0)),
                   cv2.convertScaleAbs(cv2.Sobel(light, cv2.CV_16S, 0, 1)))
    flat = cv2.blur(grad, (5, 5)) < 32
    labf = lab.astype(np.float64)
    band = np.abs(labf - cv2.GaussianBlur(labf, (15, 15), 1.75))
    chroma = band[..., 1] + band[..., 2]
    return float(np.percentile(chroma[flat], 90)), float(np.percentile(band[..., 0][flat], 90))


@pytest.mark.parametrize("strength", [0.0, 0.5, 1.0])
def test_colour_moire_matches_its_float_definition(card: np.ndarray, strength: float) -> None:
    """The fast fixed-point score reads what the float definition reads (to a sub-level)."""
    img = lcd_capture(card, np.random.default_rng(3), strength)
    fast = colour_moire(img)
    chroma, luma = _reference_moire(img)
    assert fast.chroma_ripple == pytest.approx(chroma, abs=0.3)
    assert fast.luma_ripple == pytest.approx(luma, abs=0.3)


def test_ripple_box_takes_the_strong_cells_only() -> None:
    chroma = np.full((160, 240), 8, np.uint8)
    chroma[40:80, 150:210] = 80  # strong ripple in the right-middle cells
    flat = np.ones_like(chroma)
    x, y, w, h = ripple_box(chroma, flat)
    assert 120 <= x <= 150 and x + w <= 240 and 20 <= y <= 40 and y + h <= 100
    flat[:, 120:] = 0  # the strong cells are not flat: they no longer count
    x, _, w, _ = ripple_box(chroma, flat)
    assert x == 0 and x + w <= 120


def test_ripple_box_degenerate_inputs() -> None:
    assert ripple_box(np.zeros((4, 400), np.uint8), np.ones((4, 400), np.uint8)) is None
    assert ripple_box(np.full((64, 64), 9, np.uint8), np.zeros((64, 64), np.uint8)) is None
    assert ripple_box(np.zeros((64, 64), np.uint8), np.ones((64, 64), np.uint8)) is None


def _fringes(page: np.ndarray, period: float, depth: float) -> np.ndarray:
    """`page` with rainbow fringes of `period` px (hue rotating, lightness unchanged)."""
    h, w = page.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    phase = 2 * np.pi * (0.8 * xx + 0.6 * yy + 4 * np.sin(yy / h * 6)) / period
    lab = cv2.cvtColor(page, cv2.COLOR_BGR2LAB).astype(np.float32)
    lab[..., 1] += depth * np.sin(phase)
    lab[..., 2] += depth * np.cos(phase)
    return cv2.cvtColor(lab.clip(0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR)


@pytest.fixture(scope="module")
def letter() -> np.ndarray:
    return cv2.resize(a4_letter(np.random.default_rng(4)), (707, 1000), interpolation=cv2.INTER_AREA)


def test_wide_fringes_show_in_the_coarse_octave(letter: np.ndarray) -> None:
    """Fringes 40 px wide ripple more in the coarse band than in the fine one; 8 px fringes the
    other way round."""
    wide, narrow = colour_moire(_fringes(letter, 40, 8)), colour_moire(_fringes(letter, 8, 8))
    assert wide.coarse_chroma > wide.chroma_ripple and wide.coarse_ratio > 1.2
    assert narrow.chroma_ripple > narrow.coarse_chroma


def test_coarse_ripple_grows_with_the_fringe_depth(letter: np.ndarray) -> None:
    scores = [colour_moire(_fringes(letter, 40, d)).coarse_chroma for d in (0, 3, 6, 12)]
    assert scores == sorted(scores) and scores[-1] > 2 * scores[0]
    plain = colour_moire(letter)
    assert plain.coarse_chroma < ScreenRecapture.params["min_coarse_chroma_ripple"].default


def test_coarse_ripple_on_degenerate_inputs() -> None:
    for img in DEGENERATE.values():
        s = colour_moire(img)
        assert s.coarse_chroma < 0.01 and s.coarse_ratio < 0.01
    small = colour_moire(np.random.default_rng(0).integers(0, 255, (40, 40, 3), np.uint8))
    assert small.coarse_box is None  # the quarter-size image is too small to measure
