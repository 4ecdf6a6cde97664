"""The site's settings: read once from the environment, typed, and refused naming the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from stackwise.web.config import SiteSettings, load_settings


@pytest.fixture
def environ(monkeypatch, tmp_path):
    """A clean environment holding none of the site's variables, and a way to set some."""
    for name in SiteSettings.model_fields:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STACKWISE_DATA_DIR", str(tmp_path))

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_env


def refusal(**values: str) -> str:
    """The start-up message for these values (the caller has set up `environ`)."""
    mp = pytest.MonkeyPatch()
    try:
        for name, value in values.items():
            mp.setenv(name, value)
        with pytest.raises(ImproperlyConfigured) as caught:
            load_settings()
        return str(caught.value)
    finally:
        mp.undo()


def test_unset_settings_take_their_defaults(environ):
    site = load_settings()
    assert site.DEBUG is False and site.STACKWISE_ENV == "local"
    assert site.ALLOWED_HOSTS == ["127.0.0.1", "localhost"]
    assert site.ASSESSMENT_RATE_LIMIT == (30, 3600) and site.BOOKING_RATE_LIMIT == (5, 3600)
    assert site.MAX_BODY_BYTES == 65536 and site.SECRET_KEY is None
    assert str(site.EMAIL_URL) == "console://"
    assert site.REQUEST_BODY_TIMEOUT == 10 and site.RATE_LIMIT_IPV6_PREFIX == 64
    assert site.TASK_STALLED_SECONDS == 600 and site.BOOKING_CALLS_PER_EMAIL == 3


def test_an_empty_variable_counts_as_unset(environ):
    environ(DEBUG="", MAX_BODY_BYTES="", SITE_URL="")
    site = load_settings()
    assert site.DEBUG is False and site.MAX_BODY_BYTES == 65536
    assert site.SITE_URL == "http://127.0.0.1:8000"


def test_values_are_read_in_their_types(environ):
    environ(
        DEBUG="yes",
        ALLOWED_HOSTS=" a.example.com , b.example.com,",
        ASSESSMENT_RATE_LIMIT="10/Minute",
        BOOKING_RATE_LIMIT="off",
        TRUSTED_PROXY_HOPS="2",
        STACKWISE_ENV=" LOCAL ",
        SITE_URL="https://stackwise.example.com/",
        STACKWISE_DATA_DIR="relative/folder",
        MEETING_URL=" https://meet.x/y ",
    )
    site = load_settings()
    assert site.DEBUG is True and site.TRUSTED_PROXY_HOPS == 2
    assert site.ALLOWED_HOSTS == ["a.example.com", "b.example.com"]
    assert site.ASSESSMENT_RATE_LIMIT == (10, 60) and site.BOOKING_RATE_LIMIT is None
    assert site.STACKWISE_ENV == "local"
    assert site.SITE_URL == "https://stackwise.example.com"  # links are built as address + path
    assert site.STACKWISE_DATA_DIR.is_absolute()
    assert site.MEETING_URL == "https://meet.x/y"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false, not 'maybe'"),
        ("STACKWISE_ENV", "prod", "STACKWISE_ENV must be 'local' or 'production', not 'prod'"),
        ("ASSESSMENT_RATE_LIMIT", "lots", "ASSESSMENT_RATE_LIMIT must look like 30/hour"),
        ("MAX_BODY_BYTES", "5", "MAX_BODY_BYTES must be a whole number of at least 1024"),
        ("TRUSTED_PROXY_HOPS", "one", "TRUSTED_PROXY_HOPS must be a whole number"),
        ("CACHE_URL", "memcached://x", "CACHE_URL must be empty or a redis:// URL"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a database URL"),
        ("EMAIL_URL", "smtps://x", "EMAIL_URL must start with 'console', 'smtp' or 'smtp+tls'"),
        ("SITE_URL", "stackwise.example.com", "SITE_URL must be an http:// or https:// address"),
        ("BOOKING_HOLD_MINUTES", "0", "BOOKING_HOLD_MINUTES must be a whole number of at least 1"),
        # issue 25's settings
        ("REQUEST_BODY_TIMEOUT", "0", "REQUEST_BODY_TIMEOUT must be a whole number of at least 1"),
        ("REQUEST_BODY_TIMEOUT", "3600", "REQUEST_BODY_TIMEOUT must be a whole number of at most"),
        (
            "RATE_LIMIT_IPV6_PREFIX",
            "129",
            "RATE_LIMIT_IPV6_PREFIX must be a whole number of at most 128, not '129'",
        ),
        ("RATE_LIMIT_IPV6_PREFIX", "/64", "RATE_LIMIT_IPV6_PREFIX must be a whole number"),
        ("TASK_STALLED_SECONDS", "0", "TASK_STALLED_SECONDS must be a whole number of at least 1"),
        (
            "BOOKING_CALLS_PER_EMAIL",
            "-1",
            "BOOKING_CALLS_PER_EMAIL must be a whole number of at least 1",
        ),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(environ, name, value, message):
    assert message in refusal(**{name: value})


def test_every_bad_variable_is_named_at_once(environ):
    lines = refusal(DEBUG="maybe", BOOKING_MAIL_ATTEMPTS="soon").splitlines()
    assert [line.split()[0] for line in lines] == ["DEBUG", "BOOKING_MAIL_ATTEMPTS"]


def test_a_password_in_a_refused_url_is_not_repeated(environ):
    message = refusal(EMAIL_URL="smtp://user:hunter2@mail.example.com:notaport")
    assert message.startswith("EMAIL_URL") and "hunter2" not in message


PRODUCTION = {
    "STACKWISE_ENV": "production",
    "SECRET_KEY": "s" * 50,
    "SITE_URL": "https://stackwise.example.com",
    "CONSULTANT_EMAIL": "consultant@example.com",
}


def test_production_starts_with_its_required_settings(environ):
    environ(**PRODUCTION)
    site = load_settings()
    assert site.production and site.SECRET_KEY is not None
    assert site.SECRET_KEY.get_secret_value() == "s" * 50


@pytest.mark.parametrize("name", ["SECRET_KEY", "SITE_URL", "CONSULTANT_EMAIL"])
def test_production_refuses_a_laptop_default(environ, name):
    environ(**{k: v for k, v in PRODUCTION.items() if k != name})
    assert refusal() == f"{name} must be set when STACKWISE_ENV=production"


def test_production_refuses_debug(environ):
    environ(**PRODUCTION)
    assert refusal(DEBUG="on") == "DEBUG must be off when STACKWISE_ENV=production"
