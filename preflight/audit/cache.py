"""Finished filings, stored under the output folder so an interrupted audit resumes.

One JSON file per filing result, named by the filing's cache key (content hashes of its files,
preflight version, settings); written atomically, so an interrupt never leaves a half entry.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path

from preflight.audit.work import FilingResult

log = logging.getLogger(__name__)


class ResultCache:
    """Results by cache key in `folder` (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> FilingResult | None:
        """The stored result for `key`, marked `cached`, or None (also for a damaged entry)."""
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return replace(FilingResult.from_dict(data), cached=True)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            log.warning("ignoring damaged cache entry %s: %s", path, exc)
            return None

    def put(self, result: FilingResult) -> None:
        """Store a successful result (failures are retried on the next run)."""
        if result.status != "ok":
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{result.key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(result.to_dict(), ensure_ascii=False, default=str),
                       encoding="utf-8")
        os.replace(tmp, self.folder / f"{result.key}.json")
