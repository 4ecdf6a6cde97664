"""Fixtures shared by every test package: prerequisites, a throw-away PostgreSQL, a browser."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.prerequisites import require

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
TOOLS = ROOT / "tests" / "tools"
CHROMIUM = "/usr/bin/chromium"
SIZES = {"desktop": (1366, 800), "phone": (390, 844)}  # the widths every page must read at
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


@pytest.fixture(params=list(SIZES))
def page(request: Any, browser: Any) -> Iterator[Any]:
    """A fresh page at desktop or phone width (both, as two test cases), downloads allowed."""
    width, height = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.size = request.param
    yield page
    context.close()


@pytest.fixture(scope="module")
def axe() -> Any:
    """axe-core as shipped in axe-playwright-python (no network: the script is in the wheel)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require("axe-playwright-python (pip install axe-playwright-python)")
    return Axe()


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


def _install_once(folder: Path, lock: Path, steps: list[list[str]]) -> None:
    """Run the install steps unless the lock file is the one installed last time."""
    stamp = folder / ".installed-from"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    for step in steps:
        done = subprocess.run(step, cwd=TOOLS, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(step)} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    stamp.write_text(wanted)


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """The npm tools teams run on our outputs (markdownlint-cli, log4brains, openapi-typescript,
    typescript, node-ical), pinned in tests/tools; returns their node_modules folder. Installed
    without install scripts, from npm's cache when it can, again only when the lock file changes."""
    found = shutil.which("node") and shutil.which("npm")
    require(None if found else "node and npm (apt-get install nodejs npm)")
    modules = TOOLS / "node_modules"
    npm_ci = ["npm", "ci", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"]
    _install_once(modules, TOOLS / "package-lock.json", [[*npm_ci, "--loglevel=error"]])
    return modules


@pytest.fixture(scope="session")
def python_tools() -> Path:
    """A virtualenv of its own for Python tools whose pins would fight the project's (the client
    generator caps typer); returns its bin folder."""
    venv = TOOLS / ".venv"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    requirements = TOOLS / "requirements.txt"
    steps = [[sys.executable, "-m", "venv", str(venv)], [*pip, "-r", str(requirements)]]
    _install_once(venv, requirements, steps)
    return venv / "bin"
