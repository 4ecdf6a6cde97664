"""The project profile: what a team tells stackwise about its project (the contract in docs/architecture.md).

Annotations are evaluated eagerly, as in knowledge/models.py: Pydantic reads types, not strings.
"""

import datetime as dt
import math
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator, model_validator

from stackwise.knowledge.choices import Choice as Choice
from stackwise.knowledge.choices import Deployment as Deployment
from stackwise.knowledge.choices import Need as Need
from stackwise.knowledge.choices import Product as Product
from stackwise.knowledge.choices import RegulatedData as RegulatedData
from stackwise.knowledge.models import StackId


class Engagement(Choice):
    """How the developers are paid: contractors bill hours, employees cost a loaded salary."""

    contracted = "contracted", "contractors or an agency, paid by the hour"
    salaried = "salaried", "employees on a salary"
    not_sure = "not_sure", "not sure: priced as contractors, who bill by the hour"


class Language(Choice):
    """Languages the team already writes in production."""

    python = "python", "Python"
    javascript = "javascript", "JavaScript"
    typescript = "typescript", "TypeScript"
    other = "other", "another language"


class AiLater(Choice):
    """How likely AI features are to arrive after launch."""

    no = "no", "no AI features planned"
    possible = "possible", "AI features possible later"
    likely = "likely", "AI features likely later"


class AiModels(Choice):
    """Where an AI product's or feature's models come from: what decides whether Python is the
    practical choice (own models) or any language with the providers' SDKs will do (hosted)."""

    hosted = "hosted", "hosted model APIs (OpenAI, Anthropic, Gemini and the like)"
    own = "own", "own models (training, fine-tuning, GPU inference, data pipelines)"


class Section(Choice):
    """The part of the questionnaire a question belongs to, in the order they are asked: each
    profile field names its own (`json_schema_extra={"group": ...}`), so the web form's steps
    and the prompts' order follow the model."""

    product = "product", "Your product"
    team = "team", "Your team"
    running = "running", "Where it runs and how busy it gets"
    budget = "budget", "Budget and time"


def asked_in(section: Section, **extra: str) -> dict[str, JsonValue]:
    """A field's `json_schema_extra`: the section it is asked in, and any other extra keys."""
    return {"group": section.value, **extra}


JS_LANGUAGES = frozenset({Language.javascript, Language.typescript})
# The knowledge's stacks.toml says the same (its families); tests/advisor hold the two together.
PYTHON_FRAMEWORKS = frozenset({StackId.django, StackId.fastapi})


WEEKS_PER_MONTH = 52 / 12


# A deadline may be given one of these ways; the months and the date become deadline_weeks.
DEADLINE_FIELDS = ("deadline_weeks", "deadline_months", "deadline_date")
MAX_DEADLINE_WEEKS = 520


def weeks_of_months(months: int) -> int:
    """Months until the deadline as whole weeks (52/12 weeks a month, rounded up)."""
    return math.ceil(months * WEEKS_PER_MONTH)


def weeks_until(day: dt.date, today: dt.date | None = None) -> int:
    """Whole weeks from today until a deadline date, rounded down."""
    return (day - (today or dt.date.today())).days // 7


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Team(_Strict):
    """Who will build and keep the backend."""

    languages: tuple[Language, ...] = Field(
        default=(),
        title="Languages the team writes",
        description="Languages your team already ships to production.",
        json_schema_extra=asked_in(Section.team),
    )
    frameworks: tuple[StackId, ...] = Field(
        default=(),
        title="Frameworks the team has shipped with",
        description="Backend frameworks your team has already shipped with, if any.",
        json_schema_extra=asked_in(Section.team),
    )
    size: int = Field(
        default=1,
        ge=1,
        le=500,
        strict=True,
        title="Team size",
        description="Developers who will work on the backend (or, with no developers yet, "
        "will be hired).",
        examples=[3],
        json_schema_extra=asked_in(Section.team),
    )
    engagement: Engagement = Field(
        default=Engagement.not_sure,
        title="How the developers are paid",
        description="Contractors (hourly rates) or employees (a salary with employer costs).",
        json_schema_extra=asked_in(Section.team),
    )
    fullstack_js: bool = Field(
        default=False,
        strict=True,
        title="One language across front and back end",
        description="Do you want one language (JavaScript/TypeScript) across front and back end?",
        json_schema_extra=asked_in(Section.team),
    )
    hiring: bool = Field(
        default=False,
        strict=True,
        title="No developers yet",
        description="No developers yet: the team will be hired or contracted for the chosen stack.",
        json_schema_extra=asked_in(Section.team),
    )

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
    def _dedupe_frameworks(cls, value: tuple[StackId, ...]) -> tuple[StackId, ...]:
        return tuple(sorted(set(value), key=list(StackId).index))

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

    peak_rps: int | None = Field(
        default=None,
        ge=0,
        le=10_000_000,
        strict=True,
        title="Peak requests per second",
        description="Expected peak requests per second in the first year.",
        examples=[200],
        json_schema_extra=asked_in(Section.running),
    )
    concurrent_connections: int | None = Field(
        default=None,
        ge=0,
        le=100_000_000,
        strict=True,
        title="Open connections at peak",
        description="Expected simultaneous open connections (WebSockets, streams).",
        examples=[500],
        json_schema_extra=asked_in(Section.running),
    )


class ProjectProfile(_Strict):
    """A project described as the profile contract of docs/architecture.md describes it.

    The one definition of the questions: prompts, the web form, the API schema and the docs are
    built from these fields, their titles, descriptions, bounds, choices and sections
    (profile_fields.py). The fields are listed section by section, in the order they are asked.
    """

    # One JSON Schema for reading and writing: the API documents a profile once (django-ninja
    # names both "ProjectProfile"), with the deadline's months and date that it reads.
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, json_schema_mode_override="validation"
    )

    name: str = Field(
        default="",
        max_length=200,
        title="Project name",
        description="A name for this assessment, e.g. 'Invoicing SaaS for accountants'.",
        json_schema_extra=asked_in(Section.product),
    )
    product: Product = Field(
        title="The kind of product",
        description="The kind of product the backend serves. Not sure? Take the closest: a "
        "booking or invoicing tool is a SaaS; a shop is e-commerce; buyers meeting sellers is "
        "a marketplace; chat, live dashboards or multiplayer are real-time.",
        json_schema_extra=asked_in(Section.product),
    )
    needs: tuple[Need, ...] = Field(
        default=(),
        title="What the backend must do from the start",
        description="Capabilities the backend must have from the start. Not sure? Tick what "
        "the first version cannot ship without: card checkout or subscriptions are payments; "
        "an app in the stores needs an API for mobile apps.",
        json_schema_extra=asked_in(Section.product),
    )
    ai_models: AiModels = Field(
        default=AiModels.hosted,
        title="Where the AI's models come from",
        description="With AI in the product: calls to hosted model APIs, or models of your own "
        "(trained, fine-tuned or served on GPUs).",
        json_schema_extra=asked_in(Section.product),
    )
    integrations: int = Field(
        default=0,
        ge=0,
        le=50,
        strict=True,
        title="Third-party integrations",
        description="How many outside systems the backend must talk to (a CRM, accounting, "
        "shipping, an EHR); 0 if none. Not sure? Count the systems your team types data into "
        "twice today.",
        examples=[2],
        json_schema_extra=asked_in(Section.product),
    )
    regulated_data: RegulatedData = Field(
        default=RegulatedData.none,
        title="Sensitive data",
        description="The most sensitive data the backend will hold.",
        json_schema_extra=asked_in(Section.product),
    )
    ai_later: AiLater = Field(
        default=AiLater.no,
        title="AI features later",
        description="Could AI features (chatbots, recommendations, content generation) come later?",
        json_schema_extra=asked_in(Section.product),
    )
    team: Team = Field(default_factory=Team, description="Who will build and keep the backend.")
    deployment: Deployment = Field(
        default=Deployment.containers,
        title="Where it will run",
        description="Where the backend will run.",
        json_schema_extra=asked_in(Section.running),
    )
    scale: Scale = Field(default_factory=Scale, description="Expected load in the first year.")
    # The regions are the knowledge's (costs.toml); the advisor refuses one it has no rates for.
    region: str = Field(
        default="western_europe",
        min_length=1,
        max_length=60,
        title="Where the developers are hired",
        description="Where the developers are hired; sets their rates and salaries.",
        json_schema_extra=asked_in(Section.budget),
    )
    # Strict numbers and booleans: `size: true` or `fullstack_js: "yes"` is a mistake to name,
    # not a value to coerce (profile files are read with YAML 1.2 booleans, so `no` stays a word).
    budget_eur: int | None = Field(
        default=None,
        ge=0,
        le=100_000_000,
        strict=True,
        title="Budget (EUR)",
        description="Budget for the first version, in EUR.",
        examples=[9000],
        json_schema_extra=asked_in(Section.budget),
    )
    deadline_weeks: int | None = Field(
        default=None,
        ge=1,
        le=MAX_DEADLINE_WEEKS,
        strict=True,
        title="Deadline (weeks)",
        description="Weeks until the first version must ship.",
        examples=[8],
        json_schema_extra=asked_in(Section.budget),
    )
    # The deadline's other forms: read, turned into deadline_weeks, never written back out.
    deadline_months: int | None = Field(
        default=None,
        ge=1,
        le=120,
        strict=True,
        exclude=True,
        title="Or the deadline in months",
        description="Months until the first version must ship, instead of weeks "
        "(4 months are 18 weeks).",
        examples=[4],
        json_schema_extra=asked_in(Section.budget, instead_of="deadline_weeks"),
    )
    deadline_date: dt.date | None = Field(
        default=None,
        exclude=True,
        title="Or the date it must ship",
        description="The date the first version must ship, as YYYY-MM-DD, instead of weeks.",
        examples=["2027-06-30"],
        json_schema_extra=asked_in(Section.budget, instead_of="deadline_weeks"),
    )

    @model_validator(mode="before")
    @classmethod
    def _deadline_in_weeks(cls, data: Any) -> Any:
        """A deadline given in months or as a date becomes weeks, so that `deadline_weeks` stays
        the one figure every reader uses; a value its own field refuses is left to that field."""
        if not isinstance(data, dict):
            return data
        given = [k for k in DEADLINE_FIELDS if data.get(k) is not None]
        if len(given) > 1:
            raise ValueError(f"give one deadline, not {' and '.join(given)}")
        months, day = data.get("deadline_months"), data.get("deadline_date")
        weeks = None
        if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 120:
            weeks = weeks_of_months(months)
        elif isinstance(day, dt.date | str):
            try:
                weeks = weeks_until(day if isinstance(day, dt.date) else dt.date.fromisoformat(day))
            except ValueError:
                weeks = None  # the field's own validation names the bad date
        if weeks is not None and 1 <= weeks <= MAX_DEADLINE_WEEKS:
            data = {**data, "deadline_weeks": weeks}
        return data

    @field_validator("deadline_date", mode="after")
    @classmethod
    def _a_week_ahead_at_least(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not 1 <= weeks_until(value) <= MAX_DEADLINE_WEEKS:
            raise ValueError("must be between a week and ten years from today")
        return value

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
