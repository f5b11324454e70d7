"""The unit of work of an audit: one filing folder in, one serialisable result out."""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from preflight import __version__
from preflight.filing import FILING_NAME
from preflight.pipeline import collect_inputs, load_filing_for, run
from preflight.registry import all_checks
from preflight.render import html
from preflight.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FilingJob:
    """One filing to audit: its folder, its name in the summary, the run settings, cache key."""

    name: str
    folder: str
    settings: Settings
    key: str


@dataclass(frozen=True)
class FilingResult:
    """What auditing one filing produced (JSON-serialisable through `to_dict`)."""

    name: str
    key: str
    status: str  # ok | failed
    ready: bool = False
    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # severity -> n
    by_category: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    report: dict[str, Any] | None = None  # the JSON report
    html: str | None = None  # the HTML report
    cached: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what the cache stores)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FilingResult:
        """Inverse of `to_dict`."""
        return cls(**data)


def discover(root: Path, settings: Settings) -> list[FilingJob]:
    """One job per non-hidden sub-folder of `root`, sorted by name, with its cache key."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    salt = settings_digest(settings)
    return [FilingJob(p.name, str(p), settings, filing_key(p, salt)) for p in folders]


def settings_digest(settings: Settings) -> str:
    """Hash of everything besides the files that changes a result: version, checks, settings."""
    data = {"version": __version__, "checks": [c.code for c in all_checks()],
            "settings": asdict(settings)}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def filing_key(folder: Path, salt: str) -> str:
    """Cache key of a filing: the settings digest plus each file's path and content hash."""
    h = hashlib.sha256(salt.encode())
    manifest = folder / FILING_NAME
    files = [manifest] if manifest.is_file() else []
    files += [inp.path for inp in collect_inputs([folder])]
    for path in files:
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(_file_digest(path).encode())
    return h.hexdigest()[:32]


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError as exc:  # unreadable files are reported by the scan; key on the error
        h.update(f"unreadable:{exc.errno}".encode())
    return h.hexdigest()


def audit_filing(job: FilingJob) -> FilingResult:
    """Scan one filing folder; any failure becomes a `failed` result, never an exception."""
    try:
        folder = Path(job.folder)
        filing, found = load_filing_for([folder], None)
        settings = replace(job.settings, thumbnails=html.THUMBNAIL_LONG_SIDE)
        report = run([folder], filing, settings, filing_path=found)
    except Exception as exc:  # noqa: BLE001 - the boundary of one filing in a batch
        log.exception("filing %s failed", job.name)
        return FilingResult(job.name, job.key, "failed", error=f"{type(exc).__name__}: {exc}")
    return FilingResult(
        name=job.name, key=job.key, status="ok", ready=not report.failed,
        files=len(report.documents), counts=report.counts(),
        by_category=dict(sorted(Counter(f.category.value for f in report.findings).items())),
        report=report.to_dict(), html=html.render(report))
