"""The OpenAPI document as client tools read it: a valid document, every answer described, a
generated Python client that works against a live server, TypeScript types that compile."""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
README_BODY = json.loads(
    re.search(r"-d '(\{.*?\})'", (ROOT / "README.md").read_text()).group(1)  # type: ignore[union-attr]
)

# What each operation can answer besides success: field errors (422), an unreadable or oversized
# body or one that is not JSON (400, 413, 415), a missing assessment (404), a taken slot (409),
# the rate limit (429).
ERRORS = {
    ("post", "/api/assessments"): {"400", "413", "415", "422", "429"},
    ("get", "/api/assessments/{assessment_id}"): {"404", "422"},
    ("get", "/api/stacks"): set(),
    ("get", "/api/factors"): set(),
    ("get", "/api/knowledge"): set(),
    ("get", "/api/slots"): {"422"},
    ("post", "/api/bookings"): {"400", "409", "413", "415", "422", "429"},
}


@pytest.fixture(scope="module")
def document(django_db_blocker: Any) -> dict[str, Any]:
    from django.test import Client

    with django_db_blocker.unblock():
        return dict(Client().get("/api/openapi.json").json())


def _validator(document: dict[str, Any], method: str, path: str, status: int) -> Any:
    """A JSON Schema validator for one documented response, with the document's components."""
    registry = Registry().with_resource(
        "urn:stackwise-api", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    pointer = f"/paths/{path.replace('/', '~1')}/{method}/responses/{status}/content"
    return Draft202012Validator(
        {"$ref": f"urn:stackwise-api#{pointer}/application~1json/schema"}, registry=registry
    )


def test_the_document_passes_openapi_spec_validator(document):
    from openapi_spec_validator import validate

    validate(document)


def test_every_answer_has_a_schema_and_every_error_is_documented(document):
    found = {(m, p): ops for p, item in document["paths"].items() for m, ops in item.items()}
    assert set(found) == set(ERRORS)
    for key, operation in found.items():
        responses = operation["responses"]
        assert {code for code in responses if code.startswith("4")} == ERRORS[key], key
        for code, response in responses.items():
            assert "schema" in response["content"]["application/json"], (key, code)
        if "429" in responses:
            header = responses["429"]["headers"]["Retry-After"]
            assert header["schema"]["type"] == "integer"

    schemas = document["components"]["schemas"]
    assessment = schemas["AssessmentOut"]["properties"]
    assert assessment["created_at"]["format"] == "date-time"
    assert assessment["id"]["format"] == "uuid"
    assert assessment["recommendation"] == {"$ref": "#/components/schemas/Recommendation"}
    assert set(schemas["Recommendation"]["required"]) >= {"top", "ranking", "risks", "estimate"}
    assert schemas["BookingOut"]["properties"]["start"]["format"] == "date-time"
    (parameter,) = document["paths"]["/api/assessments/{assessment_id}"]["get"]["parameters"]
    assert parameter["schema"]["format"] == "uuid"


@pytest.mark.django_db
def test_real_answers_match_the_schemas_they_are_documented_with(client, document, settings):
    def check(method: str, path: str, response: Any, status: int) -> None:
        assert response.status_code == status, response.content[:300]
        errors = list(_validator(document, method, path, status).iter_errors(response.json()))
        assert not errors, f"{method} {path} {status}: {errors[0].message} at {errors[0].path}"

    created = client.post("/api/assessments", README_BODY, content_type="application/json")
    check("post", "/api/assessments", created, 201)
    bad = client.post("/api/assessments", {"product": "saass"}, content_type="application/json")
    check("post", "/api/assessments", bad, 422)
    garbled = client.post("/api/assessments", "{", content_type="application/json")
    check("post", "/api/assessments", garbled, 400)
    one = "/api/assessments/{assessment_id}"
    check("get", one, client.get(f"/api/assessments/{created.json()['id']}"), 200)
    check("get", one, client.get(f"/api/assessments/{uuid.uuid4()}"), 404)
    check("get", one, client.get("/api/assessments/not-a-uuid"), 422)
    for path in ("/api/stacks", "/api/factors", "/api/knowledge"):
        check("get", path, client.get(path), 200)
    check("get", "/api/slots", client.get("/api/slots"), 200)
    check("get", "/api/slots", client.get("/api/slots?from=garbage"), 422)

    for body, status in (
        ("{}", 415),  # not JSON: a form post a browser could send cross-site
        ("x" * (settings.MAX_BODY_BYTES + 1), 413),
    ):
        content_type = "text/plain" if status == 415 else "application/json"
        answer = client.post("/api/assessments", body, content_type=content_type)
        check("post", "/api/assessments", answer, status)
    settings.ASSESSMENT_RATE_LIMIT = (1, 3600)
    client.post("/api/assessments", README_BODY, content_type="application/json")
    limited = client.post("/api/assessments", README_BODY, content_type="application/json")
    check("post", "/api/assessments", limited, 429)
    assert int(limited["Retry-After"]) >= 1  # the header the document promises

    start = client.get("/api/slots").json()["slots"][0]["start"]
    booking = {"start": start, "name": "Ada Lovelace", "email": "ada@example.com", "consent": True}
    for body, status in ((booking, 201), (booking, 409), ({**booking, "consent": False}, 422)):
        answer = client.post("/api/bookings", body, content_type="application/json")
        check("post", "/api/bookings", answer, status)


@pytest.fixture(scope="module")
def python_client(python_tools: Path, document: dict[str, Any], tmp_path_factory: Any) -> Any:
    """A client package generated by openapi-python-client from our document, imported."""
    folder = tmp_path_factory.mktemp("python-client")
    spec = folder / "openapi.json"
    spec.write_text(json.dumps(document))
    done = subprocess.run(
        [str(python_tools / "openapi-python-client"), "generate", "--path", str(spec)]
        + ["--meta", "none", "--output-path", str(folder / "stackwise_api_client")],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": f"{python_tools}:/usr/bin:/bin"},  # its own ruff formats the code
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("stackwise_api_client")
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.startswith("stackwise_api_client")]:
            del sys.modules[name]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_generated_python_client_creates_reads_and_understands_errors(live_server, python_client):
    from stackwise_api_client.api.assessments import create_assessment, read_assessment
    from stackwise_api_client.models import (
        AssessmentOut,
        CreateAssessmentProjectProfile,
        Message,
        Problems,
    )

    api = python_client.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    body = CreateAssessmentProjectProfile.from_dict(README_BODY)
    created = create_assessment.sync(client=api, body=body)
    assert isinstance(created, AssessmentOut)
    assert created.recommendation.top == "django"
    assert [r.stack for r in created.recommendation.ranking][0] == "django"
    assert created.created_at.tzinfo is not None  # a datetime, not a string

    read = read_assessment.sync(client=api, assessment_id=created.id)
    assert isinstance(read, AssessmentOut)
    assert read.id == created.id and read.recommendation.top == "django"

    too_big = CreateAssessmentProjectProfile.from_dict({**README_BODY, "team": {"size": 0}})
    problems = create_assessment.sync(client=api, body=too_big)
    assert isinstance(problems, Problems)
    assert [p.field for p in problems.detail] == ["team.size"]

    missing = read_assessment.sync(client=api, assessment_id=uuid.uuid4())
    assert isinstance(missing, Message)
    assert missing.detail == "no assessment with that id"


TYPESCRIPT_CHECK = """
import type { paths } from "./api";

type Create = paths["/api/assessments"]["post"];
type Body = Create["requestBody"]["content"]["application/json"];
type Created = Create["responses"][201]["content"]["application/json"];

export const body: Body = BODY;
export const top = (created: Created): string => created.recommendation.ranking[0].stack;
export const retryAfter = (r: Create["responses"][429]): number => r.headers["Retry-After"];
"""


@pytest.mark.slow
def test_typescript_types_accept_the_readme_body_under_tsc_strict(tmp_path, node_tools, document):
    (tmp_path / "openapi.json").write_text(json.dumps(document))
    generated = subprocess.run(
        [str(node_tools / ".bin" / "openapi-typescript"), "openapi.json", "-o", "api.d.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert generated.returncode == 0, generated.stderr

    # One compile for two files: the README's body, and the same body with a misspelt product.
    for name, body in (("readme", README_BODY), ("misspelt", {**README_BODY, "product": "saass"})):
        (tmp_path / f"{name}.ts").write_text(TYPESCRIPT_CHECK.replace("BODY", json.dumps(body)))
    compiled = subprocess.run(
        [str(node_tools / ".bin" / "tsc"), "--strict", "--noEmit", "--target", "es2022"]
        + ["--module", "nodenext", "--moduleResolution", "nodenext", "readme.ts", "misspelt.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in compiled.stdout.splitlines() if ": error TS" in line]
    assert errors, "the misspelt product compiled: the types do not check the body"
    assert all(line.startswith("misspelt.ts") for line in errors), compiled.stdout
    assert '"saass"' in compiled.stdout
