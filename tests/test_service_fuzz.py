"""Schema-driven fuzzing of the service from its own OpenAPI (schemathesis): never a 5xx.

Schemathesis's default checks also hold: responses match the documented statuses and schemas
(the report against preflight/schema/report.schema.json) and invalid input is rejected;
"schema-valid input is accepted" is excluded (random bytes are not images: 415 is right).

Bounded for CI: a few dozen generated requests per operation, no shrinking deadline.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the server extra (fastapi) is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (test extra) is absent")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

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
    # no 5xx, documented statuses and schemas; random bytes that fit the schema are still not
    # images, so "valid data accepted" cannot hold for an upload sniffed by its content
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500, response.text
    assert "preflight-uploads" not in response.text  # private paths never leak
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"]
