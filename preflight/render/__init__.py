"""Output formats: one module per format, each renders a Report to text."""

from __future__ import annotations

from collections.abc import Callable

from preflight.render import json_format, text
from preflight.report import Report

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
}
