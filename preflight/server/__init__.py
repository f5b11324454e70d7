"""The HTTP service (`preflight serve`, extra `preflight[server]`): see preflight/server/app.py."""

from __future__ import annotations

from preflight.server.app import create_app
from preflight.server.config import ServiceLimits

__all__ = ["ServiceLimits", "create_app"]
