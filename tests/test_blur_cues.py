"""The session-5 blur cues measured by `preflight.eval.blur_cues` (none adopted by Q201): halo
overshoot, extrema edge width, text height and faint text, as pure functions, and the sweep's
counting."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.plain import a4_letter, id_card
from preflight.eval.blur_cues import (
    RULES,
    Item,
    PageCues,
    extrema_width,
    faded,
    flagged,
    halo_overshoot,
    page_cues,
    report,
    text_height,
)
from tests.detector_helpers import page_of


def _text_cell(paper: float = 0.75) -> np.ndarray:
    """A 256 px text cell of a generated letter, its paper dimmed below clipping."""
    gray = cv2.cvtColor(a4_letter(np.random.default_rng(1)), cv2.COLOR_BGR2GRAY)
    return (gray[200:456, 100:356].astype(np.float32) * paper).astype(np.uint8)


def _sharpened(gray: np.ndarray, amount: float) -> np.ndarray:
    """Unsharp mask of radius 1.5 px and `amount`, as a phone-scanner app applies it."""
    return cv2.addWeighted(gray, 1 + amount, cv2.GaussianBlur(gray, (0, 0), 1.5), -amount, 0)


def test_halo_grows_with_the_sharpening() -> None:
    soft = cv2.GaussianBlur(_text_cell(), (0, 0), 2)
    halos = [halo_overshoot(_sharpened(soft, a)) for a in (0, 0.5, 1, 2, 4)]
    assert halos == sorted(halos) and halos[-1] - halos[0] > 0.05
    assert halos[0] < 0.0 < halos[-1]  # a blurred edge still rises; a sharpened one overshoots


def test_extrema_width_grows_with_defocus_and_shrinks_with_sharpening() -> None:
    cell = _text_cell()
    widths = [extrema_width(cv2.GaussianBlur(cell, (0, 0), s)) for s in (0.5, 1, 2, 3)]
    assert widths == sorted(widths) and widths[-1] >= 3 * widths[0]
    soft = cv2.GaussianBlur(cell, (0, 0), 2)
    # the halo ends the run at its peak, close to the edge: sharpening does narrow the width
    assert extrema_width(_sharpened(soft, 2)) < extrema_width(soft)


def test_text_height_follows_the_font_size() -> None:
    heights = []
    for scale in (0.3, 0.5, 1.0, 2.0):
        img = np.full((300, 600), 235, np.uint8)
        for i in range(4):
            cv2.putText(img, "Blur test 123", (10, 40 + 60 * i), cv2.FONT_HERSHEY_SIMPLEX, scale,
                        20, 1 if scale < 1 else 2)
        heights.append(text_height(img))
    assert heights == sorted(heights) and heights[0] >= 3 and heights[-1] > 4 * heights[0]


def test_text_height_only_inside_the_mask() -> None:
    img = np.full((300, 600), 235, np.uint8)
    cv2.putText(img, "Blur test", (10, 100), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 20, 2)
    cv2.putText(img, "small", (10, 250), cv2.FONT_HERSHEY_SIMPLEX, 0.4, 20, 1)
    mask = np.zeros_like(img)
    mask[150:] = 255
    assert text_height(img, mask) < text_height(img) / 2


@pytest.mark.parametrize(("value", "shape"), [(0, (300, 300)), (255, (300, 300)),
                                              (128, (2, 2)), (200, (5, 400))])
def test_degenerate_cells_score_zero(value: int, shape: tuple[int, int]) -> None:
    flat = np.full(shape, value, np.uint8)
    assert halo_overshoot(flat) == 0.0
    assert extrema_width(flat) == 0.0
    assert text_height(flat) == 0.0


def test_huge_image_is_measured() -> None:
    big = cv2.resize(_text_cell(), None, fx=12, fy=12, interpolation=cv2.INTER_NEAREST)
    assert big.shape[0] > 3000
    assert 0.0 <= abs(halo_overshoot(big)) < 1.0
    assert extrema_width(big) > extrema_width(_text_cell())
    assert text_height(big) > text_height(_text_cell())


def test_page_cues_of_a_defocused_card() -> None:
    card = id_card(np.random.default_rng(4))
    sharp, soft = (page_cues(page_of(img)) for img in (card, cv2.GaussianBlur(card, (0, 0), 3)))
    assert soft.width > sharp.width and sharp.height > 0


def _item(name: str, blur: bool, *pages: PageCues) -> Item:
    return Item(name, blur, pages)


def test_flagged_adds_the_rule_to_q201() -> None:
    rule, _ = RULES["extrema width >= (working px)"]
    wide = PageCues(False, 0.0, 9.0, 10.0)
    assert not flagged(_item("a", True, wide))
    assert flagged(_item("a", True, wide), rule, 8.0) and not flagged(_item("a", True, wide), rule, 10.0)
    assert flagged(_item("b", False, PageCues(True, 0.0, 1.0, 10.0)))
    assert PageCues(False, 0.0, 4.0, 8.0, scale=2.0).blur_per_height == 1.0


def test_report_counts_and_ranks_the_misses() -> None:
    items = [_item("hit.jpg", True, PageCues(True, 0.0, 12.0, 10.0)),
             _item("missed.jpg", True, PageCues(False, 0.1, 6.0, 8.0)),
             _item("sharp.jpg", False, PageCues(False, 0.2, 7.0, 20.0)),
             _item("clean.jpg", False, PageCues(False, 0.0, 2.0, 20.0))]
    lines = report("t", items)
    assert "TP   1 FP   0 FN   1" in lines[1]
    miss = next(ln for ln in lines if "missed.jpg" in ln)
    assert "width 6.00 (1 neg. at least as bad)" in miss
    assert "height 8.00 (0 neg. at least as bad)" in miss
    assert not any("hit.jpg" in ln for ln in lines)


def test_faded_keeps_the_paper_and_shrinks_the_ink_contrast() -> None:
    doc = id_card(np.random.default_rng(2))
    pale = faded(doc, 0.25)
    paper = np.percentile(doc.astype(np.float32), 90, axis=(0, 1))
    assert np.allclose(np.percentile(pale.astype(np.float32), 90, axis=(0, 1)), paper, atol=1)
    assert np.ptp(np.percentile(pale, (2, 98))) < 0.35 * np.ptp(np.percentile(doc, (2, 98)))


def test_faint_text_rule_needs_both_low_contrast_and_blur() -> None:
    rule, _ = RULES["blur effect >= 0.25 and 0 < contrast <="]
    assert rule(PageCues(False, 0.0, 0.0, 0.0, level=0.32, contrast=49.0), 60)
    assert not rule(PageCues(False, 0.0, 0.0, 0.0, level=0.32, contrast=76.0), 60)
    assert not rule(PageCues(False, 0.0, 0.0, 0.0, level=0.18, contrast=38.0), 60)
    assert not rule(PageCues(False, 0.0, 0.0, 0.0, level=0.32, contrast=0.0), 60)  # blank


def test_report_counts_the_faded_groups() -> None:
    pale = PageCues(False, 0.0, 3.0, 10.0, level=0.31, contrast=50.0)
    soft = PageCues(True, 0.0, 6.0, 10.0, level=0.45, contrast=50.0)
    items = [_item("faded/id_back_0_keep0.25_sigma0", False, pale),
             _item("faded/id_back_1_keep0.25_sigma0", False, PageCues(False, 0.0, 2.0, 10.0)),
             _item("faded/id_back_0_keep0.25_sigma2", True, soft)]
    lines = report("t", items)
    assert any("keep0.25 sigma0" in ln and "2 files  Q201   0  faint rule +1" in ln
               for ln in lines)
    assert any("keep0.25 sigma2" in ln and "1 files  Q201   1  faint rule +0" in ln
               for ln in lines)
