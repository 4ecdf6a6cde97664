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

from stackwise.booking import services
from stackwise.booking.availability import open_slots
from stackwise.booking.models import Booking
from stackwise.booking.tokens import manage_token
from tests.booking.mailbox import calendar_parts
from tests.helpers.task_queue import run_queue

pytestmark = pytest.mark.django_db(transaction=True)

READ_WITH_NODE_ICAL = """
const ical = require("node-ical");
const files = JSON.parse(process.argv[1]);
console.log(JSON.stringify(files.map((file) => {
  const parsed = ical.sync.parseFile(file);
  const events = Object.values(parsed).filter((item) => item.type === "VEVENT");
  return {file, method: parsed.vcalendar && parsed.vcalendar.method, events};
})));
"""


def _served_invite(client: Any, booking: Booking) -> bytes:
    response = client.get(f"/book/call/{manage_token(booking.id)}/discovery-call.ics")
    assert response.status_code == 200
    return bytes(response.content)


def _every_calendar_file(client: Any, smtp: Any) -> tuple[dict[str, bytes], list[Booking]]:
    """Two calls through their lives, and every calendar file the site served or e-mailed."""
    first, second, later = open_slots()[:3]
    files: dict[str, bytes] = {}

    # One call is confirmed, downloaded, moved, then cancelled by the visitor on the site.
    moved = services.book(first.start, services.Visitor("Ada Lovelace", "ada@example.com"))
    run_queue()
    services.confirm(moved)
    run_queue()
    files["request-download.ics"] = _served_invite(client, moved)
    services.reschedule(Booking.objects.get(id=moved.id), later.start)
    run_queue()
    response = client.post(f"/book/call/{manage_token(moved.id)}/cancel/")
    assert response.status_code == 200
    run_queue()

    # Another is confirmed, then cancelled from the consultant's side.
    dropped = services.book(second.start, services.Visitor("Grace Hopper", "grace@example.com"))
    run_queue()
    services.confirm(dropped)
    run_queue()
    services.cancel(Booking.objects.get(id=dropped.id))
    run_queue()

    for i, message in enumerate(smtp.messages):
        for j, part in enumerate(calendar_parts(message)):
            files[f"mail-{i}-{j}.ics"] = part.get_payload(decode=True)
    return files, [moved, dropped]


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
    client, smtp, tmp_path, node_tools
):
    files, bookings = _every_calendar_file(client, smtp)
    assert len(files) >= 9  # a download; requests, a new time and cancellations to both sides

    by_uid: dict[str, dict[str, list[Any]]] = {}
    for calendar in _read_with_node_ical(node_tools, tmp_path, files):
        assert calendar["method"] in {"REQUEST", "CANCEL"}, calendar["file"]
        assert len(calendar["events"]) == 1, calendar["file"]
        event = calendar["events"][0]
        assert event["organizer"], calendar["file"]
        assert event.get("attendee"), f"{Path(calendar['file']).name} names no ATTENDEE"
        kind = "cancel" if calendar["method"] == "CANCEL" else "request"
        by_uid.setdefault(event["uid"], {"request": [], "cancel": []})[kind].append(event)

    assert set(by_uid) == {f"{booking.id}@stackwise" for booking in bookings}
    for uid, kinds in by_uid.items():
        assert kinds["request"] and kinds["cancel"], uid
        latest_request = max(int(e.get("sequence", 0)) for e in kinds["request"])
        for cancellation in kinds["cancel"]:
            assert cancellation["status"] == "CANCELLED"
            assert "sequence" in cancellation, f"{uid}: a cancellation without SEQUENCE"
            assert int(cancellation["sequence"]) > latest_request, uid
