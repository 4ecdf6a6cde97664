"""Django settings: everything comes from the environment through `config` (see SETTINGS there)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from stackwise.booking.conf import from_environment as booking_settings_from
from stackwise.booking.tokens import TOKEN_PATHS
from stackwise.web.config import (
    data_dir,
    env_bool,
    env_int,
    env_list,
    env_rate,
    env_str,
    require_explicit,
    secret_key,
    shared_cache,
)

STACKWISE_ENV = env_str("STACKWISE_ENV").strip().lower()
if STACKWISE_ENV not in {"local", "production"}:
    raise ImproperlyConfigured(f"STACKWISE_ENV must be local or production, not {STACKWISE_ENV!r}")
PRODUCTION = STACKWISE_ENV == "production"
DEBUG = env_bool("DEBUG")
SECRET_KEY = secret_key(PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when STACKWISE_ENV=production")
if PRODUCTION:  # e-mailed links and notices would point at 127.0.0.1 and a .localhost address
    require_explicit(("SITE_URL", "CONSULTANT_EMAIL"), "when STACKWISE_ENV=production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "stackwise.web.assessments",
    "stackwise.web.pages",
    "stackwise.booking",
    "stackwise.sitewide",  # issue 25: the rate-limit table (sitewide/models.py)
    "django_tasks",
    "django_tasks.backends.database",
]

MIDDLEWARE = [
    "stackwise.web.middleware.HeadAsGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stackwise.sitewide.limits.BodySizeLimitMiddleware",
    "stackwise.web.middleware.JsonApiMiddleware",
    "stackwise.sitewide.limits.RetryAfterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "stackwise.web.urls"
WSGI_APPLICATION = "stackwise.web.wsgi.application"
ASGI_APPLICATION = "stackwise.web.asgi.application"  # what gunicorn serves (issue 25)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stackwise.web.pages.context.site",
            ]
        },
    }
]

_db_url = env_str("DATABASE_URL").strip() or f"sqlite:///{data_dir() / 'stackwise.sqlite3'}"
try:
    # Issue 25: served under ASGI, each request's sync code runs in a thread of its own, so a
    # persistent connection would be left open per thread; Django's databases page: "When using
    # ASGI, persistent connections should be disabled."
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=0)}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL ({exc})") from None
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers (booking races) wait for the lock instead of failing at once; WAL lets
    # readers run beside the writer and syncs at checkpoints rather than on every commit.
    # A connection opened while the file was read-only stays read-only for its whole life, so
    # persistent connections kept writes failing for CONN_MAX_AGE (60 s) after the file became
    # writable again; opening an SQLite file per request costs well under a millisecond.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Booking: e-mail goes through a database task queue, run by `manage.py db_worker`; the
# booking settings (hold time, retries, consultant, meeting link) are listed in booking/conf.py.
TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}
globals().update(booking_settings_from(os.environ))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = data_dir() / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

MAX_BODY_BYTES = env_int("MAX_BODY_BYTES", minimum=1024)
# --- Hardening (issue 25): slow bodies and per-network limits (read in sitewide/).
REQUEST_BODY_TIMEOUT = env_int("REQUEST_BODY_TIMEOUT", minimum=1)
RATE_LIMIT_IPV6_PREFIX = env_int("RATE_LIMIT_IPV6_PREFIX", minimum=1)
TASK_STALLED_SECONDS = env_int("TASK_STALLED_SECONDS", minimum=1)
if RATE_LIMIT_IPV6_PREFIX > 128:
    raise ImproperlyConfigured(
        f"RATE_LIMIT_IPV6_PREFIX must be at most 128, not {RATE_LIMIT_IPV6_PREFIX}"
    )
# --- end of issue 25 settings
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
ASSESSMENT_RATE_LIMIT = env_rate("ASSESSMENT_RATE_LIMIT")
BOOKING_RATE_LIMIT = env_rate("BOOKING_RATE_LIMIT")
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS")
CACHES = {
    "default": shared_cache(env_str("CACHE_URL")),
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "stackwise.web.pages.views.csrf_failure"
# No inline script or style element anywhere: a script injected into a page does not run.
# Inline style attributes stay allowed (matplotlib's SVG charts and templates use them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wrong admin passwords: five from one address for one user name lock that pair for an hour,
# counted in the database so every server sees them.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "stackwise.sitewide.limits.client_address"
AXES_RESET_ON_SUCCESS = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the servers over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

_email = env_str("EMAIL_URL")
if _email.startswith("console://"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email.startswith(("smtp://", "smtp+tls://")):
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(_email)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parts.hostname or "localhost"
    EMAIL_PORT = _parts.port or 25
    EMAIL_HOST_USER = unquote(_parts.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
    EMAIL_USE_TLS = _parts.scheme == "smtp+tls"
    EMAIL_TIMEOUT = 10
else:
    raise ImproperlyConfigured(f"EMAIL_URL must start with console:// or smtp://, not {_email!r}")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONSULTANT_EMAIL = env_str("CONSULTANT_EMAIL")
CONTACT_TELEGRAM_URL = env_str("CONTACT_TELEGRAM_URL")
CONTACT_EMAIL = env_str("CONTACT_EMAIL")
SITE_URL = env_str("SITE_URL").rstrip("/")
SOURCE_URL = env_str("SOURCE_URL").rstrip("/")

# --- Logging (hardening, issue 25): no call link or e-mail address in any line the console
# handler writes, and a forged Host header costs one warning line (at most five a minute per
# process), not a traceback at ERROR each time. The servers' access logs get the same
# redaction in booking's AppConfig.ready (Django does not configure them).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {
            "()": "stackwise.sitewide.logs.RedactSecrets",
            "secret_paths": TOKEN_PATHS,
        },
        "one_line_per_interval": {
            "()": "stackwise.sitewide.logs.OneLinePerInterval",
            "seconds": 60,
            "burst": 5,
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["one_line_per_interval"],
            "propagate": False,
        },
    },
}
# --- end of issue 25 logging
