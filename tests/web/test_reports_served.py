"""Result pages and downloads: PDFs drawn once by the task worker, never in a request; nothing
personal kept after deletion or in shared caches; a visitor's name inert in Markdown."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from stackwise.web.assessments.models import Assessment, RenderedFile
from tests.helpers.samples import SAAS
from tests.helpers.task_queue import run_queue
from tests.helpers.waiting import wait_for

pytestmark = pytest.mark.django_db


def record(profile: dict[str, object]) -> Assessment:
    from stackwise.advisor import parse_profile, recommend
    from stackwise.knowledge import load_knowledge

    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


@pytest.mark.django_db(transaction=True)  # the task worker takes its own transaction
def test_a_pdf_is_drawn_by_the_worker_once_and_then_served_from_storage(client, assessment):
    url = f"/assessments/{assessment.id}/report.pdf"
    first = client.get(url)
    assert first.status_code == 202 and int(first["Retry-After"]) > 0
    page = first.content.decode()
    assert "Preparing your PDF" in page and 'http-equiv="refresh"' not in page  # WCAG 2.2.1
    assert not RenderedFile.objects.exists(), "the request drew the PDF itself"
    assert client.get(url).status_code == 202  # asked again while waiting: still one drawing
    assert run_queue() == 1
    ready = client.get(url)
    assert ready.status_code == 200 and ready.content.startswith(b"%PDF")
    stored = RenderedFile.objects.get(assessment=assessment, kind="report.pdf")
    assert stored.knowledge_version == assessment.knowledge_version
    assert client.get(url).content == ready.content
    assert RenderedFile.objects.filter(kind="report.pdf").count() == 1
    assert run_queue() == 0


@pytest.mark.django_db(transaction=True)  # the task worker takes its own transaction
def test_a_pdf_asked_for_an_assessment_deleted_before_the_worker_ran_draws_nothing(
    client, assessment
):
    assert client.get(f"/assessments/{assessment.id}/report.pdf").status_code == 202
    assessment.delete()
    assert run_queue() == 1
    assert not RenderedFile.objects.exists()


def test_result_pages_and_downloads_are_private(client, assessment):
    for path in ("/", "report.md", "report.json"):
        url = f"/assessments/{assessment.id}/{'' if path == '/' else path}"
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "max-age=86400" not in cache_control, url


@pytest.mark.django_db(transaction=True)  # the task worker takes its own transaction
def test_a_deleted_assessment_is_gone_from_every_cache_at_once(client, assessment):
    page = f"/assessments/{assessment.id}/"
    assert client.get(page).status_code == 200
    client.get(f"{page}report.pdf")
    run_queue()
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
    """Three web workers, nine PDFs asked for at once: every request answers at once with 202
    (none draws), /healthz answers while the task worker draws them, and all nine come out."""
    from tests.helpers.served import served_site, served_worker

    with served_site(tmp_path, workers=3) as base:
        urls = [
            f"{base}/assessments/{answer.json()['id']}/report.pdf"
            for answer in (
                httpx.post(f"{base}/api/assessments", json={**SAAS, "budget_eur": 9000 + n})
                for n in range(9)
            )
        ]
        start = threading.Barrier(9)

        def ask(url: str) -> httpx.Response:
            start.wait()
            return httpx.get(url, timeout=30)

        with ThreadPoolExecutor(9) as pool:
            asked = list(pool.map(ask, urls))
        assert [r.status_code for r in asked] == [202] * 9
        assert all(int(r.headers["Retry-After"]) > 0 for r in asked)

        with served_worker(tmp_path):
            health_while_drawing = []

            def all_drawn() -> bool:
                codes = [httpx.get(url, timeout=30).status_code for url in urls]
                if codes.count(200) < 9:
                    health_while_drawing.append(httpx.get(f"{base}/healthz", timeout=30))
                return codes.count(200) == 9

            wait_for(all_drawn, "nine PDFs drawn by the worker", seconds=180)
        assert health_while_drawing and all(h.status_code == 200 for h in health_while_drawing)
        pdfs = [httpx.get(url, timeout=30) for url in urls]
        assert all(p.content.startswith(b"%PDF") for p in pdfs)
        assert len({p.content for p in pdfs}) == 9  # each assessment its own report
