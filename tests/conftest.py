"""Fixtures shared by every test package: prerequisites, a throw-away PostgreSQL, a browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.prerequisites import require

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """A throw-away PostgreSQL cluster for the whole session."""
    from stackwise.lab.postgres import postgres_missing, throwaway_postgres

    require(postgres_missing())
    with throwaway_postgres() as pg:
        yield pg


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser). Module-scoped:
    Playwright's sync API keeps an event loop running, which later asyncio code must not see."""
    require(None if Path(CHROMIUM).exists() else f"{CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM calls made by
    # fixtures here are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and downloaded files are kept for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session", autouse=True)
def _static_root() -> None:
    """Tests serve static files from the app folders; whitenoise still wants its folder to exist
    (on a fresh clone nothing has run collectstatic yet)."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
