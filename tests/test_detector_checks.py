"""The image-quality checks Q201, Q301, Q501, Q502, Q801 through the pipeline on generated cases."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade import DEGRADATIONS
from fixtures.synth.plain import a4_letter, desk, id_card, photo_scene, place
from preflight.checks.blurry_document import BlurryDocument
from preflight.checks.document_cut_off import DocumentCutOff
from preflight.checks.glare_on_document import GlareOnDocument, qualifies
from preflight.filing import Filing
from preflight.imaging.glare import GlareBlob
from preflight.pipeline import InputFile, check_document
from preflight.registry import instantiate
from preflight.settings import Settings
from tests.detector_helpers import page_codes, page_of, page_with_hot_spot

MINE = {"Q201", "Q301", "Q501", "Q502", "Q801"}


def pipeline_codes(img: np.ndarray, tmp_path: Path) -> dict[str, str]:
    """code -> severity of the findings of the real pipeline on `img` saved as a JPEG."""
    path = tmp_path / "case.jpg"
    cv2.imwrite(str(path), img, [cv2.IMWRITE_JPEG_QUALITY, 90])
    settings = Settings(ocr=False)
    checks = instantiate({}, (), ())
    _, report = check_document(InputFile(path, path.name, tmp_path), Filing(), settings, checks)
    return {f.code: f.severity.value for f in report.findings}


@pytest.mark.parametrize("make", [id_card, a4_letter])
def test_clean_photo_has_no_image_quality_findings(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(11)
    codes = pipeline_codes(photo_scene(make(rng), rng), tmp_path)
    assert not MINE & set(codes), codes


@pytest.mark.parametrize(("degradation", "kind", "code"), [
    ("gaussian_blur", id_card, "Q201"),
    ("gaussian_blur", a4_letter, "Q201"),
    ("motion_blur", id_card, "Q201"),
    ("glare_blob", id_card, "Q301"),
    ("cut_off_edge", id_card, "Q501"),
    ("cut_off_edge", a4_letter, "Q501"),
    ("cluttered_background", id_card, "Q801"),
])
def test_degradation_raises_its_code(degradation: str, kind, code: str,  # type: ignore[no-untyped-def]
                                     tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    img = DEGRADATIONS[degradation].fn(kind(rng), rng, 0.8)
    codes = pipeline_codes(img, tmp_path)
    assert code in codes, codes


def test_blur_finding_has_box_value_threshold_and_both_languages(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    img = DEGRADATIONS["gaussian_blur"].fn(id_card(rng), rng, 0.8)
    path = tmp_path / "b.jpg"
    cv2.imwrite(str(path), img)
    _, report = check_document(InputFile(path, "b.jpg", tmp_path), Filing(),
                               Settings(ocr=False), instantiate({}, ("Q201",), ()))
    (f,) = report.findings
    assert f.bbox is not None
    x, y, w, h = f.bbox
    assert w > 0 and h > 0 and x + w <= img.shape[1] and y + h <= img.shape[0]
    assert f.measured >= f.threshold
    assert "模糊" in f.message_zh and "blur" in f.message_en and f.fix_zh and f.fix_en


def test_strong_defocus_is_reported_by_edge_width() -> None:
    rng = np.random.default_rng(2)
    card = cv2.resize(id_card(rng), None, fx=2, fy=2)  # a 2024 px card photo
    sharp, soft = page_of(card), page_of(cv2.GaussianBlur(card, (0, 0), 9))
    check = BlurryDocument({"max_blur": 0.95})  # only the edge-width rule can fire
    assert list(check.check(sharp)) == []
    (f,) = check.check(soft)
    assert f.code == "Q201" and f.threshold == 10.0 and f.measured >= f.threshold
    assert "失焦" in f.message_zh and "out of focus" in f.message_en


def test_steep_angle_is_a_perspective_warning() -> None:
    rng = np.random.default_rng(4)
    card = id_card(rng)
    frame = np.full((1200, 1600, 3), 50, np.uint8)
    src = np.array([[0, 0], [1011, 0], [1011, 637], [0, 637]], np.float32)
    dst = np.array([[600, 250], [1000, 250], [1350, 900], [250, 900]], np.float32)
    hom = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(card, hom, (1600, 1200))
    mask = cv2.warpPerspective(np.full(card.shape[:2], 255, np.uint8), hom, (1600, 1200))
    frame[mask > 0] = warped[mask > 0]
    assert "Q502" in page_codes(frame)
    shifted = np.full_like(frame, 50)
    shifted[:, :1250] = frame[:, 350:]  # the same card pushed over the left edge: a cut shape
    assert "Q502" not in page_codes(shifted)


@pytest.mark.parametrize("img", [
    np.zeros((1, 1, 3), np.uint8),
    np.zeros((7, 5, 3), np.uint8),
    np.zeros((1500, 2000, 3), np.uint8),
    np.full((1500, 2000, 3), 255, np.uint8),
    np.full((3000, 4000, 3), 128, np.uint8),
], ids=["1x1", "tiny", "black", "white", "huge-gray"])
def test_degenerate_images_raise_no_detector_findings(img: np.ndarray) -> None:
    assert not MINE & page_codes(img)


@pytest.mark.parametrize(("cx", "severity"), [(400, "error"), (0, None)])
def test_glare_running_off_the_frame_is_not_reported(cx: int, severity: str | None,
                                                     tmp_path: Path) -> None:
    assert pipeline_codes(page_with_hot_spot(cx), tmp_path).get("Q301") == severity


def test_glare_running_off_the_frame_is_a_warning_when_asked_for() -> None:
    q301 = GlareOnDocument({"frame_edge": True, "min_fade": -255.0})  # its ring is cut
    found = list(q301.check(page_of(page_with_hot_spot(0))))
    assert [f.severity.value for f in found] == ["warning"]
    assert "edge of the picture" in found[0].message_en


def test_cut_off_needs_three_corners_on_the_frame_edge_by_default() -> None:
    rng = np.random.default_rng(1)
    one_side = photo_scene(id_card(rng), rng, fill=0.8, offset=(0.15, 0.0))  # two corners out
    assert not list(DocumentCutOff({}).check(page_of(one_side)))
    assert list(DocumentCutOff({"min_corners_out": 2}).check(page_of(one_side)))
    rng = np.random.default_rng(0)
    corner = photo_scene(id_card(rng), rng, fill=0.8, offset=(0.2, 0.2))  # a corner cut off
    found = list(DocumentCutOff({}).check(page_of(corner)))
    assert found and found[0].bbox and found[0].message_zh and found[0].fix_en


def test_glare_decision_needs_every_cue() -> None:
    p = {k: v.default for k, v in GlareOnDocument.params.items()}
    base = dict(box=(10, 10, 20, 20), fraction=0.02, halo=40.0, ring_ink=0.1, inside_ink=0.0,
                at_frame_edge=False, clipped=0.9, fade=20.0)
    assert qualifies(GlareBlob(**base), p)  # type: ignore[arg-type]
    for key, value in (("fraction", 0.001), ("halo", 5.0), ("clipped", 0.2), ("fade", -10.0),
                       ("at_frame_edge", True)):
        assert not qualifies(GlareBlob(**{**base, key: value}), p), key  # type: ignore[arg-type]
    assert qualifies(GlareBlob(**{**base, "at_frame_edge": True}), {**p, "frame_edge": True})  # type: ignore[arg-type]


def test_cut_off_is_not_judged_when_the_document_fills_the_frame() -> None:
    rng = np.random.default_rng(0)
    corner = photo_scene(id_card(rng), rng, fill=0.8, offset=(0.2, 0.2))  # a corner cut off
    assert list(DocumentCutOff({}).check(page_of(corner)))
    assert not list(DocumentCutOff({"max_area": 0.3}).check(page_of(corner)))


def test_cut_off_is_not_judged_on_a_strongly_coloured_region() -> None:
    rng = np.random.default_rng(0)
    corner = photo_scene(id_card(rng), rng, fill=0.8, offset=(0.2, 0.2))
    hsv = cv2.cvtColor(corner, cv2.COLOR_BGR2HSV)
    hsv[..., 1] = 200  # every pixel strongly coloured: a scene or a cloth, not paper
    hsv[..., 0] = 100
    coloured = cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)
    assert list(DocumentCutOff({"max_saturated": 1.0}).check(page_of(coloured)))
    assert not list(DocumentCutOff({}).check(page_of(coloured)))


@pytest.mark.parametrize("make", [id_card, a4_letter])
def test_cut_off_on_every_frame_side_needs_no_free_side(make) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    corners = np.float32([[350, -300], [1250, -300], [1750, 1400], [-150, 1400]])
    img = place(make(rng), desk(rng, (1600, 1200)), corners)  # runs off top, bottom and sides
    found = list(DocumentCutOff({}).check(page_of(img)))
    assert found and found[0].bbox and found[0].message_en
    assert not list(DocumentCutOff({"free_side": 0.01}).check(page_of(img)))
