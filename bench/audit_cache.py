"""Measure how much faster a second `preflight audit` run is thanks to the result cache.

    python bench/audit_cache.py [--filings 60] [--jobs 2] [--size 960]

Generates synthetic filings (preflight.audit.demo) in a temporary folder, runs the audit twice
through the CLI in a subprocess and prints the wall-clock time of each run and the speed-up.
Figures are synthetic (small generated photos), not real data.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preflight.audit.demo import make_filings  # noqa: E402


def timed_audit(root: Path, out: Path, jobs: int) -> float:
    """Seconds taken by one `preflight audit` run (exit 0 or 1 accepted)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "preflight", "audit", str(root), "--out",
                           str(out), "--jobs", str(jobs)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=1800)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"audit failed ({proc.returncode}):\n{proc.stderr}")
    print(proc.stderr.strip().splitlines()[-1])
    return elapsed


def main() -> None:
    """Print the first-run time, the cached-run time and the speed-up."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filings", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--size", type=int, default=960, help="long side of the ID photos (px)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "filings", Path(tmp) / "out"
        make_filings(root, args.filings, size=args.size)
        first = timed_audit(root, out, args.jobs)
        second = timed_audit(root, out, args.jobs)
    print(f"{args.filings} synthetic filings × 3 photos, --jobs {args.jobs}")
    print(f"first run:  {first:6.2f} s ({args.filings / first:.1f} filings/s)")
    print(f"second run: {second:6.2f} s (all from the cache)")
    print(f"speed-up:   {first / second:.1f}×")


if __name__ == "__main__":
    main()
