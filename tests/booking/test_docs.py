"""The booking docs keep up with the code: every booking setting listed with its default."""

from __future__ import annotations

import re
from pathlib import Path

from stackwise.booking.conf import BOOKING_SETTINGS
from stackwise.web.config import SiteSettings

ROOT = Path(__file__).resolve().parents[2]


def test_every_booking_setting_is_documented_with_its_default():
    docs = (ROOT / "docs" / "booking.md").read_text()
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|", docs, re.M))
    for name in BOOKING_SETTINGS:
        shown = rows[name].strip().strip("`")
        assert shown == (str(SiteSettings.model_fields[name].default) or "(empty)"), name


def test_the_worker_command_is_in_the_deployment_docs():
    for page in ("booking.md", "operating.md"):
        assert "manage.py db_worker" in (ROOT / "docs" / page).read_text()
