"""Schemathesis over the whole /api/v1/ spec: no request, however odd, gets a 5xx."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from zhili.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_endpoint_answers_with_a_server_error(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])


def test_openapi_is_served_with_every_core_router(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "治理平台 API"
    assert "/api/v1/identity/token" in spec["paths"]
