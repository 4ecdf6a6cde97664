"""At which load the measured hosting gap between the stacks starts to matter, priced by the
advisor itself: the comparison page says it beside the typical load its measured scores use."""

from __future__ import annotations

from dataclasses import dataclass

from stackwise.advisor import ProjectProfile, recommend
from stackwise.knowledge.models import Knowledge
from stackwise.report.comparison import TYPICAL, TYPICAL_PEAK_RPS

# The loads tried, from the typical one up: round figures a founder can recognise.
STEPS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.5)
HIGHEST_RPS = 1_000_000


@dataclass(frozen=True)
class Gap:
    """The cheapest and dearest stack's hosting at one peak load, EUR a month."""

    rps: float
    cheapest: str
    cheapest_eur: float
    dearest: str
    dearest_eur: float

    @property
    def eur_per_year(self) -> float:
        return 12 * (self.dearest_eur - self.cheapest_eur)


@dataclass(frozen=True)
class LoadGap:
    """The gap at the typical load, the reference that makes a gap matter, and the first round
    load at which the gap reaches it (None when none up to HIGHEST_RPS does)."""

    typical: Gap
    reference_eur_per_year: float
    matters_from: Gap | None


def _loads() -> list[float]:
    loads, scale = [], float(TYPICAL_PEAK_RPS)
    while scale <= HIGHEST_RPS:
        loads += [scale * step for step in STEPS if scale * step <= HIGHEST_RPS]
        scale *= 10
    return loads


def gap_at(knowledge: Knowledge, rps: float) -> Gap | None:
    """What the advice prices each stack's hosting at for the typical product at this peak."""
    scale = {**TYPICAL["scale"], "peak_rps": round(rps)}  # type: ignore[dict-item]
    profile = ProjectProfile.model_validate({**TYPICAL, "scale": scale})
    # Only the hosting prices are read: no robustness draws, no flip search.
    performance = recommend(profile, knowledge, robustness_samples=0, flips=False).performance
    if performance is None or not performance.eur_per_month:
        return None
    eur = performance.eur_per_month
    cheapest, dearest = min(eur, key=eur.__getitem__), max(eur, key=eur.__getitem__)
    return Gap(rps, cheapest, eur[cheapest], dearest, eur[dearest])


def _load_gap(knowledge: Knowledge) -> LoadGap | None:
    typical = gap_at(knowledge, float(TYPICAL_PEAK_RPS))
    if typical is None:
        return None
    reference = knowledge.costs.hosting.reference_eur_per_year.value
    matters = next(
        (
            gap
            for rps in _loads()
            if (gap := gap_at(knowledge, rps)) is not None and gap.eur_per_year >= reference
        ),
        None,
    )
    return LoadGap(typical, reference, matters)


def load_gap(knowledge: Knowledge) -> LoadGap | None:
    """The gap for the site's knowledge, worked out once and kept with that knowledge (a dozen
    advices); None without lab measurements."""
    key = ("web.load_gap",)
    if key not in knowledge.derived:
        knowledge.derived[key] = _load_gap(knowledge)
    found: LoadGap | None = knowledge.derived[key]
    return found


def _eur(value: float) -> str:
    return f"EUR {value:,.0f}"


def load_gap_sentence(gap: LoadGap, names: dict[str, str]) -> str:
    """The plain sentence the comparison page shows under its typical load."""
    t = gap.typical
    said = (
        f"At that load the measured hosting ranges from {_eur(t.cheapest_eur)} a month "
        f"({names[t.cheapest]}) to {_eur(t.dearest_eur)} ({names[t.dearest]}): a gap of "
        f"{_eur(t.eur_per_year)} a year. "
    )
    reference = f"{_eur(gap.reference_eur_per_year)} a year"
    m = gap.matters_from
    if m is None:
        return said + f"Up to {HIGHEST_RPS:,} req/s it stays under {reference}."
    if m.rps == t.rps:
        return said + f"That already passes {reference}, the gap at which the scores weigh it."
    return said + (
        f"The gaps matter from about {m.rps:,.0f} req/s: there the gap passes {reference} "
        f"({names[m.cheapest]} {_eur(m.cheapest_eur)} against {names[m.dearest]} "
        f"{_eur(m.dearest_eur)} a month), the extra hosting at which a stack's performance score "
        "is halved."
    )
