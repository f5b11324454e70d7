"""The check registry: every module under `preflight/checks/` declares one check class.

A check class states its stable `code`, a kebab-case `name` that says what is wrong, a
`category` from the public vocabulary, a default `severity`, typed parameters with defaults and
a fix hint; its docs are the module docstring with the sections What it checks / Why it
matters / How to fix. The registry imports every module of the package (as OCRmyPDF's plugin
manager does with `pkgutil.iter_modules`), so adding a check means adding one file.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from preflight.context import DocumentContext, FilingContext, PageContext
from preflight.errors import ConfigError
from preflight.model import BBox, Category, Finding, Severity

DOC_SECTIONS = ("What it checks", "Why it matters", "How to fix")
_CODE_RE = re.compile(r"^[A-Z]{1,3}\d{3}$")
_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Param:
    """A typed, bounded parameter of a check (overridable from configuration)."""

    default: float | int | bool | str
    doc: str
    min: float | None = None
    max: float | None = None
    strict: float | int | bool | str | None = None  # value under the `strict` preset
    relaxed: float | int | bool | str | None = None  # value under the `relaxed` preset

    def validate(self, key: str, value: Any) -> Any:
        """Return `value` coerced to the default's type, or raise ConfigError naming `key`."""
        kind = type(self.default)
        if kind is bool and not isinstance(value, bool):
            raise ConfigError(f"parameter '{key}' must be true or false, got {value!r}")
        if kind in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"parameter '{key}' must be a number, got {value!r}")
            value = kind(value)
            if (self.min is not None and value < self.min) or (
                self.max is not None and value > self.max
            ):
                raise ConfigError(
                    f"parameter '{key}' = {value} is outside [{self.min}, {self.max}]"
                )
        if kind is str and not isinstance(value, str):
            raise ConfigError(f"parameter '{key}' must be a string, got {value!r}")
        return value


@dataclass(frozen=True)
class CheckDocs:
    """The three documented sections of a check, plus its one-line summary."""

    summary: str
    what: str
    why: str
    fix: str


class Check:
    """Base class of every check; subclass one of PageCheck, DocumentCheck, FilingCheck."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    scope: ClassVar[str]
    params: ClassVar[Mapping[str, Param]] = {}
    fix_zh: ClassVar[str] = ""
    fix_en: ClassVar[str] = ""
    emits: ClassVar[tuple[str, ...]] = ()  # code prefixes it reports besides its own (R000: "R")
    # May read the page's text (OCR, `analyze_page`): such page checks run after the image
    # checks of every page, so a file whose OCR passes the time limit keeps its image findings.
    reads_text: ClassVar[bool] = False

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        values = {k: p.default for k, p in self.params.items()}
        for key, value in (overrides or {}).items():
            if key not in self.params:
                known = ", ".join(sorted(self.params)) or "none"
                raise ConfigError(
                    f"check {self.code} ({self.name}) has no parameter '{key}' (known: {known})"
                )
            values[key] = self.params[key].validate(f"{self.code}.{key}", value)
        self.p: dict[str, Any] = values

    @classmethod
    def docs(cls) -> CheckDocs:
        """Parse the module docstring into its sections."""
        return parse_docs(sys.modules[cls.__module__].__doc__ or "")

    def finding(
        self,
        *,
        file: str | None,
        page: int | None,
        measured: Any,
        threshold: Any,
        message_zh: str,
        message_en: str,
        bbox: BBox | None = None,
        fix_zh: str | None = None,
        fix_en: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this check, with the class-level fix hint unless one is given."""
        return Finding(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            file=file,
            page=page,
            bbox=bbox,
            measured=measured,
            threshold=threshold,
            message_zh=message_zh,
            message_en=message_en,
            fix_zh=fix_zh if fix_zh is not None else self.fix_zh,
            fix_en=fix_en if fix_en is not None else self.fix_en,
        )


class PageCheck(Check):
    """Runs once per loaded page."""

    scope: ClassVar[str] = "page"

    def check(self, page: PageContext) -> Iterable[Finding]:
        """Yield the findings of this page."""
        raise NotImplementedError


class DocumentCheck(Check):
    """Runs once per input file, loaded or not."""

    scope: ClassVar[str] = "document"

    def check(self, doc: DocumentContext) -> Iterable[Finding]:
        """Yield the findings of this file."""
        raise NotImplementedError


class FilingCheck(Check):
    """Runs once per filing, after every document."""

    scope: ClassVar[str] = "filing"

    def check(self, filing: FilingContext) -> Iterable[Finding]:
        """Yield the findings of the filing as a whole."""
        raise NotImplementedError


def parse_docs(text: str) -> CheckDocs:
    """Split a check docstring into summary and the three `## Section` bodies."""
    parts = re.split(r"^##\s+(.+?)\s*$", text.strip(), flags=re.MULTILINE)
    summary = parts[0].strip()
    sections = {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    return CheckDocs(
        summary=summary,
        what=sections.get(DOC_SECTIONS[0], ""),
        why=sections.get(DOC_SECTIONS[1], ""),
        fix=sections.get(DOC_SECTIONS[2], ""),
    )


@lru_cache(maxsize=1)
def all_checks() -> tuple[type[Check], ...]:
    """Every check class of `preflight.checks`, sorted by code; codes and names are unique."""
    import preflight.checks as package

    found: list[type[Check]] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, Check)
                and obj.__module__ == module.__name__
                and "code" in obj.__dict__
            ):
                found.append(obj)
    _validate(found)
    return tuple(sorted(found, key=lambda c: c.code))


def _validate(checks: list[type[Check]]) -> None:
    codes: dict[str, str] = {}
    names: set[str] = set()
    for c in checks:
        if not _CODE_RE.match(c.code) or not _NAME_RE.match(c.name):
            raise ValueError(f"bad code or name on {c.__module__}: {c.code} {c.name}")
        if c.code in codes or c.name in names:
            raise ValueError(f"duplicate check code or name: {c.code} {c.name}")
        codes[c.code] = c.name
        names.add(c.name)


def find_check(key: str) -> type[Check] | None:
    """Look a check up by code (case-insensitive) or name."""
    key_norm = key.strip()
    for c in all_checks():
        if c.code.lower() == key_norm.lower() or c.name == key_norm:
            return c
    return None


def is_selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Ruff-style selection by code prefix: the longest matching prefix wins; ignore wins ties."""
    best_sel = max((len(p) for p in select if code.startswith(p)), default=-1 if select else 0)
    best_ign = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return best_sel >= 0 and best_sel > best_ign


def instantiate(settings_params: Mapping[str, Mapping[str, Any]], select: tuple[str, ...],
                ignore: tuple[str, ...]) -> list[Check]:
    """Instances of the selected checks with their parameter overrides applied."""
    unknown = [k for k in settings_params if find_check(k) is None]
    if unknown:
        raise ConfigError(f"parameters given for unknown check(s): {', '.join(unknown)}")
    params = {find_check(k).code: v for k, v in settings_params.items()}  # type: ignore[union-attr]
    return [
        cls(params.get(cls.code))
        for cls in all_checks()
        if is_selected(cls.code, select, ignore)
        or any(_may_select(prefix, select, ignore) for prefix in cls.emits)
    ]


def _may_select(prefix: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """True when some code starting with `prefix` is selected (e.g. R301 under prefix R)."""
    candidates = [s for s in select if s.startswith(prefix)]
    if not select or any(prefix.startswith(s) for s in select):
        candidates.append(prefix)
    return any(is_selected(c, select, ignore) for c in candidates)
