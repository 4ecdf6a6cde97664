"""Django settings: every value that comes from the environment is read through `config.SiteSettings`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import dj_database_url

from stackwise.booking.tokens import TOKEN_PATHS
from stackwise.web.config import (
    EMAIL_BACKENDS,
    data_dir,
    load_settings,
    secret_key,
    shared_cache,
)

env = load_settings()  # lower case: not itself a Django setting
STACKWISE_ENV = env.STACKWISE_ENV
PRODUCTION = env.production
DEBUG = env.DEBUG
SECRET_KEY = secret_key(env)
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS

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

_db_url = env.DATABASE_URL or f"sqlite:///{data_dir(env) / 'stackwise.sqlite3'}"
# Issue 25: served under ASGI, each request's sync code runs in a thread of its own, so a
# persistent connection would be left open per thread; Django's databases page: "When using
# ASGI, persistent connections should be disabled."
DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=0)}
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
# booking settings (hold time, retries, consultant, meeting link) come from SiteSettings too.
TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}
BOOKING_CONFIRM_BY_EMAIL = env.BOOKING_CONFIRM_BY_EMAIL
BOOKING_HOLD_MINUTES = env.BOOKING_HOLD_MINUTES
BOOKING_EXPIRED_KEEP_HOURS = env.BOOKING_EXPIRED_KEEP_HOURS
BOOKING_MAIL_ATTEMPTS = env.BOOKING_MAIL_ATTEMPTS
BOOKING_MAIL_RETRY_SECONDS = env.BOOKING_MAIL_RETRY_SECONDS
BOOKING_CALLS_PER_EMAIL = env.BOOKING_CALLS_PER_EMAIL
CONSULTANT_NAME = env.CONSULTANT_NAME
CONSULTANT_PHOTO_URL = env.CONSULTANT_PHOTO_URL
MEETING_URL = env.MEETING_URL
BOOKING_BUSY_CALENDAR_URL = env.BOOKING_BUSY_CALENDAR_URL
BOOKING_BUSY_REFRESH_MINUTES = env.BOOKING_BUSY_REFRESH_MINUTES

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
STATIC_ROOT = data_dir(env) / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

MAX_BODY_BYTES = env.MAX_BODY_BYTES
# Hardening (issue 25): slow bodies, per-network limits and lost tasks (read in sitewide/).
REQUEST_BODY_TIMEOUT = env.REQUEST_BODY_TIMEOUT
RATE_LIMIT_IPV6_PREFIX = env.RATE_LIMIT_IPV6_PREFIX
TASK_STALLED_SECONDS = env.TASK_STALLED_SECONDS
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
ASSESSMENT_RATE_LIMIT = env.ASSESSMENT_RATE_LIMIT
BOOKING_RATE_LIMIT = env.BOOKING_RATE_LIMIT
REPORT_MAIL_RATE_LIMIT = env.REPORT_MAIL_RATE_LIMIT
REPORT_MAILS_PER_ADDRESS = env.REPORT_MAILS_PER_ADDRESS
TRUSTED_PROXY_HOPS = env.TRUSTED_PROXY_HOPS
CACHES = {"default": shared_cache(env.CACHE_URL)}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "stackwise.web.pages.views.csrf_failure"
# No inline script or style element anywhere: a script injected into a page does not run.
# Inline style attributes stay allowed (the SVG charts and templates use them).
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

# EMAIL_URL is parsed and its scheme checked by SiteSettings; the user and password arrive
# percent-encoded, as a URL carries them.
_email = env.EMAIL_URL
EMAIL_BACKEND = EMAIL_BACKENDS[_email.scheme]
EMAIL_HOST = _email.host or "localhost"
EMAIL_PORT = _email.port or 25
EMAIL_HOST_USER = unquote(_email.username or "")
EMAIL_HOST_PASSWORD = unquote(_email.password or "")
EMAIL_USE_TLS = _email.scheme == "smtp+tls"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONSULTANT_EMAIL = env.CONSULTANT_EMAIL
CONTACT_TELEGRAM_URL = env.CONTACT_TELEGRAM_URL
CONTACT_EMAIL = env.CONTACT_EMAIL
SITE_URL = env.SITE_URL
SOURCE_URL = env.SOURCE_URL

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
