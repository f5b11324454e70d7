"""Every error the service returns is JSON `{"error": {"code", "message", "message_zh"}}`.

Handlers cover the service's own errors, Starlette's HTTP errors (404, 405), request
validation errors and, as a last resort, any exception: the client never sees a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

log = logging.getLogger(__name__)

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "message_zh": {"type": "string"}},
    }},
}

_HTTP_CODES = {404: ("not_found", "没有这个地址。"), 405: ("method_not_allowed", "不支持该请求方法。")}


class ApiError(Exception):
    """An error with its HTTP status, a stable machine code and messages in English and Chinese."""

    def __init__(self, status: int, code: str, message: str, message_zh: str = "",
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.message_zh = message_zh or message
        self.headers = headers


def error_response(status: int, code: str, message: str, message_zh: str = "",
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON error body with its status."""
    body = {"error": {"code": code, "message": message, "message_zh": message_zh or message}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on `app`."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.message_zh, exc.headers)

    @app.exception_handler(HTTPException)
    async def _http(_: Request, exc: HTTPException) -> JSONResponse:
        code, zh = _HTTP_CODES.get(exc.status_code, (f"http_{exc.status_code}", ""))
        return error_response(exc.status_code, code, str(exc.detail), zh,
                              getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}"
                 for e in exc.errors()[:5]]
        return error_response(422, "invalid_request", "; ".join(parts) or "invalid request",
                              "请求参数不正确。")

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error while serving a request")
        return error_response(500, "internal", "internal error; the details are in the log",
                              "服务内部错误。")
