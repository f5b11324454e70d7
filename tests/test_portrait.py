"""Viola–Jones faces and the gray-portrait evidence of Q601 (`preflight.imaging.faces/portrait`)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from preflight.eval.realdata import load_labels
from preflight.filing import Attachment, Role
from preflight.imaging.faces import Face, _cascade, _group, detect_faces
from preflight.imaging.frame import reduce_to
from preflight.imaging.portrait import find_portrait
from preflight.model import Severity
from preflight.registry import instantiate
from tests.detector_helpers import page_of


def test_cascade_is_opencvs_frontal_face_model() -> None:
    cascade = _cascade()
    assert len(cascade.stages) == 25
    assert cascade.rects.shape == (2913, 3, 5)
    assert sum(s.features.size for s in cascade.stages) == 2913


@pytest.mark.parametrize("img", [
    np.zeros((300, 400), np.uint8), np.full((300, 400), 255, np.uint8),
    np.zeros((10, 10), np.uint8), np.zeros((20, 400), np.uint8),
    np.random.default_rng(0).integers(0, 256, (240, 320), dtype=np.uint8),
])
def test_no_face_in_degenerate_images(img: np.ndarray) -> None:
    assert detect_faces(img) == []


def test_no_portrait_in_degenerate_colour_images() -> None:
    assert find_portrait(np.zeros((300, 400, 3), np.uint8)) is None
    assert find_portrait(np.full((12, 12, 3), 200, np.uint8)) is None


def test_grouping_merges_neighbouring_windows_and_drops_lone_ones() -> None:
    boxes = [(100.0, 100.0, 40.0), (102.0, 101.0, 40.0), (99.0, 98.0, 44.0), (300.0, 20.0, 30.0)]
    faces = _group(boxes, min_neighbors=3)
    assert len(faces) == 1 and faces[0].neighbors == 3
    assert isinstance(faces[0], Face) and abs(faces[0].box[0] - 100.33) < 0.01
    assert len(_group(boxes, min_neighbors=1)) == 2


def _gray_id_photos(root: Path) -> list[np.ndarray]:
    items = [i for i in load_labels(root) if i.doc_type == "foreign_id_grayscale_copy_photo"]
    return [reduce_to(cv2.imread(str(i.path)), 800)[0] for i in items[:4]]


def test_faces_on_real_gray_id_copies(real_data: Path) -> None:
    """Portraits are found on real phone photos of gray ID copies and vanish when smeared."""
    photos = _gray_id_photos(real_data)
    found = [find_portrait(p) for p in photos]
    assert sum(f is not None for f in found) >= 3
    for photo, portrait in zip(photos, found, strict=True):
        if portrait is None:
            continue
        x, y, w, h = (int(v) for v in portrait.face)
        smeared = photo.copy()
        smeared[y:y + h, x:x + w] = cv2.blur(smeared[y:y + h, x:x + w], (31, 31))
        gray = cv2.cvtColor(smeared, cv2.COLOR_BGR2GRAY)
        assert all(abs(f.box[0] - x) > w / 2 for f in detect_faces(reduce_to(gray, 400)[0]))


def test_portrait_chroma_rises_with_colour(real_data: Path) -> None:
    """Ordering: the more colour is blended into the card around the face, the higher its chroma."""
    photo = next(p for p in _gray_id_photos(real_data) if find_portrait(p) is not None)
    portrait = find_portrait(photo)
    assert portrait is not None
    x, y, w, h = (int(v) for v in portrait.box)
    tint = cv2.applyColorMap(cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY), cv2.COLORMAP_JET)
    last = -1.0
    for alpha in (0.0, 0.15, 0.3, 0.6):
        img = photo.copy()
        img[y:y + h, x:x + w] = cv2.addWeighted(photo[y:y + h, x:x + w], 1 - alpha,
                                                tint[y:y + h, x:x + w], alpha, 0)
        found = find_portrait(img)
        assert found is not None
        assert found.chroma.p995 >= last
        last = found.chroma.p995
    assert last > 20


def _colourless_portrait(photo: np.ndarray) -> bool:
    found = find_portrait(photo)
    return found is not None and found.chroma.fraction < 0.003 and found.chroma.p995 < 10


def test_q601_gray_portrait_warns_without_role_and_errs_with_it(real_data: Path) -> None:
    photo = next(p for p in _gray_id_photos(real_data) if _colourless_portrait(p))
    check = next(c for c in instantiate({}, ("Q601",), ()))
    unknown = [f for f in check.check(page_of(photo)) if f.code == "Q601"]
    assert unknown and unknown[0].severity is Severity.WARNING
    assert "portrait_chroma_fraction" in unknown[0].measured
    page = page_of(photo, "身份证正面.jpg")
    page.document.attachment = Attachment(file="身份证正面.jpg", role=Role.ID_FRONT)
    known = [f for f in check.check(page) if f.code == "Q601"]
    assert known and known[0].severity is Severity.ERROR
    x, y, w, h = known[0].bbox
    assert w > 0 and h > 0 and x + w <= photo.shape[1] + 1 and y + h <= photo.shape[0] + 1


def test_no_portrait_search_when_the_role_says_letter(real_data: Path) -> None:
    """A page the filing calls an authorization letter is not searched for a portrait."""
    photo = next(p for p in _gray_id_photos(real_data) if _colourless_portrait(p))
    page = page_of(photo, "授权书.jpg")
    page.document.attachment = Attachment(file="授权书.jpg", role=Role.HOST_AUTHORIZATION)
    check = next(c for c in instantiate({}, ("Q601",), ()))
    found = [f for f in check.check(page) if f.code == "Q601"]
    assert all("portrait_chroma_fraction" not in f.measured for f in found)
    assert all(f.severity is not Severity.WARNING for f in found)
