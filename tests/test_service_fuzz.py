"""Schema-driven fuzzing of the service from its own OpenAPI (schemathesis): never a 5xx.

Bounded for CI: a few dozen generated requests per operation, no shrinking deadline.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server extra (fastapi) is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (test extra) is absent")
from hypothesis import HealthCheck, settings  # noqa: E402

from preflight.server import ServiceLimits, create_app  # noqa: E402

APP = create_app(limits=ServiceLimits(workers=1, max_upload_bytes=2 * 1024 * 1024))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():  # type: ignore[no-untyped-def]
    yield
    APP.state.dispatcher.shutdown()


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_json_errors(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"]
