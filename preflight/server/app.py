"""The HTTP service: a thin adapter over `preflight.api` with limits (docs/service.md).

    POST /v1/check        multipart: file (+ role, province, submission_date, subject_type,
                          filing as JSON) -> the JSON report
    POST /v1/filing       a filing as JSON -> the filing rules' findings (no files)
    GET  /v1/checks       the catalogue of checks with their docs
    GET  /healthz         liveness and load
    GET  /                demo 备案 upload form using /static/preflight.js
    GET  /openapi.json, /docs

The service has no check logic of its own: it streams the upload into a private folder, sniffs
its type, hands it to a worker process and maps what can go wrong to JSON errors.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import tempfile
import weakref
from collections.abc import AsyncIterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from preflight import __version__
from preflight.api import as_filing
from preflight.errors import ConfigError
from preflight.filing import Filing, Role, with_overrides
from preflight.loading.sniff import sniff
from preflight.registry import all_checks
from preflight.server import form
from preflight.server.config import ServiceLimits
from preflight.server.errors import ApiError, install_handlers
from preflight.server.schema import (
    CHECK_REQUEST,
    CHECK_RESPONSES,
    ERROR_RESPONSES,
    install_openapi,
)
from preflight.server.upload import MAX_OVERHEAD, Upload, read_upload, too_large
from preflight.server.worker import Dispatcher, Job
from preflight.settings import Settings

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parents[1] / "static"


def create_app(settings: Settings | None = None, limits: ServiceLimits | None = None,
               *, allow_origins: tuple[str, ...] = ()) -> FastAPI:
    """The FastAPI application; `allow_origins` lets forms on other sites call it (CORS)."""
    limits = limits or ServiceLimits()
    settings = (settings or Settings()).with_limits(
        max_pixels=limits.max_pixels, max_file_bytes=limits.max_upload_bytes,
        file_timeout_s=limits.request_timeout_s)  # the worker stops by itself after a 504
    dispatcher = Dispatcher(limits.workers, limits.capacity)
    roots: list[Path] = []  # every private upload folder made, removed at shutdown or exit

    def upload_root() -> Path:
        """The private folder for uploads (mode 0700), made again after a shutdown."""
        if not roots or not roots[-1].is_dir():
            roots.append(Path(tempfile.mkdtemp(prefix="preflight-uploads-", dir=limits.tmp_root)))
            app.state.upload_root = roots[-1]
        return roots[-1]

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        upload_root()
        await dispatcher.start()
        yield
        dispatcher.shutdown()
        _remove_all(roots)

    app = FastAPI(title="preflight", version=__version__, lifespan=lifespan,
                  description="Check ICP 备案 attachments as they are uploaded.",
                  responses=ERROR_RESPONSES)
    app.state.limits, app.state.dispatcher = limits, dispatcher
    upload_root()
    weakref.finalize(app, _remove_all, roots)
    install_handlers(app)
    install_openapi(app)
    if allow_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(allow_origins),
                           allow_methods=["GET", "POST"], allow_headers=["*"])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def demo() -> FileResponse:
        return FileResponse(STATIC / "demo.html", media_type="text/html; charset=utf-8")

    form.register(app)

    @app.get("/healthz", summary="Liveness and load")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "workers": limits.workers,
                "busy": dispatcher.busy, "capacity": limits.capacity}

    @app.get("/v1/checks", summary="The catalogue of checks with their documentation")
    async def checks() -> dict[str, Any]:
        return {"checks": catalogue()}

    @app.post("/v1/check", summary="Check one attachment", openapi_extra=CHECK_REQUEST,
              responses=CHECK_RESPONSES)
    async def check(request: Request) -> JSONResponse:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.max_upload_bytes + MAX_OVERHEAD:
            raise too_large(limits.max_upload_bytes)
        dispatcher.admit()
        folder = Path(tempfile.mkdtemp(dir=upload_root()))
        handed_over = False
        try:
            async with asyncio.timeout(limits.request_timeout_s):
                upload = await read_upload(request.headers.get("content-type", ""),
                                           request.stream(), folder, limits.max_upload_bytes)
                job = _job(upload, settings, limits)
                handed_over = True  # from here the worker's end releases the slot
                report = await _run(dispatcher, job)
        except TimeoutError:
            raise ApiError(504, "timeout", f"the check took longer than "
                           f"{limits.request_timeout_s:g} s", "检查超时,请缩小图片后重试。") from None
        finally:
            if not handed_over:
                dispatcher.release()
            shutil.rmtree(folder, ignore_errors=True)
        return JSONResponse(_refuse_bombs(report))

    return app


def _remove_all(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _job(upload: Upload, settings: Settings, limits: ServiceLimits) -> Job:
    """Validate the upload and its fields; the Job the worker runs."""
    if upload.path is None:
        raise ApiError(400, "missing_file", "the multipart body has no 'file' part",
                       "请求中没有 file 文件字段。")
    if upload.size == 0:
        raise ApiError(422, "empty_file", "the file is empty (0 bytes)", "文件为空(0 字节)。")
    kind = sniff(upload.head)
    if kind not in limits.allowed_types:
        allowed = ", ".join(limits.allowed_types)
        raise ApiError(415, "unsupported_type",
                       f"the content is {kind or 'not an image or PDF'}; allowed: {allowed}",
                       "不支持的文件格式,请上传 JPG、PNG 或 PDF。")
    fields = upload.fields
    role = fields.get("role") or None
    if role is not None and role not in {r.value for r in Role}:
        raise ApiError(422, "invalid_field", f"role {role!r} is not one of: "
                       f"{', '.join(r.value for r in Role)}", "附件类型(role)不正确。")
    return Job(path=upload.path, filename=upload.filename or "upload", role=role,
               filing=_filing(fields), settings=settings)


def _filing(fields: dict[str, str]) -> Filing:
    """The filing from the `filing` JSON field and the individual fields (which win)."""
    try:
        raw = json.loads(fields["filing"]) if fields.get("filing") else None
        filing = as_filing(raw) if raw is not None else Filing()
        return with_overrides(filing, **{k: fields.get(k) or None for k in
                                         ("province", "submission_date", "subject_type")})
    except (ValueError, ConfigError) as exc:  # JSONDecodeError is a ValueError
        raise ApiError(422, "invalid_filing", f"invalid filing: {exc}",
                       f"备案信息不正确:{exc}") from None


async def _run(dispatcher: Dispatcher, job: Job) -> dict[str, Any]:
    try:
        return await dispatcher.submit(job)
    except BrokenProcessPool:
        dispatcher.broken()
        raise ApiError(500, "worker_crashed", "the checking process crashed on this file",
                       "检查进程在处理该文件时崩溃。") from None


def _refuse_bombs(report: dict[str, Any]) -> dict[str, Any]:
    """A page over max_pixels is an error of the request (422), not a report."""
    for doc in report["documents"]:
        for f in doc["findings"]:
            if f["code"] == "F101" and f["measured"] == "too_many_pixels":
                raise ApiError(422, "too_many_pixels", f["message_en"], f["message_zh"])
    return report


def catalogue() -> list[dict[str, Any]]:
    """Every check with its documentation and parameters (what `preflight explain` prints)."""
    out = []
    for c in all_checks():
        d = c.docs()
        out.append({
            "code": c.code, "name": c.name, "category": c.category.value,
            "severity": c.severity.value, "scope": c.scope, "summary": d.summary,
            "what": d.what, "why": d.why, "fix": d.fix,
            "params": {k: {"default": p.default, "doc": p.doc, "min": p.min, "max": p.max}
                       for k, p in c.params.items()},
        })
    return out
