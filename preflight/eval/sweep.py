"""What the calibration sweeps (`glare_sweep`, `capture_sweep`) share: loading a file and
measuring its pages, the seeded synthetic cases as files, and the command line (the real set,
then the generated one, each reported by the sweep's own `report`)."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import cv2

from preflight.context import DocumentContext, PageContext
from preflight.eval.realdata import DEFAULT_REAL
from preflight.filing import Filing
from preflight.loading import load_into
from preflight.settings import Settings

T = TypeVar("T")


def measure_file(path: Path, name: str, measure: Callable[[PageContext], T]) -> tuple[T, ...]:
    """`measure` of every page of the file at `path` (OCR off); () when it does not load."""
    doc = DocumentContext(path=path, display_name=name, settings=Settings(ocr=False),
                          filing=Filing())
    load_into(doc)
    return tuple(measure(p) for p in doc.pages) if doc.loaded else ()


def synthetic_files() -> Iterator[tuple[str, frozenset[str], Path]]:
    """(name, categories, path) of the seeded synthetic cases, written as JPEG q90 like the
    detector evaluation does; each path lasts until the iteration ends."""
    from preflight.eval.detectors import _import_degradations
    _import_degradations()
    from fixtures.synth.degrade import synthetic_cases

    with tempfile.TemporaryDirectory() as tmp:
        for case in synthetic_cases(0, 3):
            path = Path(tmp) / case.name.replace("/", "_")
            cv2.imwrite(str(path), case.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
            yield case.name, frozenset(case.categories), path


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
