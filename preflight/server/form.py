"""`POST /v1/filing`: the filing rules on a filing as typed into a form, without files.

The body is the filing as JSON with `filing.toml`'s keys (validated strictly); the answer lists
the rule findings (应急电话 ≠ 手机号, 前置审批 keywords, attachments each province requires per
the `[[attachments]]` entries...) and, per missing fact, the rules it kept from being evaluated.
The work is light (no images), so it runs in a thread, not in the process pool.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from preflight.api import as_filing
from preflight.errors import ConfigError
from preflight.model import worst_first
from preflight.server.errors import ApiError
from preflight.server.schema import error_response_doc

MAX_FILING_BYTES = 256 * 1024

FILING_REQUEST: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {
        "type": "object",
        "description": "The filing with filing.toml's keys (docs/filing.md); unknown keys are "
                       "refused.",
    }}}}}

FILING_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Rule findings and the facts missing to evaluate other rules",
          "content": {"application/json": {"schema": {
              "type": "object", "required": ["findings", "missing"],
              "properties": {
                  "findings": {"type": "array",
                               "items": {"$ref": "#/components/schemas/Report_finding"}},
                  "missing": {"type": "object", "additionalProperties": {
                      "type": "array", "items": {"type": "string"}}},
              }}}}},
    400: error_response_doc("The body is not a JSON object"),
    413: error_response_doc(f"Body larger than {MAX_FILING_BYTES // 1024} kB"),
    422: error_response_doc("Invalid filing (unknown key, bad value)"),
}


def register(app: FastAPI) -> None:
    """Add the route to `app`."""

    @app.post("/v1/filing", summary="Check a filing's fields against the province rules",
              openapi_extra=FILING_REQUEST, responses=FILING_RESPONSES)
    async def filing(request: Request) -> JSONResponse:
        raw = await _read_json(request)
        try:
            parsed = as_filing(raw)
        except ConfigError as exc:
            raise ApiError(422, "invalid_filing", f"invalid filing: {exc}",
                           f"备案信息不正确:{exc}") from None
        from preflight.rules.api import form_findings

        results = await run_in_threadpool(form_findings, parsed)
        return JSONResponse({"findings": [f.to_dict() for f in worst_first(results.findings)],
                             "missing": results.missing})


async def _read_json(request: Request) -> dict[str, Any]:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FILING_BYTES:
            raise ApiError(413, "body_too_large", f"the filing is over {MAX_FILING_BYTES} bytes",
                           "备案信息过长。")
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object",
                       "请求内容须为 JSON 对象。")
    return value
