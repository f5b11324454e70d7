"""Command line: `preflight scan|checks|explain`. Only this module prints.

Exceptions become exit codes in `main` (one place); see preflight/exitcodes.py.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from preflight import __version__
from preflight.cli_options import config_options, settings_from_options
from preflight.cli_rules import explain_rule, rules_command
from preflight.errors import ConfigError, InputError, MissingDependencyError
from preflight.exitcodes import ExitCode
from preflight.filing import with_overrides
from preflight.pipeline import load_filing_for, run
from preflight.registry import all_checks, find_check
from preflight.render import FILE_ONLY, NEEDS_THUMBNAILS, RENDERERS
from preflight.render.html import THUMBNAIL_LONG_SIDE
from preflight.settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="preflight")
@click.option("-v", "--verbose", count=True, help="More log output on stderr.")
def cli(verbose: int) -> None:
    """Check ICP 备案 attachments before you submit them."""
    logging.basicConfig(level=logging.WARNING - 10 * min(verbose, 2),
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--filing", "filing_path", type=click.Path(path_type=Path, dir_okay=False),
              help="filing.toml to use (default: the one in the scanned folder).")
@click.option("--province", help="Province, Chinese (陕西) or pinyin (shaanxi).")
@click.option("--submission-date", help="Planned submission date, YYYY-MM-DD (default: today).")
@click.option("--subject-type", type=click.Choice(["enterprise", "individual",
                                                   "individual_business"]))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of stdout (required for html).")
@config_options
@click.option("--no-ocr", is_flag=True, help="Skip OCR (document type and dates).")
@click.option("--ocr-engine", type=click.Choice(["auto", "rapid", "tesseract"]), default="auto",
              show_default=True, help="OCR engine (auto = RapidOCR if installed, see docs/ocr.md).")
@click.option("--max-pixels", type=click.IntRange(1), help="Pixels per page above which an "
              "image is not decoded (decompression-bomb guard). [default: 120000000]")
@click.option("--max-file-mb", type=click.FloatRange(0.001), help="Largest file read, in MB. "
              "[default: 200]")
@click.option("--max-pages", type=click.IntRange(1), help="PDF pages checked per file. [default: 50]")
@click.option("--file-timeout", type=click.FloatRange(0.1), help="Seconds allowed per file. "
              "[default: 60]")
def scan(paths: tuple[Path, ...], filing_path: Path | None, province: str | None,
         submission_date: str | None, subject_type: str | None, fmt: str,
         output: Path | None, no_ocr: bool, ocr_engine: str, max_pixels: int | None,
         max_file_mb: float | None, max_pages: int | None, file_timeout: float | None,
         **opts: Any) -> None:
    """Check the attachments in PATHS (folders are searched recursively)."""
    if fmt in FILE_ONLY and output is None:
        raise click.UsageError(f"--format {fmt} writes a file: give -o/--output FILE")
    filing, found_at = load_filing_for(list(paths), filing_path)
    filing = with_overrides(filing, province=province, submission_date=submission_date,
                            subject_type=subject_type)
    limits = {"max_pixels": max_pixels, "max_pdf_pages": max_pages,
              "file_timeout_s": file_timeout,
              "max_file_bytes": int(max_file_mb * 1e6) if max_file_mb else None}
    base = Settings(ocr=not no_ocr,
                    thumbnails=THUMBNAIL_LONG_SIDE if fmt in NEEDS_THUMBNAILS else 0)
    settings, _ = settings_from_options(list(paths), opts, base)
    settings = replace(settings, ocr=settings.ocr and not no_ocr,
                       ocr_engine=ocr_engine).with_limits(
        **{k: v for k, v in limits.items() if v is not None})
    report = run(list(paths), filing, settings, filing_path=found_at)
    text = RENDERERS[fmt](report)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"report written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    sys.exit(ExitCode.FINDINGS if report.failed else ExitCode.OK)


@cli.command("checks")
def list_checks() -> None:
    """List every check: code, name, category, default severity and summary."""
    for c in all_checks():
        click.echo(f"{c.code}  {c.name:<40} {c.category.value:<17} {c.severity.value:<8} "
                   f"{c.docs().summary}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of one check, by code (G101) or name."""
    check = find_check(code)
    if check is None and explain_rule(code):
        return
    if check is None:
        raise click.UsageError(f"no check with code or name {code!r}; see `preflight checks`")
    d = check.docs()
    click.echo(f"{check.code} {check.name} ({check.category.value}, default {check.severity.value})")
    click.echo(f"\n{d.summary}\n\n## What it checks\n{d.what}\n\n## Why it matters\n{d.why}"
               f"\n\n## How to fix\n{d.fix}")
    if check.params:
        click.echo("\n## Parameters")
        for key, p in check.params.items():
            click.echo(f"  {key} = {p.default!r}  {p.doc}")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the CLI and map exceptions to exit codes."""
    try:
        cli.main(args=argv, prog_name="preflight", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except click.Abort:
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except ConfigError as exc:
        click.echo(f"preflight: configuration error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)
    except InputError as exc:
        click.echo(f"preflight: {exc}", err=True)
        sys.exit(ExitCode.INPUT)
    except MissingDependencyError as exc:
        click.echo(f"preflight: missing dependency: {exc}", err=True)
        sys.exit(ExitCode.MISSING_DEPENDENCY)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Exception:  # noqa: BLE001 - last resort: a bug, reported as such
        logging.getLogger(__name__).exception("internal error")
        click.echo("preflight: internal error (a bug); please report the trace above", err=True)
        sys.exit(ExitCode.INTERNAL)


from preflight.cli_audit import audit_command  # noqa: E402 - commands in their own modules

cli.add_command(audit_command)

from preflight.cli_fix import fix_command  # noqa: E402

cli.add_command(fix_command)
cli.add_command(rules_command)

if __name__ == "__main__":  # pragma: no cover
    main()

from preflight.cli_serve import serve  # noqa: E402 - one line per command module

cli.add_command(serve)
