"""A long result page a founder can find their way around: "On this page" links to every
section, without a script; on a phone the menu stays at the top, the pick and runner-up stack,
and nothing runs off the side of the screen. Looked at in a real browser at both widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from stackwise.advisor import parse_profile, recommend
from stackwise.knowledge import load_knowledge
from stackwise.web.assessments.models import Assessment
from tests.helpers.accessibility import serious

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _stored(example: str) -> Assessment:
    profile = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text())
    return Assessment.record(recommend(parse_profile(profile), load_knowledge()))


def _menu(page: str) -> list[str]:
    nav = page[page.index('<nav class="on-this-page"') :]
    return re.findall(r'<a href="#([^"]+)">', nav[: nav.index("</nav>")])


@pytest.mark.parametrize("example", ["saas-realtime-ai-hybrid", "serverless-webhooks"])
def test_on_this_page_links_every_section_and_every_link_has_its_section(client, example):
    page = client.get(f"/assessments/{_stored(example).id}/").content.decode()
    assert '<nav class="on-this-page" aria-label="On this page">' in page
    links = _menu(page)
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert set(links) <= ids
    for heading in re.findall(r"<h2[^>]*>.*?</h2>", page, flags=re.S):
        found = re.search(r'id="([^"]+)"', heading)
        # a heading without an id of its own is the first thing in a section that has one
        anchor = (
            found.group(1)
            if found
            else re.findall(r'<section id="([^"]+)">\s*$', page[: page.index(heading)])[-1]
        )
        assert anchor in links, heading


def test_the_menu_follows_the_page_and_names_the_what_if_when_there_is_one(client):
    first = _stored("saas-python-team")
    second = _stored("saas-realtime-ai-hybrid")
    page = client.get(f"/assessments/{second.id}/?was={first.id}").content.decode()
    links = _menu(page)
    assert "whatif-title" in links
    positions = [page.index(f'id="{anchor}"') for anchor in links]
    assert positions == sorted(positions)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_boxes_stack_the_menu_stays_and_a_link_jumps_to_its_section(
    live_server, browser, axe, tmp_path
):
    assessment = _stored("saas-realtime-ai-hybrid")
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    page.screenshot(path=tmp_path / "result-390-top.png")
    pick, runner_up = (box.bounding_box() for box in page.locator(".versus .side").all()[:2])
    assert pick is not None and runner_up is not None
    assert pick["y"] + pick["height"] <= runner_up["y"]  # one above the other
    assert abs(pick["x"] - runner_up["x"]) < 1
    menu = page.get_by_role("navigation", name="On this page")
    assert menu.is_visible()
    page.mouse.wheel(0, 700)
    page.wait_for_timeout(200)
    page.screenshot(path=tmp_path / "result-390-menu.png")

    menu.get_by_role("link", name="Architecture").click()
    page.wait_for_function(
        "Math.abs(document.querySelector('#architecture').getBoundingClientRect().top) < 150"
    )
    heading = page.locator("#architecture").bounding_box()
    bar = menu.bounding_box()
    assert heading is not None and bar is not None
    assert abs(bar["y"]) < 1  # the menu stays at the top of the screen
    assert bar["y"] + bar["height"] <= heading["y"] < 150  # the section starts just below it
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious(axe, page) == []
    page.screenshot(path=tmp_path / "result-390-architecture.png")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_desktop_the_pick_and_runner_up_sit_side_by_side_under_a_compact_menu(
    live_server, browser, tmp_path
):
    assessment = _stored("saas-realtime-ai-hybrid")
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    pick, runner_up = (box.bounding_box() for box in page.locator(".versus .side").all()[:2])
    assert pick is not None and runner_up is not None
    assert abs(pick["y"] - runner_up["y"]) < 1 and pick["x"] + pick["width"] <= runner_up["x"]
    menu = page.get_by_role("navigation", name="On this page")
    box = menu.bounding_box()
    assert box is not None and box["height"] < 120  # two lines of links at most
    hero = page.locator(".hero-result").bounding_box()
    assert hero is not None and hero["y"] + hero["height"] <= box["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=tmp_path / "result-1280-top.png")
    menu.get_by_role("link", name="Risks").click()
    page.wait_for_function(
        "Math.abs(document.querySelector('#risks').getBoundingClientRect().top) < 50"
    )
    page.screenshot(path=tmp_path / "result-1280-risks.png")
    context.close()
