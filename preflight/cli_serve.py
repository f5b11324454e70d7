"""`preflight serve`: the HTTP service and the upload-form widget on uvicorn (docs/service.md)."""

from __future__ import annotations

from dataclasses import replace

import click

from preflight.errors import MissingDependencyError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes it to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", type=click.IntRange(1, 64),
              help="Worker processes doing the checks (default: CPU count, at most 4).")
@click.option("--max-upload-mb", type=click.FloatRange(0.01, 1024), default=20.0,
              show_default=True, help="Largest upload accepted (413 beyond).")
@click.option("--max-megapixels", type=click.FloatRange(0.01, 1000), default=50.0,
              show_default=True, help="Most pixels per page (422 beyond: decompression bombs).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(0.1, 3600), default=60.0,
              show_default=True, help="Seconds per request, upload and check (504 beyond).")
@click.option("--max-queued", type=click.IntRange(0, 10_000), default=16, show_default=True,
              help="Requests waiting for a worker before new ones get 503.")
@click.option("--allow-origin", "origins", multiple=True,
              help="Origin of a site whose forms may call the service (CORS); repeatable.")
def serve(host: str, port: int, workers: int | None, max_upload_mb: float,
          max_megapixels: float, timeout_s: float, max_queued: int,
          origins: tuple[str, ...]) -> None:
    """Serve POST /v1/check, the catalogue, OpenAPI docs and a demo upload form at /."""
    try:
        import uvicorn

        from preflight.server import ServiceLimits, create_app
    except ImportError as exc:
        raise MissingDependencyError(
            f"{exc.name} is not installed; install the extra: pip install 'preflight-icp[server]'"
        ) from exc
    limits = ServiceLimits(
        max_upload_bytes=int(max_upload_mb * 1024 * 1024),
        max_pixels=int(max_megapixels * 1_000_000), request_timeout_s=timeout_s,
        max_queued=max_queued,
    )
    if workers:
        limits = replace(limits, workers=workers)
    click.echo(f"preflight service on http://{host}:{port}/ (docs at /docs)", err=True)
    uvicorn.run(create_app(limits=limits, allow_origins=origins), host=host, port=port,
                log_level="info", timeout_graceful_shutdown=5)
