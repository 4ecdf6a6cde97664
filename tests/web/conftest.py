"""Web fixtures: no rate limit unless a test sets one, and a posted assessment."""

from __future__ import annotations

from tests.helpers.site_fixtures import _test_settings, assessment, smtp  # noqa: F401 - fixtures
