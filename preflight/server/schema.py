"""OpenAPI fragments for the hand-parsed multipart endpoint and the JSON responses."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from preflight.filing import Role, SubjectType
from preflight.server.errors import ERROR_SCHEMA

# Empty text fields mean "not given", as plain HTML forms send them.
CHECK_REQUEST: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary",
                         "description": "The attachment: JPEG, PNG, WebP, HEIC, TIFF, BMP, GIF "
                                        "or PDF (sniffed from the content)."},
                "role": {"type": "string", "enum": [*(r.value for r in Role), ""],
                         "description": "The slot it fills; inferred from the file name if "
                                        "absent or empty."},
                "province": {"type": "string", "description": "陕西, shaanxi, 陕西省..."},
                "submission_date": {"anyOf": [{"type": "string", "format": "date"},
                                              {"type": "string", "maxLength": 0}],
                                    "description": "Planned submission date YYYY-MM-DD; "
                                                   "absent or empty: today."},
                "subject_type": {"type": "string",
                                 "enum": [*(s.value for s in SubjectType), ""]},
                "filing": {"type": "string",
                           "description": "The filing as a JSON object with filing.toml's keys; "
                                          "the fields above override it."},
            },
        }}},
    },
}


def error_response_doc(description: str) -> dict[str, Any]:
    """An OpenAPI response whose body is the JSON error."""
    return {"description": description,
            "content": {"application/json": {"schema": ERROR_SCHEMA}}}


REPORT_SCHEMA: dict[str, Any] = {"$ref": "#/components/schemas/Report"}


def report_components() -> dict[str, Any]:
    """preflight/schema/report.schema.json as OpenAPI components (`$defs` hoisted, refs moved)."""
    text = resources.files("preflight").joinpath("schema/report.schema.json").read_text("utf-8")
    text = text.replace('"#/$defs/', '"#/components/schemas/Report_')
    schema = json.loads(text)
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return {"Report": schema, **{f"Report_{name}": d for name, d in defs.items()}}


def install_openapi(app: FastAPI) -> None:
    """Generate the OpenAPI document once, with the report schema among its components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, routes=app.routes,
                              description=app.description)
            doc.setdefault("components", {}).setdefault("schemas", {}).update(
                report_components())
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

CHECK_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The report", "content": {"application/json": {"schema": REPORT_SCHEMA}}},
    400: error_response_doc("Malformed multipart body or missing file"),
    413: error_response_doc("Upload larger than max_upload_bytes"),
    415: error_response_doc("Content is not an allowed image or PDF type"),
    422: error_response_doc("Invalid field, empty file, or too many pixels (decompression bomb)"),
    503: error_response_doc("At capacity; retry after the Retry-After header"),
    504: error_response_doc("The check took longer than request_timeout_s"),
}

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: error_response_doc("Not found"), 405: error_response_doc("Method not allowed"),
}
