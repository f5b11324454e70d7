"""The Q301/Q401 calibration sweep: decisions and counts on constructed page scores."""

from __future__ import annotations

from preflight.checks.glare_on_document import GlareOnDocument
from preflight.checks.screen_recapture import ScreenRecapture
from preflight.eval.capture_sweep import Item, PageScores, glare_flag, moire_flag, report
from preflight.imaging.glare import GlareBlob


def _blob(fraction: float) -> GlareBlob:
    return GlareBlob((10, 10, 20, 20), fraction, halo=40.0, ring_ink=0.1, inside_ink=0.0,
                     at_frame_edge=False, clipped=0.9, fade=30.0)


def test_sweep_decisions_match_the_check_defaults() -> None:
    q401 = {k: float(p.default) for k, p in ScreenRecapture.params.items()}
    q301 = {k: p.default for k, p in GlareOnDocument.params.items()}
    strong = PageScores(q401["min_chroma_ripple"] + 1, q401["min_ratio"] + 1, (_blob(0.05),))
    weak = PageScores(q401["min_chroma_ripple"] - 1, q401["min_ratio"] + 1, (_blob(0.001),))
    assert moire_flag(strong, **q401) and not moire_flag(weak, **q401)
    assert glare_flag(strong, **q301) and not glare_flag(weak, **q301)
    wide = PageScores(0.5, 0.5, (), q401["min_coarse_chroma_ripple"] + 1,
                      q401["min_coarse_ratio"] + 0.5)
    grey = PageScores(0.5, 0.5, (), q401["min_coarse_chroma_ripple"] + 1,
                      q401["min_coarse_ratio"] - 0.5)
    assert moire_flag(wide, **q401) and not moire_flag(grey, **q401)


def test_report_counts_a_file_once_when_any_page_is_flagged() -> None:
    hot = PageScores(9.0, 3.0, ())
    cold = PageScores(0.5, 0.5, ())
    items = [Item("screen.jpg", False, True, (cold, hot)), Item("clean.jpg", False, False, (cold,)),
             Item("missed.jpg", False, True, (cold,))]
    line = next(ln for ln in report("t", items) if "min_chroma_ripple=4.4 min_ratio=1.2" in ln)
    assert "TP   1 FP   0 FN   1" in line
