"""The service's limits (docs/service.md), typed and validated like the library's settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from preflight.errors import ConfigError
from preflight.loading.sniff import SUPPORTED_TYPES


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass(frozen=True)
class ServiceLimits:
    """What one request may cost; every limit answers with its own JSON error."""

    max_upload_bytes: int = 20 * 1024 * 1024  # 413; filing platforms accept a few MB per file
    max_pixels: int = 50_000_000  # 422 per page; a 48 MP phone photo passes, a bomb does not
    request_timeout_s: float = 60.0  # 504; upload and check together
    workers: int = field(default_factory=_default_workers)  # processes doing the checks
    max_queued: int = 16  # requests waiting for a worker; beyond workers + this: 503
    allowed_types: tuple[str, ...] = tuple(sorted(SUPPORTED_TYPES))  # sniffed; else 415
    tmp_root: Path | None = None  # parent of the private upload folder (default: system temp)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("allowed_types", "tmp_root"):
                continue
            minimum = 0 if f.name == "max_queued" else 1e-9
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
                raise ConfigError(f"service limit '{f.name}' must be a positive number, "
                                  f"got {value!r}")
        unknown = sorted(set(self.allowed_types) - SUPPORTED_TYPES)
        if unknown:
            raise ConfigError(f"service limit 'allowed_types': unknown type(s) {unknown}; "
                              f"known: {sorted(SUPPORTED_TYPES)}")

    @property
    def capacity(self) -> int:
        """Requests admitted at once (running plus queued)."""
        return self.workers + self.max_queued
