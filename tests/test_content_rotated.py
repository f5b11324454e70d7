"""G102 content-rotated through the pipeline, and its floor on the real labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from preflight.checks.content_rotated import ContentRotated
from preflight.eval.realdata import load_labels
from preflight.eval.rotation import counts, evaluate_file, label_view
from preflight.eval.synthpages import turn, upright_page
from preflight.filing import Filing
from preflight.model import Category, Severity
from preflight.pipeline import run
from preflight.settings import Settings

SETTINGS = Settings(select=("G102", "F104"), ocr=False)


def _save(path: Path, image: np.ndarray, exif_orientation: int = 1) -> None:
    im = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    if exif_orientation != 1:
        exif[0x0112] = exif_orientation
    im.save(path, "JPEG", quality=90, exif=exif)


def _by_file(folder: Path) -> dict[str, list]:
    report = run([folder], Filing(), SETTINGS)
    return {d.file: d.findings for d in report.documents}


def test_rotated_page_gives_one_rotated_error_with_evidence(tmp_path: Path) -> None:
    _save(tmp_path / "licence_upside_down.jpg", turn(upright_page("license", seed=11), 180))
    _save(tmp_path / "letter_upright.jpg", upright_page("a4", seed=12))
    found = _by_file(tmp_path)
    assert found["letter_upright.jpg"] == []
    (f,) = found["licence_upside_down.jpg"]
    assert (f.code, f.name, f.category, f.severity) == (
        "G102", "content-rotated", Category.ROTATED, Severity.ERROR)
    assert f.measured["angle"] == 180 and f.measured["confidence"] >= 0.68
    assert f.threshold == {"min_confidence": 0.68}
    assert f.page == 1 and f.bbox is not None and f.bbox[2] > 0
    assert "180" in f.message_en and "180°" in f.message_zh
    assert "preflight fix" in f.fix_en and "preflight fix" in f.fix_zh


def test_sideways_page_names_the_turn_back(tmp_path: Path) -> None:
    _save(tmp_path / "card.jpg", turn(upright_page("card", seed=13), 90))
    (f,) = _by_file(tmp_path)["card.jpg"]
    assert f.measured["angle"] == 90
    assert "counter-clockwise" in f.fix_en and "逆时针" in f.fix_zh


def test_exif_tag_that_makes_the_photo_upright_is_not_rotated_content(tmp_path: Path) -> None:
    # Stored pixels turned 90° counter-clockwise; tag 6 tells viewers to turn them clockwise.
    stored = cv2.rotate(upright_page("license", seed=14), cv2.ROTATE_90_COUNTERCLOCKWISE)
    _save(tmp_path / "tagged.jpg", stored, exif_orientation=6)
    codes = [f.code for f in _by_file(tmp_path)["tagged.jpg"]]
    assert codes == ["F104"]


def test_exif_tag_that_turns_an_upright_photo_is_rotated_content(tmp_path: Path) -> None:
    _save(tmp_path / "trap.jpg", upright_page("license", seed=15), exif_orientation=6)
    codes = sorted(f.code for f in _by_file(tmp_path)["trap.jpg"])
    assert codes == ["F104", "G102"]


def test_blank_and_textless_images_are_silent(tmp_path: Path) -> None:
    _save(tmp_path / "white.jpg", np.full((900, 1200, 3), 250, np.uint8))
    _save(tmp_path / "black.jpg", np.zeros((900, 1200, 3), np.uint8))
    _save(tmp_path / "tiny.jpg", np.full((10, 12, 3), 90, np.uint8))
    assert all(v == [] for v in _by_file(tmp_path).values())


def test_threshold_parameter_is_respected() -> None:
    assert ContentRotated({"min_confidence": 0.9}).p["min_confidence"] == 0.9


def test_real_set_floor(real_data: Path) -> None:
    """Stratified subset for speed: every `rotated` file and every third other file.

    The full set (`python -m preflight.eval.rotation`) reaches precision 1.000, recall 1.000;
    the floor here allows one miss or one false alarm.
    """
    rows = load_labels(real_data)
    positives = [r for r in rows if "rotated" in r.defects]
    negatives = [r for r in rows if "rotated" not in r.defects][::3]
    assert len(positives) >= 15
    check = ContentRotated()
    results = [evaluate_file(r, check) for r in positives + negatives]
    c = counts([(r.truth, r.flagged) for r in results])
    assert c.recall >= 0.94, c
    assert c.precision >= 0.94, c


def test_label_view_rule_reads_the_notes(real_data: Path) -> None:
    rows = load_labels(real_data)
    exif_view = [r for r in rows if label_view(r) == "exif_applied"]
    assert exif_view and all("EXIF" in r.notes for r in exif_view)


def test_committed_orientation_fixtures_match_their_manifest() -> None:
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "orientation"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))["files"]
    found = _by_file(folder)
    for entry in manifest:
        expected = "G102" in entry["expected_codes"]["other_province"]
        got = [f for f in found[entry["file"]] if f.code == "G102"]
        assert bool(got) == expected, entry["file"]
        if got:
            assert got[0].measured["angle"] == entry["content_rotation"], entry["file"]
