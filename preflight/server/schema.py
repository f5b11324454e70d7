"""OpenAPI fragments for the hand-parsed multipart endpoint and the JSON responses."""

from __future__ import annotations

from typing import Any

from preflight.filing import Role, SubjectType
from preflight.server.errors import ERROR_SCHEMA

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
                "role": {"type": "string", "enum": [r.value for r in Role],
                         "description": "The slot it fills; inferred from the file name if absent."},
                "province": {"type": "string", "description": "陕西, shaanxi, 陕西省..."},
                "submission_date": {"type": "string", "format": "date",
                                    "description": "Planned submission date (default: today)."},
                "subject_type": {"type": "string", "enum": [s.value for s in SubjectType]},
                "filing": {"type": "string",
                           "description": "The filing as a JSON object with filing.toml's keys; "
                                          "the fields above override it."},
            },
        }}},
    },
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": ERROR_SCHEMA}}}


REPORT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["schema_version", "summary", "documents", "filing_findings"],
    "description": "The report of `preflight scan --format json` (docs/report.md).",
}

CHECK_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The report", "content": {"application/json": {"schema": REPORT_SCHEMA}}},
    400: _error("Malformed multipart body or missing file"),
    413: _error("Upload larger than max_upload_bytes"),
    415: _error("Content is not an allowed image or PDF type"),
    422: _error("Invalid field, empty file, or too many pixels (decompression bomb)"),
    503: _error("At capacity; retry after the Retry-After header"),
    504: _error("The check took longer than request_timeout_s"),
}

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: _error("Not found"), 405: _error("Method not allowed"),
}
