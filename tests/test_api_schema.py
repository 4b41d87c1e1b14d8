"""schemathesis, run against the OpenAPI spec, finds no 5xx (a few examples per operation)."""

from __future__ import annotations

import pytest
from test_web_fixtures import build

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402


def _app():
    import tempfile
    from pathlib import Path

    from truceline.web import create_app

    store, tokens = build(Path(tempfile.mkdtemp()) / "schema.db")
    app = create_app(store)
    app.state.test_tokens = tokens
    return app


APP = _app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors_as_public(case):
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors_as_admin(case):
    case.headers = {
        **(case.headers or {}),
        "Authorization": f"Bearer {APP.state.test_tokens['admin']}",
    }
    case.call_and_validate(checks=[not_a_server_error])
