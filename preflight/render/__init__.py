"""Output formats: one module per format, each renders a Report to text."""

from __future__ import annotations

from collections.abc import Callable

from preflight.render import csv_format, html, json_format, junit, sarif, text
from preflight.report import Report

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
    "html": html.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "csv": csv_format.render,
}

# formats that are only written to a file (-o), never to a terminal
FILE_ONLY = frozenset({"html"})
# formats whose report shows page thumbnails (the pipeline then keeps them)
NEEDS_THUMBNAILS = frozenset({"html"})
