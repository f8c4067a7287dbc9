"""The admin API's OpenAPI document: complete (every /admin/api route is in it) and true (schemathesis
sends generated requests to every operation, with and without the token: no 5xx, answers match)."""
import re
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.conftest import REPO, X_ACCOUNT, ZAMMAD, write_config

TOKEN = "admin-token-0123456789"


def _config_env(directory: Path) -> dict[str, str]:
    path = write_config(directory, helpdesk=ZAMMAD, accounts=[X_ACCOUNT], extra=f"""
        admin_token: {TOKEN}
        review:
          - {{agents: [agent.smith@acme.test], mode: before}}
        """)
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{directory / 'b.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings"), "BRIDGE_DATA_DIR": str(directory)}


@pytest.fixture
def config_env(tmp_path):
    return _config_env(tmp_path)


def _module_app():
    """One app for the generated cases (schemathesis parametrizes at import time, before fixtures)."""
    from bridge.app import create_app
    from bridge.config import load_settings
    from bridge.runtime import Runtime

    directory = Path(tempfile.mkdtemp(prefix="bridge-openapi-"))
    runtime = Runtime(load_settings(_config_env(directory)))
    runtime.store.migrate()
    return create_app(runtime, start_queue=False)


APP = _module_app()
schema = schemathesis.openapi.from_wsgi("/admin/api/openapi.json", APP)


def test_every_admin_api_route_is_in_the_document(app, client):
    document = client.get("/admin/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin/api/") or rule.endpoint.startswith("api_docs.docs"):
            continue
        path = re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {rule.rule} is not in the OpenAPI document"


def test_the_browsable_page_lists_every_operation(client):
    document = client.get("/admin/api/openapi.json").get_json()
    page = client.get("/admin/api/docs").get_data(as_text=True)
    for path, ops in document["paths"].items():
        for method in ops:
            assert f"{method.upper()} {path}" in page


# Left out: unknown query parameters are ignored, as most HTTP APIs do (wrong values of known parameters
# are refused), and Flask answers OPTIONS itself with an Allow header that lists OPTIONS too.
EXCLUDED = [schemathesis.checks.negative_data_rejection, schemathesis.checks.allow_header_conformance]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_with_the_token(case):
    case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=EXCLUDED)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_without_a_token(case):
    response = case.call_and_validate(app=APP, headers={"Authorization": ""}, excluded_checks=EXCLUDED)
    if case.path.startswith("/admin/api/") and case.path != "/admin/api/openapi.json" \
            and case.method.upper() == case.operation.method.upper() and response.status_code != 404:
        assert response.status_code == 401, response.text
