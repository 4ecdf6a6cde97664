"""Every page through Django's test client, bad input included."""

from __future__ import annotations

import json
import uuid

import pytest

from stackwise.web.assessments.models import Assessment
from tests.helpers.documents import pdf_text

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Invoicing SaaS",
    "product": "saas",
    "needs": ["admin_panel", "background_jobs"],
    "ai_later": "possible",
    "team_languages": ["python"],
    "team_size": "2",
    "deployment": "containers",
    "region": "western_europe",
    "budget_eur": "9000",
    "deadline_weeks": "8",
}


def test_home_says_what_stackwise_does_and_where_to_start(client):
    page = client.get("/").content.decode()
    assert "Python or Node.js for your backend?" in page
    assert 'href="/assess/"' in page and 'href="/compare/"' in page and 'href="/evidence/"' in page


def test_questionnaire_shows_every_profile_field_in_four_steps(client):
    page = client.get("/assess/").content.decode()
    for name in (
        "name",
        "product",
        "needs",
        "ai_later",
        "team_languages",
        "team_size",
        "team_fullstack_js",
        "deployment",
        "scale_peak_rps",
        "scale_concurrent_connections",
        "region",
        "budget_eur",
        "deadline_weeks",
    ):
        assert f'name="{name}"' in page
    assert page.count("Step ") == 4
    assert "csrfmiddlewaretoken" in page


def test_valid_answers_are_stored_and_shown_as_a_ranking(client):
    response = client.post("/assess/", FORM)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assessments/{assessment.id}/"
    assert assessment.top == "django" and assessment.profile["budget_eur"] == 9000
    page = client.get(response["Location"]).content.decode()
    assert "We recommend" in page and "Django" in page
    for section in (
        "Ranking",
        "Where the points come from",
        "Why",
        "Risks",
        "What would change this",
        "Score breakdown",
        "Sources",
    ):
        assert section in page
    assert "<svg" in page


def test_bad_answers_are_marked_at_their_field_and_everything_typed_is_kept(client):
    response = client.post(
        "/assess/", {**FORM, "product": "", "team_size": "zero", "budget_eur": "-5"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_product-error"' in page
    assert "Enter a whole number" in page
    assert "greater than or equal to 0" in page
    assert 'value="Invoicing SaaS"' in page
    assert (
        'value="admin_panel" checked' in page
        or 'value="admin_panel"\n' in page
        or "checked" in page
    )
    assert Assessment.objects.count() == 0


def test_change_my_answers_reopens_the_questionnaire_filled_in(client, assessment):
    page = client.get(f"/assess/?from={assessment.id}").content.decode()
    assert "Change your answers" in page
    assert 'value="Invoicing SaaS"' in page
    assert 'value="saas" id="id_product_0" checked' in page or "checked" in page


def test_change_with_a_bad_id_opens_an_empty_questionnaire(client):
    assert client.get("/assess/?from=not-a-uuid").status_code == 200


def test_a_stored_result_renders_the_same_later(client, assessment):
    first = client.get(f"/assessments/{assessment.id}/").content
    assessment.refresh_from_db()
    assert client.get(f"/assessments/{assessment.id}/").content == first


def test_unknown_assessment_is_404(client):
    assert client.get(f"/assessments/{uuid.uuid4()}/").status_code == 404
    assert client.get("/assessments/not-a-uuid/").status_code == 404


def test_a_missing_page_is_404_in_the_sites_layout_with_a_way_on(client):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in page and 'href="/assess/"' in page


def test_a_form_posted_without_its_csrf_token_is_refused_with_an_explanation(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/assess/", FORM)
    page = response.content.decode()
    assert response.status_code == 403
    assert "security token" in page and "Nothing was stored" in page
    assert not Assessment.objects.exists()


def test_downloads_give_markdown_adr_json_and_a_pdf_that_opens(client, assessment):
    base = f"/assessments/{assessment.id}/report"
    markdown = client.get(f"{base}.md")
    assert markdown["Content-Disposition"].startswith("attachment")
    assert b"# Backend recommendation: Invoicing SaaS" in markdown.content
    assert client.get(f"{base}.adr").content.startswith(b"---\nstatus: proposed\n")
    assert json.loads(client.get(f"{base}.json").content)["top"] == "django"
    pdf = client.get(f"{base}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Backend recommendation" in text and "Django" in text and "Sources" in text
    assert client.get(f"{base}.exe").status_code == 404


def test_compare_shows_every_factor_with_rationale_and_source(client):
    from stackwise.knowledge import load_knowledge

    page = client.get("/compare/").content.decode()
    knowledge = load_knowledge()
    for factor in knowledge.factors.values():
        assert factor.name in page
        for score in factor.scores.values():
            assert score.rationale.replace("'", "&#x27;") in page
    for source in knowledge.sources:
        assert f'id="source-{source}"' in page


def test_evidence_page_shows_the_measured_claims_and_how_to_reproduce(client):
    page = client.get("/evidence/").content.decode()
    assert "stackwise lab run" in page
    assert "The article's claims, measured" in page
    assert "Node.js starts faster than Python" in page
    assert "AMD" in page or "cores" in page
    chart = client.get("/evidence/charts/throughput.png")
    assert chart.status_code == 200 and chart["Content-Type"] == "image/png"
    assert client.get("/evidence/charts/../settings.py").status_code == 404


def test_evidence_page_without_a_run_says_so_rather_than_inventing_numbers(
    client, monkeypatch, tmp_path
):
    from stackwise.web.pages import views

    monkeypatch.setattr(views, "shipped_results", lambda: None)
    page = client.get("/evidence/").content.decode()
    assert "No measurement has been recorded yet" in page


def test_too_many_assessments_from_one_address_get_429_with_the_form_kept(client, settings):
    settings.ASSESSMENT_RATE_LIMIT = (2, 3600)
    assert client.post("/assess/", FORM).status_code == 302
    assert client.post("/assess/", FORM).status_code == 302
    third = client.post("/assess/", FORM)
    assert third.status_code == 429
    assert "Too many assessments" in third.content.decode()
    assert 'value="Invoicing SaaS"' in third.content.decode()
    assert Assessment.objects.count() == 2


def test_pages_send_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_is_behind_login(client):
    response = client.get("/admin/assessments/assessment/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_lists_assessments_read_only_and_counts_picks_by_month(admin_client, assessment):
    listing = admin_client.get("/admin/assessments/assessment/?top__exact=django&q=Invoicing")
    assert listing.status_code == 200 and "Invoicing SaaS" in listing.content.decode()
    detail = admin_client.get(f"/admin/assessments/assessment/{assessment.id}/change/")
    assert detail.status_code == 200 and "knowledge_version" in detail.content.decode()
    assert admin_client.get("/admin/assessments/assessment/add/").status_code == 403
    picks = admin_client.get("/admin/assessments/assessment/picks-by-month/").content.decode()
    assert assessment.created_at.strftime("%Y-%m") in picks


@pytest.mark.parametrize("name", ["Shop\x00", "Shop\r\nBcc: x@example.com", "Shop\x07"])
def test_a_name_with_control_characters_is_a_form_error(client, name):
    response = client.post("/assess/", {**FORM, "name": name})
    assert response.status_code == 422
    assert not Assessment.objects.exists()
    errors = response.context["form"].errors
    assert "name" in errors and (
        "control characters" in errors["name"][0] or "Null" in errors["name"][0]
    )
