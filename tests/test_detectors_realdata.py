"""Floors reached by the detectors on the real labelled set (a subset, to stay fast in CI).

The subset is every positive of blur, glare and cropped_corner plus every clean image; the full
figures (with precision over all 217 files) come from `python -m preflight.eval.detectors`
and are in docs/detectors.md. These floors are what the detectors reach today, not the targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from preflight.eval.detectors import Outcome, clean_errors, label_categories, run_file, score
from preflight.eval.realdata import load_labels
from preflight.settings import Settings

CATEGORIES = ("blur", "glare", "cropped_corner")
RECALL_FLOOR = {"blur": 0.75, "glare": 0.21, "cropped_corner": 0.40}
# blur: 13 of 17 since Q201 judges composite pages panel by panel (session 4).
# glare: 2 of 14 since the clipped-share / fade / frame-edge gates (the two files lost were
# flagged for a white sheet and a panel border, not for their glare); 3 of 14 since the
# candidate margin of session 4 (docs/detectors.md).


@pytest.fixture(scope="module")
def outcomes(real_data: Path) -> list[Outcome]:
    settings = Settings(ocr=False, select=("Q",))
    out = []
    for item in load_labels(real_data):
        cats = label_categories(item)
        clean = item.defects == {"none"} and "screen_recapture" not in cats
        if clean or cats & set(CATEGORIES):
            out.append(Outcome(item.file, cats, clean,
                               run_file(item.path, item.file, real_data, settings)))
    return out


@pytest.mark.realdata
@pytest.mark.parametrize("category", CATEGORIES)
def test_recall_floor(outcomes: list[Outcome], category: str) -> None:
    s = score(outcomes, category)
    assert s.tp + s.fn >= 5
    assert s.recall >= RECALL_FLOOR[category], s.false_neg


@pytest.mark.realdata
def test_clean_images_rarely_get_an_error(outcomes: list[Outcome]) -> None:
    bad, n, names = clean_errors(outcomes)
    assert n >= 50
    assert bad / n <= 0.10, names


@pytest.mark.realdata
def test_no_clean_image_is_flagged_for_glare(outcomes: list[Outcome]) -> None:
    assert not score(outcomes, "glare").false_pos
