"""Q201's session-4 rules: soft edges behind the blur-effect rule, and composite pages (panel
dividers, per-panel blur maps, the panel rule)."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pytest

from fixtures.synth.plain import a4_letter, desk, id_card, photo_scene
from preflight.checks.blurry_document import BlurryDocument, verdict
from preflight.eval.blur_sweep import Item, composite, fit_height, flagged, report
from preflight.imaging.blurmap import BlurMap, blur_map
from preflight.imaging.panels import divider_lines, panel_spans
from preflight.imaging.sharpness import TileBlur, edge_width, edge_widths
from tests.detector_helpers import page_of

SHIPPED: dict[str, Any] = {k: p.default for k, p in BlurryDocument.params.items()}


def _cards(seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return fit_height(id_card(rng), 480), fit_height(id_card(rng), 480)


def test_side_by_side_composite_has_two_panels() -> None:
    left, right = _cards()
    gray = cv2.cvtColor(composite(left, right), cv2.COLOR_BGR2GRAY)
    edge = left.shape[1]  # then a white margin, a dark 3 px rule, a white margin
    assert (edge + 5, edge + 7) in divider_lines(gray, 1)
    assert all(edge <= a <= b <= edge + 12 for a, b in divider_lines(gray, 1))
    axis, spans = panel_spans(gray)
    assert axis == 1 and len(spans) == 2
    assert spans[0][1] <= left.shape[1] + 5 <= spans[1][0]


def test_stacked_composite_is_split_across_rows() -> None:
    left, right = _cards()
    gray = cv2.cvtColor(np.ascontiguousarray(composite(left, right).transpose(1, 0, 2)),
                        cv2.COLOR_BGR2GRAY)
    axis, spans = panel_spans(gray)
    assert axis == 0 and len(spans) == 2


def test_a_document_edge_on_a_desk_is_not_a_divider() -> None:
    rng = np.random.default_rng(5)
    frame = desk(rng, (1200, 900))
    frame[:, 450:] = 235  # a page whose straight left edge crosses the whole frame: one step
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    assert divider_lines(gray, 1) == [] and panel_spans(gray) == (1, ())


@pytest.mark.parametrize("make", [id_card, a4_letter])
def test_ordinary_photos_are_not_composites(make) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    gray = cv2.cvtColor(photo_scene(make(rng), rng), cv2.COLOR_BGR2GRAY)
    assert panel_spans(cv2.resize(gray, None, fx=0.5, fy=0.5)) == (1, ())


@pytest.mark.parametrize(("value", "shape"), [(0, (600, 800)), (255, (600, 800)),
                                              (128, (5, 5)), (0, (1, 3000))])
def test_panels_of_degenerate_images(value: int, shape: tuple[int, int]) -> None:
    assert panel_spans(np.full(shape, value, np.uint8)) == (1, ())


def test_huge_composite_keeps_its_panels() -> None:
    left, right = _cards()
    big = cv2.resize(cv2.cvtColor(composite(left, right), cv2.COLOR_BGR2GRAY), None, fx=3,
                     fy=3, interpolation=cv2.INTER_NEAREST)
    assert len(panel_spans(big)[1]) == 2


def _map(*scores: float) -> BlurMap:
    return BlurMap(tuple(TileBlur((0, 0, 8, 8), s, s) for s in scores))


def test_panel_extremes_need_two_measurable_panels() -> None:
    sharp, soft, blank = _map(0.1, 0.12, 0.11), _map(0.3, 0.35, 0.4), _map(0.9)
    assert BlurMap((), (sharp, blank)).panel_extremes is None
    assert BlurMap((), (soft, blank, sharp)).panel_extremes == (soft, sharp)


def test_panel_rule_needs_both_the_floor_and_the_ratio() -> None:
    sharp = _map(0.1, 0.12, 0.11)
    assert verdict(BlurMap(sharp.tiles, (_map(0.3, 0.3, 0.3), sharp)), SHIPPED) == "panel"
    assert verdict(BlurMap(sharp.tiles, (_map(0.2, 0.2, 0.2), sharp)), SHIPPED) is None  # floor
    soft = _map(0.2, 0.21, 0.22)
    assert verdict(BlurMap(sharp.tiles, (_map(0.3, 0.3, 0.3), soft)), SHIPPED) is None  # ratio


def test_blurred_panel_level_grows_with_defocus() -> None:
    left, right = _cards()
    ratios = []
    for sigma in (0.0, 1.5, 3.0, 4.5):
        soft = cv2.GaussianBlur(right, (0, 0), sigma) if sigma else right
        bm = blur_map(page_of(composite(left, soft)))
        assert len(bm.panels) == 2
        ratios.append(bm.panels[1].level / bm.panels[0].level)
    assert ratios == sorted(ratios) and ratios[0] < 1.3 < SHIPPED["panel_ratio"] < ratios[-1]


def test_q201_reports_the_blurred_panel_of_a_composite() -> None:
    left, right = _cards()
    check = BlurryDocument({})
    assert list(check.check(page_of(composite(left, right)))) == []
    page = page_of(composite(left, cv2.GaussianBlur(right, (0, 0), 2.0)))
    assert page.memo(blur_map).level < SHIPPED["max_blur"]  # the page as a whole passes
    (f,) = check.check(page)
    assert f.code == "Q201" and f.measured >= f.threshold and f.bbox is not None
    assert f.bbox[0] >= left.shape[1]  # the box lies in the blurred (right) panel
    assert "拼接" in f.message_zh and "composite" in f.message_en


def _big_letters() -> np.ndarray:
    img = np.full((700, 1000, 3), 235, np.uint8)
    for i, word in enumerate(("christina", "williams", "CARD")):
        cv2.putText(img, word, (40, 180 + i * 200), cv2.FONT_HERSHEY_SIMPLEX, 5, (30, 30, 30),
                    28, cv2.LINE_AA)
    return img


def test_soft_edge_width_grows_across_the_motion_only() -> None:
    gray = cv2.cvtColor(id_card(np.random.default_rng(2)), cv2.COLOR_BGR2GRAY)
    sharpest, softest = [], []
    for length in (1, 5, 9, 15):
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1.0 / length  # horizontal camera shake
        s, w = edge_widths(cv2.filter2D(gray, -1, kernel))
        sharpest.append(s)
        softest.append(w)
    assert softest == sorted(softest) and softest[-1] > 3 * softest[0]
    assert max(sharpest) < 1.5 * min(sharpest)  # the vertical edges stay steep
    assert all(s <= w for s, w in zip(sharpest, softest, strict=True))


@pytest.mark.parametrize(("value", "shape"), [(0, (64, 64)), (255, (64, 64)), (9, (2, 2)),
                                              (128, (1, 500))])
def test_edge_widths_of_degenerate_cells(value: int, shape: tuple[int, int]) -> None:
    assert edge_widths(np.full(shape, value, np.uint8)) == (0.0, 0.0)


def test_edge_widths_of_stripes_and_huge_cells() -> None:
    stripes = np.tile(np.repeat(np.array([30, 220], np.uint8), 8), (64, 4))  # vertical stripes
    sharp, soft = edge_widths(stripes)
    assert sharp == soft == edge_width(stripes) > 0  # no slope across rows: no softer axis
    card = cv2.cvtColor(id_card(np.random.default_rng(4)), cv2.COLOR_BGR2GRAY)
    small = edge_widths(card)
    huge = edge_widths(cv2.resize(card, None, fx=4, fy=4, interpolation=cv2.INTER_LINEAR))
    assert 0 < small[0] <= small[1] and 0 < huge[0] <= huge[1]
    assert huge[0] > 2 * small[0]  # enlarging softens every edge


def test_large_crisp_letters_need_soft_edges_to_be_blurred() -> None:
    img = _big_letters()
    slight = blur_map(page_of(cv2.GaussianBlur(img, (0, 0), 1.0)))
    assert slight.level >= SHIPPED["max_blur"]  # the blur effect alone is fooled
    assert slight.soft_edge_width < SHIPPED["min_soft_edge"]  # the edges are not
    assert verdict(slight, SHIPPED) is None
    soft = blur_map(page_of(cv2.GaussianBlur(img, (0, 0), 2.5)))
    assert verdict(soft, SHIPPED) == "blur" and soft.soft_edge_width >= SHIPPED["min_soft_edge"]


def test_sweep_flags_a_file_when_any_page_meets_a_rule() -> None:
    sharp, soft = _map(0.1, 0.12, 0.11), _map(0.3, 0.3, 0.3)
    composite_page = BlurMap(sharp.tiles, (soft, sharp))
    assert flagged(Item("c.jpg", True, (sharp, composite_page)), SHIPPED)
    assert not flagged(Item("c.jpg", True, (sharp, composite_page)),
                       {**SHIPPED, "panel_ratio": 1e9})
    lines = report("t", [Item("c.jpg", True, (composite_page,)), Item("s.jpg", False, (sharp,))])
    assert "TP   1 FP   0 FN   0" in lines[2]
    assert any("c.jpg" in ln and "rule panel" in ln for ln in lines)
    assert not any("s.jpg" in ln for ln in lines)  # neither over max_blur nor a composite
