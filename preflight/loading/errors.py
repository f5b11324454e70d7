"""The exception loaders raise; `kind` is a key of `problems.PROBLEMS`."""

from __future__ import annotations


class LoadFailure(Exception):
    """A file could not be loaded; becomes a fatal LoadProblem of kind `kind`."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail
