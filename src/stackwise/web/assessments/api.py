"""API for assessments, stacks, factors and the knowledge version."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import PlainSerializer

from stackwise.advisor import ProjectProfile, Recommendation
from stackwise.knowledge.models import Family, Source, StackId, StackScore
from stackwise.sitewide.api_schemas import RETRY_AFTER, Message, Problems
from stackwise.sitewide.limits import over_limit
from stackwise.web.assessments.models import Assessment
from stackwise.web.knowledge import advice, site_knowledge
from stackwise.web.text_input import control_character_problems

router = Router(tags=["assessments"])


# ISO 8601 to the microsecond, as stored: Django's JSON encoder, which the API renders with,
# would cut a datetime to milliseconds and write UTC as Z.
FullDatetime = Annotated[dt.datetime, PlainSerializer(dt.datetime.isoformat, return_type=str)]


class AssessmentOut(Schema):
    id: uuid.UUID
    url: str = Field(description="The result page of this assessment, relative to the site.")
    created_at: FullDatetime = Field(json_schema_extra={"format": "date-time"})
    recommendation: Recommendation


class StackOut(Schema):
    id: StackId
    name: str
    family: Family
    language: str
    summary: str
    server: str = Field(description="The production server the lab runs it with.")


class FactorOut(Schema):
    id: str
    name: str
    question: str
    article_row: str | None = Field(description="The article's table row this factor is from.")
    python: str = Field(description="The article's verdict for the Python family.")
    node: str = Field(description="The article's verdict for the Node.js family.")
    weight: float = Field(ge=0, description="Base weight before the profile adjusts it.")
    scores: dict[str, StackScore] = Field(description="Stack id -> score out of 10, with why.")
    typical_profile: str | None = Field(
        default=None,
        description="For a factor scored from measurements or estimates: the typical profile "
        "(and its load) the scores are for, the same on /compare/ and in `stackwise compare`.",
    )


class KnowledgeOut(Schema):
    version: str = Field(description="The content hash recorded with every assessment.")
    sources: list[Source]


def _out(assessment: Assessment, recommendation: Recommendation) -> dict[str, Any]:
    """The AssessmentOut fields of a stored assessment."""
    return {
        "id": assessment.id,
        "url": f"/assessments/{assessment.id}/",
        "created_at": assessment.created_at,
        "recommendation": recommendation,
    }


@router.post(
    "/assessments",
    response={
        201: AssessmentOut,
        400: Message,
        413: Message,
        415: Message,
        422: Problems,
        429: Message,
    },
    summary="Assess a project profile",
    openapi_extra=RETRY_AFTER,
)
def create_assessment(request: HttpRequest, profile: ProjectProfile) -> Status[Any]:
    """Rank the four stacks for a profile; the request body's schema describes every field."""
    problems = control_character_problems(profile.to_data())
    if problems:
        return Status(422, {"detail": problems})
    wait = over_limit(request, "assessments", settings.ASSESSMENT_RATE_LIMIT)
    if wait is not None:
        return Status(429, {"detail": f"too many assessments from this address; retry in {wait} s"})
    knowledge = site_knowledge()
    if profile.region not in knowledge.costs.regions:
        allowed = ", ".join(knowledge.costs.regions)
        message = f"'{profile.region}' has no rates; choose one of {allowed}"
        return Status(422, {"detail": [{"field": "region", "message": message}]})
    recommendation = advice(profile)
    return Status(201, _out(Assessment.record(recommendation), recommendation))


@router.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, 404: Message, 422: Problems},
    summary="Read an assessment",
)
def read_assessment(request: HttpRequest, assessment_id: uuid.UUID) -> Status[Any]:
    """A stored assessment with its recommendation, exactly as it was made."""
    assessment = Assessment.objects.filter(id=assessment_id).first()
    if assessment is None:
        return Status(404, {"detail": "no assessment with that id"})
    return Status(200, _out(assessment, assessment.recommendation))


@router.get("/stacks", response=list[StackOut], tags=["knowledge"], summary="The four stacks")
def stacks(request: HttpRequest) -> list[dict[str, str]]:
    """Stack ids, names, families and production servers."""
    return [
        {
            "id": s.id,
            "name": s.name,
            "family": s.family,
            "language": s.language,
            "summary": s.summary,
            "server": s.server,
        }
        for s in site_knowledge().stacks.values()
    ]


@router.get(
    "/factors", response=list[FactorOut], tags=["knowledge"], summary="The comparison factors"
)
def factors(request: HttpRequest) -> list[dict[str, Any]]:
    """Every factor with each stack's score, rationale and source."""
    from stackwise.report.comparison import comparison_data

    return list(comparison_data(site_knowledge())["factors"])


@router.get(
    "/knowledge", response=KnowledgeOut, tags=["knowledge"], summary="Knowledge version and sources"
)
def knowledge(request: HttpRequest) -> dict[str, Any]:
    """The knowledge version recorded with every assessment, and the sources behind it."""
    kb = site_knowledge()
    return {
        "version": kb.version,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "kind": s.kind,
                "author": s.author,
                "publisher": s.publisher,
                "document": s.document,
                "date": s.date,
                "supports": s.supports,
            }
            for s in kb.sources.values()
        ],
    }
