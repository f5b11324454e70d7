"""Threshold sweep for Q301 (glare on the document) on the real and synthetic sets.

    python -m preflight.eval.glare_sweep [DATA_DIR] [--no-synthetic]

Loads every labelled file the way the pipeline does (every page; a file counts as flagged when
any page is), computes `glare_map` once per page and prints precision and recall over a grid of
Q301's parameters (blob size, halo, clipped share, fade), then the figures at the shipped
thresholds when the candidate pixels' margin above the paper (`find_glare`'s `rise`) changes,
then every blob of the positives and of the negatives that the shipped thresholds flag, so the
margin behind each threshold can be read off. Real and synthetic sets are printed apart. With
14 real glare positives from a handful of sources, every rate here has a wide interval (the
output says so).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from preflight.checks.glare_on_document import GlareOnDocument, qualifies
from preflight.context import PageContext
from preflight.eval.detectors import label_categories
from preflight.eval.realdata import load_labels
from preflight.eval.sweep import measure_file, run_sweep, synthetic_files
from preflight.imaging.glare import GlareBlob, find_glare, glare_inputs, glare_map

GRID = {"min_fraction": (0.003, 0.006), "min_halo": (10.0, 15.0),
        "min_clipped": (0.0, 0.5, 0.7), "min_fade": (-255.0, 0.0, 10.0),
        "frame_edge": (0.0, 1.0)}
RISES = (6, 10, 15, 20, 25, 30, 40, 50)  # find_glare's `rise`; 6 = the rule before session 4

Pages = tuple[tuple[GlareBlob, ...], ...]


@dataclass(frozen=True)
class Item:
    """One file: its name, whether it is labelled glare, the glare blobs of each page (as
    shipped, and for each candidate margin `rise` of `RISES`)."""

    name: str
    glare: bool
    pages: Pages
    by_rise: Mapping[int, Pages] = field(default_factory=dict)


def _measure(page: PageContext) -> tuple[tuple[GlareBlob, ...], dict[int, tuple[GlareBlob, ...]]]:
    bgr, region = glare_inputs(page)
    return page.memo(glare_map).blobs, {r: find_glare(bgr, region, rise=r).blobs for r in RISES}


def _item(path: Path, name: str, glare: bool) -> Item:
    pages = measure_file(path, name, _measure)
    return Item(name, glare, tuple(p for p, _ in pages),
                {r: tuple(by[r] for _, by in pages) for r in RISES})


def real_items(root: Path) -> Iterator[Item]:
    """Glare blobs of every labelled real file."""
    for it in load_labels(root):
        yield _item(it.path, it.file, "glare" in label_categories(it))


def synthetic_items() -> Iterator[Item]:
    """Glare blobs of the seeded synthetic cases (as JPEG q90, like the detector evaluation)."""
    for name, categories, path in synthetic_files():
        yield _item(path, name, "glare" in categories)


def flagged(item: Item, params: Mapping[str, Any]) -> bool:
    """Q301's decision on a file: some blob of some page qualifies."""
    return any(qualifies(b, params) for page in item.pages for b in page)


def _prf(items: Sequence[Item], params: Mapping[str, Any]) -> str:
    tp = fp = fn = 0
    for it in items:
        hit = flagged(it, params)
        tp, fp, fn = tp + (hit and it.glare), fp + (hit and not it.glare), fn + (it.glare and not hit)
    prec = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
    rec = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
    shown = " ".join(f"{k}={v:g}" for k, v in params.items())
    return f"  {shown:<64} TP {tp:3d} FP {fp:3d} FN {fn:3d}  P {prec}  R {rec}"


def _blob_line(sign: str, name: str, b: GlareBlob) -> str:
    return (f"  {sign} frac {b.fraction:.4f} halo {b.halo:5.1f} clipped {b.clipped:.2f} "
            f"fade {b.fade:6.1f} edge {int(b.at_frame_edge)} ink {b.ring_ink:.3f}/"
            f"{b.inside_ink:.3f}  {name}")


def report(title: str, items: Sequence[Item]) -> list[str]:
    """The sweep and the blob listing of one set."""
    shipped = {k: p.default for k, p in GlareOnDocument.params.items()}
    out = [f"== {title}: {len(items)} files, {sum(i.glare for i in items)} glare positives "
           f"(few, from few sources: wide intervals) ==", "shipped:", _prf(items, shipped)]
    out.append("sweep (other parameters as shipped)")
    for values in itertools.product(*GRID.values()):
        out.append(_prf(items, {**shipped, **dict(zip(GRID, values, strict=True))}))
    out.append("candidate margin above the paper (find_glare rise; other thresholds as shipped)")
    for r in RISES:
        if all(r in it.by_rise for it in items):
            moved = [replace(it, pages=it.by_rise[r]) for it in items]
            out.append(f"  rise={r:<3d}" + _prf(moved, shipped)[1:])
    out.append("blobs ≥ 0.2 % of every positive, then of negatives flagged as shipped")
    for it in items:
        if it.glare or flagged(it, shipped):
            blobs = [b for page in it.pages for b in page]
            out.extend(_blob_line("+" if it.glare else "-", it.name, b) for b in blobs[:4])
            if not blobs:
                out.append(f"  {'+' if it.glare else '-'} (no blob)  {it.name}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the sweep and returns 0."""
    return run_sweep("python -m preflight.eval.glare_sweep", __doc__, argv, report, real_items,
                     synthetic_items)


if __name__ == "__main__":
    raise SystemExit(main())
