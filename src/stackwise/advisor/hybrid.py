"""The real-time hybrid judged in money: what holding the stated connections costs in Python
against a Node service holding them plus the second runtime, over the knowledge's horizon."""

from __future__ import annotations

from dataclasses import dataclass

from stackwise.advisor.estimate import second_runtime_cost, week_cost
from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.scoring import Scored
from stackwise.knowledge.models import Knowledge


@dataclass(frozen=True)
class SocketMoney:
    """The stated connections over the horizon, in EUR: the memory the Python core would need
    for them beyond its own, the Node service that would hold them instead (its smallest
    instance and their memory), and the second runtime (the low end of the knowledge's cost of a
    second language, at the region's rates and the team's familiarity, plus its upkeep)."""

    connections: float
    months: float
    python_eur: float
    node_eur: float
    second_runtime_eur: float
    node_stack: str

    @property
    def saving_eur(self) -> float:
        """What moving the connections to the Node service saves in hosting."""
        return self.python_eur - self.node_eur

    @property
    def pays(self) -> bool:
        """Whether the saving pays for the second runtime."""
        return self.saving_eur > self.second_runtime_eur


def socket_money(
    top: str, service: str, scored: Scored, profile: ProjectProfile, knowledge: Knowledge
) -> SocketMoney | None:
    """The money for a Python core `top` and a Node real-time `service` at the profile's load,
    priced as the capacity model prices memory (the stated peak connections at the measured
    memory per 1,000 WebSockets, at least the memory its cores come with); None without a
    measured capacity or without connections."""
    model, load = scored.capacity, scored.load
    if model is None or load is None or not load.connections:
        return None
    costs = knowledge.costs
    hosting = costs.hosting
    months = costs.economics.horizon_months.value
    core = model.need(top, load.peak_rps, load.connections)
    own_memory = core.vcpus * hosting.memory_per_vcpu_gb.value
    python_month = max(core.memory_gb - own_memory, 0.0) * hosting.gb_month_eur.value
    node_month = model.need(service, 0, load.connections).eur_per_month
    one_off, _ = second_runtime_cost("node", profile, knowledge)
    hourly = week_cost("node", profile, knowledge) / costs.hours_per_week.value
    upkeep = costs.economics.second_runtime_upkeep_hours_month.value * hourly * months
    return SocketMoney(
        connections=load.connections,
        months=months,
        python_eur=python_month * months,
        node_eur=node_month * months,
        second_runtime_eur=one_off.low + upkeep,
        node_stack=service,
    )


def _eur(value: float) -> str:
    return f"EUR {round(value, -2):,.0f}"


def _years(months: float) -> str:
    return f"{months / 12:g} years" if months % 12 == 0 else f"{months:g} months"


def money_sentence(money: SocketMoney, knowledge: Knowledge) -> str:
    """The figures in words, whichever way they fall."""
    node = knowledge.stacks[money.node_stack].name
    years = _years(money.months)
    second = (
        f"the {_eur(money.second_runtime_eur)} a second runtime costs over those years (the low "
        "end of the article's cost of a second language, at the region's rates, and its upkeep)"
    )
    if money.saving_eur <= 0:
        held = (
            "needs no memory beyond what its cores come with"
            if money.python_eur < 50
            else f"takes {_eur(money.python_eur)} of memory over {years}"
        )
        return (
            f"holding {money.connections:,.0f} connections in Python {held}, so a {node} "
            f"service for them ({_eur(money.node_eur)} over {years}) would save nothing, and "
            f"{second} would come on top"
        )
    comparison = "more" if money.pays else "less"
    return (
        f"holding {money.connections:,.0f} connections in Python costs "
        f"{_eur(money.saving_eur)} more over {years} than in {node} "
        f"({_eur(money.python_eur)} of memory against {_eur(money.node_eur)} for the {node} "
        f"service), {comparison} than {second}"
    )


def hybrid_rationale(rule_id: str, rationale: str, money: SocketMoney | None, k: Knowledge) -> str:
    """The architecture's rationale, saying which reason decided: money (with its figures) for
    `hybrid_realtime`, fit for `hybrid_realtime_core` (with the money beside it, when stated)."""
    if rule_id == "hybrid_realtime" and money is not None:
        node = k.stacks[money.node_stack].name
        return (
            f"Money decides: {money_sentence(money, k)}. The Python core keeps the rest of the "
            f"backend; a {node} service holds the WebSockets."
        )
    if rule_id == "hybrid_realtime_core" and money is not None and not money.pays:
        return f"{rationale} Memory alone would not pay for it: {money_sentence(money, k)}."
    return rationale
