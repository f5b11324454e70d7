"""Session-5 cues for Q201's remaining misses, measured on every page; none is adopted.

    python -m preflight.eval.blur_cues [DATA_DIR] [--no-synthetic]

Four cues were measured against the four real files Q201 misses (see "Blur, session 5" in
`docs/detectors.md`):

- `halo_overshoot`: a phone-scanner app that sharpens a blurred capture should leave an unsharp-
  mask signature, a bright halo beside dark strokes, brighter than the paper.
- `extrema_width`: the width of the stroke transitions between the extrema around each edge
  (Marziliano et al. 2002 in its original form), which the halo does not narrow: sharpening
  steepens the middle of a blurred edge, which fools the contrast-over-slope width Q201 uses,
  but leaves the edge's extent.
- `text_height`: legibility, the typical height of the ink marks in source pixels (内容清晰 is
  about reading the text, and text a few pixels high cannot be read however sharp it is).
- faint text: the median gray range (p98 − p2) of the text cells with their blur effect
  (strong defocus spreads the ink into the paper, so blurred text loses contrast; a lower blur
  effect might suffice when it has).

For every page the cues are computed on Q201's own text cells (`blur_map`) and on the page's
binarised ink; each is then added to Q201 as shipped (the page is flagged when Q201 flags it or
the cue passes a threshold) and swept over a grid, so the P/R it would buy is printed on the real
and the generated set apart. The misses are listed with, per cue, how many negative files score
at least as badly (a cue that helps must rank the misses above the negatives). The generated set
is the detector evaluation's seeded cases, then a stress set for the faint-text cue: the
`fixtures.synth` documents as they are and with their ink faded towards the paper (to 35 % and
25 % of its contrast, as in an overexposed photo), placed in a photo, sharp or softened by σ 1 px
(negatives: legible) or defocused by σ 2 px (positives; Q201 flags every unfaded one); how
many of each group Q201 and the faint-text rule flag is printed per group.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from preflight.checks.blurry_document import BlurryDocument, verdict
from preflight.context import PageContext
from preflight.eval.detectors import label_categories
from preflight.eval.realdata import load_labels
from preflight.eval.sweep import measure_file, run_sweep, synthetic_files
from preflight.imaging.blurmap import blur_map
from preflight.imaging.quad import document_quad

REACH = 8
"""Edges closer than this to the cell's border are not read for their halo."""


def halo_overshoot(gray: np.ndarray) -> float:
    """Halo beside the steepest edges of a grayscale cell, as a share of its contrast (p98 − p2).

    The edges (|central difference| at or above its 99th percentile and 20 % of the contrast,
    along rows and columns) are read 1–5 px into their bright side; an edge's halo is the
    brightest of those samples minus the paper level (the median of the pixels brighter than
    the middle of the contrast range), and the cell's is the median over its edges: the
    overshoot of a sharpened edge (unsharp masking brightens the paper next to a stroke; the
    overshoot of the edge spread function in ISO 12233's edge-SFR method). About 0 for an
    unsharpened edge, negative for a blurred one whose bright side is still rising, and 0 for a
    flat or tiny cell.
    """
    img = gray.astype(np.float32)
    if min(img.shape) < 2 * REACH + 3:
        return 0.0
    lo, hi = np.percentile(img, (2, 98))
    contrast = float(hi - lo)
    if contrast < 1:
        return 0.0
    paper = float(np.median(img[img > (lo + hi) / 2]))
    offsets = np.arange(1, 6)
    peaks = []
    for a in (img, np.ascontiguousarray(img.T)):
        slope = a[:, 2:] - a[:, :-2]
        mag = np.abs(slope)
        ys, xs = np.nonzero(mag >= max(float(np.percentile(mag, 99)), 0.2 * contrast))
        keep = (xs + 1 >= REACH) & (xs + 1 < a.shape[1] - REACH)
        ys, xs = ys[keep], xs[keep]
        sign = np.sign(slope[ys, xs])[:, None].astype(np.int64)  # towards the bright side
        peaks.append(a[ys[:, None], (xs + 1)[:, None] + offsets[None, :] * sign].max(axis=1))
    halos = np.concatenate(peaks) - paper
    return float(np.median(halos)) / contrast if len(halos) else 0.0


def extrema_width(gray: np.ndarray, min_rise: float = 0.5) -> float:
    """Edge width of a grayscale cell between the extrema around each edge (Marziliano et al.
    2002): the median length of the monotone runs along every other row (then column) that rise
    or fall by at least `min_rise` of the cell's contrast (p98 − p2), the larger of the two axes
    (motion blur widens one). A halo from sharpening ends a run at its peak, so the width is not
    narrowed by it. 0 for a flat or tiny cell."""
    img = gray.astype(np.float32)
    if min(img.shape) < 3:
        return 0.0
    lo, hi = np.percentile(img, (2, 98))
    contrast = float(hi - lo)
    if contrast < 1:
        return 0.0
    widths = [_run_widths(a[::2], min_rise * contrast) for a in (img, img.T)]
    return max(float(np.median(w)) if len(w) else 0.0 for w in widths)


def _run_widths(a: np.ndarray, min_rise: float) -> np.ndarray:
    """Lengths of the monotone runs along the rows of `a` whose rise is at least `min_rise`
    (flat steps continue the run they are in)."""
    step = np.sign(np.diff(a, axis=1))
    n = step.shape[1]
    last = np.where(step != 0, np.arange(n), 0)
    np.maximum.accumulate(last, axis=1, out=last)
    run_sign = np.take_along_axis(step, last, axis=1)
    change = np.ones(run_sign.shape, bool)
    change[:, 1:] = run_sign[:, 1:] != run_sign[:, :-1]
    starts = np.flatnonzero(change)  # every row begins a run, so no run crosses rows
    ends = np.append(starts[1:], change.size)
    flat = a.ravel()
    width = a.shape[1]
    first = (starts // n) * width + starts % n
    final = ((ends - 1) // n) * width + (ends - 1) % n + 1
    rise = np.abs(flat[final] - flat[first])
    return (ends - starts)[rise >= min_rise]


def text_height(gray: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Typical height in pixels of the ink marks of a grayscale page: the 75th percentile of the
    heights of the connected components of its adaptive-threshold ink (15 levels below the mean
    over a window of 31 px or 1/32 of the long side, whichever is larger) that look like characters or their parts (3 px up to 8 % of the long
    side high, at most 30 % wide, 6 px or more); only inside `mask` (uint8, 255 = document)
    when given. 0 when there is no such mark."""
    if min(gray.shape) < 3:
        return 0.0
    side = max(gray.shape)
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                max(31, side // 32 | 1), 15)
    if mask is not None:
        ink = cv2.bitwise_and(ink, mask)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w, area = (stats[1:, k] for k in (cv2.CC_STAT_HEIGHT, cv2.CC_STAT_WIDTH, cv2.CC_STAT_AREA))
    marks = h[(h >= 3) & (h <= 0.08 * side) & (w <= 0.3 * side) & (area >= 6)]
    return float(np.percentile(marks, 75)) if len(marks) else 0.0


@dataclass(frozen=True)
class PageCues:
    """Q201's decision as shipped and the three cues of one page."""

    shipped: bool
    overshoot: float
    """Median `halo_overshoot` of the text cells."""
    width: float
    """Median `extrema_width` of the text cells, working px."""
    height: float
    """`text_height` of the document, source px (0: no ink marks)."""
    level: float = 0.0
    """Q201's blur effect of the page (`BlurMap.level`)."""
    contrast: float = 0.0
    """Median gray range (p98 − p2) of the text cells."""
    scale: float = 1.0
    """Source px per working px."""

    @property
    def blur_per_height(self) -> float:
        """Edge extent relative to the text: `width` in source px over `height`."""
        return self.width * self.scale / self.height if self.height > 0 else 0.0


def page_cues(page: PageContext) -> PageCues:
    """The cues of one page, on Q201's text cells and the located document."""
    shipped = {k: p.default for k, p in BlurryDocument.params.items()}
    bm = page.memo(blur_map)
    gray = page.gray
    cells = [gray[y:y + h, x:x + w] for x, y, w, h in (t.box for t in bm.tiles)]
    quad = page.memo(document_quad)
    mask = None
    if quad.mode == "photo" and quad.region is not None:
        mask = cv2.resize(quad.region, gray.shape[::-1], interpolation=cv2.INTER_NEAREST)
    return PageCues(verdict(bm, shipped) is not None,
                    float(np.median([halo_overshoot(c) for c in cells])) if cells else 0.0,
                    float(np.median([extrema_width(c) for c in cells])) if cells else 0.0,
                    text_height(gray, mask) * page.scale, bm.level,
                    float(np.median([np.ptp(np.percentile(c, (2, 98))) for c in cells]))
                    if cells else 0.0, page.scale)


@dataclass(frozen=True)
class Item:
    """One file: its name, whether it is labelled blur, the cues of each page."""

    name: str
    blur: bool
    pages: tuple[PageCues, ...]


Rule = Callable[[PageCues, float], bool]
RULES: dict[str, tuple[Rule, tuple[float, ...]]] = {
    "overshoot >=": (lambda c, t: c.overshoot >= t, (0.10, 0.15, 0.20, 0.30)),
    "extrema width >= (working px)": (lambda c, t: c.width >= t, (5, 6, 8, 9, 10, 12)),
    "width >= 5 and overshoot >=": (lambda c, t: c.width >= 5 and c.overshoot >= t,
                                    (0.05, 0.10, 0.15)),
    "width / text height >=": (lambda c, t: c.blur_per_height >= t, (0.5, 0.75, 0.9, 1.0, 1.2)),
    "0 < text height <= (source px)": (lambda c, t: 0 < c.height <= t, (5, 6, 7, 8, 10, 12)),
    "blur effect >= 0.25 and 0 < contrast <=": (
        lambda c, t: c.level >= 0.25 and 0 < c.contrast <= t, (50, 55, 60, 70)),
    "contrast <= 60 and blur effect >=": (lambda c, t: 0 < c.contrast <= 60 and c.level >= t,
                                          (0.25, 0.30, 0.35)),
}
"""Each cue as a rule added to Q201 as shipped, with the thresholds swept."""


def flagged(item: Item, rule: Rule | None = None, t: float = 0.0) -> bool:
    """Q201 as shipped flags some page, or (with `rule`) the rule at threshold `t` does."""
    return any(c.shipped or (rule is not None and rule(c, t)) for c in item.pages)


def _prf(items: Sequence[Item], rule: Rule | None, t: float, label: str) -> str:
    hits = [(flagged(it, rule, t), it.blur) for it in items]
    tp = sum(h and b for h, b in hits)
    fp = sum(h and not b for h, b in hits)
    fn = sum(b and not h for h, b in hits)
    prec = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
    rec = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
    return f"  {label:<44} TP {tp:3d} FP {fp:3d} FN {fn:3d}  P {prec}  R {rec}"


CUES: Mapping[str, tuple[Callable[[PageCues], float], int]] = {
    "overshoot": (lambda c: c.overshoot, 1), "width": (lambda c: c.width, 1),
    "width/height": (lambda c: c.blur_per_height, 1), "height": (lambda c: c.height, -1),
    "contrast": (lambda c: c.contrast, -1)}
"""Each cue and the direction in which it means "worse" (+1 higher, −1 lower)."""


def _worst(item: Item, cue: Callable[[PageCues], float], sign: int) -> float:
    values = [sign * cue(c) for c in item.pages if cue(c) > 0 or sign > 0]
    return max(values, default=-np.inf)


def _miss_line(it: Item, negatives: Sequence[Item]) -> str:
    parts = []
    for name, (cue, sign) in CUES.items():
        mine = _worst(it, cue, sign)
        above = sum(_worst(n, cue, sign) >= mine for n in negatives)
        parts.append(f"{name} {sign * mine:.2f} ({above} neg. at least as bad)")
    return f"  {it.name}: " + "; ".join(parts)


def _faded_lines(items: Sequence[Item]) -> list[str]:
    """Per group of the faded stress set: files, flagged by Q201, added by the faint rule."""
    groups: dict[str, list[Item]] = {}
    for it in items:
        if it.name.startswith("faded/"):
            groups.setdefault(it.name.rsplit("_", 2)[-2] + " " + it.name.rsplit("_", 1)[-1],
                              []).append(it)
    if not groups:
        return []
    contrast, level = FAINT

    def rule(c: PageCues, _t: float) -> bool:
        return c.level >= level and 0 < c.contrast <= contrast

    out = [f"faded stress set: files, flagged by Q201, added by the faint rule (contrast <= "
           f"{contrast:g}, blur effect >= {level:g})"]
    for group, members in groups.items():
        shipped = sum(flagged(it) for it in members)
        added = sum(flagged(it, rule) for it in members) - shipped
        out.append(f"  {group:<18} {len(members):3d} files  Q201 {shipped:3d}  faint rule +{added}")
    return out


def report(title: str, items: Sequence[Item]) -> list[str]:
    """The sweep of each cue added to Q201, then the misses ranked among the negatives."""
    negatives = [it for it in items if not it.blur]
    out = [f"== {title}: {len(items)} files, {sum(i.blur for i in items)} blur positives "
           "(few, from few sources: wide intervals) ==", _prf(items, None, 0.0, "Q201 as shipped")]
    for name, (rule, grid) in RULES.items():
        out.append(f"Q201 or {name} t:")
        out.extend(_prf(items, rule, t, f"t={t:g}") for t in grid)
    out.extend(_faded_lines(items))
    out.append("files Q201 misses: each cue, and how many negative files score at least as badly")
    out.extend(_miss_line(it, negatives) for it in items if it.blur and not flagged(it))
    return out


def real_items(root: Path) -> Iterator[Item]:
    """The cues of every labelled real file."""
    for it in load_labels(root):
        yield Item(it.file, "blur" in label_categories(it),
                   measure_file(it.path, it.file, page_cues))


FADE_KEEP = (1.0, 0.35, 0.25)
"""Share of the ink's contrast kept in the faded stress set (1.0: as generated)."""
FADE_SIGMA = (0.0, 1.0, 2.0)
"""Blur of the faded stress set's photos, px of the 1600 px frame (2.0: labelled blurred)."""
FAINT = (60.0, 0.30)
"""(contrast, blur effect) of the faint-text rule whose hits are counted per stress group."""


def faded(doc: np.ndarray, keep: float) -> np.ndarray:
    """`doc` (BGR) with its ink faded towards the paper (p90 of each channel) to `keep` of its
    contrast, as in an overexposed photo."""
    img = doc.astype(np.float32)
    paper = np.percentile(img, 90, axis=(0, 1))
    return np.clip(paper - (paper - img) * keep, 0, 255).astype(np.uint8)


def synthetic_faded(seeds: int = 3) -> Iterator[tuple[str, bool, np.ndarray]]:
    """(name, blurred, image) of the faded stress set: every `fixtures.synth` document as it is
    and faded to 35 % and 25 % of its contrast, placed in a photo, then sharp, softened (σ 1 px:
    legible, negative) or defocused (σ 2 px: positive)."""
    from preflight.eval.detectors import _import_degradations
    _import_degradations()
    from fixtures.synth.degrade import base_documents
    from fixtures.synth.plain import photo_scene

    for seed in range(seeds):
        for kind, doc in base_documents(np.random.default_rng(seed)):
            for keep, sigma in itertools.product(FADE_KEEP, FADE_SIGMA):
                photo = photo_scene(faded(doc, keep), np.random.default_rng(seed + 10))
                if sigma:
                    photo = cv2.GaussianBlur(photo, (0, 0), sigma)
                yield f"faded/{kind}_{seed}_keep{keep:g}_sigma{sigma:g}", sigma >= 2, photo


def synthetic_items() -> Iterator[Item]:
    """The cues of the seeded synthetic cases of the detector evaluation, then of the faded
    stress set, written as JPEG q90 and loaded like a file."""
    for name, categories, path in synthetic_files():
        yield Item(name, "blur" in categories, measure_file(path, name, page_cues))
    with tempfile.TemporaryDirectory() as tmp:
        for name, blurred, image in synthetic_faded():
            path = Path(tmp) / (name.replace("/", "_") + ".jpg")
            cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 90])
            yield Item(name, blurred, measure_file(path, name, page_cues))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the sweeps and returns 0."""
    return run_sweep("python -m preflight.eval.blur_cues", __doc__, argv, report, real_items,
                     synthetic_items)


if __name__ == "__main__":
    raise SystemExit(main())

