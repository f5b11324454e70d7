"""Threshold sweep for Q201's session-4 rules on the real and the generated sets: the soft-edge
condition of the blur-effect rule and the composite-page rule (one panel far more blurred than
the sharpest).

    python -m preflight.eval.blur_sweep [DATA_DIR] [--no-synthetic]

Loads every labelled file the way the pipeline does (every page; a file counts as flagged when
any page is), computes `blur_map` once per page and prints Q201's precision and recall over a
grid of `min_soft_edge`, then of the panel parameters (the other rules as shipped), then the
soft edge width of every page whose blur effect reaches `max_blur` and the panel levels of
every composite page. The generated set is the detector evaluation's (seeded degradations of
the `fixtures.synth` documents, 24 blurred), then composites: two `fixtures.synth` documents
(ID front and back, licence and letter) side by side behind a thin dark line, both sharp
(negatives) or one defocused by a Gaussian of σ 1.5–4.5 px (positives). Real composites are few
(3 pages, 2 of them blurred, from 2 sources), so the panel rule rests mostly on the generated
ones. Real and generated figures are printed apart.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from preflight.checks.blurry_document import BlurryDocument, verdict
from preflight.eval.detectors import label_categories
from preflight.eval.realdata import load_labels
from preflight.eval.sweep import measure_file, run_sweep, synthetic_files
from preflight.imaging.blurmap import BlurMap, blur_map

GRIDS = ({"min_soft_edge": (0.0, 3.0, 3.25, 3.5, 3.75, 4.0, 4.5)},
         {"panel_blur": (0.2, 0.25, 0.3), "panel_ratio": (1.3, 1.6, 2.0, 2.5, 1e9)})
"""Swept one group at a time, the other parameters as shipped (`min_soft_edge` 0 and
`panel_ratio` 1e9 turn the soft-edge condition and the panel rule off)."""
SIGMAS = (1.5, 3.0, 4.5)
"""Defocus of the blurred panel of a generated composite, in pixels of the 640-row composite
(the page is read at half that size, so σ 0.75–2.25 working px)."""


@dataclass(frozen=True)
class Item:
    """One file: its name, whether it is labelled blur, the blur map of each page."""

    name: str
    blur: bool
    pages: tuple[BlurMap, ...]


def real_items(root: Path) -> Iterator[Item]:
    """Blur maps of every labelled real file."""
    for it in load_labels(root):
        pages = measure_file(it.path, it.file, lambda page: page.memo(blur_map))
        yield Item(it.file, "blur" in label_categories(it), pages)


def fit_height(img: np.ndarray, height: int = 640) -> np.ndarray:
    """`img` scaled to `height` rows."""
    return cv2.resize(img, (round(img.shape[1] * height / img.shape[0]), height),
                      interpolation=cv2.INTER_AREA)


def composite(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """`left` and `right` (BGR, same height) pasted side by side, split by a 3 px dark line
    with a white margin, as an editor pastes an ID card's two sides into one image."""
    gap = np.full((left.shape[0], 12, 3), 255, np.uint8)
    gap[:, 5:8] = 40
    return np.hstack([left, gap, right])


def synthetic_composites(seeds: int = 3) -> Iterator[tuple[str, bool, np.ndarray]]:
    """(name, blurred, image) of the generated composites: per seed and pair, both sides sharp,
    then each side in turn defocused at every σ of `SIGMAS`."""
    from preflight.eval.detectors import _import_degradations
    _import_degradations()
    from fixtures.synth.degrade import base_documents

    for seed in range(seeds):
        docs = {k: fit_height(v) for k, v in base_documents(np.random.default_rng(seed))}
        names = list(docs)
        for a, b in zip(names[::2], names[1::2], strict=False):
            yield f"{a}+{b}_{seed}", False, composite(docs[a], docs[b])
            for sigma, side in itertools.product(SIGMAS, (a, b)):
                soft = {**docs, side: cv2.GaussianBlur(docs[side], (0, 0), sigma)}
                yield f"{a}+{b}_{seed}/{side}_sigma{sigma:g}", True, composite(soft[a], soft[b])


def synthetic_items() -> Iterator[Item]:
    """Blur maps of the seeded synthetic cases of the detector evaluation, then of the generated
    composites, written as JPEG q90 and loaded like a file."""
    for name, categories, path in synthetic_files():
        yield Item(name, "blur" in categories,
                   measure_file(path, name, lambda page: page.memo(blur_map)))
    with tempfile.TemporaryDirectory() as tmp:
        for name, blurred, image in synthetic_composites():
            path = Path(tmp) / (name.replace("/", "_") + ".jpg")
            cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 90])
            yield Item(name, blurred, measure_file(path, name, lambda page: page.memo(blur_map)))


def flagged(item: Item, params: Mapping[str, Any]) -> bool:
    """Q201's decision on a file: some page meets one of its rules."""
    return any(verdict(bm, params) is not None for bm in item.pages)


def _prf(items: Sequence[Item], params: Mapping[str, Any], shown: Sequence[str]) -> str:
    tp = fp = fn = 0
    for it in items:
        hit = flagged(it, params)
        tp, fp, fn = tp + (hit and it.blur), fp + (hit and not it.blur), fn + (it.blur and not hit)
    prec = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
    rec = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
    text = " ".join(f"{k}={params[k]:g}" for k in shown)
    return f"  {text:<56} TP {tp:3d} FP {fp:3d} FN {fn:3d}  P {prec}  R {rec}"


def _panel_line(it: Item, params: Mapping[str, Any]) -> str:
    levels = [" ".join(f"{p.level:.3f}" if p.measurable else "-" for p in bm.panels)
              for bm in it.pages if bm.panels]
    rules = ",".join(sorted({r for bm in it.pages if (r := verdict(bm, params)) is not None}))
    return f"  {'+' if it.blur else '-'} panels [{'; '.join(levels)}] rule {rules or '-'}  {it.name}"


def _level_line(it: Item, params: Mapping[str, Any]) -> str:
    pages = [bm for bm in it.pages if bm.measurable and bm.level >= params["max_blur"]]
    shown = "; ".join(f"blur {bm.level:.3f} soft edges {bm.soft_edge_width:5.2f} px" for bm in pages)
    return f"  {'+' if it.blur else '-'} {shown}  {it.name}"


def report(title: str, items: Sequence[Item]) -> list[str]:
    """The sweeps and the listings of one set."""
    shipped: dict[str, Any] = {k: p.default for k, p in BlurryDocument.params.items()}
    out = [f"== {title}: {len(items)} files, {sum(i.blur for i in items)} blur positives, "
           f"{sum(any(bm.panels for bm in i.pages) for i in items)} composite "
           "(few, from few sources: wide intervals) ==", "shipped:",
           _prf(items, shipped, [k for grid in GRIDS for k in grid])]
    for grid in GRIDS:
        out.append("sweep " + ", ".join(grid) + " (other parameters as shipped)")
        for values in itertools.product(*grid.values()):
            out.append(_prf(items, {**shipped, **dict(zip(grid, values, strict=True))}, list(grid)))
    out.append(f"pages whose blur effect reaches max_blur={shipped['max_blur']:g}: soft edge width")
    out.extend(_level_line(it, shipped) for it in items
               if any(bm.measurable and bm.level >= shipped["max_blur"] for bm in it.pages))
    out.append("composite pages: level of each measurable panel, rule met as shipped")
    out.extend(_panel_line(it, shipped) for it in items if any(bm.panels for bm in it.pages))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the sweep and returns 0."""
    return run_sweep("python -m preflight.eval.blur_sweep", __doc__, argv, report, real_items,
                     synthetic_items)


if __name__ == "__main__":
    raise SystemExit(main())
