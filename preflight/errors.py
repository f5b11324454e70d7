"""Exceptions raised by the library; the CLI turns them into exit codes in one place."""

from __future__ import annotations


class PreflightError(Exception):
    """Base class of every error preflight raises on purpose."""


class ConfigError(PreflightError):
    """A filing.toml, configuration file or option is invalid (exit code 2)."""


class InputError(PreflightError):
    """A path given on the command line does not exist or cannot be read (exit code 3)."""


class MissingDependencyError(PreflightError):
    """A required external program or package is missing (exit code 4)."""
