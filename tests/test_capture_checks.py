"""The Q401/Q601/Q701/Q901 checks through the real pipeline on generated cases."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from fixtures.synth.degrade_capture import grayscale_copy_photo, screen_moire, watermark_stamp
from fixtures.synth.emblem import cover_emblem, id_back
from fixtures.synth.plain import a4_letter, id_card, photo_scene
from preflight.eval.detectors import run_file
from preflight.model import Finding, Severity
from preflight.settings import Settings

SETTINGS = Settings(ocr=False, select=("Q4", "Q6", "Q7", "Q9"))


def findings(tmp_path: Path, name: str, image: np.ndarray) -> list[Finding]:
    path = tmp_path / name
    cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return list(run_file(path, name, tmp_path, SETTINGS))


def codes(found: list[Finding], min_rank: int = Severity.WARNING.rank) -> set[str]:
    return {f.code for f in found if f.severity.rank >= min_rank}


@pytest.mark.parametrize("seed", [0, 1])
def test_clean_photos_raise_nothing(tmp_path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    assert codes(findings(tmp_path, "id_card.jpg", photo_scene(id_card(rng), rng))) == set()
    assert codes(findings(tmp_path, "letter.jpg", photo_scene(a4_letter(rng), rng))) == set()


def test_screen_photo_is_flagged_with_measured_values(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    photo = screen_moire(id_card(rng), rng, 0.8)
    found = findings(tmp_path, "photo.jpg", photo)
    hit = [f for f in found if f.code == "Q401"]
    assert hit and hit[0].measured["chroma_ripple"] >= hit[0].threshold["min_chroma_ripple"]
    assert hit[0].message_zh and hit[0].fix_en
    x, y, w, h = hit[0].bbox  # the fringed card, not the plain desk around it
    assert 0 < w * h < 0.95 * photo.shape[0] * photo.shape[1], hit[0].bbox


def test_grayscale_copy_of_an_id_card_is_an_error(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    found = findings(tmp_path, "身份证正面.jpg", grayscale_copy_photo(id_card(rng), rng, 0.6))
    q601 = [f for f in found if f.code == "Q601"]
    assert q601 and q601[0].severity is Severity.ERROR
    assert q601[0].measured["document"] == "id_front"


def test_grayscale_copy_of_a_plain_page_is_only_a_note(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    found = findings(tmp_path, "page.jpg", grayscale_copy_photo(a4_letter(rng), rng, 0.6))
    assert codes(found) == set()
    assert "Q601" in codes(found, Severity.INFO.rank)


def test_stored_grayscale_image_is_an_error_on_an_id_and_a_warning_otherwise(
        tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    gray = cv2.cvtColor(photo_scene(id_card(rng), rng), cv2.COLOR_BGR2GRAY)
    assert "Q601" in codes(findings(tmp_path, "身份证正面.png", gray), Severity.ERROR.rank)
    unknown = [f for f in findings(tmp_path, "scan.png", gray) if f.code == "Q601"]
    assert [f.severity for f in unknown] == [Severity.WARNING]


def test_stamp_over_text_is_reported_with_its_box(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    found = [f for f in findings(tmp_path, "card.jpg", watermark_stamp(id_card(rng), rng, 0.6))
             if f.code == "Q701"]
    assert found
    over = found[0].measured["cover"] >= found[0].threshold["min_cover"]
    assert (found[0].severity is Severity.ERROR) == over
    x, y, w, h = found[0].bbox
    assert w > 0 and h > 0 and found[0].measured["region"]


@pytest.mark.parametrize("how", ["finger", "glare", "sticker", "cropped"])
def test_hidden_emblem_on_id_back(tmp_path: Path, how: str) -> None:
    rng = np.random.default_rng(0)
    card = id_back(rng)
    assert "Q901" not in codes(findings(tmp_path, "国徽面.jpg", photo_scene(card, rng)))
    covered = cover_emblem(card, how, rng)
    photo = covered if how == "cropped" else photo_scene(covered, rng)
    assert "Q901" in codes(findings(tmp_path, "国徽面.jpg", photo))


def test_emblem_is_not_checked_on_unknown_documents(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    photo = photo_scene(cover_emblem(id_back(rng), "sticker", rng), rng)
    assert "Q901" not in codes(findings(tmp_path, "scan_001.jpg", photo))


def test_wide_colour_fringes_are_flagged_by_the_coarse_rule(tmp_path: Path) -> None:
    """Colour fringes about 40 px wide at 1000 px (a close or zoomed screen shot) are below the
    fine band's reach; the coarse octave finds them and the finding says which rule fired."""
    rng = np.random.default_rng(2)
    page = cv2.resize(a4_letter(rng), (1414, 2000), interpolation=cv2.INTER_AREA)
    h, w = page.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    phase = 2 * np.pi * (0.8 * xx + 0.6 * yy) / 80.0
    lab = cv2.cvtColor(page, cv2.COLOR_BGR2LAB).astype(np.float32)
    lab[..., 1] += 8 * np.sin(phase)
    lab[..., 2] += 8 * np.cos(phase)
    screen = cv2.cvtColor(lab.clip(0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR)
    hit = [f for f in findings(tmp_path, "screen.jpg", screen) if f.code == "Q401"]
    assert hit and set(hit[0].measured) == {"coarse_chroma_ripple", "coarse_ratio"}
    assert hit[0].measured["coarse_ratio"] >= hit[0].threshold["min_coarse_ratio"]
    assert "较宽" in hit[0].message_zh and hit[0].message_en.startswith("Wide colour")
    assert "Q401" not in codes(findings(tmp_path, "page.jpg", page))
