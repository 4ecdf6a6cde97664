"""Every setting the site reads from the environment: listed once, typed, refused when wrong."""

from __future__ import annotations

import importlib.util
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default and what it does."""

    name: str
    default: str
    help: str


SETTINGS = (
    Setting("DEBUG", "false", "Show Django's debug pages. Never in production."),
    Setting(
        "SECRET_KEY",
        "(generated into $STACKWISE_DATA_DIR/secret_key)",
        "Signing key; required when STACKWISE_ENV=production.",
    ),
    Setting(
        "STACKWISE_ENV",
        "local",
        "`local` or `production`; production refuses DEBUG and a missing SECRET_KEY, SITE_URL or CONSULTANT_EMAIL, and turns on HTTPS-only cookies and HSTS.",
    ),
    Setting(
        "ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers to."
    ),
    Setting(
        "CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (https://example.com) allowed to post forms behind a proxy.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "Database; empty means the SQLite file `stackwise.sqlite3` in STACKWISE_DATA_DIR; `postgresql://user:pass@host:5432/name` in production.",
    ),
    Setting(
        "STACKWISE_DATA_DIR",
        "data",
        "Folder for the SQLite file, the generated secret key and collected static files; a relative path is taken from the current directory.",
    ),
    Setting(
        "ASSESSMENT_RATE_LIMIT",
        "30/hour",
        "Assessments one client address may create (`N/minute`, `N/hour` or `N/day`; `off` disables).",
    ),
    Setting("BOOKING_RATE_LIMIT", "5/hour", "Bookings one client address may make."),
    Setting(
        "TRUSTED_PROXY_HOPS",
        "0",
        "Proxies in front of the site that append to X-Forwarded-For; the client address is the entry that many from the right (0: the connection's own address).",
    ),
    Setting(
        "CACHE_URL",
        "",
        "Cache shared by every process and server (rate limits, admin login failures): empty uses the database; `redis://host:6379/0` uses Redis.",
    ),
    Setting(
        "MAX_BODY_BYTES",
        "65536",
        "Largest request body accepted; larger ones are refused with 413.",
    ),
    # --- Hardening (issue 25): slow clients and rate limits per network.
    Setting(
        "REQUEST_BODY_TIMEOUT",
        "10",
        "Seconds a client may take to send a request body; a slower one is answered 408 and closed (the server reads bodies without holding a worker).",
    ),
    Setting(
        "RATE_LIMIT_IPV6_PREFIX",
        "64",
        "IPv6 clients are rate-limited per network of this prefix length (a /64 is one subscriber's); IPv4 clients per address.",
    ),
    Setting(
        "TASK_STALLED_SECONDS",
        "600",
        "A queued task (an e-mail, a PDF) still marked running after this many seconds is taken for lost, its worker killed, and `manage.py db_worker` queues it again; longer than any e-mail or PDF takes.",
    ),
    # --- end of issue 25 settings
    Setting(
        "EMAIL_URL",
        "console://",
        "Outgoing e-mail: `console://` prints, `smtp://user:pass@host:port` sends (`smtp+tls://` for STARTTLS).",
    ),
    Setting(
        "DEFAULT_FROM_EMAIL",
        "stackwise <hello@stackwise.localhost>",
        "Sender of the site's e-mails.",
    ),
    Setting(
        "CONSULTANT_EMAIL", "consultant@stackwise.localhost", "Where booking notifications go."
    ),
    Setting(
        "CONTACT_TELEGRAM_URL",
        "",
        "Link to the consultant's Telegram, shown beside the booking form when set.",
    ),
    Setting("CONTACT_EMAIL", "", "E-mail address shown beside the booking form when set."),
    Setting(
        "SITE_URL",
        "http://127.0.0.1:8000",
        "Public address, used in e-mailed links (`make run` sets it from PORT).",
    ),
    Setting(
        "SOURCE_URL",
        "",
        "Public web address of this project's source tree (https://github.com/you/stackwise/tree/main); the evidence page then links each lab app's folder there instead of to the copy this site shows.",
    ),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}


def env_str(name: str) -> str:
    """A setting as text, falling back to its listed default."""
    if name not in DEFAULTS:
        raise ImproperlyConfigured(f"{name} is not a listed setting")
    return os.environ.get(name, DEFAULTS[name])


def env_bool(name: str) -> bool:
    """A yes/no setting; anything but the usual words is refused."""
    value = env_str(name).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, minimum: int = 0) -> int:
    """A whole-number setting."""
    value = env_str(name).strip()
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name: str) -> list[str]:
    """A comma-separated setting."""
    return [part.strip() for part in env_str(name).split(",") if part.strip()]


def env_rate(name: str) -> tuple[int, int] | None:
    """A rate limit like `30/hour` as (count, seconds); None when `off`."""
    value = env_str(name).strip().lower()
    if value in {"off", "0", "none"}:
        return None
    periods = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
    count, _, period = value.partition("/")
    if not count.isdigit() or period not in periods:
        raise ImproperlyConfigured(f"{name} must look like 30/hour (or off), not {value!r}")
    return int(count), periods[period]


def env_path(name: str) -> Path:
    """A folder setting as an absolute path (a relative one is taken from the current directory,
    so the installed package writes nothing inside site-packages)."""
    return Path(env_str(name)).expanduser().absolute()


def require_explicit(names: tuple[str, ...], reason: str) -> None:
    """Refuse to start when a setting whose default only suits a laptop is left unset."""
    for name in names:
        if not os.environ.get(name, "").strip():
            raise ImproperlyConfigured(f"{name} must be set {reason}")


def shared_cache(url: str) -> dict[str, str]:
    """The cache every process and server shares: the database's cache table, or Redis."""
    if not url.strip():
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "stackwise_cache",
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured(
                "CACHE_URL names Redis, but the redis package is not installed (pip install redis)"
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(f"CACHE_URL must be empty or a redis:// URL, not {url!r}")


def data_dir() -> Path:
    """The local data folder, created on first use."""
    folder = env_path("STACKWISE_DATA_DIR")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"STACKWISE_DATA_DIR: cannot create {folder} ({exc.strerror})"
        ) from None
    return folder


def secret_key(production: bool) -> str:
    """SECRET_KEY from the environment, or one generated and kept for local use."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if production:
        raise ImproperlyConfigured("SECRET_KEY must be set when STACKWISE_ENV=production")
    path = data_dir() / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
