"""The site's knowledge base: loaded once per process (it is validated and hashed on load)."""

from __future__ import annotations

from stackwise.knowledge import Knowledge, load_knowledge


def site_knowledge() -> Knowledge:
    """The knowledge the site advises with ($STACKWISE_KNOWLEDGE or the shipped data)."""
    return load_knowledge()


def regions() -> dict[str, str]:
    """Region id -> name, for the questionnaire."""
    return {rid: region.name for rid, region in site_knowledge().costs.regions.items()}
