"""The HTTP service through FastAPI's TestClient: reports, limits, JSON errors, cleanup."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the server extra (fastapi) is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from preflight.server import ServiceLimits, create_app  # noqa: E402
from tests.service_images import card_photo, png_bomb, tiff_bomb, tiny_photo  # noqa: E402

SMALL_LIMIT = 300_000


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One service (one worker) with a 300 kB upload limit, run with its lifespan."""
    limits = ServiceLimits(workers=1, max_upload_bytes=SMALL_LIMIT,
                           tmp_root=tmp_path_factory.mktemp("uploads"))
    with TestClient(create_app(limits=limits)) as c:
        yield c


def _post(client: TestClient, data: bytes, name: str = "photo.jpg",
          **fields: str) -> httpx.Response:
    return client.post("/v1/check", files={"file": (name, data, "application/octet-stream")},
                       data=fields)


def _error(resp: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    err = resp.json()["error"]
    assert err["code"] == code and err["message"] and err["message_zh"]
    assert "Traceback" not in resp.text
    return err


def test_check_returns_the_report(client: TestClient) -> None:
    resp = _post(client, tiny_photo(), "x.jpg", role="id_front", province="陕西",
                 submission_date="2026-12-01")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["schema_version"] and body["inputs"]["province"] == "陕西"
    assert body["inputs"]["submission_date"] == "2026-12-01"
    assert body["inputs"]["paths"] == ["x.jpg"]  # never the server's private path
    doc = body["documents"][0]
    assert doc["file"] == "x.jpg" and doc["role"] == "id_front"
    assert [f["code"] for f in doc["findings"]] == ["Q101"]


def test_filing_json_and_field_override(client: TestClient) -> None:
    portrait = card_photo(width=160, height=256)  # small enough for the 300 kB limit
    filing = '{"province": "广东", "submission_date": "2026-12-01"}'
    base = _post(client, portrait, filing=filing).json()
    assert "G101" not in [f["code"] for f in base["documents"][0]["findings"]]
    over = _post(client, portrait, filing=filing, province="shaanxi").json()
    assert over["inputs"]["province"] == "陕西"
    assert "G101" in [f["code"] for f in over["documents"][0]["findings"]]


@pytest.mark.parametrize(("fields", "code"), [
    ({"role": "passport"}, "invalid_field"),
    ({"province": "atlantis"}, "invalid_filing"),
    ({"submission_date": "2026-13-45"}, "invalid_filing"),
    ({"filing": "{not json"}, "invalid_filing"),
    ({"filing": '{"provinse": "陕西"}'}, "invalid_filing"),
])
def test_invalid_fields_are_422(client: TestClient, fields: dict[str, str], code: str) -> None:
    _error(_post(client, tiny_photo(), **fields), 422, code)


def test_oversized_upload_is_413_while_streaming(client: TestClient) -> None:
    _error(_post(client, b"\xff\xd8\xff" + b"\0" * (SMALL_LIMIT + 10)), 413, "file_too_large")


def test_oversized_declared_length_is_413_before_reading(client: TestClient) -> None:
    big = b"\xff\xd8\xff" + b"\0" * (3 * 1024 * 1024)
    _error(_post(client, big), 413, "file_too_large")


def test_wrong_type_is_415_whatever_the_name(client: TestClient) -> None:
    err = _error(_post(client, b"MZ\x90\x00 an executable", "photo.jpg"), 415, "unsupported_type")
    assert "jpeg" in err["message"]


def test_empty_and_missing_file(client: TestClient) -> None:
    _error(_post(client, b""), 422, "empty_file")
    _error(client.post("/v1/check", files={"other": ("a", b"x")}), 400, "missing_file")


def test_malformed_multipart_is_400(client: TestClient) -> None:
    bad = client.post("/v1/check", content=b"--zz\r\nno headers here",
                      headers={"content-type": "multipart/form-data; boundary=yy"})
    _error(bad, 400, "malformed_multipart")
    no_boundary = client.post("/v1/check", content=b"x",
                              headers={"content-type": "multipart/form-data"})
    _error(no_boundary, 400, "malformed_multipart")
    _error(client.post("/v1/check", json={"file": "x"}), 400, "malformed_multipart")


def test_decompression_bomb_is_422(client: TestClient) -> None:
    bomb = png_bomb()  # 100 MP in 12 kB; the service allows 50 MP
    assert len(bomb) < SMALL_LIMIT
    err = _error(_post(client, bomb, "bomb.png"), 422, "too_many_pixels")
    assert "10000×10000" in err["message"]
    _error(_post(client, tiff_bomb(), "scan.tif"), 422, "too_many_pixels")  # page 2 of a TIFF


def test_unknown_route_and_method_are_json(client: TestClient) -> None:
    _error(client.get("/v2/nothing"), 404, "not_found")
    _error(client.get("/v1/check"), 405, "method_not_allowed")
    _error(client.get("/static/nothing.js"), 404, "not_found")


def test_catalogue_health_openapi_demo_and_widget(client: TestClient) -> None:
    checks = client.get("/v1/checks").json()["checks"]
    q101 = next(c for c in checks if c["code"] == "Q101")
    assert q101["what"] and q101["why"] and q101["fix"] and "min_short_side" in q101["params"]
    assert client.get("/healthz").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/check"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert body["schema"]["required"] == ["file"]
    assert client.get("/docs").status_code == 200
    page = client.get("/").text
    assert 'data-preflight-role="id_back"' in page and "/static/preflight.js" in page
    js = client.get("/static/preflight.js")
    assert js.status_code == 200 and "data-preflight-role" in js.text


def test_upload_folder_is_empty_afterwards(client: TestClient) -> None:
    _post(client, tiny_photo())
    _post(client, b"\xff\xd8\xff" + b"\0" * (SMALL_LIMIT + 10))
    _post(client, b"not an image")
    _post(client, png_bomb(), "bomb.png")
    root: Path = client.app.state.upload_root  # type: ignore[attr-defined]
    assert root.is_dir() and list(root.iterdir()) == []


def test_time_limit_is_504(tmp_path: Path) -> None:
    limits = ServiceLimits(workers=1, request_timeout_s=0.001, tmp_root=tmp_path)
    with TestClient(create_app(limits=limits)) as c:
        _error(_post(c, card_photo()), 504, "timeout")
        assert list(c.app.state.upload_root.iterdir()) == []  # type: ignore[attr-defined]


def test_saturation_is_503(tmp_path: Path) -> None:
    app = create_app(limits=ServiceLimits(workers=1, max_queued=0, tmp_root=tmp_path))

    async def burst() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            files = {"file": ("a.jpg", card_photo(), "image/jpeg")}
            resps = await asyncio.gather(*(c.post("/v1/check", files=files) for _ in range(3)))
        for r in resps:
            if r.status_code == 503:
                assert r.json()["error"]["code"] == "busy" and r.headers["retry-after"]
        return sorted(r.status_code for r in resps)

    try:
        statuses = asyncio.run(burst())
    finally:
        app.state.dispatcher.shutdown()
    assert statuses[0] == 200 and statuses[-1] == 503


def test_cors_only_for_listed_origins(tmp_path: Path) -> None:
    site = "https://beian.example.com"
    preflight_req = {"Origin": site, "Access-Control-Request-Method": "POST"}
    app = create_app(limits=ServiceLimits(workers=1, tmp_root=tmp_path), allow_origins=(site,))
    with TestClient(app) as c:
        ok = c.options("/v1/check", headers=preflight_req)
        assert ok.headers.get("access-control-allow-origin") == site
        other = c.options("/v1/check", headers={**preflight_req, "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    closed = create_app(limits=ServiceLimits(workers=1, tmp_root=tmp_path))
    with TestClient(closed) as c:
        resp = c.get("/healthz", headers={"Origin": site})
        assert "access-control-allow-origin" not in resp.headers


def test_filing_rules_on_form_fields(client: TestClient) -> None:
    filing = {"province": "北京", "submission_date": "2026-12-01", "subject_type": "enterprise",
              "host_owner": {"mobile": "13800000000", "emergency_phone": "13800000000"}}
    body = client.post("/v1/filing", json=filing).json()
    assert [f["code"] for f in body["findings"]] == ["R701"]
    assert "应急电话" in body["findings"][0]["message_zh"]
    filing["host_owner"]["emergency_phone"] = "010-12345678"
    fixed = client.post("/v1/filing", json=filing).json()
    assert fixed["findings"] == [] and "findings" in fixed and "missing" in fixed
    _error(client.post("/v1/filing", json={"provinse": "北京"}), 422, "invalid_filing")
    _error(client.post("/v1/filing", content=b"[1, 2]"), 400, "invalid_json")
    _error(client.post("/v1/filing", content=b"{" + b" " * 300_000 + b"}"), 413, "body_too_large")
