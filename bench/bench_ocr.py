"""Benchmark: OCR (document type and dates) on generated 12 MP phone photos, as a scan sees them.

    python bench/bench_ocr.py [--seeds N] [--repeat R] [--kinds id_back,business_license]

Every document kind of `fixtures.synth` is photographed at 4000×3000 (portrait 3000×4000 for the
A4 letters), JPEG q92 (`bench/corpus.py: phone_jpeg`, written once by a child process under
`bench/results/ocr_corpus/`),
decoded by preflight at the shipped working size and OCR'd by `analyze_page` in this process set
up as an audit worker (one thread). Prints per file the CPU and wall time (median of `--repeat`
runs after a warm-up), the type and the dates read against the generator's truth, then the
median CPU per document, the exact/wrong/unreadable dates and the peak RSS. Accuracy and time
are measured on the same runs, so a speed-up that loses dates shows here.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import phone_jpeg  # noqa: E402
from fixtures.synth import (  # noqa: E402
    GENERATORS,
    authorization_letter,
    commitment_letter,
    construction_plan,
)
from preflight.analysis import PageAnalysis, analyze_page  # noqa: E402
from preflight.context import DocumentContext  # noqa: E402
from preflight.dates.collect import MIN_CONFIDENCE  # noqa: E402
from preflight.filing import Filing  # noqa: E402
from preflight.loading import load_into  # noqa: E402
from preflight.settings import Settings  # noqa: E402
from preflight.workers import init_worker  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "results" / "ocr_corpus"
PORTRAIT = (authorization_letter, commitment_letter, construction_plan)


def corpus(seeds: int, kinds: list[str]) -> list[tuple[Path, str, dict[str, str]]]:
    """(path, doc type, truth dates) of the 12 MP photos; the missing ones are written with
    their truth (`<name>.json`) by a child process, whose memory is not the worker's."""
    names = [(f"{kind}_{seed}", kind, seed) for seed in range(seeds) for kind in kinds]
    if not all((CORPUS / f"{n}.json").is_file() for n, _, _ in names):
        subprocess.run([sys.executable, __file__, "--write-corpus", "--seeds", str(seeds),
                        "--kinds", ",".join(kinds)], check=True)
    out = []
    for name, _, _ in names:
        truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
        out.append((CORPUS / f"{name}.jpg", truth["doc_type"], truth["dates"]))
    return out


def write_corpus(seeds: int, kinds: list[str]) -> None:
    """Photograph every generated document and write it with its truth."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    for seed in range(seeds):
        for kind in kinds:
            gen = GENERATORS[kind]
            doc = gen(seed=seed)
            photo = CORPUS / f"{kind}_{seed}.jpg"
            if not photo.is_file():
                photo.write_bytes(phone_jpeg(doc, seed, portrait=gen in PORTRAIT))
            truth = {"doc_type": doc.doc_type.value, "dates": {d.kind: d.value for d in doc.dates}}
            (CORPUS / f"{kind}_{seed}.json").write_text(json.dumps(truth), encoding="utf-8")


def run_one(path: Path, settings: Settings) -> tuple[float, float, PageAnalysis]:
    """Decode (not timed) and OCR one file; (cpu s, wall s, analysis of page 1)."""
    doc = load_into(DocumentContext(path=path, display_name=path.name, settings=settings,
                                    filing=Filing()))
    w, c = time.perf_counter(), time.process_time()
    analyses = [analyze_page(p) for p in doc.pages]
    return time.process_time() - c, time.perf_counter() - w, analyses[0]


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(GENERATORS))
    ap.add_argument("--engine", default="auto", choices=("auto", "rapid", "tesseract"))
    ap.add_argument("--write-corpus", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_corpus:
        write_corpus(args.seeds, args.kinds.split(","))
        return
    files = corpus(args.seeds, args.kinds.split(","))
    init_worker()
    settings = Settings(ocr_engine=args.engine)
    run_one(files[0][0], settings)  # warm-up: model loading is not a per-file cost
    cpus, exact, wrong, unread, total = [], 0, 0, 0, 0
    print(f"{'file':<28} {'CPU s':>6} {'wall s':>6}  type  dates (read / truth)")
    for path, doc_type, truth in files:
        runs = [run_one(path, settings) for _ in range(args.repeat)]
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        a = runs[-1][2]
        cpus.append(cpu)
        read = {d.kind: d.value for d in a.dates if d.confidence >= MIN_CONFIDENCE}
        marks = []
        for kind, value in truth.items():
            total += 1
            got = read.get(kind)
            exact += got == value
            wrong += got is not None and got != value
            unread += got is None
            marks.append(f"{kind}={'ok' if got == value else got or '?'}")
        ok = "ok" if a.document_type.value == doc_type else a.document_type.value
        print(f"{path.name:<28} {cpu:6.2f} {wall:6.2f}  {ok:<5} {' '.join(marks)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"OCR CPU per document: median {statistics.median(cpus):.2f} s, "
          f"mean {statistics.mean(cpus):.2f} s, max {max(cpus):.2f} s ({len(cpus)} photos)")
    print(f"dates: exact {exact}/{total}, wrong {wrong}, unreadable {unread}; "
          f"peak RSS {peak:.0f} MB; working long side {settings.limits.work_long_side} px")


if __name__ == "__main__":
    main()
