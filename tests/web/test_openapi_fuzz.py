"""schemathesis against the OpenAPI document: no generated request makes the API answer 5xx,
with NUL and other control characters in the generated text (on PostgreSQL too, through
test_postgres.py: NUL in a name was a 500 there)."""

from __future__ import annotations

import math
import string

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwise.web.wsgi import application
from tests.helpers.samples import SAAS

# At least this many generated requests per run, spread over the operations that take input.
TOTAL_CASES = 1000

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
schema.config.generation.update(
    allow_x00=True, codec="utf-8", modes=["positive", "negative"], no_shrink=True
)
_with_input = [
    op.ok()
    for op in schema.get_all_operations()
    if op.ok().body or op.ok().path_parameters or op.ok().query
]
EXAMPLES_PER_OPERATION = math.ceil(TOTAL_CASES / len(_with_input))


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck)
)
def test_no_generated_request_gets_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, (
        f"{case.method} {case.path} -> {response.status_code}: {response.text[:300]}"
    )


CONTROL = st.characters(categories=["Cc"])
TEXT = st.text(st.sampled_from(string.ascii_letters) | CONTROL, min_size=1, max_size=30)


@pytest.mark.django_db
@given(name=TEXT.filter(lambda t: any(not c.isprintable() for c in t)), region=TEXT)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_control_characters_in_any_text_field_are_a_422_naming_it(client, name, region):
    import json

    response = client.post(
        "/api/assessments",
        json.dumps({**SAAS, "name": name, "region": region}),
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["detail"]}
    assert "name" in fields
