"""Blur with OCR on: Q201 (the pixels) or Q202 (the page's own OCR cannot read its text).

    python -m preflight.eval.blur_ocr [DATA_DIR] [--shard K/N] [--no-real] [--no-synthetic]

`python -m preflight.eval.detectors` runs with OCR off, so it scores Q201 alone. This runs the
pipeline with OCR on (its own reading, `analyze_page`) and the checks Q201 and Q202 on every
real labelled file, and prints TP/FP/FN against the `blur` label (flagged = Q201 or Q202 at
warning or above), what Q202 adds, the misclassified files with their measured share, per
source, and the clean files with an error. Q202 is run with `max_share` 0 so that it reports
its measure on every page it judges; a page counts as flagged by Q202 when that share reaches
the shipped `max_share`, which is the check's own comparison.

The generated part (kept apart) photographs the four `fixtures.synth` documents (ID front and
back, licence, authorisation letter; `SEEDS` seeds) sharp, defocused by a Gaussian of σ 1,
1.5, 2 and 3 working px, shaken by a line of 4, 7, 10 and 16 working px (and 10, 16 at 45°), and as
sharp stress negatives faded to 35 % of their contrast, filling 45 % of the frame, or saved at
JPEG quality 35; it prints Q202's share per step: does OCR confidence fall with blur, and where
does the shipped threshold sit? OCR takes about a second a
file on two cores: `--shard K/N` runs every N-th real file from the K-th (0-based).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import cv2
import numpy as np

from preflight.checks.text_illegible import TextIllegible
from preflight.eval.detectors import label_categories, run_file
from preflight.eval.realdata import DEFAULT_REAL, load_labels
from preflight.model import Finding, Severity
from preflight.settings import Settings

SEEDS = 3
STEPS: tuple[tuple[str, float], ...] = (
    ("sharp", 0.0), ("gauss", 1.0), ("gauss", 1.5), ("gauss", 2.0), ("gauss", 3.0),
    ("motion", 4.0), ("motion", 7.0), ("motion", 10.0), ("motion", 16.0), ("tilted", 10.0),
    ("tilted", 16.0),
    ("faded", 0.35), ("small", 0.45), ("jpeg", 35.0))
"""(kind, amount) of the generated steps: σ (`gauss`) or line length (`motion` horizontal,
`tilted` at 45°) in working px; sharp stress negatives: ink faded to `amount` of its contrast
(`faded`), the document filling `amount` of the frame (`small`), JPEG quality (`jpeg`). The
1600 × 1200 photos are read at their own size (halving them would fall below the 1000 px
working size), so working px are the photo's pixels."""
NEGATIVE = frozenset({"sharp", "faded", "small", "jpeg"})


def _settings() -> Settings:
    return Settings(ocr=True, select=("Q201", "Q202"), check_params={"Q202": {"max_share": 0.0}})


def share(findings: Sequence[Finding]) -> float | None:
    """Q202's measured share (largest over the pages), None when no page was judged."""
    values = [f.measured["share"] for f in findings if f.code == "Q202"]
    return max(values) if values else None


def verdict(findings: Sequence[Finding]) -> tuple[bool, bool]:
    """(Q201 flagged at warning or above, Q202's share reaches the shipped threshold)."""
    q201 = any(f.code == "Q201" and f.severity.rank >= Severity.WARNING.rank for f in findings)
    value = share(findings)
    return q201, value is not None and value >= float(TextIllegible.params["max_share"].default)


def real_lines(root: Path, k: int, n: int) -> list[str]:
    """The real-set report of shard k of n."""
    counts: Counter[str] = Counter()
    lines: list[str] = []
    negatives: list[tuple[float, str]] = []
    items = load_labels(root)[k::n]
    for item in items:
        found = run_file(item.path, item.file, root, _settings())
        q201, q202 = verdict(found)
        truth = "blur" in label_categories(item)
        key = ("TP" if q201 or q202 else "FN") if truth else ("FP" if q201 or q202 else "TN")
        counts[key] += 1
        counts[f"{key} source {item.file.split('/')[0]}"] += 1
        if truth and q202 and not q201:
            counts["added"] += 1
        if item.defects == {"none"} and any(f.severity is Severity.ERROR for f in found):
            counts["clean error"] += 1
        value = share(found)
        if not truth and value is not None:
            negatives.append((value, item.file))
        if key in ("FP", "FN") or (truth and q202 and not q201):
            lines.append(f"  {key}{' (Q202 only)' if q202 and not q201 else ''}: {item.file}  "
                         f"Q201 {'yes' if q201 else 'no'}, share "
                         f"{'-' if value is None else f'{value:.2f}'}")
    tp, fp, fn = counts["TP"], counts["FP"], counts["FN"]
    out = [f"== REAL {root}, shard {k}/{n}: {len(items)} files, blur with OCR on (Q201 or Q202 >= "
           f"{TextIllegible.params['max_share'].default}) ==",
           f"blur  TP {tp}  FP {fp}  FN {fn}  TN {counts['TN']}  precision "
           f"{tp / max(1, tp + fp):.2f}  recall {tp / max(1, tp + fn):.2f}",
           f"  TP Q202 adds to Q201: {counts['added']}",
           f"  clean (`none`) files with an error (Q201; Q202 only warns): {counts['clean error']}",
           _thin_data(root),
           *lines, "  highest shares of files without blur (the margin below the threshold):",
           *(f"    {v:.2f} {f}" for v, f in sorted(negatives, reverse=True)[:5])]
    out.extend(f"  {c}: {counts[c]}" for c in sorted(c for c in counts if " source " in c))
    return out


def _thin_data(root: Path) -> str:
    """How many blur positives, from how many sources, the whole labelled set holds."""
    sources = [it.file.split("/")[0] for it in load_labels(root) if "blur" in label_categories(it)]
    return (f"  thin data: {len(sources)} blur positives from {len(set(sources))} sources in the "
            f"whole set; one file moves recall by {1 / max(1, len(sources)):.2f}")


def _degrade(photo: np.ndarray, kind: str, amount: float) -> np.ndarray:
    if kind == "gauss":
        return cv2.GaussianBlur(photo, (0, 0), amount)
    if kind in ("motion", "tilted"):
        length = max(2, round(amount))
        kernel: np.ndarray = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1.0
        if kind == "tilted":
            centre = (length / 2 - 0.5, length / 2 - 0.5)
            kernel = cv2.warpAffine(kernel, cv2.getRotationMatrix2D(centre, 45.0, 1.0),
                                    (length, length))
        return cv2.filter2D(photo, -1, kernel / max(float(kernel.sum()), 1e-6))
    return photo


def synthetic_cases() -> Iterator[tuple[str, tuple[str, float], np.ndarray]]:
    """(name, step, photo) of the generated blur steps (BGR, 1600 px frame)."""
    from preflight.eval.blur_cues import faded
    from preflight.eval.detectors import _import_degradations
    _import_degradations()
    from fixtures.synth.degrade import base_documents
    from fixtures.synth.plain import photo_scene

    for seed in range(SEEDS):
        for kind, doc in base_documents(np.random.default_rng(seed)):
            for step in STEPS:
                src = faded(doc, step[1]) if step[0] == "faded" else doc
                fill = step[1] if step[0] == "small" else 0.75
                photo = photo_scene(src, np.random.default_rng(seed + 10), fill=fill)
                yield f"{kind}_{seed}_{step[0]}{step[1]:g}", step, _degrade(photo, *step)


def synthetic_lines() -> list[str]:
    """Q202's share and verdicts per generated step."""
    per: dict[tuple[str, float], list[tuple[str, float | None, bool, bool]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for name, step, photo in synthetic_cases():
            path = Path(tmp) / f"{name}.jpg"
            quality = int(step[1]) if step[0] == "jpeg" else 90
            cv2.imwrite(str(path), photo, [cv2.IMWRITE_JPEG_QUALITY, quality])
            found = run_file(path, path.name, Path(tmp), _settings())
            per[step].append((name, share(found), *verdict(found)))
    out = ["== SYNTHETIC (generated, fixtures/synth): Q202 share per step (working px; "
           "'-' fewer than min_characters judged, '!' Q201 silent) =="]
    for step, rows in per.items():
        values = [v for _, v, _, _ in rows if v is not None]
        text = " ".join(("-" if v is None else f"{v:.2f}") + ("" if q201 else "!")
                        for _, v, q201, _ in rows)
        out.append(f"  {step[0]:6s} {step[1]:<4g} median "
                   f"{statistics.median(values) if values else float('nan'):.2f}  "
                   f"Q201 {sum(r[2] for r in rows)}/{len(rows)}  Q202 {sum(r[3] for r in rows)}/"
                   f"{len(rows)}  either {sum(r[2] or r[3] for r in rows)}/{len(rows)}  [{text}]")
    negatives = [r for step, rows in per.items() if step[0] in NEGATIVE for r in rows]
    top = max((r[1] for r in negatives if r[1] is not None), default=0.0)
    out.append(f"  sharp stress negatives ({', '.join(sorted(NEGATIVE))}): Q202 "
               f"{sum(r[3] for r in negatives)}/{len(negatives)}, highest share {top:.2f}; "
               f"threshold {TextIllegible.params['max_share'].default}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the OCR-on blur figures (real, one shard), then the generated steps."""
    ap = argparse.ArgumentParser(prog="python -m preflight.eval.blur_ocr", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--shard", default="0/1", help="K/N: every N-th real file from the K-th")
    ap.add_argument("--no-real", action="store_true", help="skip the real set")
    ap.add_argument("--no-synthetic", action="store_true", help="skip the generated steps")
    args = ap.parse_args(argv)
    k, n = (int(v) for v in args.shard.split("/"))
    if not args.no_real:
        if (args.data_dir / "labels.csv").is_file():
            print("\n".join(real_lines(args.data_dir, k, n)))
        else:
            print(f"no labels.csv under {args.data_dir}: real data absent, nothing evaluated")
    if not args.no_synthetic:
        print("\n".join(synthetic_lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
