"""Configuration: `[tool.preflight]` in pyproject.toml or a preflight.toml, plus CLI flags.

Resolution (documented in docs/configuration.md), each later layer beating the earlier:

    defaults → strictness preset → configuration file → CLI flags

* Selection follows ruff: per layer, `select` replaces the set of checks, `extend-select` adds,
  `ignore` removes, all by code or code prefix; within a layer the longest matching prefix
  decides and `ignore` wins at equal length; a layer that mentions nothing about a code keeps
  the earlier layer's decision. The CLI layer comes after the file layer.
* `fail-on`: an explicit value beats the strictness preset; the CLI beats the file.
* Check parameters: `[tool.preflight.checks.Q101] min_short_side = 600`; explicit values beat
  the preset's, which beat the check's defaults.
Unknown keys, codes, parameters and bad values raise ConfigError naming them.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from preflight.errors import ConfigError
from preflight.model import Severity
from preflight.registry import Check, all_checks, find_check
from preflight.settings import Limits, Settings
from preflight.typed import from_mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("preflight.toml", "pyproject.toml")


class Strictness(str, enum.Enum):
    """Presets: `strict` fails on warnings and uses each check's stricter thresholds."""

    STRICT = "strict"
    NORMAL = "normal"
    RELAXED = "relaxed"

    @property
    def fail_on(self) -> Severity:
        """The fail-on level of the preset."""
        return Severity.WARNING if self is Strictness.STRICT else Severity.ERROR


@dataclass(frozen=True)
class Layer:
    """One source of configuration (a file or the CLI); None / empty = not given."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    strictness: Strictness | None = None
    ocr: bool | None = None
    limits: Limits | None = None
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)


def find_config(start: Path) -> Path | None:
    """The nearest preflight.toml, or pyproject.toml with [tool.preflight], from `start` up."""
    folder = start.resolve()
    folder = folder if folder.is_dir() else folder.parent
    for d in (folder, *folder.parents):
        if (d / "preflight.toml").is_file():
            return d / "preflight.toml"
        py = d / "pyproject.toml"
        if py.is_file() and "preflight" in _read(py).get("tool", {}):
            return py
    return None


def load_layer(path: Path) -> Layer:
    """Parse a preflight.toml (top-level keys) or a pyproject.toml ([tool.preflight])."""
    data = _read(path)
    table = data.get("tool", {}).get("preflight", {}) if path.name == "pyproject.toml" else data
    try:
        return layer_from_mapping(table)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def layer_from_mapping(table: dict[str, Any]) -> Layer:
    """A Layer from a parsed table; keys may be kebab-case or snake_case."""
    table = {k.replace("-", "_"): v for k, v in table.items()}
    checks = table.pop("checks", {})
    if "limits" in table and isinstance(table["limits"], dict):
        table["limits"] = {k.replace("-", "_"): v for k, v in table["limits"].items()}
    layer = from_mapping(Layer, table)
    return replace(layer, checks=_check_params(checks),
                   select=_codes(layer.select, "select") if layer.select is not None else None,
                   extend_select=_codes(layer.extend_select, "extend-select"),
                   ignore=_codes(layer.ignore, "ignore"))


def resolve(file_layer: Layer | None, cli_layer: Layer, base: Settings | None = None) -> Settings:
    """The Settings of a run from the file layer (if any) and the CLI layer."""
    layers = [file_layer, cli_layer] if file_layer else [cli_layer]
    strictness = next((la.strictness for la in reversed(layers) if la.strictness), None)
    preset = strictness or Strictness.NORMAL
    fail_on = Severity.ERROR
    for la in layers:  # explicit fail-on beats the preset of the same or an earlier layer
        if la.strictness:
            fail_on = la.strictness.fail_on
        if la.fail_on:
            fail_on = la.fail_on
    params = _preset_params(preset)
    for la in layers:
        for code, values in la.checks.items():
            params.setdefault(code, {}).update(values)
    _validate_params(params)
    select, ignore = _selection(layers)
    base = base or Settings()
    limits = next((la.limits for la in reversed(layers) if la.limits), base.limits)
    ocr = next((la.ocr for la in reversed(layers) if la.ocr is not None), base.ocr)
    return replace(base, fail_on=fail_on, select=select, ignore=ignore, check_params=params,
                   limits=limits, ocr=ocr)


def _selection(layers: list[Layer]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(select, ignore) prefixes for `registry.is_selected` equivalent to applying the layers.

    The layered decision for a code depends only on the longest prefix mentioned in any layer
    that matches it (the matching prefixes form a chain), so deciding every mentioned prefix
    (and "" for codes no layer mentions) and filing it under select or ignore reproduces the
    layers for every code, including codes no check declares (filing rule ids such as R301).
    """
    prefixes = {""}
    for la in layers:
        prefixes.update((*(la.select or ()), *la.extend_select, *la.ignore))
    select: list[str] = []
    ignore: list[str] = []
    for p in sorted(prefixes):
        on = True
        for la in layers:
            on = _decide(p, la, on)
        (select if on else ignore).append(p)
    return tuple(select), tuple(ignore)


def _decide(code: str, layer: Layer, before: bool) -> bool:
    selects = (*(layer.select or ()), *layer.extend_select)
    best_sel = max((len(p) for p in selects if code.startswith(p)), default=-1)
    best_ign = max((len(p) for p in layer.ignore if code.startswith(p)), default=-1)
    if best_sel < 0 and best_ign < 0:
        return False if layer.select is not None else before
    return best_sel > best_ign


def known_codes() -> list[str]:
    """Codes a selection may name: every check's, and the filing rules' ids when present."""
    codes = [c.code for c in all_checks()]
    try:
        from preflight.rules.profiles import load_profiles
    except ImportError:
        return codes
    return codes + [r.id for r in load_profiles().rules]


def _codes(values: tuple[str, ...], key: str) -> tuple[str, ...]:
    """Upper-cased codes/prefixes; each must match a known code ('ALL' = every check)."""
    out = []
    known = known_codes()
    for v in values:
        p = "" if v.strip().upper() == "ALL" else v.strip().upper()
        if not any(code.startswith(p) for code in known):
            raise ConfigError(f"'{key}': {v!r} matches no check code (see `preflight checks`)")
        out.append(p)
    return tuple(out)


def _check_params(checks: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(checks, dict):
        raise ConfigError("'checks' must be a table of check code -> parameters")
    out: dict[str, dict[str, Any]] = {}
    for key, values in checks.items():
        cls = find_check(key)
        if cls is None:
            raise ConfigError(f"'checks.{key}': no check with this code or name")
        if not isinstance(values, dict):
            raise ConfigError(f"'checks.{key}' must be a table of parameters")
        cls(values)  # validates names and values, naming the offending key
        out[cls.code] = dict(values)
    return out


def _preset_params(preset: Strictness) -> dict[str, dict[str, Any]]:
    """Each check's parameter values under the preset (nothing for `normal`)."""
    out: dict[str, dict[str, Any]] = {}
    for cls in all_checks():
        for key, p in cls.params.items():
            value = getattr(p, preset.value, None) if preset is not Strictness.NORMAL else None
            if value is not None:
                out.setdefault(cls.code, {})[key] = value
    return out


def _validate_params(params: dict[str, dict[str, Any]]) -> None:
    """Instantiate each check with its merged values (catches out-of-range preset values)."""
    checks: dict[str, type[Check]] = {c.code: c for c in all_checks()}
    for code, values in params.items():
        checks[code](values)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
