"""Every page through Django's test client, bad input included."""

from __future__ import annotations

import json
import re
import uuid
from html import escape
from pathlib import Path

import pytest

from stackwise.knowledge.models import STACK_IDS
from stackwise.web.assessments.models import Assessment
from tests.helpers.documents import pdf_text
from tests.helpers.task_queue import run_queue

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


def test_valid_answers_are_stored_and_shown_as_a_ranking(client):
    response = client.post("/assess/", FORM)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assessments/{assessment.id}/"
    assert assessment.top == "django" and assessment.profile["budget_eur"] == 9000
    page = client.get(response["Location"]).content.decode()
    assert "We recommend" in page and "Django" in page
    for section in (
        "Runner-up",
        "All four stacks",
        "Where the points come from",
        "Why",
        "Risks",
        "What would change this",
        "Every factor",
        "Sources",
    ):
        assert section in page
    assert "<svg" in page


def test_a_stored_result_renders_the_same_later(client, assessment):
    def page() -> str:
        # The e-mail form's CSRF token is masked afresh on every response.
        html = client.get(f"/assessments/{assessment.id}/").content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    first = page()
    assessment.refresh_from_db()
    assert page() == first


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


@pytest.mark.django_db(transaction=True)  # the task worker takes its own transaction
def test_downloads_give_markdown_adr_json_and_a_pdf_that_opens(client, assessment):
    base = f"/assessments/{assessment.id}/report"
    markdown = client.get(f"{base}.md")
    assert markdown["Content-Disposition"] == (
        'attachment; filename="invoicing-saas-backend-recommendation.md"'
    )
    assert b"# Backend recommendation: Invoicing SaaS" in markdown.content
    assert client.get(f"{base}.adr").content.startswith(b"---\nstatus: proposed\n")
    assert json.loads(client.get(f"{base}.json").content)["top"] == "django"
    assert client.get(f"{base}.pdf").status_code == 202  # the task worker draws it
    run_queue()
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
    assert client.get("/evidence/charts/throughput.png").status_code == 404  # SVGs only
    assert client.get("/evidence/charts/../settings.py").status_code == 404


def test_evidence_page_without_a_run_says_so_rather_than_inventing_numbers(client, monkeypatch):
    from stackwise.web.pages import views

    monkeypatch.setattr(views, "lab_evidence", lambda: None)
    page = client.get("/evidence/").content.decode()
    assert "No measurement has been recorded yet" in page
    assert client.get("/evidence/charts/throughput.svg").status_code == 404


def test_an_installation_without_the_raw_run_names_the_evidence_and_where_the_run_is(
    client, monkeypatch
):
    from stackwise.web.pages import views
    from stackwise.web.pages.evidence import LabEvidence, lab_evidence

    lab = lab_evidence()
    assert lab is not None and lab.run is not None  # a checkout has the published run
    monkeypatch.setattr(views, "lab_evidence", lambda: LabEvidence(lab.evidence, None))
    page = client.get("/evidence/").content.decode()
    assert f"Measured {lab.evidence.date[:10]} on {lab.evidence.machine}" in page
    assert "<code>lab/results/default/results.json</code>" in page
    assert "No measurement has been recorded yet" not in page


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
    page = detail.content.decode()
    assert detail.status_code == 200 and "Django (Python)." in page and "Estimate: EUR" in page
    assert "<details><summary>Show the whole result as JSON</summary>" in page
    assert admin_client.get("/admin/assessments/assessment/add/").status_code == 403
    picks = admin_client.get("/admin/assessments/assessment/picks-by-month/").content.decode()
    assert assessment.created_at.strftime("%Y-%m") in picks
    assert picks.count("Assessments: picks by month</h1>") == 1


def test_evidence_charts_are_svgs_with_their_numbers_in_a_table_and_open_full_size(client):
    page = client.get("/evidence/").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 4
    assert 'href="/evidence/charts/throughput.svg"' in page
    assert "Requests per second at 64 connections, higher is better. On /json" in page
    assert "<caption" in page and "/upstream</th>" in page
    full = client.get("/evidence/charts/throughput.svg")
    assert full.status_code == 200 and full["Content-Type"] == "image/svg+xml"
    assert client.get("/evidence/charts/nothing.svg").status_code == 404


def test_evidence_shows_techempowers_workloads_beside_the_labs_own(client):
    # The shipped run measured /updates at 20 queries and /plaintext pipelined 16 deep (what
    # TechEmpower publishes) beside the lab's /updates at 5 and one-at-a-time /plaintext.
    page = client.get("/evidence/").content.decode()
    assert "/updates (5 queries)</th>" in page and "/updates (20 queries)</th>" in page
    assert page.count("/plaintext (pipelined 16)</th>") == 1  # throughput only
    # Under latency: wrk measures none when it pipelines.
    assert "Not measured in this run: /plaintext (pipelined 16)." in page


def test_evidence_names_a_workload_a_run_did_not_measure(client, monkeypatch):
    from stackwise.web.pages import views
    from stackwise.web.pages.evidence import LabEvidence, lab_evidence

    lab = lab_evidence()
    assert lab is not None and lab.run is not None
    run = lab.run.model_copy(deep=True)
    run.measurements = [m for m in run.measurements if m.workload != "updates_20"]
    monkeypatch.setattr(views, "lab_evidence", lambda: LabEvidence(lab.evidence, run))
    page = client.get("/evidence/").content.decode()
    assert "Not measured in this run: /updates (20 queries)." in page  # under throughput
    assert "Not measured in this run: /plaintext (pipelined 16), /updates (20 queries)." in page
    assert "/updates (20 queries)</th>" not in page  # no row of zeros or dashes


def test_evidence_claims_read_as_sentences_with_figures_in_a_table(client):
    from stackwise.web.pages.evidence import lab_evidence
    from stackwise.web.pages.lab_figures import comparison_row, comparison_sentence

    page = client.get("/evidence/").content.decode()
    lab = lab_evidence()
    assert lab is not None and lab.verdicts
    for shown in lab.verdicts:
        for comparison in shown.verdict.comparisons:
            assert escape(comparison_sentence(comparison)) in page  # e.g. "did 1.3 times better"
            assert all(escape(cell) in page for cell in comparison_row(comparison))
    assert re.search(r"(Python|Node\.js), \d+\.\d\d–\d+\.\d\d×", page)  # min–max of repeats
    assert "x to " not in page


def test_evidence_shows_each_apps_configuration_and_links_its_source(client):
    page = client.get("/evidence/").content.decode()
    assert "How each app was set up" in page
    for app in STACK_IDS:
        assert f"lab/apps/{app}" in page
        assert f'href="/evidence/apps/{app}/"' in page
    assert "usual: Django ORM; also measured: SQL through django.db.connection" in page
    assert "{'" not in page and "['" not in page  # settings read as text, not Python reprs


def test_each_lab_apps_source_is_readable_on_the_site(client):
    page = client.get("/evidence/apps/django/").content.decode()
    assert "The Django lab app, as measured" in page
    assert page.index("README.md") < page.index("gunicorn.conf.py")  # the README first
    conf = (Path(__file__).resolve().parents[2] / "lab/apps/django/gunicorn.conf.py").read_text()
    assert escape(conf.splitlines()[0]) in page
    assert "every package pinned" in page  # requirements.txt is listed, not printed
    nest = client.get("/evidence/apps/nestjs/").content.decode()
    listed = re.findall(r'<li><a href="#file-[^"]+">([^<]+)</a></li>', nest)
    assert "src/main.ts" in listed and "package-lock.json" in listed
    assert not [f for f in listed if f.startswith(("node_modules/", "dist/"))]
    for missing in ("rails", "..", "django%2F..%2F.."):
        assert client.get(f"/evidence/apps/{missing}/").status_code == 404


def test_with_a_public_repository_the_source_links_point_there(client, settings):
    settings.SOURCE_URL = "https://example.org/acme/stackwise/tree/main"
    page = client.get("/evidence/").content.decode()
    assert 'href="https://example.org/acme/stackwise/tree/main/lab/apps/express"' in page


def test_compare_marks_measured_cells_and_links_them_to_the_evidence(client):
    from stackwise.knowledge import load_knowledge

    page = client.get("/compare/").content.decode()
    measured = [f for f in load_knowledge().factors.values() if f.evidence == "lab"]
    badge = '<a class="badge measured" href="/evidence/">Measured</a>'
    assert measured and page.count(badge) == 4 * len(measured)
    assert '<a href="https://docs.djangoproject.com/en/5.2/">' in page
    cells = page.split('<ul class="sources">')[0]
    assert "shared/seed/" not in cells and "lab/results/" not in page


def test_compare_cites_the_article_by_its_publisher_date_and_where_it_lives(client):
    page = client.get("/compare/").content.decode()
    article = re.search(r'<li id="source-article">(.*?)</li>', page, re.S)
    assert article is not None
    assert article.group(1).startswith(
        "the consultant who runs the stackwise site (the article names no author), "
        "<em>Python vs Node.js for Backend Development (2026 comparison article)</em>, 2026, "
        "<code>shared/seed/python-vs-nodejs-2026.txt</code> in the stackwise project."
    )


def test_compare_cites_public_sources_with_their_address_as_a_link(client):
    page = client.get("/compare/").content.decode()
    fargate = re.search(r'<li id="source-aws_fargate_pricing">(.*?)</li>', page, re.S)
    lab = re.search(r'<li id="source-lab">(.*?)</li>', page, re.S)
    assert fargate is not None and lab is not None
    assert fargate.group(1).startswith(
        "Amazon Web Services, <em>AWS Fargate pricing (on-demand, Linux/x86)</em>, 2025, "
        '<a href="https://aws.amazon.com/fargate/pricing/">https://aws.amazon.com/fargate/pricing/</a>'
    )
    assert lab.group(1).startswith("stackwise evidence lab, <em>")
    assert '<a href="/evidence/">the evidence page</a>' in lab.group(1)


def test_compare_scores_measured_cells_at_the_clis_and_apis_typical_load(client):
    from stackwise.knowledge import load_knowledge
    from stackwise.report.comparison import TYPICAL_WORDS, comparison_data

    page = client.get("/compare/").content.decode()
    assert TYPICAL_WORDS in page
    factors = {f["id"]: f for f in comparison_data(load_knowledge())["factors"]}
    for score in factors["raw_performance"]["scores"].values():
        assert score["rationale"].replace("'", "&#x27;") in page


def test_no_page_carries_inline_script_or_style_a_strict_csp_would_block(client, assessment):
    import re

    for path in (
        "/",
        "/assess/",
        f"/assessments/{assessment.id}/",
        "/compare/",
        "/evidence/",
        "/api/docs",
        "/no-such-page/",
    ):
        page = client.get(path).content.decode()
        scripts = re.findall(r"<script([^>]*)>", page)
        assert all("src=" in attrs or "application/json" in attrs for attrs in scripts), path
        assert " style=" not in page and "<style" not in page, path


@pytest.mark.parametrize("name", ["Shop\x00", "Shop\r\nBcc: x@example.com", "Shop\x07"])
def test_a_name_with_control_characters_is_a_form_error(client, name):
    response = client.post("/assess/", {**FORM, "name": name})
    assert response.status_code == 422
    assert not Assessment.objects.exists()
    errors = response.context["form"].errors
    assert "name" in errors and (
        "control characters" in errors["name"][0] or "Null" in errors["name"][0]
    )


def test_compare_says_from_which_load_the_measured_hosting_gap_matters(client):
    from stackwise.advisor import ProjectProfile, recommend
    from stackwise.knowledge import load_knowledge
    from stackwise.report.comparison import TYPICAL, TYPICAL_PEAK_RPS

    kb = load_knowledge()
    reference = kb.costs.hosting.reference_eur_per_year.value

    def hosting(rps: int) -> dict[str, float]:
        profile = {**TYPICAL, "scale": {**TYPICAL["scale"], "peak_rps": rps}}
        performance = recommend(ProjectProfile.model_validate(profile), kb).performance
        assert performance is not None
        return performance.eur_per_month

    page = client.get("/compare/").content.decode().replace("&#x27;", "'")
    at_typical = hosting(TYPICAL_PEAK_RPS)
    gap = 12 * (max(at_typical.values()) - min(at_typical.values()))
    assert f"a gap of EUR {gap:,.0f} a year." in page
    found = re.search(
        r"The gaps matter from about ([\d,]+) req/s: there the gap passes EUR ([\d,]+)", page
    )
    assert found, "the page names the load from which the gap matters"
    rps = int(found[1].replace(",", ""))
    assert found[2] == f"{reference:,.0f}"
    there = hosting(rps)
    assert 12 * (max(there.values()) - min(there.values())) >= reference
    # Below it, at the typical load and the round load just under it, the gap is smaller.
    below = [r for r in (TYPICAL_PEAK_RPS, rps * 2 // 3, rps // 2) if TYPICAL_PEAK_RPS <= r < rps]
    for r in below:
        eur = hosting(r)
        assert 12 * (max(eur.values()) - min(eur.values())) < reference
