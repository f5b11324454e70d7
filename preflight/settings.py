"""Run settings: limits, selection and per-check parameters, typed and validated.

Defaults are documented in docs/limits.md. The CLI and (later) configuration files build one
`Settings`; the library never reads global state.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from preflight.errors import ConfigError
from preflight.model import Severity


@dataclass(frozen=True)
class Limits:
    """Hard limits that keep one hostile file from stalling a batch."""

    max_pixels: int = 120_000_000  # per page; a 108 MP phone photo still loads
    max_file_bytes: int = 200 * 1024 * 1024
    max_pdf_pages: int = 50  # ICP attachments are a few pages; more are not rendered
    pdf_dpi: int = 150  # rasterisation of PDF pages; A4 -> 1240x1754 px
    work_long_side: int = 1000  # decode JPEGs at the smallest DCT scale that keeps this
    file_timeout_s: float = 60.0  # per file, whole pipeline
    ocr_timeout_s: float = 15.0  # per OCR engine call

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(f"limit '{f.name}' must be a positive number, got {value!r}")


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a run besides the inputs and the filing."""

    limits: Limits = field(default_factory=Limits)
    fail_on: Severity = Severity.ERROR
    select: tuple[str, ...] = ()  # empty = all checks
    ignore: tuple[str, ...] = ()
    check_params: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> overrides
    ocr: bool = True
    ocr_engine: str = "auto"  # auto | rapid | tesseract (docs/ocr.md)
    thumbnails: int = 0  # long side in px of page JPEG thumbnails kept for the HTML report; 0 = none

    def __post_init__(self) -> None:
        if self.ocr_engine not in ("auto", "rapid", "tesseract"):
            raise ConfigError(f"ocr_engine must be auto, rapid or tesseract, got {self.ocr_engine!r}")

    def with_limits(self, **changes: Any) -> Settings:
        """A copy with some limits changed (validated)."""
        return replace(self, limits=replace(self.limits, **changes))
