"""Process exit codes (documented in README and docs/cli.md)."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """What `preflight` returns to the shell."""

    OK = 0  # nothing at or above --fail-on
    FINDINGS = 1  # at least one finding at or above --fail-on
    USAGE = 2  # bad option, filing.toml or configuration
    INPUT = 3  # a path given does not exist or cannot be read
    MISSING_DEPENDENCY = 4  # e.g. a required program is not installed
    INTERNAL = 5  # a bug in preflight
    INTERRUPTED = 130  # Ctrl-C
