"""Metrics of preflight.imaging, tested by ordering and on degenerate inputs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade import glare_blob
from fixtures.synth.plain import a4_letter, desk, id_card, photo_scene
from preflight.imaging.background import background_stats, document_mask
from preflight.imaging.blurmap import BlurMap
from preflight.imaging.border import border_ink, corners_near_border, saturated_share
from preflight.imaging.frame import reduce_to
from preflight.imaging.geometry import max_angle_deviation, side_ratio
from preflight.imaging.glare import find_glare
from preflight.imaging.quad import (
    DocumentQuad,
    locate_document,
    order_corners,
    whole_outline_inside,
)
from preflight.imaging.rectify import canonical_size, warp_document
from preflight.imaging.sharpness import (
    TileBlur,
    blur_effect,
    blur_effect_axes,
    edge_width,
    inked_cells,
)
from tests.detector_helpers import page_with_hot_spot


@pytest.fixture(scope="module")
def card_gray() -> np.ndarray:
    return cv2.cvtColor(id_card(np.random.default_rng(1)), cv2.COLOR_BGR2GRAY)


def test_blur_effect_grows_with_gaussian_blur(card_gray: np.ndarray) -> None:
    scores = [blur_effect(cv2.GaussianBlur(card_gray, (0, 0), s) if s else card_gray)
              for s in (0, 1, 2, 3, 5)]
    assert all(a < b for a, b in zip(scores, scores[1:], strict=False)), scores


def test_blur_effect_is_directional_for_motion(card_gray: np.ndarray) -> None:
    kernel = np.full((1, 15), 1 / 15, np.float32)  # horizontal shake
    hz, vt = blur_effect_axes(cv2.filter2D(card_gray, -1, kernel))
    assert hz > vt + 0.15


def test_blur_effect_ignores_contrast(card_gray: np.ndarray) -> None:
    low = (card_gray.astype(np.float32) * 0.5 + 100).astype(np.uint8)
    assert abs(blur_effect(low) - blur_effect(card_gray)) < 0.05


def test_edge_width_grows_with_gaussian_blur(card_gray: np.ndarray) -> None:
    widths = [edge_width(cv2.GaussianBlur(card_gray, (0, 0), s) if s else card_gray)
              for s in (0, 1, 2, 4, 8)]
    assert all(a < b for a, b in zip(widths, widths[1:], strict=False)), widths
    assert widths[0] < 5 < 10 < widths[-1]


def test_edge_width_of_degenerate_cells() -> None:
    assert edge_width(np.full((64, 64), 128, np.uint8)) == 0.0  # flat: no edge at all
    assert edge_width(np.zeros((2, 2), np.uint8)) == 0.0
    step = np.zeros((64, 64), np.uint8)
    step[:, 32:] = 200
    assert edge_width(step) == pytest.approx(2.0, abs=0.1)  # central differences: 2 px


def test_blur_level_with_few_cells_needs_every_cell_blurred() -> None:
    box = (0, 0, 8, 8)
    sharp, soft, softer = TileBlur(box, 0.2, 0.1), TileBlur(box, 0.5, 0.4), TileBlur(box, 0.6, 0.3)
    assert not BlurMap((soft,)).measurable
    assert BlurMap((soft, sharp)).measurable and BlurMap((soft, sharp)).level == 0.2
    assert BlurMap((soft, softer)).level == 0.5
    assert BlurMap((sharp, soft, softer)).level == 0.5  # three or more: the median


@pytest.mark.parametrize("value", [0, 255])
def test_blank_pages_have_no_text_cells(value: int) -> None:
    assert inked_cells(np.full((600, 800), value, np.uint8), None) == []


def test_tiny_and_degenerate_blur_inputs() -> None:
    assert blur_effect(np.zeros((1, 1), np.uint8)) == 1.0
    assert blur_effect(np.zeros((50, 50), np.uint8)) == 1.0  # no variation at all
    assert inked_cells(np.zeros((4, 4), np.uint8), None) == []


def test_glare_fraction_grows_with_strength() -> None:
    fractions = []
    for strength in (0.0, 0.4, 0.8):
        rng = np.random.default_rng(3)
        small, _ = reduce_to(glare_blob(id_card(rng), rng, strength), 800)
        quad = locate_document(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
        blobs = find_glare(small, quad.region).blobs
        fractions.append(blobs[0].fraction if blobs else 0.0)
    assert fractions[0] < fractions[1] < fractions[2], fractions


def test_white_paper_is_not_glare() -> None:
    page = np.full((600, 800, 3), 252, np.uint8)  # clipped paper, no hot spot
    cv2.putText(page, "TEXT LINE", (50, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 3)
    assert find_glare(page, None).blobs == ()


@pytest.mark.parametrize(("cx", "at_edge"), [(400, False), (0, True)])
def test_glare_blob_at_the_frame_edge_is_marked(cx: int, at_edge: bool) -> None:
    blobs = find_glare(page_with_hot_spot(cx), None).blobs
    assert blobs and blobs[0].halo > 15
    assert blobs[0].at_frame_edge is at_edge


@pytest.mark.parametrize("value", [0, 255])
def test_glare_on_flat_images(value: int) -> None:
    assert find_glare(np.full((300, 400, 3), value, np.uint8), None).blobs == ()


def test_locate_document_on_a_photo() -> None:
    rng = np.random.default_rng(5)
    photo = photo_scene(id_card(rng), rng)
    small, factor = reduce_to(photo, 800)
    quad = locate_document(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
    assert quad.mode == "photo" and quad.found
    assert max(quad.border) == 0.0
    assert 0.25 < quad.area_fraction < 0.6


def test_full_page_scan_is_scan_mode() -> None:
    page = cv2.cvtColor(a4_letter(np.random.default_rng(2)), cv2.COLOR_BGR2GRAY)
    small, _ = reduce_to(page, 800)
    assert locate_document(small).mode == "scan"


@pytest.mark.parametrize("value", [0, 128, 255])
def test_flat_frames_locate_nothing(value: int) -> None:
    quad = locate_document(np.full((600, 800), value, np.uint8))
    assert quad.mode == "unknown" and not quad.found


def test_rectification_keeps_canonical_aspect_and_never_enlarges() -> None:
    assert canonical_size(856, 540) == ((1012, 638), "id1")
    assert canonical_size(1000, 1414)[1] == "a4"
    img = np.zeros((400, 600, 3), np.uint8)
    corners = np.array([[10, 10], [510, 10], [510, 325], [10, 325]], np.float32)
    rect = warp_document(img, corners)
    assert rect.kind == "id1" and rect.px_scale < 1.0 and rect.bgr.shape[1] <= 502


def test_perspective_measures_grow_with_keystone() -> None:
    angles, ratios = [], []
    for k in (0, 40, 80, 120):
        quad = order_corners(np.array([[k, 0], [400 - k, 0], [400, 300], [0, 300]]))
        angles.append(max_angle_deviation(quad))
        ratios.append(side_ratio(quad))
    assert angles == sorted(angles) and angles[0] == pytest.approx(0.0, abs=1e-6)
    assert ratios == sorted(ratios, reverse=True) and ratios[0] == pytest.approx(1.0)


def test_border_ink_sees_cut_print_only() -> None:
    img = np.full((300, 400), 220, np.uint8)
    assert max(border_ink(img, None)) == 0.0
    cv2.line(img, (0, 100), (0, 200), 20, 3)  # a printed line cut by the left edge
    assert border_ink(img, None)[3] > 0.1
    corners = np.array([[0, 0], [200, 5], [200, 200], [5, 200]], np.float32)
    assert corners_near_border(corners, (400, 300)) == (0, 1, 3)


def test_background_off_tone_grows_with_clutter() -> None:
    rng = np.random.default_rng(0)
    base = desk(rng, (800, 600))
    region = np.zeros((600, 800), np.uint8)
    region[150:450, 200:600] = 255
    scores = []
    for width in (0, 100, 200, 300):
        img = base.copy()
        img[:, :width] = (200, 40, 40)
        scores.append(background_stats(img, region).off_tone)
    assert scores[0] == 0.0 and all(a < b for a, b in zip(scores, scores[1:], strict=False))


def test_background_stats_takes_the_callers_gray() -> None:
    rng = np.random.default_rng(3)
    img = desk(rng, (800, 600))
    img[:, :150] = (30, 160, 30)
    region = np.zeros((600, 800), np.uint8)
    region[150:450, 200:600] = 255
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    assert background_stats(img, region, gray=gray) == background_stats(img, region)


@pytest.mark.parametrize(("value", "size", "doc"), [
    (0, (600, 800), (150, 450)), (255, (600, 800), (150, 450)), (128, (7, 5), (2, 4)),
    (90, (3000, 4000), (500, 2500)), (200, (600, 800), (0, 600)),
], ids=["black", "white", "tiny", "huge", "no-background"])
def test_background_stats_on_degenerate_images(value: int, size: tuple[int, int],
                                               doc: tuple[int, int]) -> None:
    img = np.full((*size, 3), value, np.uint8)
    region = np.zeros(size, np.uint8)
    region[doc[0]:doc[1], :] = 255 if doc == (0, 600) else 0
    region[doc[0]:doc[1], doc[0]:doc[1]] = 255
    bg = background_stats(img, region)
    assert bg.off_tone == 0.0 and bg.edge_density == 0.0 and bg.box is None
    assert 0.0 <= bg.fraction <= 1.0


@pytest.mark.parametrize(("x", "inside"), [(200, True), (-150, False)])
def test_whole_outline_inside_needs_every_corner_in_the_frame(x: int, inside: bool) -> None:
    card = cv2.cvtColor(id_card(np.random.default_rng(5)), cv2.COLOR_BGR2GRAY)  # 1012 x 638
    frame = np.full((900, 1400), 235, np.uint8)  # a white sheet filling the frame
    h, w = card.shape
    x0, x1 = max(0, x), min(1400, x + w)
    frame[130:130 + h, x0:x1] = card[:, x0 - x:x1 - x]
    cv2.rectangle(frame, (x, 130), (x + w - 1, 130 + h - 1), 40, 3)  # the card's edge
    small, _ = reduce_to(frame, 800)
    assert whole_outline_inside(small) is inside


def test_background_mask_is_the_documents_outline_when_fitted() -> None:
    region = np.zeros((300, 400), np.uint8)
    region[50:250, 100:300] = 255  # the document
    region[0:60, 280:400] = 255  # another sheet of paper touching it, merged by Otsu
    corners = np.array([[100, 50], [299, 50], [299, 249], [100, 249]], np.float32)
    quad = DocumentQuad(corners, region, (0.3, 0.2, 0.0, 0.0), "photo", "region", (400, 300))
    mask = document_mask(quad)
    assert mask is not None and mask[20, 350] == 0 and mask[150, 200] == 255
    unfitted = DocumentQuad(None, region, (0.3, 0.2, 0.0, 0.0), "photo", "region", (400, 300))
    assert document_mask(unfitted) is region
    assert document_mask(DocumentQuad(None, None, (0, 0, 0, 0), "unknown", "none", (4, 3))) is None


def _patch_page(level: int, border: int, soft: bool) -> np.ndarray:
    """Gray paper (200) with text; a 120×90 patch at `level` framed by a `border`-gray band, its
    rim either fading softly (a reflection) or cut sharply (a printed or background patch)."""
    page = np.full((600, 800, 3), 200, np.uint8)
    for y in range(60, 600, 40):
        cv2.putText(page, "NAME 12345 ADDRESS", (20, y), cv2.FONT_HERSHEY_SIMPLEX, 1, (30,) * 3, 2)
    cv2.rectangle(page, (330, 245), (470, 355), (border,) * 3, -1)
    page[255:345, 340:460] = level
    return cv2.GaussianBlur(page, (0, 0), 6) if soft else page


def test_glare_clipped_share_orders_saturation() -> None:
    shares = [find_glare(_patch_page(level, 240, True), None).blobs for level in (250, 253, 255)]
    assert shares[0] == () or shares[0][0].clipped == 0.0
    assert shares[2] and shares[2][0].clipped > 0.5
    assert (shares[1][0].clipped if shares[1] else 0.0) <= shares[2][0].clipped


def test_glare_fade_is_negative_when_darker_things_border_the_blob() -> None:
    framed = find_glare(_patch_page(255, 60, False), None).blobs
    fading = find_glare(page_with_hot_spot(400), None).blobs
    assert framed and fading
    assert framed[0].fade < 0 < fading[0].fade
    assert fading[0].clipped > 0.5


@pytest.mark.parametrize("shape", [(1, 1, 3), (2, 3, 3), (9, 9, 3)])
def test_glare_on_tiny_images(shape: tuple[int, int, int]) -> None:
    for value in (0, 255):
        assert find_glare(np.full(shape, value, np.uint8), None).blobs == ()


def test_glare_on_a_huge_page_finds_the_spot() -> None:
    big = cv2.resize(page_with_hot_spot(400), (4000, 3000), interpolation=cv2.INTER_LINEAR)
    blobs = find_glare(big, None).blobs
    assert blobs and blobs[0].clipped > 0.5 and not blobs[0].at_frame_edge


def test_saturated_share_grows_with_coloured_area() -> None:
    img = np.full((600, 800, 3), 200, np.uint8)
    region = np.zeros((600, 800), np.uint8)
    region[100:500, 100:700] = 255
    shares = []
    for width in (0, 150, 300, 600):
        img[:, 100:100 + width] = (40, 40, 220)
        shares.append(saturated_share(img, region))
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert all(a < b for a, b in zip(shares, shares[1:], strict=False))


@pytest.mark.parametrize(("value", "size"), [(0, (600, 800)), (255, (600, 800)), (128, (7, 5)),
                                             (90, (3000, 4000)), (255, (2, 2))],
                         ids=["black", "white", "tiny", "huge", "2x2"])
def test_saturated_share_on_degenerate_images(value: int, size: tuple[int, int]) -> None:
    img = np.full((*size, 3), value, np.uint8)
    assert saturated_share(img, np.full(size, 255, np.uint8)) == 0.0
    assert saturated_share(img, np.zeros(size, np.uint8)) == 0.0


def _bright_page_with_reflection(paper: int = 238, peak: float = 45.0) -> np.ndarray:
    """Paper with print and a soft reflection `peak` levels high whose core saturates."""
    page = np.full((600, 800, 3), paper, np.uint8)
    for y in range(60, 600, 40):
        cv2.putText(page, "NAME 12345 ADDRESS", (20, y), cv2.FONT_HERSHEY_SIMPLEX, 1, (30,) * 3, 2)
    yy, xx = np.mgrid[0:600, 0:800]
    bump = peak * np.exp(-((yy - 300) ** 2 + (xx - 400) ** 2) / (2 * 70.0 ** 2))
    return np.clip(page + bump[..., None], 0, 255).astype(np.uint8)


def test_glare_rise_keeps_the_rim_out_of_the_blob_on_bright_paper() -> None:
    page = _bright_page_with_reflection()
    loose = find_glare(page, None, rise=6).blobs  # the candidate rule before session 4
    strict = find_glare(page, None).blobs
    assert loose and strict
    assert strict[0].fraction < loose[0].fraction
    assert strict[0].clipped >= loose[0].clipped
    assert strict[0].halo > loose[0].halo and strict[0].halo >= 10


def test_glare_rise_changes_nothing_when_the_paper_is_far_from_clipping() -> None:
    page = _bright_page_with_reflection(paper=170, peak=110.0)
    blob = find_glare(page, None).blobs
    assert blob and blob == find_glare(page, None, rise=6).blobs
