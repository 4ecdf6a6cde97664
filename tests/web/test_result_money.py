"""The result's money in a founder's words: a hybrid's cost as its core's plus its service's,
the runner-up said to be a single stack, and "at your load" billed per request where the
deployment bills requests, not cores."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from stackwise.advisor import parse_profile, recommend
from stackwise.knowledge import load_knowledge
from stackwise.web.assessments.models import Assessment

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _stored(example: str) -> Assessment:
    profile = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text())
    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _section(page: str, start: str, end: str) -> str:
    return _text(page[page.index(start) : page.index(end, page.index(start))])


def test_a_hybrid_cost_reads_as_the_core_plus_the_service_in_the_hero_and_architecture(client):
    assessment = _stored("saas-realtime-ai-hybrid")
    rec = assessment.recommendation
    total, extra = rec.estimate.cost_eur, rec.architecture.extra_cost_eur
    assert extra is not None
    split = (
        f"Django core EUR {total.low - extra.low:,.0f}–{total.high - extra.high:,.0f} + "
        f"NestJS real-time service EUR {extra.low:,.0f}–{extra.high:,.0f} = "
        f"EUR {total.low:,.0f}–{total.high:,.0f}"
    )
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    assert split in _section(page, '<section class="hero-result', "</section>")
    architecture = _section(page, ">Architecture</h2>", "<h2")
    assert split in architecture
    assert "The runner-up above, NestJS, is priced as one NestJS backend for everything" in (
        architecture
    )


def test_the_runner_up_of_a_hybrid_says_it_is_priced_as_a_single_stack(client):
    page = client.get(f"/assessments/{_stored('saas-realtime-ai-hybrid').id}/").content.decode()
    runner_up = _section(page, "Runner-up", "</div>\n  </div>")
    assert "Priced as one NestJS backend for everything, not as a hybrid." in runner_up


def test_a_runner_up_of_the_cores_family_is_priced_under_the_same_architecture(client):
    # A Django core with a NestJS service for a million followers: FastAPI could take the core's
    # place, so it is compared as FastAPI core + the same NestJS service, not as a single stack.
    assessment = _stored("live-scores-million-followers")
    rec = assessment.recommendation
    runner, extra = rec.ranking[1], rec.estimate.hybrid_extra_eur
    assert runner.stack == "fastapi" and extra is not None
    own = runner.estimate.cost_eur
    split = (
        f"FastAPI core EUR {own.low:,.0f}–{own.high:,.0f} + NestJS real-time service "
        f"EUR {extra.low:,.0f}–{extra.high:,.0f} = "
        f"EUR {own.low + extra.low:,.0f}–{own.high + extra.high:,.0f}"
    )
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    assert f"Under the same architecture: {split}." in _section(
        page, "Runner-up", "</div>\n  </div>"
    )
    assert split in _section(page, ">Architecture</h2>", "<h2")
    assert "not as a hybrid" not in page


def test_the_all_stacks_list_names_the_hybrid_pick_as_a_hybrid(client):
    page = client.get(f"/assessments/{_stored('saas-realtime-ai-hybrid').id}/").content.decode()
    ranking = page[page.index('<ol class="ranking">') : page.index("</ol>")]
    names = re.findall(r'<p class="rank-name"><strong>([^<]+)</strong>', ranking)
    assert names[0] == "Django + NestJS (hybrid)"
    assert "(hybrid)" not in " ".join(names[1:])


def test_a_single_stack_pick_shows_no_core_and_service_split(client):
    page = client.get(f"/assessments/{_stored('saas-python-team').id}/").content.decode()
    assert "core EUR" not in _text(page) and "not as a hybrid" not in page


@pytest.mark.parametrize("example", ["serverless-webhooks", "contradictory-edge-small-api"])
def test_at_your_load_on_serverless_or_edge_is_billed_per_request_not_in_cores(client, example):
    assessment = _stored(example)
    page = client.get(f"/assessments/{assessment.id}/").content.decode()
    table = page[page.index('aria-label="What each stack needs at your load"') :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    assert headers == ["Stack", "EUR a month", "Basis"]
    assert table.count("billed per request") == len(assessment.recommendation.ranking)
    assert "cores" not in table.lower()


def test_at_your_load_on_containers_still_shows_cores(client):
    page = client.get(f"/assessments/{_stored('partner-api-at-scale').id}/").content.decode()
    table = page[page.index('aria-label="What each stack needs at your load"') :]
    assert "CPU cores" in table[: table.index("</table>")]
    assert "billed per request" not in page
