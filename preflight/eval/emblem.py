"""Evaluate the emblem check (Q901) on generated ID backs: SYNTHETIC ONLY, no real labels exist.

    python -m preflight.eval.emblem [--per-kind N]

Each generated 国徽面 photo is written to a temporary folder as `国徽面_<case>.jpg` (so the
attachment role is id_back, as a filing's file name would give it) and run through the real
pipeline; prints TP/FP/FN, precision, recall and the misclassified cases.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

import cv2

from preflight.eval.detectors import run_file
from preflight.settings import Settings


def evaluate(per_kind: int = 3) -> tuple[int, int, int, list[str]]:
    """(TP, FP, FN, misclassified case names) of the emblem category on generated backs."""
    from fixtures.synth.emblem import emblem_cases

    settings = Settings(ocr=False)
    tp = fp = fn = 0
    wrong = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, image, hidden in emblem_cases(per_kind=per_kind):
            path = root / f"国徽面_{name}.jpg"
            cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 90])
            flagged = any(f.category.value == "emblem"
                          for f in run_file(path, path.name, root, settings))
            tp += flagged and hidden
            fp += flagged and not hidden
            fn += hidden and not flagged
            if flagged != hidden:
                wrong.append(name)
    return tp, fp, fn, wrong


def main(argv: Sequence[str] | None = None) -> int:
    """Print the synthetic emblem figures."""
    ap = argparse.ArgumentParser(prog="python -m preflight.eval.emblem", description=__doc__)
    ap.add_argument("--per-kind", type=int, default=3)
    args = ap.parse_args(argv)
    tp, fp, fn, wrong = evaluate(args.per_kind)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print("== emblem: SYNTHETIC generated ID backs only (no real labelled data) ==")
    print(f"TP {tp} FP {fp} FN {fn} precision {prec:.2f} recall {rec:.2f}")
    print("\n".join(f"  misclassified: {w}" for w in wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
