"""The site's knowledge base, loaded once per process, and the advice it gives."""

from __future__ import annotations

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


def advice(profile: ProjectProfile) -> Recommendation:
    """The advice for a profile, from the site's knowledge."""
    return recommend(profile, site_knowledge())
