"""preflight: check the attachments of a Chinese ICP 备案 before submission."""

from __future__ import annotations

__version__ = "0.1.0"
