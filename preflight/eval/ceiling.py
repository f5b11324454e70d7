"""What the real data allows: a held-out ceiling for glare, screen recapture, cut corners, blur.

    python -m preflight.eval.ceiling [DATA_DIR] [--category C ...] [--l2 1.0]

For each category, every labelled file gets a short vector of the values the shipped check
already measures (and the rejected cues that exist as code, `glare_cues`), taken page by page
exactly as the pipeline sees the page (`sweep.measure_file`: loading, analysis view, document
quad, memoised measures) and reduced to the largest value over the file's pages. `shipped` is 1
when the check itself reports the page. Printed per category:

- every feature's ROC AUC (its direction chosen on the same data, so optimistic) and its TP at
  FP <= 1 (the best single threshold);
- an L2 logistic regression on standardised features (Newton's method, numpy only), scored
  *in-sample* (trained on every file) and *leave-one-source-out* (a source, the first path
  component of a file, is scored by a model that never saw it): AUC, the threshold with the most
  TP at precision >= 0.90 and its recall, and the held-out errors there;
- the same held out file by file (the file's own source stays in training: if this is much
  better than leave-source-out, more sources would help; if both are low, the cues lack it);
- positives per source, and a verdict on the target (P >= 0.90, R >= 0.85).

No check uses the regression: it bounds what a combination of these cues could reach on this
data. Few positives from few sources: one file moves recall by 1/positives.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from preflight.checks.blurry_document import BlurryDocument
from preflight.checks.document_cut_off import DocumentCutOff
from preflight.checks.glare_on_document import GlareOnDocument
from preflight.checks.screen_recapture import ScreenRecapture, moire_score
from preflight.context import PageContext
from preflight.eval.detectors import label_categories
from preflight.eval.glare_cues import auc, page_cues
from preflight.eval.realdata import DEFAULT_REAL, load_labels
from preflight.eval.sweep import measure_file
from preflight.imaging.blurmap import blur_map
from preflight.imaging.border import (
    border_ink,
    corners_near_border,
    outline_points_on_border,
    saturated_share,
)
from preflight.imaging.frame import analysis_view
from preflight.imaging.glare import glare_map
from preflight.imaging.outline import closed_outline
from preflight.imaging.quad import document_quad, whole_outline_inside
from preflight.registry import PageCheck

MIN_PRECISION = 0.90
TARGET_RECALL = 0.85
Features = dict[str, float]


def _shipped(check: PageCheck, page: PageContext) -> float:
    """1.0 when the shipped check (default parameters) reports the page."""
    return float(any(True for _ in check.check(page)))


def glare_features(page: PageContext) -> Features:
    """Q301's largest glare blob (size, saturation, halo, fade, ink loss, frame edge), the paper
    level, and the four rejected sheen cues of `glare_cues`."""
    gm = page.memo(glare_map)
    b = gm.blobs[0] if gm.blobs else None
    return {"shipped": _shipped(GlareOnDocument(), page), "blobs": float(len(gm.blobs)),
            "fraction": b.fraction if b else 0.0, "clipped": b.clipped if b else 0.0,
            "halo": b.halo if b else 0.0, "fade": b.fade if b else 0.0,
            "ink_loss": b.ring_ink - b.inside_ink if b else 0.0,
            "frame_edge": float(b.at_frame_edge) if b else 0.0, "paper": gm.paper,
            **page_cues(page)}


def recapture_features(page: PageContext) -> Features:
    """Q401's colour-moiré score at both octaves (zeros on PDF pages, as in Q401)."""
    s = moire_score(page) if page.source != "pdf" else None
    names = ("chroma", "luma", "ratio", "flat", "coarse_chroma", "coarse_luma", "coarse_ratio")
    vals = (s.chroma_ripple, s.luma_ripple, s.ratio, s.flat_fraction, s.coarse_chroma,
            s.coarse_luma, s.coarse_ratio) if s else (0.0,) * 7
    return {"shipped": _shipped(ScreenRecapture(), page), **dict(zip(names, vals, strict=True))}


def crop_features(page: PageContext) -> Features:
    """Q501's measures: document mode, area and border contact, outline points and quad corners
    on the border, cut ink, the corner rule, saturation and the two whole-outline vetoes."""
    quad, view = page.memo(document_quad), page.memo(analysis_view)
    b, region = quad.border, quad.region
    ink = border_ink(view.gray, region) if region is not None else (0.0,) * 4
    corner = any(0.3 <= b[i] <= 0.9 and 0.3 <= b[(i + 1) % 4] <= 0.9 for i in range(4))
    return {"shipped": _shipped(DocumentCutOff(), page), "photo": float(quad.mode == "photo"),
            "quad_found": float(quad.found), "area": quad.area_fraction,
            "border_max": max(b), "border_min": min(b), "contact": quad.border_contact,
            "outline_pts": float(outline_points_on_border(region)) if region is not None else 0.0,
            "corners_out": float(len(corners_near_border(quad.corners, view.size))),
            "cut_ink": max(ink), "contact_ink": max(b[i] * ink[i] for i in range(4)),
            "corner_rule": float(corner),
            "saturated": saturated_share(view.bgr, region) if region is not None else 0.0,
            "edge_outline": float(whole_outline_inside(view.gray)),
            "line_outline": float(closed_outline(view.gray) is not None)}


def blur_features(page: PageContext) -> Features:
    """Q201's blur map: cell blur (median, page level, p75, worst), edge widths, anisotropy,
    cell count, and the most blurred panel of a composite against its sharpest."""
    bm = page.memo(blur_map)
    scores = [t.score for t in bm.tiles] or [0.0]
    ext = bm.panel_extremes
    return {"shipped": _shipped(BlurryDocument(), page), "level": bm.level,
            "median": bm.median, "p75": float(np.percentile(scores, 75)), "worst": max(scores),
            "edge_width": bm.edge_width, "soft_edge": bm.soft_edge_width,
            "anisotropy": bm.anisotropy, "cells": float(len(bm.tiles)),
            "panel_level": ext[0].level if ext else 0.0,
            "panel_ratio": ext[0].level / max(ext[1].level, 1e-3) if ext else 0.0}


CATEGORIES: dict[str, Callable[[PageContext], Features]] = {
    "glare": glare_features, "screen_recapture": recapture_features,
    "cropped_corner": crop_features, "blur": blur_features}


@dataclass(frozen=True)
class Table:
    """One category's data: feature names, per-file values (rows), labels, sources, names."""

    names: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    sources: np.ndarray
    files: tuple[str, ...]


def measure(root: Path, categories: Sequence[str]) -> dict[str, Table]:
    """Feature tables of every labelled file under `root` for `categories` (one load per file)."""
    items = load_labels(root)

    def page_all(page: PageContext) -> dict[str, Features]:
        return {c: CATEGORIES[c](page) for c in categories}

    pages = [measure_file(it.path, it.file, page_all) for it in items]
    out = {}
    for c in categories:
        names = tuple(next(p[c] for f in pages for p in f))
        x = np.array([[max((p[c][n] for p in f), default=0.0) for n in names] for f in pages])
        y = np.array([c in label_categories(it) for it in items], float)
        out[c] = Table(names, x, y, np.array([it.file.split("/", 1)[0] for it in items]),
                       tuple(it.file for it in items))
    return out


@dataclass(frozen=True)
class Logistic:
    """An L2 logistic regression on standardised features (`fit_logistic`)."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # intercept first

    def decision(self, x: np.ndarray) -> np.ndarray:
        """The logit of each row of `x`."""
        z = (x - self.mean) / self.scale
        return np.asarray(self.weights[0] + z @ self.weights[1:])


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50) -> Logistic:
    """Newton's method (IRLS) on the class-balanced log-loss (each class weighs half the files,
    so the intercept does not follow the prevalence of the training sources) + l2/2 |w|^2
    (intercept not penalised) of the standardised features; a constant feature gets weight 0."""
    n_pos = max(1.0, float(y.sum()))
    sw = np.where(y > 0, len(y) / (2 * n_pos), len(y) / (2 * max(1.0, len(y) - n_pos)))
    mean, sd = x.mean(axis=0), x.std(axis=0)
    scale = np.where(sd > 1e-12, sd, 1.0)
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    pen = np.full(z.shape[1], float(l2))
    pen[0] = 1e-6
    w = np.zeros(z.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -35, 35)))
        grad = z.T @ (sw * (p - y)) + pen * w
        hess = (z.T * (sw * p * (1 - p))) @ z + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(mean, scale, w)


def loso_scores(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Held-out logits: each source scored by a model trained on all the other sources (a
    training set without both classes gives its held-out files the lowest score)."""
    out = np.empty(len(y))
    for g in np.unique(groups):
        test = groups == g
        train_y = y[~test]
        if train_y.min() == train_y.max():
            out[test] = -np.inf
            continue
        out[test] = fit_logistic(x[~test], train_y, l2).decision(x[test])
    return out


def loso_flags(x: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Held-out decisions: each source flagged by a model *and* a threshold (the most TP at
    precision >= 0.90 on its training files) chosen without it; nothing flagged where the
    training files allow no such threshold."""
    out = np.zeros(len(y), bool)
    for g in np.unique(groups):
        test = groups == g
        if y[~test].min() == y[~test].max():
            continue
        model = fit_logistic(x[~test], y[~test], l2)
        op = best_at_precision(model.decision(x[~test]), y[~test])
        if op.threshold is not None:
            out[test] = model.decision(x[test]) >= op.threshold
    return out


@dataclass(frozen=True)
class Operating:
    """A threshold (flag when score >= it) and its counts; threshold None when none qualifies."""

    threshold: float | None
    tp: int
    fp: int


def best_at_precision(scores: np.ndarray, y: np.ndarray,
                      min_precision: float = MIN_PRECISION) -> Operating:
    """The threshold with the most TP whose precision is at least `min_precision`."""
    return _best(scores, y, lambda tp, fp: tp / (tp + fp) >= min_precision)


def best_at_fp(scores: np.ndarray, y: np.ndarray, max_fp: int = 1) -> Operating:
    """The threshold with the most TP at no more than `max_fp` false positives."""
    return _best(scores, y, lambda tp, fp: fp <= max_fp)


def _best(scores: np.ndarray, y: np.ndarray, allowed: Callable[[int, int], bool]) -> Operating:
    """The threshold (flag when score >= it) with the most TP among those `allowed(tp, fp)`."""
    best = Operating(None, 0, 0)
    for t in np.unique(scores[np.isfinite(scores)]):
        hit = scores >= t
        tp, fp = int((hit & (y > 0)).sum()), int((hit & (y == 0)).sum())
        if tp > best.tp and allowed(tp, fp):
            best = Operating(float(t), tp, fp)
    return best


def score_auc(scores: np.ndarray, y: np.ndarray) -> float:
    """ROC AUC of `scores` for the positives of `y` (`glare_cues.auc`)."""
    return auc(list(scores[y > 0]), list(scores[y == 0]))


def feature_lines(t: Table) -> list[str]:
    """Each feature's AUC (oriented so that high means positive) and TP at FP <= 1."""
    n_pos = int(t.y.sum())
    out = [f"  {'feature':<16}{'dir':>4}{'AUC':>6}  TP at FP<=1   TP/FP at P>=.90"
           "   (in-sample; direction chosen on this data)"]
    for j, name in enumerate(t.names):
        a = score_auc(t.x[:, j], t.y)
        sign = 1.0 if a >= 0.5 else -1.0
        at_fp, at_p = best_at_fp(sign * t.x[:, j], t.y), best_at_precision(sign * t.x[:, j], t.y)
        out.append(f"  {name:<16}{'+' if sign > 0 else '-':>4}{max(a, 1 - a):>6.2f}"
                   f"  {at_fp.tp:>3}/{n_pos} FP {at_fp.fp}    {at_p.tp:>3} / {at_p.fp}")
    return out


def model_line(label: str, scores: np.ndarray, y: np.ndarray) -> tuple[str, Operating]:
    """AUC, the best P >= .90 point and its recall, as one line."""
    op = best_at_precision(scores, y)
    at_fp = best_at_fp(scores, y)
    return (f"  {label:<24} AUC {score_auc(scores, y):.2f}  TP at FP<=1 {at_fp.tp:>2}  "
            f"at P>=.90: TP {op.tp:>2} FP {op.fp:>2} recall {op.tp / max(1, int(y.sum())):.2f}",
            op)


def category_report(cat: str, t: Table, l2: float, l2_alt: Sequence[float]) -> list[str]:
    """The printed block of one category."""
    n_pos = int(t.y.sum())
    by_src = Counter(s for s, yy in zip(t.sources, t.y, strict=True) if yy > 0)
    out = [f"== {cat}: {len(t.y)} files, {n_pos} positives from {len(by_src)} of "
           f"{len(set(t.sources))} sources; features = largest value over the file's pages ==",
           "  positives per source: " + ", ".join(f"{s} {n}" for s, n in by_src.most_common())]
    shipped = t.x[:, t.names.index("shipped")] > 0
    tp, fp = int((shipped & (t.y > 0)).sum()), int((shipped & (t.y == 0)).sum())
    out.append(f"  shipped check as is: TP {tp} FP {fp} FN {n_pos - tp}, P "
               f"{tp / max(1, tp + fp):.2f} R {tp / max(1, n_pos):.2f}")
    out += feature_lines(t)
    out.append(f"  logistic regression, L2 {l2:g}, {len(t.names)} standardised features:")
    inside, op_in = model_line("in-sample (all files)",
                               fit_logistic(t.x, t.y, l2).decision(t.x), t.y)
    held = loso_scores(t.x, t.y, t.sources, l2)
    line, op = model_line("held-out, leave-source-out", held, t.y)
    flags = loso_flags(t.x, t.y, t.sources, l2)
    tp, fp = int((flags & (t.y > 0)).sum()), int((flags & (t.y == 0)).sum())
    out += [inside, line, f"  held-out, threshold set in the training sources: TP {tp:>2} FP "
            f"{fp:>2}, P {tp / max(1, tp + fp):.2f} R {tp / max(1, n_pos):.2f}"]
    out.append(model_line("held-out, leave-file-out", loso_scores(
        t.x, t.y, np.arange(len(t.y)), l2), t.y)[0] + "  (same-source files in training)")
    out += [model_line(f"held-out, L2 {alt:g}", loso_scores(t.x, t.y, t.sources, alt), t.y)[0]
            for alt in l2_alt]
    hit = held >= op.threshold if op.threshold is not None else np.zeros(len(held), bool)
    found = Counter(s for s, h, yy in zip(t.sources, hit, t.y, strict=True) if h and yy > 0)
    out.append("  held-out TP per source at P>=.90: "
               + ", ".join(f"{s} {found[s]}/{n}" for s, n in by_src.most_common()))
    out += [f"  held-out false negative: {f}" for f, h, yy in zip(t.files, hit, t.y, strict=True)
            if yy > 0 and not h]
    out += [f"  held-out false positive: {f}" for f, h, yy in zip(t.files, hit, t.y, strict=True)
            if yy == 0 and h]
    recall = op.tp / max(1, n_pos)
    verdict = "reachable" if recall >= TARGET_RECALL else "not reachable"
    out.append(f"  VERDICT {cat}: held-out recall at P >= {MIN_PRECISION:.2f}: {recall:.2f} "
               f"(in-sample, optimistic: {op_in.tp / max(1, n_pos):.2f}); "
               f"target {TARGET_RECALL:.2f}: {verdict} with these cues on this data "
               f"(thin data: {n_pos} positives from {len(by_src)} sources, one file = "
               f"{1 / max(1, n_pos):.2f} of recall)")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints one block per category and returns 0."""
    ap = argparse.ArgumentParser(prog="python -m preflight.eval.ceiling", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--category", action="append", choices=list(CATEGORIES), default=[])
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty of the regression")
    args = ap.parse_args(argv)
    cats = args.category or list(CATEGORIES)
    cv2.setNumThreads(1)
    tables = measure(args.data_dir, cats)
    alt = [v for v in (0.1, 10.0) if v != args.l2]
    for c in cats:
        print("\n".join(category_report(c, tables[c], args.l2, alt)))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
