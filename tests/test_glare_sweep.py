"""The Q301 calibration sweep: decisions and counts on constructed glare blobs."""

from __future__ import annotations

from preflight.checks.glare_on_document import GlareOnDocument
from preflight.eval.glare_sweep import Item, flagged, report
from preflight.imaging.glare import GlareBlob


def _blob(clipped: float, edge: bool = False) -> GlareBlob:
    return GlareBlob((10, 10, 20, 20), 0.02, halo=30.0, ring_ink=0.1, inside_ink=0.0,
                     at_frame_edge=edge, clipped=clipped, fade=12.0)


def test_flagged_uses_the_check_rule_on_every_page() -> None:
    shipped = {k: p.default for k, p in GlareOnDocument.params.items()}
    assert flagged(Item("a.jpg", True, ((), (_blob(0.9),))), shipped)
    assert not flagged(Item("b.jpg", False, ((_blob(0.1),), (_blob(0.9, edge=True),))), shipped)
    assert flagged(Item("b.jpg", False, ((_blob(0.9, edge=True),),)),
                   {**shipped, "frame_edge": True})


def test_report_counts_and_lists_the_positives() -> None:
    items = [Item("hot.jpg", True, ((_blob(0.9),),)), Item("paper.jpg", False, ((_blob(0.1),),)),
             Item("missed.jpg", True, ((),))]
    lines = report("t", items)
    assert "TP   1 FP   0 FN   1" in lines[2]
    assert any("missed.jpg" in ln and "no blob" in ln for ln in lines)
    assert not any("paper.jpg" in ln for ln in lines)  # a negative that is not flagged
