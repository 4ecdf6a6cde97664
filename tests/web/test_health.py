"""/healthz tells a load balancer the truth: plain HTTP is fine, a dead database is not."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers.prerequisites import require
from tests.helpers.served import served_site


@pytest.mark.django_db
def test_health_answers_200_with_the_database_checked(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.postgres
@pytest.mark.slow
def test_in_production_health_skips_the_https_redirect_and_reports_a_dead_database(tmp_path):
    """The probe comes over plain HTTP from the load balancer; other pages still go to HTTPS.
    Then PostgreSQL stops: the server still answers, and says 503."""
    from stackwise.lab.postgres import postgres_missing, throwaway_postgres

    require(postgres_missing())
    production = {
        "STACKWISE_ENV": "production",
        "SECRET_KEY": "s" * 50 + "-throwaway-test-key-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://stackwise.example.com",
        "CONSULTANT_EMAIL": "consultant@example.com",
    }
    with throwaway_postgres(max_connections=50) as pg:
        url = pg.create_database("health")
        with served_site(tmp_path, database_url=url, workers=1, env=production) as base:
            up = httpx.get(f"{base}/healthz")
            assert up.status_code == 200 and up.json()["database"] == "ok"
            home = httpx.get(f"{base}/")
            assert home.status_code == 301 and home.headers["Location"].startswith("https://")
            pg.stop()
            down = httpx.get(f"{base}/healthz", timeout=30)
            assert down.status_code == 503
            assert down.json()["status"] == "error" and down.json()["database"]
