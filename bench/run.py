"""The preflight benchmark: one command, figures and ratios measured in the same run.

    python bench/run.py [--repeat 5] [--filings 8] [--rounds 1] [--no-throughput] [--no-ocr]
                        [--only NAME] [--work-long-side PX]

1. Generates (once, seeded) 12 MP phone-like JPEGs, A4 scans at 300 dpi (PNG, JPEG) and a
   3-page scanned PDF under bench/results/corpus (bench/corpus.py).
2. Per file, in a fresh subprocess (bench/measure.py), the median of `--repeat` interleaved runs
   of: plain full decode (`cv2.imread`), preflight's decode, each page check, OCR; wall and CPU
   time. Then, in another fresh subprocess, the peak RSS of one full check with OCR.
3. Batch throughput of `preflight audit` with 1 and 2 workers on `--filings` generated filings
   (three 12 MP photos each), alternating runs (bench/throughput.py).
4. Prints the tables and the issue's targets (reached or not) and writes everything as JSON to
   bench/results/latest.json (and a time-stamped copy). docs/performance.md explains the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import BenchFile, generate, make_filings  # noqa: E402
from bench.throughput import throughput  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
TARGETS = {"ratio_to_full_decode": 1.0, "ocr_s_per_document": 1.0, "speedup_2_workers": 1.8,
           "peak_rss_mb": 400.0}


def _subprocess_json(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(HERE / "measure.py"), *args], capture_output=True,
                         text=True, check=True, timeout=1800)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    """Medians over the runs of one file, per step and for wall / CPU, plus the ratios."""
    runs = raw["runs"]
    checks = [k for k in runs[0] if k.startswith("check:")]
    out: dict[str, Any] = {"file": raw["file"], "pages": int(runs[0]["pages"][0])}
    for clock, i in (("wall", 0), ("cpu", 1)):
        med = {k: statistics.median(r[k][i] for r in runs) for k in runs[0] if k != "pages"}
        totals = [r["decode"][i] + sum(r[c][i] for c in checks) for r in runs]
        med["checks"] = statistics.median(sum(r[c][i] for c in checks) for r in runs)
        med["decode+checks"] = statistics.median(totals)
        med["total"] = statistics.median(t + r["ocr"][i] for t, r in zip(totals, runs, strict=True))
        if "plain_decode" in runs[0]:  # per-run ratio: both sides saw the same load
            med["ratio"] = statistics.median(t / r["plain_decode"][i]
                                             for t, r in zip(totals, runs, strict=True))
        out[clock] = med
    return out


def measure_files(files: list[BenchFile], repeat: int,
                  extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Timings and memory of every file, each in fresh subprocesses."""
    rows = []
    for f in files:
        print(f"  measuring {f.name} ...", file=sys.stderr, flush=True)
        row = summarise(_subprocess_json(str(f.path), "--repeat", str(repeat), *extra))
        row["kind"] = f.kind
        row["memory"] = _subprocess_json(str(f.path), "--memory", *extra)
        rows.append(row)
    return rows


def print_files(rows: list[dict[str, Any]]) -> None:
    """Per-file table (CPU ms, wall ms in brackets)."""
    print("\nPer file, median ms: CPU (wall). ratio = (decode + all page checks) / plain decode")
    head = f"{'file':<30}{'plain':>14}{'decode':>14}{'checks':>14}{'ratio cpu':>10}" \
           f"{'ratio wall':>11}{'OCR':>16}{'peak MB':>9}"
    print(head)
    for r in rows:
        c, w = r["cpu"], r["wall"]

        def cell(k: str, c: dict[str, float] = c, w: dict[str, float] = w) -> str:
            return f"{c[k]:.0f} ({w[k]:.0f})" if k in c else "n/a"

        ratio_c = f"{c['ratio']:.2f}x" if "ratio" in c else "n/a"
        ratio_w = f"{w['ratio']:.2f}x" if "ratio" in w else "n/a"
        print(f"{r['file']:<30}{cell('plain_decode'):>14}{cell('decode'):>14}{cell('checks'):>14}"
              f"{ratio_c:>10}{ratio_w:>11}{cell('ocr'):>16}{r['memory']['peak_rss_mb']:>9.0f}")


def print_checks(rows: list[dict[str, Any]]) -> None:
    """Per-check CPU ms, median over the phone photos (the first check needing an intermediate
    pays for it)."""
    phones = [r for r in rows if r["kind"] == "phone"]
    if not phones:
        return
    keys = [k for k in phones[0]["cpu"] if k.startswith("check:") or k in ("decode", "ocr")]
    print("\nPer step on the 12 MP phone photos, CPU ms (median over files)")
    for k in keys:
        print(f"  {k:<14}{statistics.median(r['cpu'][k] for r in phones):8.1f}")


def targets(rows: list[dict[str, Any]], tp: dict[str, Any] | None) -> dict[str, Any]:
    """The issue's four targets: measured value (CPU-time based where it applies), reached?"""
    phones = [r for r in rows if r["kind"] == "phone"]
    got: dict[str, Any] = {}
    if rows:  # none when --only matched no file (a throughput-only run)
        got["ocr_s_per_document"] = statistics.median(r["cpu"]["ocr"] for r in rows) / 1000
        got["ocr_s_per_document_wall"] = statistics.median(r["wall"]["ocr"] for r in rows) / 1000
        got["peak_rss_mb"] = max(r["memory"]["peak_rss_mb"] for r in rows)
    if phones:
        got["ratio_to_full_decode"] = statistics.median(r["cpu"]["ratio"] for r in phones)
        got["ratio_to_full_decode_wall"] = statistics.median(r["wall"]["ratio"] for r in phones)
    if tp:
        got["speedup_2_workers"] = tp["speedup"][2]
    return {k: {"value": v, "target": TARGETS.get(k),
                "reached": (v >= TARGETS[k] if k.startswith("speedup") else v <= TARGETS[k])
                if k in TARGETS else None} for k, v in got.items()}


def main() -> int:
    """Run everything, print the tables, write bench/results/latest.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="timing runs per file")
    ap.add_argument("--filings", type=int, default=8, help="filings in the throughput run")
    ap.add_argument("--rounds", type=int, default=1, help="audit runs per worker count")
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument("--no-ocr", action="store_true", help="audit throughput without OCR")
    ap.add_argument("--only", help="measure only the files whose name contains this")
    ap.add_argument("--work-long-side", type=int, help="what-if: another Limits.work_long_side "
                    "for the per-file figures (the audit run keeps the shipped one)")
    args = ap.parse_args()
    started = time.strftime("%Y%m%d-%H%M%S")
    files = [f for f in generate(RESULTS / "corpus") if not args.only or args.only in f.name]
    extra = ("--work-long-side", str(args.work_long_side)) if args.work_long_side else ()
    rows = measure_files(files, args.repeat, extra)
    tp = None
    if not args.no_throughput:
        print("  audit throughput ...", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "filings"
            make_filings(root, args.filings)
            tp = throughput(root, Path(tmp), args.filings, rounds=args.rounds,
                            ocr=not args.no_ocr)
    print_files(rows)
    print_checks(rows)
    if tp:
        print(f"\naudit of {tp['filings']} filings × 3 photos (OCR {'on' if tp['ocr'] else 'off'}):"
              f" 1 worker {tp['filings_per_s_1']:.2f} filings/s, 2 workers "
              f"{tp['filings_per_s_2']:.2f} filings/s, speed-up {tp['speedup'][2]:.2f}x (wall; "
              f"paired per round {tp['speedup_paired'][2]:.2f}x; 1 worker: "
              f"{tp['cpu_s_per_filing_1']:.2f} CPU s per filing; load average "
              f"{tp['load_average']:.1f})")
        for w, rs in tp["runs"].items():
            print(f"  {w} worker(s): " + ", ".join(
                f"{r['wall_s']:.1f} s (load {r['load_before']:.1f}-{r['load_after']:.1f})"
                for r in rs))
    result = {"started": started, "repeat": args.repeat, "work_long_side": args.work_long_side,
              "load_average": os.getloadavg(), "files": rows, "throughput": tp,
              "targets": targets(rows, tp)}
    print("\nTargets (ratio and OCR on CPU time; wall figures beside them in the JSON)")
    for k, t in result["targets"].items():
        if t["target"] is not None:
            print(f"  {k:<24}{t['value']:8.2f}  target {t['target']:g}  "
                  f"{'reached' if t['reached'] else 'NOT reached'}")
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(result, indent=1, default=str)
    (RESULTS / f"run-{started}.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    print(f"\nJSON: {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
