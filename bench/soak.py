"""A worker's memory over a long run: RSS after each filing and the peak, in one process.

    python bench/soak.py [--filings 24]

`bench/run.py` measures the peak RSS of one file in a fresh process. An audit worker instead
checks filing after filing in one process, so what one filing leaves behind adds up: this runs
`audit_filing` (with OCR, worker settings) on `--filings` generated filings of three 12 MP
photos, then on the benchmark's scans and 3-page PDF (the largest rasters), and prints the RSS
after each step and the peak (VmHWM). A flat RSS column is the result to expect.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import generate, make_filings  # noqa: E402
from preflight.audit.work import FilingJob, audit_filing  # noqa: E402
from preflight.settings import Settings  # noqa: E402
from preflight.workers import init_worker  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def status_mb(key: str) -> float:
    """A `/proc/self/status` memory line (VmRSS, VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def soak(folders: list[Path]) -> None:
    """Audit `folders` one after the other as a pool worker would; print RSS after each."""
    init_worker()
    settings = Settings()
    print(f"{'step':<16}{'RSS MB':>8}{'peak MB':>9}{'s':>7}")
    for folder in folders:
        start = time.perf_counter()
        audit_filing(FilingJob(folder.name, str(folder), settings, key=folder.name))
        print(f"{folder.name:<16}{status_mb('VmRSS'):8.0f}{status_mb('VmHWM'):9.0f}"
              f"{time.perf_counter() - start:7.1f}", flush=True)
    print(f"\npeak RSS of one worker over {len(folders) - 1} filings and the scans: "
          f"{status_mb('VmHWM'):.0f} MB (target 400)")


def main() -> int:
    """Generate the filings here, then soak in a fresh process (generating holds ~800 MB)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filings", type=int, default=24)
    ap.add_argument("--folders", nargs="+", type=Path, help=argparse.SUPPRESS)  # the child
    args = ap.parse_args()
    if not Path("/proc/self/status").is_file():
        print("needs Linux /proc to read RSS", file=sys.stderr)
        return 2
    if args.folders:
        soak(args.folders)
        return 0
    scans = [f for f in generate(RESULTS / "corpus") if f.kind in ("scan", "pdf")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = make_filings(root / "filings", args.filings)
        scan_dir = root / "scans"
        scan_dir.mkdir()
        for f in scans:
            (scan_dir / f.name).write_bytes(f.path.read_bytes())
        return subprocess.call([sys.executable, __file__, "--folders",
                                *map(str, [*folders, scan_dir])])


if __name__ == "__main__":
    sys.exit(main())
