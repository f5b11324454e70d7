"""Streaming multipart parser: the one file goes to a private folder, reading stops at the limit.

Starlette's own form parser spools large files into the system temporary folder and reads the
whole body before the handler sees it; this one writes the `file` part straight into the
request's private folder (never under the client's name), stops reading as soon as the upload passes
`max_bytes` (413), and keeps the text fields small. The client's file name is kept as text only.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.multipart import MultipartParser, parse_options_header

from preflight.api import safe_filename, safe_suffix
from preflight.server.errors import ApiError

MAX_FIELD_BYTES = 64 * 1024  # a filing as JSON is a few kB
MAX_FIELDS = 16
MAX_OVERHEAD = MAX_FIELDS * MAX_FIELD_BYTES + 64 * 1024  # body bytes allowed beyond the file
FILE_FIELD = "file"


@dataclass
class Upload:
    """The parsed request: where the file's bytes are, its client name, its first bytes, fields."""

    path: Path | None = None
    filename: str | None = None
    size: int = 0
    head: bytes = b""
    fields: dict[str, str] = field(default_factory=dict)


class _Collector:
    """python-multipart callbacks that build an Upload."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder, self.max_bytes = folder, max_bytes
        self.upload = Upload()
        self._headers: dict[bytes, bytes] = {}
        self._name = self._value = b""
        self._field: str | None = None
        self._text = bytearray()
        self._fh: IO[bytes] | None = None

    def on_part_begin(self) -> None:
        self._headers, self._field, self._text = {}, None, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._name.lower()] = self._value
        self._name = self._value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if b"name" not in options:
            raise ApiError(400, "malformed_multipart", "a part has no Content-Disposition name",
                           "上传请求格式错误:某个部分缺少字段名。")
        self._field = options[b"name"].decode("utf-8", "replace")
        if self._field == FILE_FIELD:
            if self.upload.path is not None:
                raise ApiError(400, "too_many_files", "send exactly one file per request",
                               "每次请求只能上传一个文件。")
            self.upload.filename = options.get(b"filename", b"").decode("utf-8", "replace")
            self.upload.path = self.folder / ("upload" + safe_suffix(safe_filename(
                self.upload.filename)))
            fd = os.open(self.upload.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            self._fh = os.fdopen(fd, "wb")
        elif len(self.upload.fields) >= MAX_FIELDS:
            raise ApiError(400, "too_many_fields", f"more than {MAX_FIELDS} form fields",
                           "表单字段过多。")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._fh is not None:
            self.upload.size += len(chunk)
            if self.upload.size > self.max_bytes:
                raise too_large(self.max_bytes)
            if len(self.upload.head) < 1024:
                self.upload.head += chunk[: 1024 - len(self.upload.head)]
            self._fh.write(chunk)
        else:
            self._text += chunk
            if len(self._text) > MAX_FIELD_BYTES:
                raise ApiError(413, "field_too_large",
                               f"form field {self._field!r} is over {MAX_FIELD_BYTES} bytes",
                               "表单字段内容过长。")

    def on_part_end(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        elif self._field is not None:
            self.upload.fields[self._field] = self._text.decode("utf-8", "replace")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()


def too_large(max_bytes: int) -> ApiError:
    """The 413 error for an upload over the limit."""
    mb = max_bytes / 1024 / 1024
    return ApiError(413, "file_too_large", f"the upload is larger than {mb:.0f} MB",
                    f"文件超过 {mb:.0f} MB 上限,请压缩或缩小后再上传。")


async def read_upload(content_type: str, stream: AsyncIterator[bytes], folder: Path,
                      max_bytes: int) -> Upload:
    """Parse a multipart body from `stream`; the file part is written under `folder`.

    `folder` is the request's own private folder: the caller deletes it, whatever happens.
    Raises ApiError (400 malformed, 413 too large).
    """
    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise ApiError(400, "malformed_multipart",
                       "send multipart/form-data with a boundary and a 'file' part",
                       "请以 multipart/form-data 格式上传,并包含 file 字段。")
    collector = _Collector(folder, max_bytes)
    callbacks = {name: getattr(collector, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end",
        "on_headers_finished", "on_part_data", "on_part_end")}
    try:
        parser = MultipartParser(params[b"boundary"], callbacks)  # type: ignore[arg-type]
        total = 0
        async for chunk in stream:
            total += len(chunk)
            if total > max_bytes + MAX_OVERHEAD:  # junk around the parts counts too
                raise too_large(max_bytes)
            parser.write(chunk)
        parser.finalize()
    except ApiError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-multipart raises several types on bad input
        raise ApiError(400, "malformed_multipart", f"the multipart body is malformed: {exc}",
                       "上传请求格式错误,无法解析。") from exc
    finally:
        collector.close()
    return collector.upload
