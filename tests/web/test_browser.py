"""A person in a real browser: answer, read the ranking, download the PDF, change an answer."""

from __future__ import annotations

import pytest

from tests.helpers.documents import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.mark.parametrize("size", SIZES)
def test_questionnaire_to_result_to_pdf_and_back(live_server, browser, artifacts, size):
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.screenshot(path=artifacts / f"home-{size}.png")
    page.get_by_role("link", name="Start the assessment").click()

    page.get_by_label("Name").fill("Field service app")
    page.get_by_label("A SaaS product").check()
    page.get_by_label("An admin panel").check()
    page.get_by_label("Python", exact=True).check()
    page.get_by_label("Budget (EUR)").fill("9000")
    page.screenshot(path=artifacts / f"assess-{size}.png")
    page.get_by_role("button", name="Get my recommendation").click()

    page.wait_for_url("**/assessments/**")
    assert page.locator("#pick").inner_text().startswith("Django")
    rows = page.locator("table").first.locator("tbody tr")
    assert rows.count() == 4
    page.screenshot(path=artifacts / f"result-{size}.png", full_page=True)
    # Nothing overflows the viewport sideways: the page reads at phone width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF report").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and "Django" in pdf_text(pdf)

    page.get_by_role("link", name="Change my answers").click()
    assert page.get_by_label("Name").input_value() == "Field service app"
    page.get_by_label("Python", exact=True).uncheck()
    page.get_by_label("TypeScript", exact=True).check()
    page.get_by_label("JavaScript", exact=True).check()
    page.get_by_role("button", name="Get my recommendation").click()
    page.wait_for_url("**/assessments/**")
    assert page.locator("#pick").inner_text().startswith("NestJS")
    page.screenshot(path=artifacts / f"result-changed-{size}.png")
    context.close()


def test_errors_show_next_to_the_field_with_answers_kept(live_server, browser, artifacts):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/assess/")
    page.get_by_label("Name").fill("No product chosen")
    page.get_by_label("Team size").fill("0")
    page.get_by_role("button", name="Get my recommendation").click()
    assert page.locator("#id_product-error").is_visible()
    assert page.get_by_label("Name").input_value() == "No product chosen"
    page.locator("#id_product-error").screenshot(path=artifacts / "assess-error-phone.png")
    page.close()
