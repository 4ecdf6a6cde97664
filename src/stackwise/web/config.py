"""Every setting the site reads from the environment: one typed object, refused at start-up when wrong.

`SiteSettings` lists each variable once with its type, default and one line of help; Django's
settings module (`web/settings.py`) reads this object and nothing else from the environment, and
the settings table in docs/operating.md is generated from it (`settings_table`, run by cog).
"""

from __future__ import annotations

import importlib.util
import secrets
from pathlib import Path
from typing import Annotated, Any, Literal

import annotated_types
import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from pydantic import (
    AfterValidator,
    AnyUrl,
    BeforeValidator,
    Field,
    HttpUrl,
    NonNegativeInt,
    PositiveInt,
    SecretStr,
    TypeAdapter,
    UrlConstraints,
    ValidationError,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

RATE_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
}
# Values that may carry a password are never repeated in an error message (it ends up in logs).
_NOT_ECHOED = frozenset({"SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "CACHE_URL"})


def _comma_list(value: object) -> object:
    """`a, b` -> ["a", "b"]; a list (a default, a test) passes as it is."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _rate(value: object) -> object:
    """`30/hour` -> (30, 3600); `off` -> None."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if text in {"off", "0", "none"}:
        return None
    count, _, period = text.partition("/")
    if not count.isdigit() or period not in RATE_PERIODS:
        raise ValueError(f"must look like 30/hour (or off), not {value!r}")
    return int(count), RATE_PERIODS[period]


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


_http_url = TypeAdapter(HttpUrl)


def _web_address(value: str) -> str:
    """An http(s) address without its trailing slash (links are built as address + path)."""
    if value:
        try:
            _http_url.validate_python(value)
        except ValidationError:
            raise ValueError(f"must be an http:// or https:// address, not {value!r}") from None
    return value.rstrip("/")


def _database_url(value: str) -> str:
    if value:
        try:
            dj_database_url.parse(value)
        except ValueError as exc:
            raise ValueError(f"is not a database URL ({exc})") from None
    return value


def _cache_url(value: str) -> str:
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("must be empty or a redis:// URL (or rediss://, unix://)")
    if value and importlib.util.find_spec("redis") is None:
        raise ValueError("names Redis, but the redis package is not installed (pip install redis)")
    return value


def as_env(text: str) -> Any:
    """A default written as the environment would give it, validated like a value from there
    (and shown so in the docs)."""
    return text


Rate = Annotated[tuple[int, int] | None, BeforeValidator(_rate)]
CommaList = Annotated[list[str], NoDecode, BeforeValidator(_comma_list)]
WebAddress = Annotated[str, AfterValidator(_web_address)]
EmailUrl = Annotated[AnyUrl, UrlConstraints(allowed_schemes=list(EMAIL_BACKENDS))]


class SiteSettings(BaseSettings):
    """The site's settings, read from the environment once at start-up.

    Each field is the environment variable of the same name; its description is the docs' help
    line. An empty variable counts as unset."""

    model_config = SettingsConfigDict(
        case_sensitive=True,
        env_ignore_empty=True,
        str_strip_whitespace=True,
        validate_default=True,
        frozen=True,
        extra="ignore",
    )

    DEBUG: bool = Field(False, description="Show Django's debug pages. Never in production.")
    SECRET_KEY: SecretStr | None = Field(
        None,
        description="Signing key; required when STACKWISE_ENV=production, otherwise generated "
        "once into $STACKWISE_DATA_DIR/secret_key.",
    )
    STACKWISE_ENV: Annotated[Literal["local", "production"], BeforeValidator(_lower)] = Field(
        "local",
        description="`local` or `production`; production refuses DEBUG and a missing SECRET_KEY, "
        "SITE_URL or CONSULTANT_EMAIL, and turns on HTTPS-only cookies and HSTS.",
    )
    ALLOWED_HOSTS: CommaList = Field(
        as_env("127.0.0.1,localhost"),
        description="Comma-separated host names the site answers to.",
    )
    CSRF_TRUSTED_ORIGINS: CommaList = Field(
        as_env(""),
        description="Comma-separated origins (https://example.com) allowed to post forms behind "
        "a proxy.",
    )
    DATABASE_URL: Annotated[str, AfterValidator(_database_url)] = Field(
        "",
        description="Database; empty means the SQLite file `stackwise.sqlite3` in "
        "STACKWISE_DATA_DIR; `postgresql://user:pass@host:5432/name` in production.",
    )
    STACKWISE_DATA_DIR: Annotated[Path, AfterValidator(lambda p: p.expanduser().absolute())] = (
        Field(
            Path("data"),
            description="Folder for the SQLite file, the generated secret key and collected "
            "static files; a relative path is taken from the current directory.",
        )
    )
    ASSESSMENT_RATE_LIMIT: Rate = Field(
        as_env("30/hour"),
        description="Assessments one client address may create (`N/minute`, `N/hour` or "
        "`N/day`; `off` disables).",
    )
    BOOKING_RATE_LIMIT: Rate = Field(
        as_env("5/hour"),
        description="Bookings one client address may make.",
    )
    REPORT_MAIL_RATE_LIMIT: Rate = Field(
        as_env("5/hour"),
        description="Requests to e-mail a result's PDF one client address may make.",
    )
    REPORT_MAILS_PER_ADDRESS: PositiveInt = Field(
        3,
        description="Result PDFs one e-mail address may be sent in 24 hours, whoever asks "
        "(the site keeps a keyed digest of the address for this, not the address).",
    )
    TRUSTED_PROXY_HOPS: NonNegativeInt = Field(
        0,
        description="Proxies in front of the site that append to X-Forwarded-For; the client "
        "address is the entry that many from the right (0: the connection's own address).",
    )
    CACHE_URL: Annotated[str, AfterValidator(_cache_url)] = Field(
        "",
        description="Cache shared by every process and server (rate limits, admin login "
        "failures): empty uses the database; `redis://host:6379/0` uses Redis.",
    )
    MAX_BODY_BYTES: int = Field(
        65536,
        ge=1024,
        description="Largest request body accepted; larger ones are refused with 413.",
    )
    REQUEST_BODY_TIMEOUT: int = Field(
        10,
        ge=1,
        le=300,
        description="Seconds a client may take to send a request body; a slower one is answered "
        "408 and closed (the server reads bodies on an event loop, without holding a worker).",
    )
    RATE_LIMIT_IPV6_PREFIX: int = Field(
        64,
        ge=1,
        le=128,
        description="IPv6 clients are rate-limited per network of this prefix length (a /64 is "
        "one subscriber's); IPv4 clients per address.",
    )
    TASK_STALLED_SECONDS: PositiveInt = Field(
        600,
        description="A queued task (an e-mail, a PDF) still marked running after this many "
        "seconds is taken for lost, its worker killed, and `manage.py db_worker` queues it again; "
        "longer than any e-mail or PDF takes.",
    )
    EMAIL_URL: EmailUrl = Field(
        as_env("console://"),
        description="Outgoing e-mail: `console://` prints, `smtp://user:pass@host:port` sends "
        "(`smtp+tls://` for STARTTLS); percent-encode `@` or `/` in the user or password.",
    )
    DEFAULT_FROM_EMAIL: str = Field(
        "stackwise <hello@stackwise.localhost>", description="Sender of the site's e-mails."
    )
    CONSULTANT_EMAIL: str = Field(
        "consultant@stackwise.localhost",
        description="Where booking notifications go; the organizer of the calendar invites.",
    )
    CONTACT_TELEGRAM_URL: WebAddress = Field(
        "",
        description="Link to the consultant's Telegram, shown beside the booking form when set.",
    )
    CONTACT_EMAIL: str = Field(
        "", description="E-mail address shown beside the booking form when set."
    )
    SITE_URL: WebAddress = Field(
        "http://127.0.0.1:8000",
        description="Public address, used in e-mailed links (`make run` sets it from PORT).",
    )
    SOURCE_URL: WebAddress = Field(
        "",
        description="Public web address of this project's source tree "
        "(https://github.com/you/stackwise/tree/main); the evidence page then links each lab "
        "app's folder there instead of to the copy this site shows.",
    )
    # Booking's own (stackwise.booking reads them through django.conf.settings: booking/conf.py).
    BOOKING_CONFIRM_BY_EMAIL: bool = Field(
        False,
        description="Hold a booked time until the visitor opens a link e-mailed to them (within "
        "BOOKING_HOLD_MINUTES) instead of booking the call at once; for a site that must know "
        "an address is real before a call counts.",
    )
    BOOKING_HOLD_MINUTES: PositiveInt = Field(
        15,
        description="With BOOKING_CONFIRM_BY_EMAIL, how long an unconfirmed "
        "booking holds its slot; the visitor confirms by e-mail within it.",
    )
    BOOKING_EXPIRED_KEEP_HOURS: NonNegativeInt = Field(
        24,
        description="How long the details of a hold that was not confirmed in time are kept, so "
        "that the e-mailed link can still book the same time (or another) without typing them "
        "again; then they are deleted. 0: deleted as soon as the hold runs out.",
    )
    BOOKING_MAIL_ATTEMPTS: PositiveInt = Field(
        5, description="Delivery attempts per e-mail before it is marked failed."
    )
    BOOKING_MAIL_RETRY_SECONDS: PositiveInt = Field(
        60,
        description="Wait before the first retry of a failed e-mail; doubled after each further "
        "failure.",
    )
    BOOKING_BUSY_CALENDAR_URL: WebAddress = Field(
        "",
        description="The private iCalendar address of the consultant's own calendar (Google "
        "Calendar: settings, 'Secret address in iCal format'); slots overlapping its events are "
        "not offered. A secret: it reads the calendar. Empty: not used.",
    )
    BOOKING_BUSY_REFRESH_MINUTES: PositiveInt = Field(
        15,
        description="How old the calendar's busy times may get before the task worker reads "
        "the address again.",
    )
    BOOKING_CALLS_PER_EMAIL: PositiveInt = Field(
        3,
        description="Calls one e-mail address may have held or confirmed at once (upcoming "
        "only); one more is refused naming the e-mail field, so nobody fills a stranger's inbox.",
    )
    CONSULTANT_NAME: str = Field(
        "stackwise",
        description="Who the call is with, shown on the booking page, in e-mails and in the "
        "invite.",
    )
    CONSULTANT_PHOTO_URL: str = Field(
        "",
        description="The consultant's photo, as a path on this site such as "
        "`/static/consultant.jpg` (the content security policy loads images from the site only); "
        "initials when empty.",
    )
    MEETING_URL: str = Field(
        "",
        description="Where the call happens (a video-call link), shown before booking and put in "
        "the invite; when empty the consultant e-mails a link before the call.",
    )

    @model_validator(mode="after")
    def _production_is_explicit(self) -> SiteSettings:
        """Production refuses what only suits a laptop: debug pages, a generated key, and links
        and notices that would point at 127.0.0.1 and a .localhost address."""
        if self.STACKWISE_ENV != "production":
            return self
        if self.SECRET_KEY is None:
            raise ValueError("SECRET_KEY must be set when STACKWISE_ENV=production")
        if self.DEBUG:
            raise ValueError("DEBUG must be off when STACKWISE_ENV=production")
        for name in ("SITE_URL", "CONSULTANT_EMAIL"):
            if name not in self.model_fields_set:
                raise ValueError(f"{name} must be set when STACKWISE_ENV=production")
        return self

    @property
    def production(self) -> bool:
        """Whether the production rules apply (HTTPS only, HSTS, nothing left to a default)."""
        return self.STACKWISE_ENV == "production"


def load_settings() -> SiteSettings:
    """The settings from the environment, or ImproperlyConfigured naming each bad variable."""
    try:
        return SiteSettings()
    except ValidationError as exc:
        raise ImproperlyConfigured("\n".join(_problem(e) for e in exc.errors())) from None


def _problem(error: Any) -> str:
    """One line per refused variable, in the words of the variable's own type."""
    if not error["loc"]:  # a rule across settings: its message names them
        return str(error["ctx"]["error"])
    name = str(error["loc"][0])
    value = "" if name in _NOT_ECHOED else f", not {error['input']!r}"
    kind = error["type"]
    if kind == "value_error":
        return f"{name} {error['ctx']['error']}"
    if kind == "bool_parsing":
        return f"{name} must be true or false{value}"
    if kind in {"int_parsing", "int_from_float", "int_type", "greater_than_equal", "greater_than"}:
        least = _minimum(name)
        return f"{name} must be a whole number{'' if least is None else f' of at least {least}'}{value}"
    if kind in {"less_than_equal", "less_than"}:
        most = error["ctx"].get("le", error["ctx"].get("lt"))
        return f"{name} must be a whole number of at most {most}{value}"
    if kind == "literal_error":
        return f"{name} must be {error['ctx']['expected']}{value}"
    if kind == "url_scheme":
        return f"{name} must start with {error['ctx']['expected_schemes']} (as in scheme://)"
    return f"{name}: {error['msg']}{value}"


def _minimum(name: str) -> int | None:
    for rule in SiteSettings.model_fields[name].metadata:
        if isinstance(rule, annotated_types.Ge):
            return int(str(rule.ge))
        if isinstance(rule, annotated_types.Gt):
            return int(str(rule.gt)) + 1
    return None


def settings_table(names: tuple[str, ...] | None = None) -> str:
    """The Markdown table of the settings (all, or those named): name, default, help."""
    fields = SiteSettings.model_fields
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for name in names or tuple(fields):
        field = fields[name]
        rows.append(f"| `{name}` | {_shown_default(field.default)} | {field.description} |")
    return "\n".join(rows) + "\n"


def _shown_default(default: object) -> str:
    if default is None or default == "":
        return "(empty)"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{default}`"


def shared_cache(url: str) -> dict[str, str]:
    """The cache every process and server shares: the database's cache table, or Redis."""
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "stackwise_cache",
        }
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def data_dir(site: SiteSettings) -> Path:
    """The local data folder, created on first use."""
    folder = site.STACKWISE_DATA_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"STACKWISE_DATA_DIR: cannot create {folder} ({exc.strerror})"
        ) from None
    return folder


def secret_key(site: SiteSettings) -> str:
    """SECRET_KEY from the environment, or one generated and kept for local use (production
    without one is refused when the settings load)."""
    if site.SECRET_KEY is not None:
        return site.SECRET_KEY.get_secret_value()
    path = data_dir(site) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()
