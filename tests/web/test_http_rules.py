"""Site-wide HTTP rules: HEAD wherever GET is, JSON (only JSON) under /api/, a CSP on every page."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from tests.helpers.samples import SAAS

pytestmark = pytest.mark.django_db

GET_PATHS = [
    "/",
    "/compare/",
    "/evidence/",
    "/assess/",
    "/healthz",
    "/api/stacks",
    "/api/knowledge",
]


@pytest.mark.parametrize("path", GET_PATHS)
def test_head_is_answered_wherever_get_is(client, path):
    head = client.head(path)
    assert head.status_code == 200, path
    assert head.content == b""
    assert int(head["Content-Length"]) == len(client.get(path).content)


def test_head_of_a_result_page_and_a_download_answers_200(client, assessment):
    assert client.head(f"/assessments/{assessment.id}/").status_code == 200
    assert client.head(f"/assessments/{assessment.id}/report.md").status_code == 200


def test_an_unknown_api_path_answers_json_404(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "no such API path"}


def test_a_wrong_method_on_the_api_answers_json_405_with_allow(client):
    response = client.delete("/api/stacks")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert "DELETE is not allowed" in response.json()["detail"]


def test_an_api_server_error_answers_json_500(client, assessment):
    """A real failure (the table gone for a moment), not a stand-in: the client still gets JSON."""
    client.raise_request_exception = False
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE assessments_assessment RENAME TO assessments_hidden")
    try:
        response = client.get(f"/api/assessments/{assessment.id}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE assessments_hidden RENAME TO assessments_assessment")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error; it has been logged"}


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_the_api_reads_only_json_bodies(client, content_type):
    """A cross-site form or text/plain post needs no CORS preflight; the API refuses it."""
    response = client.generic(
        "POST", "/api/assessments", json.dumps(SAAS), content_type=content_type
    )
    assert response.status_code == 415
    assert content_type in response.json()["detail"]


def test_json_with_a_charset_is_json(client):
    response = client.post(
        "/api/assessments", json.dumps(SAAS), content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 201


@pytest.mark.parametrize("path", ["/", "/assess/", "/compare/", "/api/stacks"])
def test_every_answer_carries_a_policy_that_runs_no_inline_script(client, path):
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_the_api_docs_load_swagger_from_this_site_and_nothing_inline(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    page = response.content.decode()
    assert "<script>" not in page  # only src= scripts and the JSON settings block
    assert 'type="application/json"' in page
    assert "cdn." not in page and 'src="http' not in page
