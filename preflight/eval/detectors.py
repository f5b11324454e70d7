"""Evaluate the image-quality detectors on the real labelled set and on synthetic degradations.

    python -m preflight.eval.detectors [DATA_DIR] [--category C ...] [--no-synthetic]
                                       [--set CODE.param=value ...]

Runs the real pipeline (loading + every check, OCR off) on every labelled file, maps the labels
to finding categories (`moire` or a `*_screen_recapture` doc_type → `screen_recapture`; other
defect words are category words) and prints per category TP/FP/FN, precision, recall and the
misclassified files, a per-source breakdown (the first path component is the source repository;
labels overlap by source), and how many clean images (`none`, screen recaptures excluded) get any
error-level image-quality (Q…) finding. Then the same on the seeded synthetic degradations of
`fixtures/synth/degrade*.py`, reported separately. Categories are discovered from the labels, the
registered checks and the degradations, so new checks show up without changes here.
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2

from preflight.eval.realdata import DEFAULT_REAL, Labelled, load_labels
from preflight.filing import Filing
from preflight.model import Finding, Severity
from preflight.pipeline import InputFile, check_document
from preflight.registry import all_checks, instantiate
from preflight.settings import Settings

IMAGE_QUALITY = ("blur", "glare", "screen_recapture", "cropped_corner", "photocopy",
                 "watermark", "background", "emblem")
"""Finding categories judged against the labels (resolution and file problems are not)."""

UNLABELLED_CODES = frozenset({"Q502"})
"""Codes that share a labelled category but report something no label describes (Q502 strong
perspective is in the cropped-corner family; the labels only mark cut-off documents). Their
findings are counted on their own line, not as predictions of the category."""


@dataclass(frozen=True)
class Outcome:
    """One evaluated file: its expected categories and what the pipeline reported."""

    file: str
    expected: frozenset[str]
    clean: bool  # labelled `none` and not a screen recapture
    findings: tuple[Finding, ...]

    def flagged(self, category: str, min_severity: Severity) -> bool:
        """True when some finding of `category` is at or above `min_severity`."""
        return any(f.category.value == category and f.severity.rank >= min_severity.rank
                   and f.code not in UNLABELLED_CODES for f in self.findings)

    @property
    def source(self) -> str:
        """The first path component: the source repository of a real file."""
        return self.file.split("/", 1)[0]


def label_categories(item: Labelled) -> frozenset[str]:
    """The finding categories a labelled file should raise."""
    cats = {("screen_recapture" if d == "moire" else d) for d in item.defects} - {"none"}
    if item.doc_type.endswith("_screen_recapture"):
        cats.add("screen_recapture")
    return frozenset(cats)


def run_file(path: Path, name: str, root: Path, settings: Settings) -> tuple[Finding, ...]:
    """Findings of the real pipeline (load + all checks) on one file."""
    checks = instantiate(settings.check_params, settings.select, settings.ignore)
    _, report = check_document(InputFile(path, name, root), Filing(), settings, checks)
    return tuple(report.findings)


def evaluate_real(root: Path, settings: Settings) -> list[Outcome]:
    """Outcomes of every labelled file under `root`."""
    out = []
    for item in load_labels(root):
        cats = label_categories(item)
        clean = item.defects == {"none"} and "screen_recapture" not in cats
        out.append(Outcome(item.file, cats, clean, run_file(item.path, item.file, root, settings)))
    return out


def _import_degradations() -> dict[str, object]:
    import fixtures.synth as synth

    for path in sorted(Path(synth.__path__[0]).glob("degrade*.py")):
        importlib.import_module(f"fixtures.synth.{path.stem}")
    from fixtures.synth.degrade import DEGRADATIONS

    return dict(DEGRADATIONS)


def evaluate_synthetic(settings: Settings, seed: int = 0, per_kind: int = 3) -> list[Outcome]:
    """Outcomes on the seeded synthetic cases (written as JPEG q90 to a temporary folder)."""
    _import_degradations()
    from fixtures.synth.degrade import synthetic_cases

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for case in synthetic_cases(seed, per_kind):
            path = root / case.name
            path.parent.mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(path), case.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
            out.append(Outcome(case.name, case.categories, not case.categories,
                               run_file(path, case.name, root, settings)))
    return out


@dataclass(frozen=True)
class Score:
    """Confusion counts of one category and the misclassified files."""

    category: str
    tp: int
    fp: int
    fn: int
    false_pos: tuple[str, ...]
    false_neg: tuple[str, ...]

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was flagged."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when there are no positives."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(outcomes: Sequence[Outcome], category: str,
          min_severity: Severity = Severity.WARNING) -> Score:
    """Confusion counts of `category` over `outcomes`."""
    tp, fps, fns = 0, [], []
    for o in outcomes:
        truth, pred = category in o.expected, o.flagged(category, min_severity)
        tp += truth and pred
        if pred and not truth:
            fps.append(o.file)
        if truth and not pred:
            fns.append(o.file)
    return Score(category, tp, len(fps), len(fns), tuple(fps), tuple(fns))


def clean_errors(outcomes: Sequence[Outcome], categories: Iterable[str] = IMAGE_QUALITY
                 ) -> tuple[int, int, list[str]]:
    """(clean files with an error-level finding in `categories`, clean files, names + codes)."""
    cats = frozenset(categories)
    clean = [o for o in outcomes if o.clean]
    bad = []
    for o in clean:
        codes = sorted({f.code for f in o.findings
                        if f.category.value in cats and f.severity is Severity.ERROR})
        if codes:
            bad.append(f"{o.file} [{', '.join(codes)}]")
    return len(bad), len(clean), bad


def categories_in(outcomes: Iterable[Outcome]) -> list[str]:
    """Image-quality categories that are labelled or that a registered check can report."""
    checked = {c.category.value for c in all_checks()}
    labelled = {c for o in outcomes for c in o.expected}
    return [c for c in IMAGE_QUALITY if c in checked | labelled]


def format_scores(title: str, outcomes: Sequence[Outcome], categories: Sequence[str],
                  min_severity: Severity, *, per_source: bool) -> list[str]:
    """The printed block of one data set."""
    lines = [f"== {title}: {len(outcomes)} files (flagged = finding at {min_severity.value} "
             "level or above) ==",
             f"{'category':<18}{'pos':>5}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>7}{'recall':>8}"]
    blocks = []
    for cat in categories:
        s = score(outcomes, cat, min_severity)
        if s.tp + s.fn == 0:
            lines.append(f"{cat:<18}{0:>5}  no labelled positives: {s.fp} files flagged, "
                         "not scored")
            continue
        note = "" if s.tp + s.fn >= 5 else "  (fewer than 5 positives: no target)"
        lines.append(f"{cat:<18}{s.tp + s.fn:>5}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
                     f"{s.precision:>7.2f}{s.recall:>8.2f}{note}")
        blocks += [f"  {cat} false positive: {f}" for f in s.false_pos]
        blocks += [f"  {cat} false negative: {f}" for f in s.false_neg]
        if per_source:
            blocks += _per_source(outcomes, cat, min_severity)
    for code in sorted(UNLABELLED_CODES):
        hits = sum(any(f.code == code for f in o.findings) for o in outcomes)
        lines.append(f"{code} (no labels): reported on {hits} files")
    crashed = [o.file for o in outcomes if any(f.code == "X001" for f in o.findings)]
    lines.append(f"files where a check crashed (X001): {len(crashed)}"
                 + (f" {crashed}" if crashed else ""))
    bad, n, names = clean_errors(outcomes)
    lines.append(f"clean images with an error-level image-quality finding: {bad}/{n}"
                 f" ({bad / n if n else 0:.2f}; target <= 0.10)")
    bad_r, _, _ = clean_errors(outcomes, (*IMAGE_QUALITY, "resolution"))
    lines.append(f"  ... counting resolution (Q1xx) too: {bad_r}/{n}")
    return lines + [f"  clean flagged: {x}" for x in names] + blocks


def _per_source(outcomes: Sequence[Outcome], cat: str, min_severity: Severity) -> list[str]:
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for o in outcomes:
        truth, pred = cat in o.expected, o.flagged(cat, min_severity)
        if truth or pred:
            by[o.source][0 if truth and pred else 1 if pred else 2] += 1
    return [f"  {cat} by source {src}: TP {v[0]} FP {v[1]} FN {v[2]}"
            for src, v in sorted(by.items())]


def parse_overrides(items: Sequence[str]) -> dict[str, dict[str, float]]:
    """`["Q201.max_blur=0.36", ...]` as Settings.check_params (values are numbers)."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for item in items:
        key, sep, value = item.partition("=")
        code, dot, param = key.partition(".")
        if not (sep and dot and code and param):
            raise SystemExit(f"--set expects CODE.param=value, got {item!r}")
        out[code][param] = float(value)
    return dict(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the report and returns 0."""
    ap = argparse.ArgumentParser(prog="python -m preflight.eval.detectors", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--category", action="append", default=[], help="limit to these categories")
    ap.add_argument("--severity", choices=["warning", "error"], default="warning",
                    help="lowest severity that counts as flagged (default warning)")
    ap.add_argument("--no-synthetic", action="store_true", help="skip the synthetic set")
    ap.add_argument("--no-real", action="store_true", help="skip the real set")
    ap.add_argument("--per-kind", type=int, default=3, help="synthetic seeds per base document")
    ap.add_argument("--set", action="append", default=[], metavar="CODE.param=value",
                    help="override a check parameter, e.g. Q201.max_blur=0.36 (calibration sweeps)")
    args = ap.parse_args(argv)
    settings = Settings(ocr=False, check_params=parse_overrides(args.set))
    min_sev = Severity(args.severity)
    sets = []
    if not args.no_real:
        sets.append(("REAL labelled files " + str(args.data_dir),
                     evaluate_real(args.data_dir, settings), True))
    if not args.no_synthetic:
        sets.append(("SYNTHETIC degradations (generated, fixtures/synth)",
                     evaluate_synthetic(settings, per_kind=args.per_kind), False))
    for title, outcomes, per_source in sets:
        cats = args.category or categories_in(outcomes)
        print("\n".join(format_scores(title, outcomes, cats, min_sev, per_source=per_source)))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
