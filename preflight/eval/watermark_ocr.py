"""Q701 with OCR on: the framed stamps plus the watermark words of the page's OCR text.

    python -m preflight.eval.watermark_ocr [DATA_DIR] [--shard K/N]

`python -m preflight.eval.detectors` runs with OCR off, so it scores the framed-stamp measure
alone. This runs Q701 alone on every real labelled file with OCR on (the pipeline's own reading:
`analyze_page`, the rows it reads for the type and dates) and prints TP/FP/FN against the
`watermark` label, split into what the stamps find and what only the OCR words add, the
misclassified files, the per-source breakdown, the clean files with a Q701 finding, and the
median OCR time per page (the OCR is the pipeline's, paid whether Q701 runs or not). OCR takes
seconds a photo on two cores: `--shard K/N` runs every N-th file from the K-th (0-based) so each
run stays short; the shards' counts add up. Real figures only: the synthetic stamps carry no
words the lexicon looks for.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from preflight.eval.detectors import run_file
from preflight.eval.realdata import DEFAULT_REAL, load_labels
from preflight.model import Finding, Severity
from preflight.settings import Settings


def _flagged(findings: Sequence[Finding], text: bool) -> bool:
    """A Q701 finding at warning or above; from the OCR words (`text`) or from a stamp."""
    return any(f.code == "Q701" and f.severity.rank >= Severity.WARNING.rank
               and ("watermark_text" in f.measured) == text for f in findings)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the OCR-on Q701 figures of the real set (or of one shard of it)."""
    ap = argparse.ArgumentParser(prog="python -m preflight.eval.watermark_ocr",
                                 description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--shard", default="0/1", help="K/N: every N-th file from the K-th")
    args = ap.parse_args(argv)
    k, n = (int(v) for v in args.shard.split("/"))
    if not (args.data_dir / "labels.csv").is_file():
        print(f"no labels.csv under {args.data_dir}: real data absent, nothing evaluated")
        return 0
    settings = Settings(ocr=True, select=("Q701",))
    counts: Counter[str] = Counter()
    lines, seconds = [], []
    for item in load_labels(args.data_dir)[k::n]:
        start = time.perf_counter()
        found = run_file(item.path, item.file, args.data_dir, settings)
        seconds.append(time.perf_counter() - start)
        truth = "watermark" in item.defects
        stamp, text = _flagged(found, False), _flagged(found, True)
        key = ("TP" if stamp or text else "FN") if truth else ("FP" if stamp or text else "TN")
        counts[key] += 1
        counts[f"{key} source {item.file.split('/')[0]}"] += 1
        if item.defects == {"none"} and (stamp or text):
            counts["clean with a finding"] += 1
        if truth and text and not stamp:
            counts["TP added by the OCR words"] += 1
        if key in ("FP", "FN") or (truth and text and not stamp):
            words = [f.measured["watermark_text"] for f in found if "watermark_text" in f.measured]
            lines.append(f"  {key}{' (words)' if text and not stamp else ''}: {item.file} {words}")
    tp, fp, fn = counts["TP"], counts["FP"], counts["FN"]
    print(f"== REAL {args.data_dir}, shard {k}/{n}: {len(seconds)} files, Q701 with OCR on ==")
    print(f"watermark  TP {tp}  FP {fp}  FN {fn}  TN {counts['TN']}  precision "
          f"{tp / max(1, tp + fp):.2f}  recall {tp / max(1, tp + fn):.2f}")
    print(f"  TP the OCR words add to the stamps: {counts['TP added by the OCR words']}")
    print(f"  clean (`none`) files with a Q701 warning or error: {counts['clean with a finding']}")
    print(f"  seconds per file (load + OCR + Q701): median {statistics.median(seconds or [0]):.2f}")
    print("\n".join(lines))
    for key in sorted(c for c in counts if " source " in c):
        print(f"  {key}: {counts[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
