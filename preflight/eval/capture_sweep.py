"""Threshold sweeps for Q301 (glare) and Q401 (screen recapture) on the real and synthetic sets.

    python -m preflight.eval.capture_sweep [DATA_DIR] [--no-synthetic]

Loads every labelled file the way the pipeline does (every page; a file counts as flagged when
any page is), computes the two metrics once per page (`glare_map`, the colour-moiré score) and
prints precision and recall over a grid of thresholds, plus the scores of every positive and of
the highest-scoring negatives, so the margin behind each threshold can be read off. The real and
synthetic sets are printed separately. With 14 glare and 19 recapture positives from a handful of
sources, every rate here has a wide interval (the output says so).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from preflight.checks.glare_on_document import GlareOnDocument, qualifies
from preflight.checks.screen_recapture import moire_score
from preflight.context import PageContext
from preflight.eval.detectors import label_categories
from preflight.eval.realdata import load_labels
from preflight.eval.sweep import measure_file, run_sweep, synthetic_files
from preflight.imaging.glare import GlareBlob, glare_map

MOIRE_GRID = {"min_chroma_ripple": (3.0, 3.5, 4.0, 4.4, 5.0, 5.5), "min_ratio": (1.0, 1.2, 1.4),
              "min_coarse_chroma_ripple": (2.8,), "min_coarse_ratio": (1.2,)}
MOIRE_COARSE_GRID = {"min_chroma_ripple": (4.4,), "min_ratio": (1.2,),
                     "min_coarse_chroma_ripple": (2.0, 2.4, 2.8, 3.2, 99.0),
                     "min_coarse_ratio": (1.0, 1.1, 1.2, 1.3, 1.4)}
GLARE_GRID = {"min_fraction": (0.003, 0.006, 0.012), "min_halo": (10.0, 15.0, 25.0)}


@dataclass(frozen=True)
class PageScores:
    """The measures of one page that the two checks compare with their thresholds."""

    chroma: float
    ratio: float
    blobs: tuple[GlareBlob, ...]  # the page's glare blobs
    coarse_chroma: float = 0.0  # the moiré score one octave coarser
    coarse_ratio: float = 0.0


@dataclass(frozen=True)
class Item:
    """One file: its name, which of the two categories it should raise, its pages' scores."""

    name: str
    glare: bool
    recapture: bool
    pages: tuple[PageScores, ...]


def page_scores(page: PageContext) -> PageScores:
    """Both measures of a page (PDF pages get no moiré score, as in Q401)."""
    blobs = page.memo(glare_map).blobs
    if page.source == "pdf":
        return PageScores(0.0, 0.0, blobs)
    m = page.memo(moire_score)
    return PageScores(m.chroma_ripple, m.ratio, blobs, m.coarse_chroma, m.coarse_ratio)


def _load(path: Path, name: str) -> tuple[PageScores, ...]:
    return measure_file(path, name, page_scores)


def real_items(root: Path) -> Iterator[Item]:
    """Scores of every labelled real file."""
    for it in load_labels(root):
        cats = label_categories(it)
        yield Item(it.file, "glare" in cats, "screen_recapture" in cats, _load(it.path, it.file))


def synthetic_items() -> Iterator[Item]:
    """Scores of the seeded synthetic cases (as JPEG q90, like the detector evaluation)."""
    for name, categories, path in synthetic_files():
        yield Item(name, "glare" in categories, "screen_recapture" in categories,
                   _load(path, name))


def moire_flag(s: PageScores, min_chroma_ripple: float, min_ratio: float,
               min_coarse_chroma_ripple: float, min_coarse_ratio: float) -> bool:
    """Q401's decision on one page (the fine or the coarse rule)."""
    return (s.chroma >= min_chroma_ripple and s.ratio >= min_ratio) or \
        (s.coarse_chroma >= min_coarse_chroma_ripple and s.coarse_ratio >= min_coarse_ratio)


def glare_flag(s: PageScores, **params: Any) -> bool:
    """Q301's decision on one page (flagged at warning level or above); parameters not given
    take Q301's defaults."""
    p = {k: v.default for k, v in GlareOnDocument.params.items()} | params
    return any(qualifies(b, p) for b in s.blobs)


def _prf(items: Sequence[Item], truth: str, flag: Callable[..., bool],
         params: dict[str, float]) -> str:
    tp = fp = fn = 0
    for it in items:
        hit = any(flag(p, **params) for p in it.pages)
        pos = getattr(it, truth)
        tp, fp, fn = tp + (hit and pos), fp + (hit and not pos), fn + (pos and not hit)
    prec = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
    rec = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
    shown = " ".join(f"{k}={v:g}" for k, v in params.items())
    return f"  {shown:<42} TP {tp:3d} FP {fp:3d} FN {fn:3d}  P {prec}  R {rec}"


def report(title: str, items: Sequence[Item]) -> list[str]:
    """The two sweeps and the score listings of one set."""
    out = [f"== {title}: {len(items)} files; glare positives {sum(i.glare for i in items)}, "
           f"recapture positives {sum(i.recapture for i in items)} (few: wide intervals) =="]
    for code, truth, flag, grid in (("Q401", "recapture", moire_flag, MOIRE_GRID),
                                    ("Q401 coarse", "recapture", moire_flag, MOIRE_COARSE_GRID),
                                    ("Q301", "glare", glare_flag, GLARE_GRID)):
        out.append(f"{code} sweep")
        keys = list(grid)
        for values in itertools.product(*grid.values()):
            out.append(_prf(items, truth, flag, dict(zip(keys, values, strict=True))))
    out.append("Q401 scores (chroma ripple / ratio, coarse chroma / ratio, best page): "
               "positives, then top negatives")
    ranked = sorted(items, key=lambda i: -max((p.chroma for p in i.pages), default=0.0))
    coarse = sorted(items, key=lambda i: -max((p.coarse_chroma for p in i.pages), default=0.0))
    negatives = [i for i in ranked if not i.recapture][:6]
    negatives += [i for i in coarse if not i.recapture and i not in negatives][:6]
    shown = [i for i in ranked if i.recapture] + negatives
    for it in shown:
        best = max(it.pages, key=lambda p: p.chroma, default=PageScores(0.0, 0.0, ()))
        out.append(f"  {'+' if it.recapture else '-'} {best.chroma:5.2f} {best.ratio:5.2f} "
                   f"{best.coarse_chroma:5.2f} {best.coarse_ratio:5.2f}  {it.name}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the sweeps and returns 0."""
    return run_sweep("python -m preflight.eval.capture_sweep", __doc__, argv, report, real_items,
                     synthetic_items)


if __name__ == "__main__":
    raise SystemExit(main())
