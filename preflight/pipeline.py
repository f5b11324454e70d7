"""The table of contents of preflight: load → pages → checks → findings → report.

    inputs  = collect_inputs(paths)            files under the given folders, roles attached
    doc     = load_into(DocumentContext(...))  sniff, decode, pages (or load problems)
    results = page checks, document checks     per document (a crash becomes one X001 finding)
    filing  = filing checks                    across all documents
    report  = Report(...)                      rendered by preflight.render.*
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from preflight.analysis import PageAnalysis, analysis_if_done, analyze_page, release_page
from preflight.context import DocumentContext, FilingContext, LoadProblem
from preflight.errors import InputError
from preflight.filing import FILING_NAME, Attachment, Filing, infer_role, load_filing
from preflight.loading import load_into
from preflight.model import Category, Finding, PageResult
from preflight.registry import (
    Check,
    DocumentCheck,
    FilingCheck,
    PageCheck,
    instantiate,
    is_selected,
)
from preflight.report import DocumentReport, Report
from preflight.settings import Settings
from preflight.thumbnails import page_overlays, page_thumbnails
from preflight.timeouts import FileTimeout, time_limit

log = logging.getLogger(__name__)

SKIPPED_NAMES = frozenset({FILING_NAME, "preflight.toml", "pyproject.toml", ".DS_Store",
                           "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class InputFile:
    """A file to check: where it is, how to show it, and the folder it was found under."""

    path: Path
    display_name: str
    root: Path


def collect_inputs(paths: Sequence[Path]) -> list[InputFile]:
    """Files under the given folders (recursively, sorted) and the given files.

    Hidden files and preflight's own configuration files are skipped. Symbolic links are not
    followed into folders; a link to a file outside the scanned folder is still listed so that
    the loader can report it instead of reading it.
    """
    found: list[InputFile] = []
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise InputError(f"{p} does not exist")
        if p.is_dir():
            found.extend(_walk(p))
        else:
            found.append(InputFile(p, p.name, p.parent))
    return found


def _walk(root: Path) -> Iterator[InputFile]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        entries = [*filenames, *(d for d in dirnames if (base / d).is_symlink())]
        for name in sorted(entries):
            if name.startswith(".") or name in SKIPPED_NAMES:
                continue
            path = base / name
            yield InputFile(path, path.relative_to(root).as_posix(), root)


def find_filing(paths: Sequence[Path]) -> Path | None:
    """The filing.toml of the first folder given (or of the folder of the first file)."""
    for p in paths:
        folder = p if p.is_dir() else p.parent
        candidate = folder / FILING_NAME
        if candidate.is_file():
            return candidate
    return None


def run(paths: Sequence[Path], filing: Filing, settings: Settings,
        filing_path: Path | None = None) -> Report:
    """Check every input file and the filing as a whole; return the report."""
    inputs = collect_inputs(paths)
    checks = instantiate(settings.check_params, settings.select, settings.ignore)
    documents = [check_document(inp, filing, settings, checks) for inp in inputs]
    root = inputs[0].root if inputs else (paths[0] if paths else None)
    fctx = FilingContext(filing=filing, documents=[d for d, _ in documents], root=root)
    filing_findings = list(_run_all(checks, FilingCheck, fctx, settings))
    for doc in fctx.documents:
        doc.close()
    return Report(
        inputs=_inputs_dict(paths, filing, filing_path),
        documents=[r for _, r in documents],
        filing_findings=filing_findings,
        fail_on=settings.fail_on,
    )


def check_document(inp: InputFile, filing: Filing, settings: Settings,
                   checks: list[Check]) -> tuple[DocumentContext, DocumentReport]:
    """Load one file and run the page and document checks on it, within the per-file limit."""
    attachment, inferred = _attachment(inp, filing)
    doc = DocumentContext(path=inp.path, display_name=inp.display_name, settings=settings,
                          filing=filing, attachment=attachment, role_inferred=inferred)
    findings: list[Finding] = []
    start = time.perf_counter()
    try:
        with time_limit(settings.limits.file_timeout_s):
            _load_and_check(doc, inp, checks, findings)
    except FileTimeout as exc:
        doc.problems.append(LoadProblem("timeout", str(exc), fatal=False))
        file_checks = [c for c in checks if c.category is Category.FILE]
        findings = [f for f in findings if f.category is not Category.FILE]
        findings.extend(_run_all(file_checks, DocumentCheck, doc, settings))
    report = _document_report(doc, findings)
    for page in doc.pages:  # the next files of the filing are checked without these
        release_page(page)
    report.elapsed_ms = (time.perf_counter() - start) * 1000
    return doc, report


def _load_and_check(doc: DocumentContext, inp: InputFile, checks: list[Check],
                    findings: list[Finding]) -> None:
    """Fill `findings` as checks complete, so a timeout keeps what was already found."""
    problem = _link_problem(inp)
    if problem:
        doc.problems.append(LoadProblem("unreadable_file", problem))
    else:
        load_into(doc)
    pages = doc.pages if doc.loaded else []
    for reads_text in (False, True):  # image checks of every page first: OCR may time out
        phase = [c for c in checks if c.reads_text is reads_text]
        for page in pages:
            findings.extend(_run_all(phase, PageCheck, page, doc.settings))
    findings.extend(_run_all(checks, DocumentCheck, doc, doc.settings))
    if doc.settings.ocr:
        for page in doc.pages:
            analyze_page(page)  # memoised: the report reads it, within the time limit


def _attachment(inp: InputFile, filing: Filing) -> tuple[Attachment | None, bool]:
    listed = filing.attachment_for(inp.display_name)
    if listed is not None:
        return listed, False
    role = infer_role(inp.display_name)
    return (Attachment(file=inp.display_name, role=role), True) if role else (None, False)


def _link_problem(inp: InputFile) -> str | None:
    """Why a symbolic link must not be followed (loop, dangling, outside the folder), or None."""
    if not inp.path.is_symlink():
        return None
    try:
        target = inp.path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError:
        return "symbolic link to a file that does not exist"
    if not target.is_relative_to(inp.root.resolve()):
        return "symbolic link to a file outside the scanned folder"
    return None


def _run_all(checks: Iterable[Check], kind: type[Check], ctx: Any,
             settings: Settings) -> Iterator[Finding]:
    """Run every check of one scope; a check that raises becomes one internal-error finding.

    A check that reports codes other than its own (`emits`) has each finding filtered by the
    selection, so `--select R301` shows that rule alone.
    """
    from preflight.checks.internal_error import internal_error_finding

    for check in checks:
        if not isinstance(check, kind):
            continue
        try:
            for f in check.check(ctx):  # type: ignore[attr-defined]
                if not check.emits or is_selected(f.code, settings.select, settings.ignore):
                    yield f
        except Exception as exc:  # noqa: BLE001 - the single boundary for check crashes
            log.exception("check %s crashed", check.code)
            yield internal_error_finding(check, ctx, exc)


def _document_report(doc: DocumentContext, findings: list[Finding]) -> DocumentReport:
    pages = []
    for page in doc.pages:
        a = analysis_if_done(page) or PageAnalysis()  # not analysed: unknown, no dates
        pages.append(PageResult(
            index=page.index, width=page.full_size[0], height=page.full_size[1],
            document_type=a.document_type, document_type_confidence=a.confidence, dates=a.dates,
        ))
    att = doc.attachment
    return DocumentReport(
        file=doc.display_name,
        sniffed_type=doc.sniffed_type,
        extension_type=doc.extension_type,
        role=doc.role,
        role_source=("file_name" if doc.role_inferred else "filing") if att else None,
        person=att.person.value if att and att.person else None,
        exif_orientation=doc.exif_orientation,
        page_count=doc.page_count,
        pages=pages,
        findings=findings,
        thumbnails=page_thumbnails(doc, doc.settings.thumbnails),
        overlays=page_overlays(doc, doc.settings.thumbnails),
    )


def _inputs_dict(paths: Sequence[Path], filing: Filing, filing_path: Path | None) -> dict[str, Any]:
    return {
        "paths": [str(p) for p in paths],
        "filing_file": str(filing_path) if filing_path else None,
        "province": filing.province,
        "submission_date": filing.effective_submission_date.isoformat(),
        "subject_type": filing.subject_type.value if filing.subject_type else None,
    }


def load_filing_for(paths: Sequence[Path], explicit: Path | None) -> tuple[Filing, Path | None]:
    """The filing from --filing, or the filing.toml found beside the inputs, or an empty one."""
    path = explicit or find_filing(paths)
    return (load_filing(path), path) if path else (Filing(), None)
