"""Gray-portrait evidence through a turned card, a dark photo and a desk sliver
(`preflight.imaging.grayportrait`, `chroma.relit_chroma_stats`)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from preflight.eval.realdata import load_labels
from preflight.imaging.chroma import MIN_PIXELS, chroma_stats, relit_chroma_stats
from preflight.imaging.frame import reduce_to
from preflight.imaging.grayportrait import unturn_box
from preflight.imaging.portrait import find_portrait
from preflight.registry import instantiate
from tests.detector_helpers import page_of


@pytest.mark.parametrize("img", [np.zeros((300, 400), np.uint8), np.zeros((3, 3, 3), np.uint8),
                                 np.zeros((300, 400, 3), np.uint8)])
def test_relit_chroma_degenerate_inputs(img: np.ndarray) -> None:
    assert relit_chroma_stats(img).fraction == 0.0


def test_relit_chroma_recovers_a_dark_gray_card_and_keeps_colour() -> None:
    rng = np.random.default_rng(1)
    card = np.full((200, 300, 3), 200, np.uint8)
    card[40:160, 30:270] = rng.integers(60, 200, (120, 240, 1), dtype=np.uint8)  # gray print
    dark = (card // 8).astype(np.uint8)
    assert chroma_stats(dark).pixels < MIN_PIXELS  # nothing above L* 20
    gray = relit_chroma_stats(dark)
    assert gray.pixels >= MIN_PIXELS and gray.p995 < 10
    coloured = card.copy()
    coloured[60:140, 60:140] = (40, 60, 200)  # a red patch
    red = relit_chroma_stats((coloured // 8).astype(np.uint8))
    assert red.fraction > 0.05 and red.p995 > 20


def test_relit_chroma_never_darkens_a_bright_image() -> None:
    img = np.full((100, 100, 3), 230, np.uint8)
    img[20:80, 20:80] = (60, 60, 220)
    assert relit_chroma_stats(img) == chroma_stats(img)


@pytest.mark.parametrize("angle,code", [(90, cv2.ROTATE_90_COUNTERCLOCKWISE),
                                        (270, cv2.ROTATE_90_CLOCKWISE)])
def test_unturn_box_maps_the_upright_box_back(angle: int, code: int) -> None:
    img = np.zeros((120, 200), np.uint8)
    img[30:50, 140:190] = 255  # x 140..190, y 30..50
    upright = cv2.rotate(img, code)
    box = cv2.boundingRect(upright)
    assert unturn_box(tuple(float(v) for v in box), angle, (200, 120)) == (140, 30, 50, 20)


def _gray_copy(root: Path) -> np.ndarray:
    items = [i for i in load_labels(root) if i.doc_type == "foreign_id_grayscale_copy_photo"]
    for item in items:
        photo = reduce_to(cv2.imread(str(item.path)), 800)[0]
        found = find_portrait(photo)
        if found is not None and found.chroma.p995 < 10 and found.chroma.pixels >= MIN_PIXELS:
            return photo
    raise AssertionError("no gray ID copy with a colourless portrait in the real set")


def _q601(img: np.ndarray) -> list:
    check = next(c for c in instantiate({}, ("Q601",), ()))
    return [f for f in check.check(page_of(img)) if f.code == "Q601"]


def test_dark_gray_copy_portrait_reads_colourless_once_relit(real_data: Path) -> None:
    """A real gray copy's portrait neighbourhood darkened below L* 20: nothing is measured
    until it is re-exposed, and then it is still colourless."""
    photo = _gray_copy(real_data)
    found = find_portrait(photo)
    assert found is not None
    x, y, w, h = (int(v) for v in found.box)
    dark = cv2.convertScaleAbs(photo[y:y + h, x:x + w], alpha=0.15)
    assert chroma_stats(dark).pixels < MIN_PIXELS
    relit = relit_chroma_stats(dark)
    assert relit.pixels >= MIN_PIXELS and relit.fraction < 0.003 and relit.p995 < 10


def test_desk_sliver_along_the_outline_does_not_block_the_search(real_data: Path) -> None:
    """A thin line of strong colour on the image border is not taken for a seal."""
    photo = _gray_copy(real_data).copy()
    cv2.rectangle(photo, (0, 0), (photo.shape[1] - 1, photo.shape[0] - 1), (30, 30, 220), 3)
    found = _q601(photo)
    assert found and "portrait_chroma_fraction" in found[0].measured


@pytest.mark.parametrize("code", [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_90_COUNTERCLOCKWISE])
def test_turned_gray_copy_is_found_where_the_face_is(real_data: Path, code: int) -> None:
    """The card turned sideways: the face is searched upright, the bbox mapped back onto it."""
    photo = _gray_copy(real_data)
    upright = find_portrait(photo)
    assert upright is not None and find_portrait(cv2.rotate(photo, code)) is None
    x, y, w, h = upright.face
    marker = np.zeros(photo.shape[:2], np.uint8)
    marker[int(y + h / 2), int(x + w / 2)] = 255
    cy, cx = np.argwhere(cv2.rotate(marker, code))[0]  # the face centre on the turned photo
    found = _q601(cv2.rotate(photo, code))
    assert found and "portrait_chroma_fraction" in found[0].measured
    bx, by, bw, bh = found[0].bbox
    assert bx <= cx <= bx + bw and by <= cy <= by + bh



def test_inner_blob_keeps_a_ring_seal_and_drops_a_line_along_the_edge() -> None:
    """A thin red ring inside the page is a seal (`inner_blob`); the same red along the
    outline is a patch (`blob`) but not an inner one."""
    page = np.full((480, 340, 3), 235, np.uint8)
    for y in range(40, 440, 24):
        cv2.line(page, (30, y), (310, y), (60, 60, 60), 2)
    edged = page.copy()
    cv2.rectangle(edged, (0, 0), (339, 479), (30, 30, 220), 3)
    sealed = page.copy()
    cv2.circle(sealed, (230, 380), 45, (30, 30, 220), 3)
    edge, seal = chroma_stats(edged), chroma_stats(sealed)
    assert edge.blob > 0.001 and edge.inner_blob == 0.0
    assert seal.inner_blob == seal.blob > 0.001
    assert chroma_stats(page).inner_blob == 0.0
