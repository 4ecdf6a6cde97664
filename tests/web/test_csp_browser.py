"""The Content-Security-Policy in a real browser: the site's pages run as they should, and a
script injected into a page would not run."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_script_injected_into_a_page_is_blocked(live_server, browser):
    """The page's own headers with an injected inline script in its body: the browser refuses
    to run it and reports the violation."""
    context = browser.new_context()
    page = context.new_page()
    site = live_server.url

    def inject(route):  # type: ignore[no-untyped-def]
        real = route.fetch()
        body = real.text().replace(
            "</body>", "<script>document.title = 'injected ran';</script></body>"
        )
        route.fulfill(response=real, body=body)

    page.route(f"{site}/", inject)
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto(f"{site}/")
    assert page.title() != "injected ran"
    assert any("Content Security Policy" in text for text in violations)
    context.close()


@pytest.mark.parametrize("path", ["/", "/assess/", "/compare/", "/evidence/", "/book/"])
def test_the_sites_own_pages_break_no_rule_of_the_policy(live_server, browser, path):
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("load")
    assert violations == []
    context.close()


def test_a_result_page_with_its_chart_breaks_no_rule_of_the_policy(
    live_server, browser, assessment
):
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/assessments/{assessment.id}/")
    page.wait_for_load_state("load")
    assert page.locator("svg").count() >= 1
    assert violations == []
    context.close()
