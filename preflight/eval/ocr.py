"""OCR evaluation: document type and dates on real labelled files and on generated pages.

    python -m preflight.eval.ocr [DATA_DIR] [--engine auto|rapid|tesseract] [--per-type N]

Real files: the rows of `preflight/eval/ocr_truth.csv` (file relative to DATA_DIR, page,
doc_type, kind, value), transcribed by looking at the images. Generated pages:
`preflight.eval.ocr_synth` (exact ground truth). The two are reported separately: type
accuracy, date exact-match rate per kind, wrong dates that would be used for a verdict (target
zero), dates honestly reported unreadable, wrong verdicts at a reference submission date, time
per page (wall and CPU; the machine may be shared) and peak memory.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import resource
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from preflight.analysis import PageAnalysis, analyze_page
from preflight.context import DocumentContext, PageContext
from preflight.dates.collect import MIN_CONFIDENCE
from preflight.dates.rules import signing_verdict, validity_verdict
from preflight.eval.ocr_synth import generate
from preflight.eval.realdata import DEFAULT_REAL
from preflight.filing import Filing
from preflight.loading import load_into
from preflight.settings import Settings

TRUTH = Path(__file__).with_name("ocr_truth.csv")
REFERENCE_DAY = dt.date(2026, 11, 22)


@dataclass
class Tally:
    """Counts over a set of pages."""

    pages: int = 0
    type_ok: int = 0
    exact: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    unreadable: Counter[str] = field(default_factory=Counter)
    illegible: int = 0  # printed but masked: must stay unread
    illegible_read: int = 0
    wrong_verdicts: int = 0
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    cpu_by_type: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    conf_right: list[float] = field(default_factory=list)  # every date read, any confidence
    conf_wrong: list[float] = field(default_factory=list)


def verdict(kind: str, value: str) -> str | None:
    """The rule verdict a date of `kind` would give at the reference submission day."""
    if kind == "valid_until":
        return validity_verdict(value, REFERENCE_DAY, months=3, strict=False)
    if kind == "signed_on" and value != "long_term":
        return signing_verdict(value, REFERENCE_DAY, months=1)
    return None


def score(t: Tally, name: str, truth_type: str, truth: dict[str, str], a: PageAnalysis) -> None:
    """Add one page's outcome to the tally."""
    t.pages += 1
    t.cpu_by_type[truth_type].append(t.cpu[-1])
    t.type_ok += a.document_type.value == truth_type
    usable = {d.kind: d.value for d in a.dates if d.confidence >= MIN_CONFIDENCE}
    for d in a.dates:
        if d.kind in truth:
            (t.conf_right if d.value == truth[d.kind] else t.conf_wrong).append(d.confidence)
    for kind, value in truth.items():
        got = usable.get(kind)
        if value == "illegible":
            t.illegible += 1
            if got is not None:
                t.illegible_read += 1
                t.errors.append(f"{name}: {kind} read {got} where the date is masked")
            continue
        t.total[kind] += 1
        if got == value:
            t.exact[kind] += 1
        elif got is None:
            t.unreadable[kind] += 1
            low = [d for d in a.dates if d.kind == kind]
            t.unread.append(f"{name}: {kind} " + (f"read {low[0].value} at confidence "
                            f"{low[0].confidence:.2f}" if low else "not found"))
        else:
            t.wrong[kind] += 1
            t.errors.append(f"{name}: {kind} read {got}, truth {value}")
            if verdict(kind, got) != verdict(kind, value):
                t.wrong_verdicts += 1


def _cpu() -> float:
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def _timed(t: Tally, page: PageContext) -> PageAnalysis:
    w0, c0 = time.perf_counter(), _cpu()
    a = analyze_page(page)
    t.wall.append(time.perf_counter() - w0)
    t.cpu.append(_cpu() - c0)
    return a


def run_synthetic(settings: Settings, per_type: int) -> Tally:
    """Evaluate on generated pages."""
    t = Tally()
    for p in generate(per_type):
        doc = DocumentContext(Path(p.name), p.name, settings, Filing())
        h, w = p.image.shape[:2]
        page = PageContext(document=doc, index=1, image=p.image, full_size=(w, h))
        score(t, p.name, p.doc_type, p.dates, _timed(t, page))
    return t


def run_fixtures(settings: Settings, per_kind: int) -> Tally:
    """Evaluate on the project's shared generator `fixtures/synth` (clean and phone photo)."""
    import cv2

    from fixtures.synth import GENERATORS, phone_photo

    t = Tally()
    for seed in range(per_kind):
        for name, make in GENERATORS.items():
            doc = make(seed)
            for variant in (doc, phone_photo(doc, seed)):
                image = cv2.cvtColor(variant.image, cv2.COLOR_RGB2BGR)
                h, w = image.shape[:2]
                label = f"{name}_{seed}_{'photo' if variant is not doc else 'clean'}"
                ctx = DocumentContext(Path(label), label, settings, Filing())
                page = PageContext(document=ctx, index=1, image=image, full_size=(w, h))
                truth = {d.kind: d.value for d in variant.dates}
                score(t, label, variant.doc_type.value, truth, _timed(t, page))
    return t


def read_truth(path: Path = TRUTH) -> dict[tuple[str, int], tuple[str, dict[str, str]]]:
    """(file, page) → (doc_type, {kind: value}) from the truth table."""
    out: dict[tuple[str, int], tuple[str, dict[str, str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(r for r in fh if not r.startswith("#")):
            key = (row["file"], int(row["page"]))
            doc_type, dates = out.get(key, (row["doc_type"], {}))
            if row["kind"]:
                dates[row["kind"]] = row["value"]
            out[key] = (doc_type, dates)
    return out


def run_real(settings: Settings, root: Path) -> Tally:
    """Evaluate on the real files listed in the truth table."""
    t = Tally()
    by_file: dict[str, dict[int, tuple[str, dict[str, str]]]] = defaultdict(dict)
    for (file, index), v in read_truth().items():
        by_file[file][index] = v
    for file, pages in sorted(by_file.items()):
        doc = DocumentContext(root / file, file, settings, Filing())
        load_into(doc)
        for page in doc.pages:
            if page.index in pages:
                doc_type, dates = pages[page.index]
                score(t, f"{file}#{page.index}", doc_type, dates, _timed(t, page))
    return t


def report(title: str, t: Tally) -> str:
    """The tally as text."""
    lines = [f"== {title}: {t.pages} pages"]
    if not t.pages:
        return lines[0]
    lines.append(f"document type accuracy: {t.type_ok}/{t.pages} = {t.type_ok / t.pages:.1%}")
    for kind in sorted(t.total):
        n = t.total[kind]
        lines.append(f"  {kind:<12} exact {t.exact[kind]}/{n} = {t.exact[kind] / n:.1%}  "
                     f"wrong {t.wrong[kind]}  unreadable (honest) {t.unreadable[kind]}")
    n, ok = sum(t.total.values()), sum(t.exact.values())
    lines.append(f"all dates: exact {ok}/{n} = {ok / max(n, 1):.1%}, wrong {sum(t.wrong.values())}, "
                 f"unreadable {sum(t.unreadable.values())}")
    lines.append(f"masked/illegible dates: {t.illegible}, of which read anyway (wrong): "
                 f"{t.illegible_read}")
    lines.append(f"wrong verdicts at {REFERENCE_DAY} (3-month validity, 1-month signing): "
                 f"{t.wrong_verdicts}")
    lines.append(f"time per page: wall median {statistics.median(t.wall):.2f} s "
                 f"(p90 {np.percentile(t.wall, 90):.2f}), CPU median {statistics.median(t.cpu):.2f} s")
    lines.append("confidence threshold calibration (all dates read, before the threshold; "
                 f"MIN_CONFIDENCE = {MIN_CONFIDENCE}):")
    for th in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        right = sum(c >= th for c in t.conf_right)
        wrong = sum(c >= th for c in t.conf_wrong)
        lines.append(f"  >= {th:.2f}: exact {right}/{n} = {right / max(n, 1):.1%}, wrong {wrong}")
    lines.append("CPU median by type: " + ", ".join(
        f"{k} {statistics.median(v):.2f} s" for k, v in sorted(t.cpu_by_type.items())))
    lines += [f"  wrong: {e}" for e in t.errors]
    lines += [f"  unread: {e}" for e in t.unread]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m preflight.eval.ocr", description=__doc__)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--engine", default="auto", choices=("auto", "rapid", "tesseract"))
    ap.add_argument("--per-type", type=int, default=6, help="generated documents per type")
    ap.add_argument("--skip-real", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--fixtures", type=int, default=0, metavar="N",
                    help="also evaluate N seeds per kind of fixtures/synth (repository checkout)")
    args = ap.parse_args(argv)
    settings = Settings(ocr_engine=args.engine)
    from preflight.ocr import get_engine

    print(f"engine: {get_engine(args.engine).version()}")
    if not args.skip_real:
        if (args.data_dir / "labels.csv").is_file():
            print(report(f"REAL ({args.data_dir}, truth {TRUTH.name}; thin: few date-bearing "
                         "files exist)", run_real(settings, args.data_dir)))
        else:
            print(f"real data not found at {args.data_dir}: skipped")
    if not args.skip_synthetic:
        print(report(f"GENERATED ({args.per_type} per type × variants clean/jpeg_blur/photo)",
                     run_synthetic(settings, args.per_type)))
    if args.fixtures:
        print(report(f"GENERATED by fixtures/synth ({args.fixtures} seeds per kind × clean/"
                     "phone photo)", run_fixtures(settings, args.fixtures)))
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {peak_self:.0f} MB, largest child (tesseract) "
          f"{peak_child:.0f} MB")


if __name__ == "__main__":
    main()
