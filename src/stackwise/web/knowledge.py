"""The site's knowledge base, loaded once per process, and the advice it gives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from stackwise.advisor import ProjectProfile, Recommendation, recommend
from stackwise.knowledge import Knowledge, load_knowledge


@cache
def site_knowledge() -> Knowledge:
    """The knowledge the site advises with ($STACKWISE_KNOWLEDGE or the shipped data).

    Read once per process: an edited knowledge folder takes effect when the server restarts
    (as on a deploy) instead of every request re-reading and hashing the files."""
    return load_knowledge()


def regions() -> dict[str, str]:
    """Region id -> name, for the questionnaire."""
    return {rid: region.name for rid, region in site_knowledge().costs.regions.items()}


@dataclass(frozen=True)
class Advice:
    """A recommendation with its JSON (the API's `recommendation`, as stored), encoded once.

    The API answers with this text as it is rather than re-validating the ~20 KB recommendation
    through a response schema."""

    recommendation: Recommendation
    result_json: str

    @classmethod
    def of(cls, recommendation: Recommendation) -> Advice:
        return cls(recommendation, json.dumps(recommendation.model_dump(mode="json")))


def advice(profile: ProjectProfile) -> Advice:
    """The advice for a profile, from the site's knowledge."""
    return Advice.of(recommend(profile, site_knowledge()))
