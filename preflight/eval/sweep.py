"""The command line shared by the calibration sweeps (`glare_sweep`, `capture_sweep`): the real
set, then the generated one, each reported by the sweep's own `report`."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from preflight.eval.realdata import DEFAULT_REAL

T = TypeVar("T")


def run_sweep(prog: str, description: str | None, argv: Sequence[str] | None,
              report: Callable[[str, list[T]], list[str]],
              real_items: Callable[[Path], Iterable[T]],
              synthetic_items: Callable[[], Iterable[T]]) -> int:
    """Parse `argv`, print the real and (unless --no-synthetic) the synthetic report; 0."""
    ap = argparse.ArgumentParser(prog=prog, description=description,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--no-synthetic", action="store_true", help="skip the synthetic set")
    args = ap.parse_args(argv)
    print("\n".join(report(f"REAL {args.data_dir}", list(real_items(args.data_dir)))))
    if not args.no_synthetic:
        print("\n".join(report("SYNTHETIC (generated, fixtures/synth)", list(synthetic_items()))))
    return 0
