"""The real-time hybrid is judged in money and in fit, and the advice says which reason decided."""

from __future__ import annotations

import re
from typing import Any

from stackwise.advisor import recommend
from stackwise.advisor.engine import decide
from tests.helpers.samples import profile

EDITOR: dict[str, Any] = {
    "name": "Collaborative proposal editor with AI drafting",
    "product": "realtime_app",
    "needs": ["admin_panel", "ai_ml", "realtime"],
    "team": {"languages": ["python", "typescript"], "size": 5},
    "scale": {"peak_rps": 400, "concurrent_connections": 10000},
}
LIVE_FEED: dict[str, Any] = {
    "name": "Live scores",
    "product": "realtime_app",
    "needs": ["admin_panel", "realtime"],
    "team": {"languages": ["python"], "size": 6},
    "scale": {"peak_rps": 2000, "concurrent_connections": 1_000_000},
    "region": "eastern_europe",
}
SAAS_WITH_SOCKETS: dict[str, Any] = {
    "name": "SaaS with live updates",
    "product": "saas",
    "needs": ["admin_panel", "ai_ml", "realtime"],
    "team": {"languages": ["python"], "size": 5},
    "scale": {"peak_rps": 400, "concurrent_connections": 60000},
}


def _eur(text: str, before: str) -> float:
    match = re.search(rf"EUR ([\d,]+) {before}", text)
    assert match, text
    return float(match.group(1).replace(",", ""))


def test_money_decides_the_hybrid_for_a_huge_audience_and_shows_the_three_year_figures(
    shipped,
):
    rec = recommend(profile(**LIVE_FEED), shipped, robustness_samples=0, flips=False)
    arch = rec.architecture
    assert (arch.kind, arch.stack, arch.role) == ("hybrid", "django", "realtime")
    assert arch.rationale.startswith("Money decides: holding 1,000,000 connections in Python")
    assert "over 3 years" in arch.rationale
    assert _eur(arch.rationale, "more over 3 years") > _eur(arch.rationale, "a second runtime")


def test_the_money_adds_up_from_the_knowledge(shipped):
    decision = decide(profile(**LIVE_FEED), shipped)
    money = decision.socket_money
    assert money is not None and money.months == 36
    hosting = shipped.costs.hosting
    scored = decision.scored
    assert scored.capacity is not None and scored.load is not None
    core = scored.capacity.need("django", scored.load.peak_rps, 1_000_000)
    own = core.vcpus * hosting.memory_per_vcpu_gb.value
    assert money.python_eur == (core.memory_gb - own) * hosting.gb_month_eur.value * 36
    # over 100 GB of WebSockets in Python at EUR 3 a GB-month: about EUR 13,000 in three years
    assert 11_000 < money.python_eur < 15_000
    # the second runtime: at least the article's low end at Eastern European rates, with upkeep
    assert 5_000 < money.second_runtime_eur < 10_000
    assert money.pays


def test_sixty_thousand_sockets_alone_no_longer_bring_a_hybrid(shipped):
    decision = decide(profile(**SAAS_WITH_SOCKETS), shipped)
    money = decision.socket_money
    assert money is not None and not money.pays
    # about 7.5 GB in Python, about EUR 22 a month: far below a second runtime over 3 years
    assert money.python_eur / 36 < 25
    assert decision.architecture.kind == "single"


def test_a_real_time_product_with_a_team_writing_both_gets_the_hybrid_and_fit_decides(shipped):
    rec = recommend(profile(**EDITOR), shipped, robustness_samples=0, flips=False)
    arch = rec.architecture
    assert (arch.kind, arch.stack, arch.realtime_service) == ("hybrid", "django", "nestjs")
    assert arch.rationale.startswith("Fit decides:")
    assert "Yjs" in arch.rationale
    assert "Memory alone would not pay for it" in arch.rationale
    assert "hybrid_realtime_core" in {r.id for r in rec.rules}
    assert "yjs_docs" in {s["id"] for s in rec.sources}


def test_a_python_only_team_with_the_same_product_keeps_one_stack(shipped):
    python_only = EDITOR | {"team": {"languages": ["python"], "size": 5}}
    rec = recommend(profile(**python_only), shipped, robustness_samples=0, flips=False)
    assert rec.architecture.kind == "single"


def test_a_saas_with_live_updates_is_no_fit_case_even_for_a_team_writing_both(shipped):
    both = SAAS_WITH_SOCKETS | {"team": {"languages": ["python", "typescript"], "size": 5}}
    assert decide(profile(**both), shipped).architecture.kind == "single"


def test_a_budget_that_cannot_carry_two_runtimes_keeps_one_stack_even_where_fit_decides(shipped):
    tight = EDITOR | {"budget_eur": 20000}
    assert decide(profile(**tight), shipped).architecture.kind == "single"


def test_a_python_only_team_gets_the_live_feed_hybrid_only_past_what_memory_pays_for(shipped):
    smaller = LIVE_FEED | {"scale": {"peak_rps": 2000, "concurrent_connections": 300_000}}
    decision = decide(profile(**smaller), shipped)
    assert decision.architecture.kind == "single"
    assert decision.socket_money is not None and not decision.socket_money.pays
