"""Unclipped-glare (sheen) cues, measured and ranked: does any of them separate sheen?

    python -m preflight.eval.glare_cues [DATA_DIR] [--no-synthetic]

Q301 finds saturated hot spots only; 10 of the 14 real glare positives are broad, unclipped sheen
(issue 3, session 4). This command computes four candidate sheen cues on every page the way the
pipeline sees it (800 px analysis view, inside the located document when the page is a photo),
takes the largest value over a file's pages and prints, per cue: the ROC AUC of glare files
against all others, how many positives score above every negative (TP at FP 0) and above all but
two (TP at FP 2), each positive's rank, and the five highest-scoring negatives. None of the cues is
used by a check: they were rejected on these figures (docs/detectors.md, "Glare, session 4").
Real and synthetic sets are printed apart; 14 real positives from 7 sources give wide intervals.

The cues (pure functions below):
- `veil_tiles`: an additive veil lifts paper and ink by the same light, so in linear light it
  lowers the ink/paper contrast *and* raises the paper level, whereas shading keeps the contrast
  and faint print keeps the paper. Text tiles (24 px, 3-40 % locally dark pixels) whose contrast
  is < 0.7 x the document's median and whose paper is >= its median + 8 levels are "veiled";
  score = largest 8-connected cluster of them / text tiles.
- `colour_veil`: dichromatic reflection model (Shafer 1985): a specular component adds the same
  amount to R, G and B, so over one flat printed colour (one hue bin, 200 px view, no edges) the
  linear min channel rises one-for-one with the max channel (slope ~ 1), whereas shading scales
  both (slope = min/max). Score = spread (p95 - p5) of the min channel / median max over the
  largest such area with slope >= median(min/max) + 0.25 and <= 1.3.
- `sparkle_count`: isolated colourless near-clipped specks (V >= 250, S <= 0.25, 2 px to 0.3 %
  of the document, ring median <= 215): foil sparkle and crinkled-sleeve highlights.
- `ink_ratio_bump`: amplitude x R^2 of a quadratic surface fitted to the linear ink/paper ratio
  (p5 / p95 of 24 px tiles with range >= 25): a smooth veil is a smooth bump in that ratio.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.eval.detectors import label_categories
from preflight.eval.realdata import load_labels
from preflight.eval.sweep import measure_file, run_sweep, synthetic_files
from preflight.imaging.frame import analysis_view
from preflight.imaging.quad import document_quad

_LINEAR = ((np.arange(256) / 255.0) ** 2.2).astype(np.float32)  # sRGB ~ gamma 2.2 to linear
_TILE = 24


def _tiles(img: np.ndarray, tile: int) -> np.ndarray:
    """(rows, cols, tile*tile) view of the whole tiles of a 2-D array."""
    gy, gx = img.shape[0] // tile, img.shape[1] // tile
    return (img[:gy * tile, :gx * tile].reshape(gy, tile, gx, tile)
            .transpose(0, 2, 1, 3).reshape(gy, gx, tile * tile))


def _inside(region: np.ndarray | None, shape: tuple[int, ...], tile: int) -> np.ndarray:
    """True for tiles wholly inside `region` (all tiles when None)."""
    if region is None:
        return np.ones((shape[0] // tile, shape[1] // tile), bool)
    return _tiles(region, tile).min(axis=-1) > 0


def veil_tiles(gray: np.ndarray, region: np.ndarray | None = None, *, max_contrast: float = 0.7,
               paper_lift: float = 8.0) -> float:
    """Largest cluster of text tiles with lowered contrast under a lifted paper; 0..1; pure."""
    if min(gray.shape) < 4 * _TILE:
        return 0.0
    ink = gray.astype(np.int16) < cv2.blur(gray, (31, 31)).astype(np.int16) - 12  # locally dark
    g, k = _tiles(gray.astype(np.float32), _TILE), _tiles(ink, _TILE)
    share = k.mean(axis=-1)
    text = _inside(region, gray.shape, _TILE) & (share >= 0.03) & (share <= 0.4)
    if text.sum() < 20:
        return 0.0
    n_ink = np.maximum(k.sum(axis=-1), 1)
    pap = (g * ~k).sum(axis=-1) / np.maximum(k.shape[-1] - k.sum(axis=-1), 1)
    contrast = (pap - (g * k).sum(axis=-1) / n_ink) / np.maximum(pap, 1.0)
    ref_c, ref_p = np.median(contrast[text]), np.median(pap[text])
    veiled = (text & (contrast < max_contrast * ref_c) & (pap >= ref_p + paper_lift)
              & (pap <= 252)).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(veiled, connectivity=8)
    return float(stats[1:, cv2.CC_STAT_AREA].max()) / float(text.sum()) if n > 1 else 0.0


def colour_veil(bgr: np.ndarray, region: np.ndarray | None = None, *,
                margin: float = 0.25) -> float:
    """Spread of a one-for-one (additive, specular) lift over one flat printed colour; pure."""
    h, w = bgr.shape[:2]
    s = 200.0 / max(h, w)
    size = (max(1, round(w * s)), max(1, round(h * s)))
    small = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
    lin = _LINEAR[small]
    hi, lo = lin.max(axis=2), lin.min(axis=2)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    grad = cv2.magnitude(cv2.Sobel(gray, cv2.CV_32F, 1, 0), cv2.Sobel(gray, cv2.CV_32F, 0, 1))
    flat = cv2.erode((grad < 24).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    sat = (hi - lo) / np.maximum(hi, 1e-4)
    valid = flat & (hi > 0.04) & (hi < 0.98) & (sat > 0.15)
    if region is not None:
        valid &= cv2.resize(region, size, interpolation=cv2.INTER_NEAREST) > 0
    area = float(valid.size if region is None else max(1, np.count_nonzero(region) * s * s))
    d = lin - lo[..., None]  # B, G, R above the min channel: the hue survives the specular term
    hue = np.arctan2(np.sqrt(3.0) * (d[..., 1] - d[..., 0]), 2 * d[..., 2] - d[..., 1] - d[..., 0])
    bins = ((hue + np.pi) / (2 * np.pi) * 12).astype(np.int32) % 12
    best = 0.0
    for b in range(12):
        n, labels, stats, _ = cv2.connectedComponentsWithStats(
            (valid & (bins == b)).astype(np.uint8), connectivity=8)
        for i in range(1, n):
            if stats[i, cv2.CC_STAT_AREA] >= 0.02 * area:
                best = max(best, _lift_spread(hi[labels == i], lo[labels == i], margin))
    return best


def _lift_spread(hi: np.ndarray, lo: np.ndarray, margin: float) -> float:
    p5, p95 = np.percentile(lo, [5, 95])
    if p95 - p5 < 0.02:
        return 0.0
    slope = float(np.polyfit(hi, lo, 1)[0])
    shading = float(np.median(lo / np.maximum(hi, 1e-4)))
    ok = shading + margin <= slope <= 1.3
    return float(p95 - p5) / max(float(np.median(hi)), 1e-3) if ok else 0.0


def sparkle_count(bgr: np.ndarray, region: np.ndarray | None = None) -> float:
    """Number of isolated colourless near-clipped specks (foil sparkle, sleeve highlights); pure."""
    b, g, r = cv2.split(bgr)
    v, lo = cv2.max(cv2.max(b, g), r), cv2.min(cv2.min(b, g), r)
    hot = (v >= 250) & (cv2.subtract(v, lo) <= 0.25 * v.astype(np.float32))
    if region is not None:
        hot &= region > 0
    doc = v.size if region is None else max(1, cv2.countNonZero(region))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(hot.astype(np.uint8), connectivity=8)
    count = 0
    for i in range(1, n):
        x, y, w, h, a = (int(t) for t in stats[i])
        if a < 2 or a > 0.003 * doc or x == 0 or y == 0 or x + w >= v.shape[1] \
                or y + h >= v.shape[0]:
            continue
        sl = (slice(max(0, y - 4), y + h + 4), slice(max(0, x - 4), x + w + 4))
        near = cv2.dilate((labels[sl] == i).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        count += int(np.median(v[sl][~near]) <= 215)
    return float(count)


def ink_ratio_bump(gray: np.ndarray, region: np.ndarray | None = None) -> float:
    """Amplitude x R^2 of a quadratic fit to the tiles' linear ink/paper ratio; pure."""
    if min(gray.shape) < 4 * _TILE:
        return 0.0
    t = _tiles(gray, _TILE)
    p5, p95 = np.percentile(t, 5, axis=-1), np.percentile(t, 95, axis=-1)
    ok = _inside(region, gray.shape, _TILE) & (p95 - p5 >= 25)
    if ok.sum() < 20:
        return 0.0
    ratio = _LINEAR[p5.astype(np.uint8)] / np.maximum(_LINEAR[p95.astype(np.uint8)], 1e-3)
    ys, xs = np.nonzero(ok)
    y, x, z = ys / ok.shape[0], xs / ok.shape[1], ratio[ok]
    a = np.stack([np.ones_like(x), x, y, x * x, y * y, x * y], axis=1)
    fit = a @ np.linalg.lstsq(a, z, rcond=None)[0]
    total = float(((z - z.mean()) ** 2).sum())
    r2 = 1.0 - float(((z - fit) ** 2).sum()) / total if total > 1e-9 else 0.0
    return float(fit.max() - np.median(fit)) * max(r2, 0.0)


CUES: dict[str, Callable[[np.ndarray, np.ndarray, np.ndarray | None], float]] = {
    "veil_tiles": lambda bgr, gray, region: veil_tiles(gray, region),
    "colour_veil": lambda bgr, gray, region: colour_veil(bgr, region),
    "sparkle_count": lambda bgr, gray, region: sparkle_count(bgr, region),
    "ink_ratio_bump": lambda bgr, gray, region: ink_ratio_bump(gray, region),
}


@dataclass(frozen=True)
class Item:
    """One file: its name, whether it is labelled glare, each cue's largest value over pages."""

    name: str
    glare: bool
    scores: Mapping[str, float]


def page_cues(page: PageContext) -> dict[str, float]:
    """Every cue of one page, on the analysis view inside the document (photos) or whole."""
    view, quad = page.memo(analysis_view), page.memo(document_quad)
    region = quad.region if quad.mode == "photo" else None
    gray = cv2.cvtColor(view.bgr, cv2.COLOR_BGR2GRAY)
    return {name: cue(view.bgr, gray, region) for name, cue in CUES.items()}


def _item(path: Path, name: str, glare: bool) -> Item:
    pages = measure_file(path, name, page_cues)
    return Item(name, glare, {c: max((p[c] for p in pages), default=0.0) for c in CUES})


def real_items(root: Path) -> Iterator[Item]:
    """Cue values of every labelled real file."""
    for it in load_labels(root):
        yield _item(it.path, it.file, "glare" in label_categories(it))


def synthetic_items() -> Iterator[Item]:
    """Cue values of the seeded synthetic cases (JPEG q90, like the detector evaluation)."""
    for name, categories, path in synthetic_files():
        yield _item(path, name, "glare" in categories)


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """ROC AUC (Mann-Whitney U / (n_pos * n_neg), ties count half); 0.5 when a side is empty."""
    if not pos or not neg:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def cue_lines(cue: str, items: Sequence[Item]) -> list[str]:
    """AUC, TP at FP 0 and 2, the positives' ranks and the top negatives for one cue."""
    ranked = sorted(items, key=lambda it: -it.scores[cue])
    pos = [it.scores[cue] for it in items if it.glare]
    neg = sorted((it.scores[cue] for it in items if not it.glare), reverse=True)
    at = [sum(p > (neg[k] if k < len(neg) else -np.inf) for p in pos) for k in (0, 2)]
    out = [f"{cue}: AUC {auc(pos, neg):.2f}  TP at FP 0: {at[0]}/{len(pos)}  "
           f"TP at FP 2: {at[1]}/{len(pos)}"]
    out += [f"    + rank {i:3d} {it.scores[cue]:8.3f}  {it.name}"
            for i, it in enumerate(ranked) if it.glare]
    out += [f"    - top    {it.scores[cue]:8.3f}  {it.name}"
            for it in [it for it in ranked if not it.glare][:5]]
    return out


def report(title: str, items: Sequence[Item]) -> list[str]:
    """Every cue's ranking for one set."""
    out = [f"== {title}: {len(items)} files, {sum(i.glare for i in items)} glare positives "
           "(few, from few sources: wide intervals) =="]
    for cue in CUES:
        out += cue_lines(cue, items)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the rankings and returns 0."""
    return run_sweep("python -m preflight.eval.glare_cues", __doc__, argv, report, real_items,
                     synthetic_items)


if __name__ == "__main__":
    raise SystemExit(main())
