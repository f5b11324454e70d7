"""`preflight fix SRC --out DST`: write corrected copies, print the changes, scan the result."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from preflight.exitcodes import ExitCode
from preflight.filing import with_overrides
from preflight.fix import check_destination, fix_folder, options_for
from preflight.pipeline import load_filing_for, run
from preflight.render import text
from preflight.settings import Settings


@click.command("fix")
@click.argument("src", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", "dst", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="New folder for the corrected copies (must not overlap SRC).")
@click.option("--province", help="Province (default: filing.toml); decides landscape canvases.")
@click.option("--max-long-side", type=click.IntRange(500, 20000), default=4000,
              show_default=True, help="Downscale images whose long side exceeds this (px).")
@click.option("--quality", type=click.IntRange(50, 100), default=92, show_default=True,
              help="JPEG quality of re-written images.")
@click.option("--min-quality", type=click.IntRange(50, 100), default=80, show_default=True,
              help="Floor when lowering the quality to fit --max-mb.")
@click.option("--max-mb", type=click.FloatRange(0.05, 100), default=None,
              help="Lower the JPEG quality (not below --min-quality) to fit this size.")
@click.option("--pdfs", is_flag=True, help="Also fix PDFs (pages re-rendered as images).")
@click.option("--no-ocr", is_flag=True, help="Skip OCR in the scans before and after.")
def fix_command(src: Path, dst: Path, province: str | None, max_long_side: int, quality: int,
                min_quality: int, max_mb: float | None, pdfs: bool, no_ocr: bool) -> None:
    """Write corrected copies of the attachments in SRC to --out; SRC is never modified."""
    if min_quality > quality:
        raise click.UsageError("--min-quality must not exceed --quality")
    check_destination(src, dst)
    filing, found = load_filing_for([src], None)
    filing = with_overrides(filing, province=province)
    settings = Settings(ocr=not no_ocr)
    before = run([src], filing, settings, filing_path=found)
    options = options_for(filing.province, max_long_side=max_long_side, quality=quality,
                          min_quality=min_quality, pdfs=pdfs,
                          max_bytes=round(max_mb * 1e6) if max_mb else None)
    for fx in fix_folder(src, dst, before, options):
        click.echo(f"{fx.file}: " + ("; ".join(fx.actions) if fx.actions else "copied unchanged"))
    after = run([dst], filing, settings, filing_path=found)
    click.echo(f"\n复查 / scan of {dst}:\n")
    click.echo(text.render(after), nl=False)
    sys.exit(ExitCode.FINDINGS if after.failed else ExitCode.OK)
