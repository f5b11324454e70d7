"""Photocopy (Q601) on the real set with the attachment role known, as in a real filing.

    python -m preflight.eval.photocopy_role [DATA_DIR] [--set Q601.param=value ...]

`python -m preflight.eval.detectors` runs with OCR off and no `filing.toml`, so most real files
have no role and Q601 can only note a colourless document (a typed page is legitimately black and
white). In a filing the user says which file is the ID card or the licence (`filing.toml`, or a
file name such as `身份证正面.jpg`), and that is when Q601 acts. This command gives each real file
of an identity or licence type the role a filing would give it (from the `doc_type` column:
ID cards, passports and driver's licences → `id_front`, ID backs → `id_back`, licences →
`business_license`), runs Q601 alone on every such file and prints TP/FP/FN, precision, recall
per source and the misclassified files. Files of other types are not evaluated here (no role).
Real figures only: the synthetic gray copies are in `python -m preflight.eval.detectors`.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from preflight.context import DocumentContext
from preflight.eval.realdata import DEFAULT_REAL, Labelled, load_labels
from preflight.filing import Attachment, Filing, Role
from preflight.loading import load_into
from preflight.model import Severity
from preflight.registry import PageCheck, instantiate
from preflight.settings import Settings

_ID_WORDS = ("idcard", "id_card", "passport", "driver_license", "foreign_id")


def role_of(doc_type: str) -> Role | None:
    """The filing role an identity or licence `doc_type` label stands for, else None."""
    if doc_type.startswith("idcard_back"):
        return Role.ID_BACK
    if any(w in doc_type for w in _ID_WORDS):
        return Role.ID_FRONT
    if doc_type.startswith("business_license"):
        return Role.BUSINESS_LICENSE
    return None


def flagged(item: Labelled, role: Role, check: PageCheck) -> bool:
    """True when `check` reports a warning or worse on any page of the file given `role`."""
    doc = DocumentContext(path=item.path, display_name=item.file, settings=Settings(ocr=False),
                          filing=Filing(), attachment=Attachment(file=item.file, role=role))
    load_into(doc)
    return any(f.severity.rank >= Severity.WARNING.rank for page in doc.pages if not page.has_text_layer
               for f in check.check(page))


def main(argv: list[str] | None = None) -> int:
    """Print the role-known Q601 figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_REAL)
    ap.add_argument("--set", action="append", default=[], metavar="Q601.param=value")
    args = ap.parse_args(argv)
    if not (args.data_dir / "labels.csv").is_file():
        print(f"no labels.csv under {args.data_dir}: real data absent, nothing evaluated")
        return 0
    params: dict[str, dict[str, float]] = {}
    for item in args.set:
        key, value = item.split("=", 1)
        code, name = key.split(".", 1)
        params.setdefault(code, {})[name] = float(value)
    check = next(c for c in instantiate(params, ("Q601",), ()) if isinstance(c, PageCheck))
    counts: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    for item in load_labels(args.data_dir):
        role = role_of(item.doc_type)
        if role is None:
            continue
        truth, got = "photocopy" in item.defects, flagged(item, role, check)
        outcome = {(True, True): "TP", (False, True): "FP", (True, False): "FN"}.get((truth, got))
        if outcome:
            counts[(outcome, item.file.split("/", 1)[0])] += 1
            counts[(outcome, "")] += 1
            if outcome != "TP":
                wrong.append(f"  {outcome}: {item.file} ({item.doc_type}, role {role.value})")
        else:
            counts[("TN", "")] += 1
    tp, fp, fn = (counts[(k, "")] for k in ("TP", "FP", "FN"))
    print(f"Q601 with the role known (real ID/licence files only): TP {tp} FP {fp} FN {fn} "
          f"TN {counts[('TN', '')]}  P {tp / max(1, tp + fp):.2f} R {tp / max(1, tp + fn):.2f}")
    for src in sorted({s for _, s in counts if s}):
        print(f"  by source {src}: TP {counts[('TP', src)]} FP {counts[('FP', src)]} "
              f"FN {counts[('FN', src)]}")
    print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
