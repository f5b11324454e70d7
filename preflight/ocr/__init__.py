"""OCR behind one small interface: an engine turns a BGR page into text lines with boxes.

Engines (one module each, imported lazily): `rapid` (RapidOCR 3.x, PP-OCRv6 ONNX models shipped
in the wheel; the default where installed, see docs/ocr.md for the measurement) and `tesseract`
(pytesseract, chi_sim+eng; the design card's engine and the fallback). Every engine call is
bounded by `Limits.ocr_timeout_s`; on timeout an engine returns what it has with
`timed_out=True`, and the dates it could not read become "unreadable date" warnings.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

ENGINES = ("rapid", "tesseract")


@dataclass(frozen=True)
class OcrLine:
    """One recognised text line: text, (x, y, w, h) box in working pixels, confidence 0..1.

    `char_confidence`, when the engine gives it, holds one value per character of `text`: a
    masked or smudged digit inside an otherwise clear line shows up there, not in the line score.
    """

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    char_confidence: tuple[float, ...] = ()

    def char_scores(self) -> list[float]:
        """One confidence per character (the line score where the engine gives none)."""
        if len(self.char_confidence) == len(self.text):
            return list(self.char_confidence)
        return [self.confidence] * len(self.text)


@dataclass(frozen=True)
class OcrResult:
    """The lines an engine read on one page, and whether it ran out of time."""

    lines: tuple[OcrLine, ...]
    engine: str
    timed_out: bool = False
    error: str | None = None


Enough = Callable[[tuple[OcrLine, ...]], bool]
"""Asked with the lines read so far: True when the rest of the page need not be recognised."""


class OcrEngine(Protocol):
    """What every engine module provides through its `Engine` class."""

    name: str

    def version(self) -> str:
        """Engine and model version, probed once."""
        ...

    def read(self, image: np.ndarray, *, timeout_s: float, enough: Enough | None = None
             ) -> OcrResult:
        """Text lines of a BGR image, within `timeout_s` seconds; an engine that reads line by
        line may stop early once `enough(lines so far)` is True (others ignore it)."""
        ...


def available(name: str) -> bool:
    """True when the engine's package (and, for Tesseract, the binary) can be used."""
    try:
        return bool(importlib.import_module(f"preflight.ocr.{name}").is_available())
    except ImportError:
        return False


@lru_cache(maxsize=4)
def get_engine(name: str = "auto") -> OcrEngine:
    """The engine called `name` (loaded once per process); `auto` = the measured default.

    `auto` prefers RapidOCR (better date accuracy, docs/ocr.md) and falls back to Tesseract
    when rapidocr/onnxruntime are not installed.
    """
    if name == "auto":
        name = next((n for n in ENGINES if available(n)), "tesseract")
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r} (known: {', '.join(ENGINES)})")
    module = importlib.import_module(f"preflight.ocr.{name}")
    engine: OcrEngine = module.Engine()
    log.info("OCR engine %s (%s)", engine.name, engine.version())
    return engine
