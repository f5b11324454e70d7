"""The sheen cues measured by `preflight.eval.glare_cues`: ordering under a growing veil,
shading is not a veil, degenerate inputs, and the ranking report."""

from __future__ import annotations

import numpy as np
import pytest

from preflight.eval.glare_cues import (
    Item,
    auc,
    colour_veil,
    cue_lines,
    ink_ratio_bump,
    sparkle_count,
    veil_tiles,
)


def _text_page(h: int = 480, w: int = 640, paper: int = 200, seed: int = 0) -> np.ndarray:
    """A gray page with short dark strokes on a regular grid, like lines of print."""
    rng = np.random.default_rng(seed)
    page = np.full((h, w), paper, np.uint8)
    for y in range(12, h - 12, 16):
        for x in range(8, w - 16, 10):
            if rng.random() < 0.7:
                page[y:y + 8, x:x + 2 + int(rng.integers(0, 4))] = 40
    return page


def _bump(h: int, w: int, cy: float, cx: float, sigma: float) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w]
    return np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * sigma ** 2))


def _veil(img: np.ndarray, strength: float) -> np.ndarray:
    """Add a soft white reflection in linear light (same light on paper and ink)."""
    lin = (img.astype(np.float64) / 255.0) ** 2.2
    bump = _bump(img.shape[0], img.shape[1], img.shape[0] * 0.4, img.shape[1] * 0.35,
                 img.shape[0] * 0.18)
    if img.ndim == 3:
        bump = bump[..., None]
    out = np.clip(lin + strength * bump, 0.0, 1.0) ** (1 / 2.2)
    return (out * 255.0 + 0.5).astype(np.uint8)


def _shade(img: np.ndarray, depth: float) -> np.ndarray:
    """Multiply by a smooth gradient (uneven lighting, no reflection)."""
    ramp = 1.0 - depth * np.linspace(0.0, 1.0, img.shape[1])[None, :]
    if img.ndim == 3:
        ramp = ramp[..., None]
    return (img.astype(np.float64) * ramp).astype(np.uint8)


def test_veil_tiles_grows_with_the_veil_and_ignores_shading() -> None:
    page = _text_page()
    scores = [veil_tiles(_veil(page, s)) for s in (0.0, 0.15, 0.3, 0.5)]
    assert scores[0] == 0.0
    assert all(a <= b for a, b in zip(scores, scores[1:], strict=False))
    assert scores[-1] > 0.02
    assert veil_tiles(_shade(page, 0.4)) < scores[-1]


def test_ink_ratio_bump_grows_with_the_veil() -> None:
    page = _text_page()
    scores = [ink_ratio_bump(_veil(page, s)) for s in (0.0, 0.2, 0.5)]
    assert scores[0] < scores[1] < scores[2]


def test_colour_veil_sees_an_additive_lift_but_not_shading() -> None:
    card = np.empty((300, 480, 3), np.uint8)
    card[:] = (120, 80, 40)  # a flat, strongly coloured printed area (BGR)
    assert colour_veil(card) == 0.0
    assert colour_veil(_shade(card, 0.5)) == 0.0  # shading scales all channels: slope = min/max
    weak, strong = colour_veil(_veil(card, 0.05)), colour_veil(_veil(card, 0.15))
    assert 0.0 < weak < strong


def test_sparkle_count_counts_isolated_specks() -> None:
    card = np.full((400, 600, 3), 110, np.uint8)
    counts = []
    for n in (0, 5, 20):
        img = card.copy()
        for k in range(n):
            y, x = 30 + 17 * (k % 20), 40 + 25 * (k // 4)
            img[y:y + 3, x:x + 3] = 255
        counts.append(sparkle_count(img))
    assert counts == [0.0, 5.0, 20.0]
    big = card.copy()
    big[100:300, 100:400] = 255  # one large white area is not a sparkle
    assert sparkle_count(big) == 0.0


@pytest.mark.parametrize("shape", [(300, 400), (8, 8), (1, 1), (2000, 3000)])
@pytest.mark.parametrize("level", [0, 255])
def test_degenerate_inputs_give_zero(shape: tuple[int, int], level: int) -> None:
    gray = np.full(shape, level, np.uint8)
    bgr = np.full((*shape, 3), level, np.uint8)
    assert veil_tiles(gray) == 0.0
    assert ink_ratio_bump(gray) == 0.0
    assert colour_veil(bgr) == 0.0
    assert sparkle_count(bgr) == 0.0


def test_region_limits_the_measure() -> None:
    page = _veil(_text_page(), 0.5)
    nothing = np.zeros(page.shape, np.uint8)
    assert veil_tiles(page) > 0.0
    assert veil_tiles(page, nothing) == 0.0
    assert ink_ratio_bump(page, nothing) == 0.0


def test_auc_and_the_ranking_lines() -> None:
    assert auc([3.0, 4.0], [1.0, 2.0]) == 1.0
    assert auc([1.0], [1.0]) == 0.5
    assert auc([], [1.0]) == 0.5
    items = [Item("hot.jpg", True, {"c": 5.0}), Item("a.jpg", False, {"c": 6.0}),
             Item("b.jpg", False, {"c": 1.0}), Item("miss.jpg", True, {"c": 0.5})]
    lines = cue_lines("c", items)
    assert lines[0].startswith("c: AUC 0.25  TP at FP 0: 0/2  TP at FP 2: 2/2")
    assert "rank   1" in lines[1] and "hot.jpg" in lines[1]
    assert any("top" in ln and "a.jpg" in ln for ln in lines)
