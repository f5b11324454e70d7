"""Python API for embedding preflight in an application: check one attachment (docs/api.md).

    report = preflight.check_bytes(upload.read(), filename=upload.name, role="id_back",
                                   filing={"province": "陕西", "submission_date": "2026-12-01"})
    report.to_dict()  # the same JSON as `preflight scan --format json`

One attachment at a time: the page and document checks run (image quality, document type, dates
against the filing). Filing-level checks that need every attachment (required attachments per
province, form fields) do not run here; `preflight scan` / `preflight.pipeline.run` do that.

A client's file name is only ever a display name (it picks the role when none is given and the
extension the mismatch check compares with); it is never used as a path. `check_bytes` copies
the bytes into a private temporary directory (mode 0700) that is deleted before it returns.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Union

from preflight.errors import ConfigError, InputError
from preflight.filing import Attachment, Filing, Role, load_filing
from preflight.loading.sniff import sniff
from preflight.pipeline import InputFile, check_document
from preflight.registry import instantiate
from preflight.report import Report
from preflight.settings import Settings
from preflight.typed import convert, from_mapping

FilingLike = Union[Filing, Mapping[str, Any], str, "os.PathLike[str]", None]
"""A Filing, a mapping with filing.toml's keys (validated strictly), or the path of a filing.toml."""

_SUFFIX_RE = re.compile(r"^\.[A-Za-z0-9]{1,8}$")
MAX_NAME_CHARS = 200


def check_bytes(data: bytes, *, filename: str | None = None, role: str | Role | None = None,
                filing: FilingLike = None, settings: Settings | None = None) -> Report:
    """Check one attachment given as bytes (e.g. an upload) and return its report.

    `filename` is the client's name for the file (display only); `role` the slot it fills
    (`id_back`, `business_license`...; inferred from the file name when omitted). Raises
    ConfigError for an invalid role or filing; a bad file is a finding, never an exception.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    name = safe_filename(filename)
    settings = settings or Settings()
    resolved, filing_file = _resolve_filing(filing)
    with tempfile.TemporaryDirectory(prefix="preflight-") as tmp:
        path = Path(tmp) / ("upload" + (safe_suffix(name) if filename else _sniffed_suffix(data)))
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:
            fh.write(data)
        return _check_one(path, name, role, resolved, settings, filing_file, shown_path=name)


def check_path(path: str | os.PathLike[str], *, role: str | Role | None = None,
               filing: FilingLike = None, settings: Settings | None = None,
               filename: str | None = None) -> Report:
    """Check one attachment on disk; `filename` is shown instead of the path (which stays private).

    Raises InputError when `path` is not a file, ConfigError for an invalid role or filing.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} is not a file")
    name = safe_filename(filename) if filename is not None else p.name
    resolved, filing_file = _resolve_filing(filing)
    # with a display name the stored path stays private (e.g. an upload in a temp folder)
    return _check_one(p, name, role, resolved, settings or Settings(), filing_file,
                      shown_path=name if filename is not None else str(p))


def safe_filename(filename: str | None) -> str:
    """A display name from a client's file name: last path component, no control characters."""
    text = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
    if text in ("", ".", ".."):
        return "upload"
    return text[:MAX_NAME_CHARS]


def as_filing(filing: FilingLike) -> Filing:
    """A Filing from any accepted form (see FilingLike); ConfigError names a bad key."""
    return _resolve_filing(filing)[0]


def _resolve_filing(filing: FilingLike) -> tuple[Filing, str | None]:
    if filing is None:
        return Filing(), None
    if isinstance(filing, Filing):
        return filing, None
    if isinstance(filing, Mapping):
        return from_mapping(Filing, filing), None
    if isinstance(filing, (str, os.PathLike)):
        return load_filing(Path(filing)), str(filing)
    raise ConfigError(f"filing must be a Filing, a mapping or a path, got {type(filing).__name__}")


def safe_suffix(name: str) -> str:
    """The extension of a display name when it is a plain one (`.jpg`), else ''.

    Stored copies of an upload keep it because the extension-mismatch check compares with it.
    """
    suffix = Path(name).suffix
    return suffix.lower() if _SUFFIX_RE.match(suffix) else ""


def _sniffed_suffix(data: bytes | bytearray | memoryview) -> str:
    """Without a client name there is no claimed extension: use the content's own."""
    kind = sniff(bytes(data[:1024]))
    return {"jpeg": ".jpg", "tiff": ".tif"}.get(kind, f".{kind}") if kind else ""


def _with_role(filing: Filing, name: str, role: str | Role | None) -> Filing:
    """The filing with `name` listed under `role` (keeping dates the filing gives for it)."""
    if role is None:
        return filing
    wanted = convert(Role, role.value if isinstance(role, Role) else role, "role")
    listed = filing.attachment_for(name)
    entry = replace(listed, role=wanted) if listed else Attachment(file=name, role=wanted)
    others = tuple(a for a in filing.attachments if a is not listed)
    return replace(filing, attachments=(entry, *others))


def _check_one(path: Path, name: str, role: str | Role | None, filing: Filing,
               settings: Settings, filing_file: str | None, *, shown_path: str) -> Report:
    filing = _with_role(filing, name, role)
    checks = instantiate(settings.check_params, settings.select, settings.ignore)
    inp = InputFile(path=path, display_name=name, root=path.resolve().parent)
    doc, document = check_document(inp, filing, settings, checks)
    doc.close()
    inputs = {
        "paths": [shown_path],
        "filing_file": filing_file,
        "province": filing.province,
        "submission_date": filing.effective_submission_date.isoformat(),
        "subject_type": filing.subject_type.value if filing.subject_type else None,
    }
    return Report(inputs=inputs, documents=[document], filing_findings=[],
                  fail_on=settings.fail_on)
