"""The site's knowledge base and advice: loaded once per process, memoised per profile."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache

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

    Encoding the ~20 KB recommendation costs more than the rest of a request, so the site does it
    once per memoised profile and stores and answers with the same text."""

    recommendation: Recommendation
    result_json: str

    @classmethod
    def of(cls, recommendation: Recommendation) -> Advice:
        return cls(recommendation, json.dumps(recommendation.model_dump(mode="json")))


@lru_cache(maxsize=512)
def _advice_cached(version: str, profile_json: str) -> Advice:
    return Advice.of(recommend(ProjectProfile.model_validate_json(profile_json), site_knowledge()))


def advice(profile: ProjectProfile) -> Advice:
    """The advice for a profile; the advisor is deterministic, so repeats are memoised."""
    knowledge = site_knowledge()
    return _advice_cached(knowledge.version, json.dumps(profile.to_data(), sort_keys=True))
