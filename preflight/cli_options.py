"""Options shared by `scan` and `audit`: configuration files, selection, fail-on, strictness."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from preflight.config import Layer, Strictness, find_config, layer_from_mapping, load_layer, resolve
from preflight.model import Severity
from preflight.settings import Settings

_SEVERITIES = click.Choice([s.value for s in Severity])


def config_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command with the configuration flags (see docs/configuration.md)."""
    options = [
        click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False,
                     exists=True), help="Configuration file (default: preflight.toml or "
                     "pyproject.toml [tool.preflight] found upward from the scanned folder)."),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
        click.option("--select", multiple=True, help="Checks to run, by code or prefix "
                     "(comma-separated; replaces the file's select)."),
        click.option("--extend-select", multiple=True, help="Checks to add to the selection."),
        click.option("--ignore", multiple=True, help="Checks to skip, by code or prefix."),
        click.option("--fail-on", type=_SEVERITIES, default=None,
                     help="Exit 1 when a finding is at least this severe [default: error]."),
        click.option("--strictness", type=click.Choice([s.value for s in Strictness]),
                     help="Preset: strict (fail on warnings, stricter thresholds), normal, "
                     "relaxed (looser thresholds)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def settings_from_options(paths: Sequence[Path], opts: dict[str, Any],
                          base: Settings) -> tuple[Settings, Path | None]:
    """Settings for a run: configuration file (unless --isolated) then CLI flags."""
    found = None if opts["isolated"] else (opts["config_path"] or
                                           (find_config(paths[0]) if paths else None))
    file_layer = load_layer(found) if found else None
    cli: dict[str, Any] = {"extend_select": _split(opts["extend_select"]),
                           "ignore": _split(opts["ignore"])}
    if opts["select"]:
        cli["select"] = _split(opts["select"])
    for key in ("fail_on", "strictness"):
        if opts[key]:
            cli[key] = opts[key]
    cli_layer: Layer = layer_from_mapping(cli)
    return resolve(file_layer, cli_layer, base), found


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]
