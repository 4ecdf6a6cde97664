"""Result pages and downloads: PDFs drawn once and never stalling the site, nothing personal kept
after deletion or in shared caches, and a visitor's name inert in Markdown."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.core.cache import cache

from stackwise.web.assessments.models import Assessment, RenderedFile
from tests.helpers.samples import SAAS

pytestmark = pytest.mark.django_db


def record(profile: dict[str, object]) -> Assessment:
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge

    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


def test_a_pdf_is_rendered_once_and_then_served_from_storage(client, assessment):
    first = client.get(f"/assessments/{assessment.id}/report.pdf")
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    stored = RenderedFile.objects.get(assessment=assessment, kind="report.pdf")
    assert stored.knowledge_version == assessment.knowledge_version
    again = client.get(f"/assessments/{assessment.id}/report.pdf")
    assert again.content == first.content
    assert RenderedFile.objects.filter(kind="report.pdf").count() == 1


def test_when_every_render_slot_is_busy_a_pdf_download_answers_503_with_retry_after(
    client, assessment, settings
):
    settings.PDF_RENDER_CONCURRENCY = 1
    cache.set("render-slot:0", "held by another server", timeout=60)  # what a renderer holds
    try:
        busy = client.get(f"/assessments/{assessment.id}/report.pdf")
    finally:
        cache.delete("render-slot:0")
    assert busy.status_code == 503
    assert int(busy["Retry-After"]) > 0
    assert "being prepared" in busy.content.decode()
    assert client.get(f"/assessments/{assessment.id}/report.pdf").status_code == 200


def test_result_pages_and_downloads_are_private(client, assessment):
    for path in ("/", "report.md", "report.json"):
        url = f"/assessments/{assessment.id}/{'' if path == '/' else path}"
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "max-age=86400" not in cache_control, url


def test_a_deleted_assessment_is_gone_from_every_cache_at_once(client, assessment):
    page = f"/assessments/{assessment.id}/"
    assert client.get(page).status_code == 200
    assert client.get(f"{page}report.pdf").status_code == 200
    assert RenderedFile.objects.filter(assessment=assessment).count() == 1
    assessment.delete()
    assert client.get(page).status_code == 404
    assert client.get(f"{page}report.pdf").status_code == 404
    assert not RenderedFile.objects.exists()


@pytest.mark.parametrize("kind", ["md", "adr"])
def test_markdown_downloads_carry_the_name_as_plain_text(client, kind):
    """Stored before names were checked: HTML and a line break that would start a heading."""
    assessment = record(
        {**SAAS, "name": "Shop <img src=x onerror=alert(1)>\n# Owned [x](javascript:y)"}
    )
    text = client.get(f"/assessments/{assessment.id}/report.{kind}").content.decode()
    assert not re.search(r"(?<!\\)<img", text)  # Markdown renders \< as a plain <
    assert "\n# Owned" not in text
    assert not re.search(r"(?<!\\)\]\(javascript", text)
    assert r"Shop \<img src=x onerror=alert(1)\> # Owned \[x\](javascript:y)" in text


@pytest.mark.slow
def test_nine_parallel_pdf_downloads_leave_the_site_answering(tmp_path):
    """Three workers, nine PDFs asked for at once: at most one is drawn at a time, the rest are
    told to come back, and /healthz answers while the drawing is still going on."""
    from tests.helpers.served import served_site

    with served_site(tmp_path, workers=3) as base:
        ids = [
            httpx.post(f"{base}/api/assessments", json={**SAAS, "budget_eur": 9000 + n}).json()[
                "id"
            ]
            for n in range(9)
        ]
        start = threading.Barrier(10)

        def download(assessment_id: str) -> tuple[httpx.Response, float]:
            start.wait()
            response = httpx.get(f"{base}/assessments/{assessment_id}/report.pdf", timeout=120)
            return response, time.monotonic()

        with ThreadPoolExecutor(9) as pool:
            downloads = [pool.submit(download, i) for i in ids]
            start.wait()
            health = httpx.get(f"{base}/healthz", timeout=120)
            health_at = time.monotonic()
            results = [d.result() for d in downloads]
        responses = [response for response, _ in results]
        first_pdf_at = min(at for response, at in results if response.status_code == 200)
        assert health.status_code == 200
        assert health_at < first_pdf_at, "/healthz waited behind PDF rendering"
        codes = sorted(r.status_code for r in responses)
        assert codes.count(200) >= 1 and set(codes) <= {200, 503}
        assert all(int(r.headers["Retry-After"]) > 0 for r in responses if r.status_code == 503)
        drawn = next(r for r in responses if r.status_code == 200)
        again = httpx.get(str(drawn.request.url), timeout=60)
        assert again.status_code == 200 and again.content == drawn.content
