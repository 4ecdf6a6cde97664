"""The project profile: what a team tells stackwise about its project (the contract in docs/architecture.md).

Annotations are evaluated eagerly, as in knowledge/models.py: Pydantic reads types, not strings.
"""

from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Product(StrEnum):
    """What kind of product the backend serves."""

    saas = "saas"
    ai_product = "ai_product"
    data_platform = "data_platform"
    business_app = "business_app"
    api_service = "api_service"
    mobile_backend = "mobile_backend"
    realtime_app = "realtime_app"
    small_api = "small_api"


class Need(StrEnum):
    """Capabilities the backend must have."""

    admin_panel = "admin_panel"
    ai_ml = "ai_ml"
    realtime = "realtime"
    data_processing = "data_processing"
    serverless = "serverless"
    background_jobs = "background_jobs"
    public_api = "public_api"


class Language(StrEnum):
    """Languages the team already writes in production."""

    python = "python"
    javascript = "javascript"
    typescript = "typescript"
    other = "other"


class Framework(StrEnum):
    """Backend frameworks the team has already shipped with."""

    django = "django"
    fastapi = "fastapi"
    express = "express"
    nestjs = "nestjs"


class Deployment(StrEnum):
    """Where the backend will run."""

    containers = "containers"
    serverless = "serverless"
    edge = "edge"
    paas = "paas"


class AiLater(StrEnum):
    """How likely AI features are to arrive after launch."""

    no = "no"
    possible = "possible"
    likely = "likely"


# Human wording for every choice: used by the CLI prompts, the web questionnaire and the flips.
LABELS: dict[str, dict[str, str]] = {
    "product": {
        "saas": "a SaaS product",
        "ai_product": "an AI-powered product",
        "data_platform": "a data platform",
        "business_app": "a business application",
        "api_service": "an API-only service",
        "mobile_backend": "a mobile app backend",
        "realtime_app": "a real-time application",
        "small_api": "a small, lightweight API",
    },
    "needs": {
        "admin_panel": "an admin panel",
        "ai_ml": "AI/ML features",
        "realtime": "real-time features (WebSockets)",
        "data_processing": "data processing and reporting",
        "serverless": "serverless functions",
        "background_jobs": "background jobs",
        "public_api": "a public API for third parties",
    },
    "languages": {
        "python": "Python",
        "javascript": "JavaScript",
        "typescript": "TypeScript",
        "other": "another language",
    },
    "frameworks": {
        "django": "Django",
        "fastapi": "FastAPI",
        "express": "Express",
        "nestjs": "NestJS",
    },
    "deployment": {
        "containers": "containers (Docker, Kubernetes, VMs)",
        "serverless": "serverless functions (AWS Lambda and the like)",
        "edge": "edge runtimes (Cloudflare Workers and the like)",
        "paas": "a platform as a service (Heroku, Render, Fly.io)",
    },
    "ai_later": {
        "no": "no AI features planned",
        "possible": "AI features possible later",
        "likely": "AI features likely later",
    },
}

HELP: dict[str, str] = {
    "name": "A name for this assessment, e.g. 'Invoicing SaaS for accountants'.",
    "product": "The kind of product the backend serves.",
    "needs": "Capabilities the backend must have from the start.",
    "team.languages": "Languages your team already ships to production.",
    "team.frameworks": "Backend frameworks your team has already shipped with, if any.",
    "team.size": "Developers who will work on the backend (or, with no developers yet, will be hired).",
    "team.hiring": "No developers yet: the team will be hired or contracted for the chosen stack.",
    "team.fullstack_js": "Do you want one language (JavaScript/TypeScript) across front and back end?",
    "deployment": "Where the backend will run.",
    "ai_later": "Could AI features (chatbots, recommendations, content generation) come later?",
    "scale.peak_rps": "Expected peak requests per second in the first year.",
    "scale.concurrent_connections": "Expected simultaneous open connections (WebSockets, streams).",
    "region": "Where the developers are hired; sets the hourly rates.",
    "budget_eur": "Budget for the first version, in EUR.",
    "deadline_weeks": "Weeks until the first version must ship.",
}

JS_LANGUAGES = frozenset({Language.javascript, Language.typescript})
PYTHON_FRAMEWORKS = frozenset({Framework.django, Framework.fastapi})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Team(_Strict):
    """Who will build and keep the backend."""

    languages: tuple[Language, ...] = Field(default=(), description=HELP["team.languages"])
    frameworks: tuple[Framework, ...] = Field(default=(), description=HELP["team.frameworks"])
    size: int = Field(default=1, ge=1, le=500, strict=True, description=HELP["team.size"])
    fullstack_js: bool = Field(default=False, strict=True, description=HELP["team.fullstack_js"])
    hiring: bool = Field(default=False, strict=True, description=HELP["team.hiring"])

    @model_validator(mode="after")
    def _hired_team_writes_nothing_yet(self) -> Self:
        if self.hiring and (self.languages or self.frameworks):
            raise ValueError(
                "a team still to be hired writes no language yet: leave team.languages and "
                "team.frameworks empty, or set team.hiring to false"
            )
        return self

    @field_validator("languages", mode="after")
    @classmethod
    def _dedupe_sorted(cls, value: tuple[Language, ...]) -> tuple[Language, ...]:
        # Order carries no meaning; a canonical order keeps reports byte-identical.
        return tuple(sorted(set(value), key=list(Language).index))

    @field_validator("frameworks", mode="after")
    @classmethod
    def _dedupe_frameworks(cls, value: tuple[Framework, ...]) -> tuple[Framework, ...]:
        return tuple(sorted(set(value), key=list(Framework).index))

    @property
    def writes_js(self) -> bool:
        """True when the team writes JavaScript or TypeScript (maybe beside other languages)."""
        return bool(set(self.languages) & JS_LANGUAGES)

    @property
    def js_only(self) -> bool:
        """True when the team writes only JavaScript or TypeScript."""
        return bool(self.languages) and set(self.languages) <= JS_LANGUAGES

    @property
    def families(self) -> frozenset[str]:
        """The language families (python, node) the team already knows."""
        found: set[str] = set()
        for language in self.languages:
            if language is Language.python:
                found.add("python")
            elif language in JS_LANGUAGES:
                found.add("node")
        for framework in self.frameworks:
            found.add("python" if framework in PYTHON_FRAMEWORKS else "node")
        return frozenset(found)


class Scale(_Strict):
    """Expected load in the first year."""

    peak_rps: int | None = Field(default=None, ge=0, le=10_000_000, strict=True)
    concurrent_connections: int | None = Field(default=None, ge=0, le=100_000_000, strict=True)


class ProjectProfile(_Strict):
    """A project described as the profile contract of docs/architecture.md describes it."""

    name: str = Field(default="", max_length=200, description=HELP["name"])
    product: Product = Field(description=HELP["product"])
    needs: tuple[Need, ...] = Field(default=(), description=HELP["needs"])
    team: Team = Field(default_factory=Team)
    deployment: Deployment = Field(default=Deployment.containers, description=HELP["deployment"])
    ai_later: AiLater = Field(default=AiLater.no, description=HELP["ai_later"])
    scale: Scale = Field(default_factory=Scale)
    region: str = Field(
        default="western_europe", min_length=1, max_length=60, description=HELP["region"]
    )
    # Strict numbers and booleans: `size: true` or `fullstack_js: "yes"` is a mistake to name,
    # not a value to coerce (profile files are read with YAML 1.2 booleans, so `no` stays a word).
    budget_eur: int | None = Field(
        default=None, ge=0, le=100_000_000, strict=True, description=HELP["budget_eur"]
    )
    deadline_weeks: int | None = Field(
        default=None, ge=1, le=520, strict=True, description=HELP["deadline_weeks"]
    )

    @field_validator("needs", mode="after")
    @classmethod
    def _dedupe_needs(cls, value: tuple[Need, ...]) -> tuple[Need, ...]:
        return tuple(sorted(set(value), key=list(Need).index))

    def has(self, need: Need) -> bool:
        """Whether the profile lists a need."""
        return need in self.needs

    def to_data(self) -> dict[str, Any]:
        """The profile as plain data, in the order of the contract, for files and reports."""
        return self.model_dump(mode="json")
