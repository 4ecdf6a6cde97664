"""axe-core on every booking page at desktop and phone width: no serious or critical violation
(axe's own impact levels), also with the error summary showing."""

from __future__ import annotations

from typing import Any

import pytest

from stackwise.booking import services
from stackwise.booking.tokens import confirm_token, manage_token
from tests.helpers.accessibility import serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def paths(slot: Any) -> dict[str, str]:
    held = services.book(slot.start, services.Visitor("Ada", "ada@example.com"))
    from stackwise.booking.availability import open_slots

    confirmed = services.confirm(
        services.book(open_slots()[1].start, services.Visitor("Grace", "grace@example.com"))
    )
    call = f"/book/call/{manage_token(confirmed.id)}/"
    return {
        "book": "/book/?tz=Europe/Berlin",
        "held": f"/book/call/{manage_token(held.id)}/",
        "confirm": f"/book/confirm/{confirm_token(held.id)}/",
        "confirmed": call,
        "reschedule": call + "reschedule/",
        "cancel": call + "cancel/",
    }


@pytest.mark.parametrize("name", ["book", "held", "confirm", "confirmed", "reschedule", "cancel"])
def test_no_serious_or_critical_violation(live_server, page, axe, free_slot, name):
    page.goto(f"{live_server.url}{paths(free_slot)[name]}")
    assert serious(axe, page) == []


def test_the_error_summary_has_no_serious_violation(live_server, page, axe):
    page.goto(f"{live_server.url}/book/?tz=Europe/Berlin")
    page.get_by_role("button", name="Book the call").click()
    page.locator("#error-summary").wait_for()
    assert serious(axe, page) == []
