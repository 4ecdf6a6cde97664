"""The package as someone outside the checkout gets it: a wheel installed in a fresh virtualenv."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.helpers.served import served_site

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "saas-python-team.yaml"

pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run outside the checkout, without this checkout on the import path."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "STACKWISE_KNOWLEDGE"}}
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, as `pip wheel` builds it for an index."""
    out = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, ROOT, cwd=out)
    assert built.returncode == 0, built.stderr
    warnings = [
        line
        for line in (built.stdout + built.stderr).splitlines()
        if ("Warning" in line or "deprecated" in line) and "Location 'file:" not in line
    ]
    assert warnings == [], "the build warns:\n" + "\n".join(warnings)
    return next(out.glob("stackwise-*.whl"))


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh virtualenv with the wheel's core (the CLI) installed, and nothing else."""
    folder = tmp_path_factory.mktemp("venv")
    assert _run(sys.executable, "-m", "venv", folder, cwd=folder).returncode == 0
    installed = _run(folder / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=folder)
    assert installed.returncode == 0, installed.stderr
    return folder


def test_the_core_install_advises_without_the_site_dependencies(venv, tmp_path):
    result = _run(venv / "bin" / "stackwise", "advise", "-p", EXAMPLE, "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["top"] == "django"
    light = _run(venv / "bin" / "python", "-c", "import django", cwd=tmp_path)
    assert light.returncode != 0, "the CLI install pulled in Django"


def test_a_command_whose_extra_is_missing_names_the_extra(venv, tmp_path):
    result = _run(venv / "bin" / "stackwise", "lab", "verify", "--apps", "express", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: this command needs httpx, which is not installed: pip install 'stackwise[lab]'"
    ]


def test_the_installed_site_serves_its_pages(venv, wheel, tmp_path):
    python = venv / "bin" / "python"
    web = _run(python, "-m", "pip", "install", "-q", f"{wheel}[web]", cwd=tmp_path)
    assert web.returncode == 0, web.stderr
    with served_site(tmp_path / "data", python=str(python), cwd=tmp_path, workers=1) as base:
        for page in ("/", "/compare/", "/evidence/"):
            assert httpx.get(f"{base}{page}", timeout=30).status_code == 200, page
    assert (tmp_path / "data" / "secret_key").exists()
    assert not list((venv / "lib").glob("python3*/data")), "the site wrote into site-packages"
