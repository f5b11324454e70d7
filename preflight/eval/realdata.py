"""Access to the real labelled data set; never copied into the repository.

The folder is given as an argument (default `../shared/data/real` relative to the repository, or
the `PREFLIGHT_REAL_DATA` environment variable);
`labels.csv` has one row per file with `doc_type`, `orientation`, `defects` (semicolon list)
and `notes`.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_REAL = Path(os.environ.get(
    "PREFLIGHT_REAL_DATA",
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"))


@dataclass(frozen=True)
class Labelled:
    """One labelled file."""

    path: Path
    file: str
    doc_type: str
    orientation: str
    defects: frozenset[str]
    notes: str


def load_labels(root: Path = DEFAULT_REAL) -> list[Labelled]:
    """Rows of labels.csv whose file exists; raises FileNotFoundError when the set is absent."""
    table = root / "labels.csv"
    if not table.is_file():
        raise FileNotFoundError(f"no labelled data at {root} (expected {table})")
    with table.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        Labelled(root / r["file"], r["file"], r["doc_type"], r["orientation"],
                 frozenset(d.strip() for d in r["defects"].split(";") if d.strip()), r["notes"])
        for r in rows
        if (root / r["file"]).is_file()
    ]
