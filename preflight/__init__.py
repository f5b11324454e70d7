"""preflight: check the attachments of a Chinese ICP 备案 before submission.

`preflight.check_bytes` and `preflight.check_path` (preflight/api.py, docs/api.md) check one
attachment from an application; they are imported on first use so `import preflight` stays light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_bytes", "check_path"]


def __getattr__(name: str) -> Any:
    """Lazy access to the API functions (they import OpenCV and the checks)."""
    if name in ("check_bytes", "check_path"):
        from preflight import api

        return getattr(api, name)
    raise AttributeError(f"module 'preflight' has no attribute {name!r}")
