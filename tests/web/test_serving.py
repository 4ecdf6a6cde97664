"""How the site is served: settings from the environment, deploy checks, docs that match."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stackwise.web.config import SiteSettings

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dropped = set(SiteSettings.model_fields) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by browser tests
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **env},
        cwd=ROOT,
    )


PRODUCTION = {
    "STACKWISE_ENV": "production",
    "SECRET_KEY": "k" * 64 + "-not-a-real-secret-but-long-and-varied-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "stackwise.example.com",
    "SITE_URL": "https://stackwise.example.com",
    "CONSULTANT_EMAIL": "consultant@example.com",
}


def test_production_settings_pass_djangos_deploy_check(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION, "STACKWISE_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(
        "check", env={"STACKWISE_ENV": "production", "STACKWISE_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("variable", ["SITE_URL", "CONSULTANT_EMAIL"])
def test_production_refuses_to_start_with_a_laptop_default(tmp_path, variable):
    """Without them, cancel links pointed at 127.0.0.1 and notices went to a .localhost address."""
    env = {k: v for k, v in PRODUCTION.items() if k != variable}
    result = manage("check", env={**env, "STACKWISE_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.endswith(f"{variable} must be set when STACKWISE_ENV=production")


def test_production_refuses_debug(tmp_path):
    result = manage(
        "check", env={**PRODUCTION, "DEBUG": "true", "STACKWISE_DATA_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "DEBUG must be off when STACKWISE_ENV=production" in result.stderr.splitlines()[-1]


def test_a_cache_url_that_is_not_redis_is_refused(tmp_path):
    result = manage(
        "check", env={"CACHE_URL": "memcached://x", "STACKWISE_DATA_DIR": str(tmp_path)}
    )
    assert "CACHE_URL must be empty or a redis:// URL" in result.stderr


def test_a_bad_setting_is_refused_naming_the_variable(tmp_path):
    result = manage("check", env={"DEBUG": "maybe", "STACKWISE_DATA_DIR": str(tmp_path)})
    assert "DEBUG must be true or false" in result.stderr
    result = manage(
        "check", env={"ASSESSMENT_RATE_LIMIT": "lots", "STACKWISE_DATA_DIR": str(tmp_path)}
    )
    assert "ASSESSMENT_RATE_LIMIT must look like 30/hour" in result.stderr


def test_a_local_secret_key_is_generated_once_and_kept(tmp_path):
    assert manage("check", env={"STACKWISE_DATA_DIR": str(tmp_path)}).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 40
    manage("check", env={"STACKWISE_DATA_DIR": str(tmp_path)})
    assert (tmp_path / "secret_key").read_text() == key


def test_collected_static_files_get_hashed_names_for_whitenoise(tmp_path):

    result = manage("collectstatic", "--noinput", env={"STACKWISE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    manifest = tmp_path / "static" / "staticfiles.json"
    assert '"stackwise/site.css"' in manifest.read_text()
