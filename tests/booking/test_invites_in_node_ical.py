"""Every calendar invite and cancellation the site sends or serves, read by node-ical (the parser
behind many Node calendar integrations): one event per file, and a cancellation that a calendar
applies to the invite it already holds (same UID, a higher SEQUENCE, the attendee named)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from stackwise.booking.availability import open_slots
from stackwise.booking.tokens import cancel_token

pytestmark = pytest.mark.django_db

READ_WITH_NODE_ICAL = """
const ical = require("node-ical");
const files = JSON.parse(process.argv[1]);
console.log(JSON.stringify(files.map((file) => {
  const parsed = ical.sync.parseFile(file);
  const events = Object.values(parsed).filter((item) => item.type === "VEVENT");
  return {file, method: parsed.vcalendar && parsed.vcalendar.method, events};
})));
"""


def _calendar_parts(messages: list[Any]) -> list[bytes]:
    parts = []
    for message in messages:
        for attachment in message.attachments:
            name, content, mimetype = attachment
            if mimetype.startswith("text/calendar"):
                parts.append(content if isinstance(content, bytes) else content.encode())
    return parts


def _book(client: Any, start: str, email: str) -> str:
    body = {"start": start, "name": "Ada Lovelace", "email": email, "consent": True}
    response = client.post("/api/bookings", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def _served_invite(client: Any, booking_id: str) -> bytes:
    response = client.get(f"/book/invite/{cancel_token(booking_id)}/discovery-call.ics")
    assert response.status_code == 200
    return bytes(response.content)


def _read_with_node_ical(node_modules: Path, folder: Path, files: dict[str, bytes]) -> list[Any]:
    paths = []
    for name, content in files.items():
        (folder / name).write_bytes(content)
        paths.append(str(folder / name))
    done = subprocess.run(
        ["node", "-e", READ_WITH_NODE_ICAL, json.dumps(paths)],
        env={**os.environ, "NODE_PATH": str(node_modules)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_every_invite_and_cancellation_is_one_event_a_calendar_can_apply(
    client, admin_client, tmp_path, node_tools
):
    first, second = open_slots()[:2]
    files: dict[str, bytes] = {}

    # A visitor books, downloads the invite, then cancels on the site.
    visitor_call = _book(client, first.start.isoformat(), "ada@example.com")
    files["visitor-request-download.ics"] = _served_invite(client, visitor_call)
    response = client.post(f"/book/cancel/{cancel_token(visitor_call)}/")
    assert response.status_code == 200
    files["visitor-cancel-download.ics"] = _served_invite(client, visitor_call)

    # Another call: the consultant confirms it, then cancels it, from the admin.
    consultant_call = _book(client, second.start.isoformat(), "grace@example.com")
    for action in ("confirm_bookings", "cancel_bookings"):
        response = admin_client.post(
            "/admin/booking/booking/", {"action": action, "_selected_action": [consultant_call]}
        )
        assert response.status_code == 302

    for i, part in enumerate(_calendar_parts(mail.outbox)):
        files[f"mail-{i}.ics"] = part
    assert len(files) >= 5  # two downloads and at least three e-mailed invites

    read = _read_with_node_ical(node_tools, tmp_path, files)
    by_uid: dict[str, dict[str, list[Any]]] = {}
    for calendar in read:
        assert calendar["method"] in {"REQUEST", "CANCEL"}, calendar["file"]
        assert len(calendar["events"]) == 1, calendar["file"]
        event = calendar["events"][0]
        assert event["organizer"], calendar["file"]
        assert event.get("attendee"), f"{Path(calendar['file']).name} names no ATTENDEE"
        kind = "cancel" if calendar["method"] == "CANCEL" else "request"
        by_uid.setdefault(event["uid"], {"request": [], "cancel": []})[kind].append(event)

    assert set(by_uid) == {f"{visitor_call}@stackwise", f"{consultant_call}@stackwise"}
    for uid, kinds in by_uid.items():
        assert kinds["request"] and kinds["cancel"], uid
        latest_request = max(int(e.get("sequence", 0)) for e in kinds["request"])
        for cancellation in kinds["cancel"]:
            assert cancellation["status"] == "CANCELLED"
            assert "sequence" in cancellation, f"{uid}: a cancellation without SEQUENCE"
            assert int(cancellation["sequence"]) > latest_request, uid
