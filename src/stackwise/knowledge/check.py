"""Judge the knowledge base: references resolve, every score is explained, figures agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from stackwise.knowledge.choices import Need, Product, RegulatedData
from stackwise.knowledge.models import STACK_IDS, Condition, Figure, Knowledge, SpanFigure

# The words a rule's condition may read. The advisor's tests hold these to the profile model.
PROFILE_FIELDS = frozenset(
    {
        "product",
        "needs",
        "team.languages",
        "team.size",
        "team.hiring",
        "team.fullstack_js",
        "team.js_only",
        "team.writes_js",
        "team.frameworks",
        "needs_count_heavy",
        "deployment",
        "ai_later",
        "ai_models",
        "scale.peak_rps",
        "scale.concurrent_connections",
        "region",
        "integrations",
        "regulated_data",
        "budget_eur",
        "deadline_weeks",
    }
)
OUTCOME_FIELDS = frozenset(
    {
        "top",
        "top_family",
        "team_knows_top",
        "architecture",
        "budget_verdict",
        "deadline_verdict",
        "realtime_memory_pays",
        "team_writes_both",
        "team.carries_two_runtimes",
        "budget_carries_hybrid",
        "team_knows_service",
        "team_knows_top_framework",
        "top_raw_sql",
    }
)
PRODUCTS = tuple(product.value for product in Product)
# The needs and regulated-data levels whose work the scope must price.
NEEDS = tuple(need.value for need in Need)
REGULATED = tuple(
    level.value
    for level in RegulatedData
    if level not in (RegulatedData.none, RegulatedData.not_sure)
)


@dataclass(frozen=True)
class Finding:
    """One problem (error) or doubt (warning) about the knowledge."""

    level: Literal["error", "warning"]
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _money(value: float) -> str:
    return f"EUR {value:,.0f}"


def _references(k: Knowledge) -> list[Finding]:
    found: list[Finding] = []

    def source(where: str, source_id: str) -> None:
        if source_id not in k.sources:
            found.append(Finding("error", where, f"unknown source '{source_id}'"))

    if sorted(k.stacks) != sorted(STACK_IDS):
        found.append(
            Finding(
                "error",
                "stacks",
                f"must be exactly {', '.join(STACK_IDS)}, not {', '.join(k.stacks)}",
            )
        )
    for stack in k.stacks.values():
        source(f"stacks.{stack.id}", stack.source)
    for factor in k.factors.values():
        where = f"factors.{factor.id}"
        missing = sorted(set(k.stacks) - set(factor.scores))
        extra = sorted(set(factor.scores) - set(k.stacks))
        if missing:
            found.append(Finding("error", where, f"no score for {', '.join(missing)}"))
        if extra:
            found.append(Finding("error", where, f"scores unknown stacks {', '.join(extra)}"))
        for stack_id, score in factor.scores.items():
            if not score.rationale.strip():
                found.append(Finding("error", f"{where}.{stack_id}", "score has no rationale"))
            source(f"{where}.{stack_id}", score.source)
    for rule in k.rules.values():
        where = f"rules.{rule.id}"
        source(where, rule.source)
        for factor_id in rule.weights:
            if factor_id not in k.factors:
                found.append(Finding("error", where, f"weights unknown factor '{factor_id}'"))
        for stack_id in rule.points:
            if stack_id not in k.stacks:
                found.append(Finding("error", where, f"gives points to unknown stack '{stack_id}'"))
        for cited in rule.verdict_sources:
            source(where, cited)
        if (rule.claim is None) != (rule.verdict is None):
            found.append(Finding("error", where, "a claim needs a verdict, and a verdict a claim"))
        if rule.risk is not None and rule.risk not in k.risks:
            found.append(Finding("error", where, f"attaches unknown risk '{rule.risk}'"))
        for other in rule.overrides:
            target = k.rules.get(other)
            if target is None:
                found.append(Finding("error", where, f"overrides unknown rule '{other}'"))
            elif target.precedence >= rule.precedence:
                found.append(
                    Finding("error", where, f"overrides '{other}', whose precedence is not lower")
                )
        allowed = PROFILE_FIELDS | (
            OUTCOME_FIELDS if rule.kind in {"risk", "architecture", "warning"} else frozenset()
        )
        fields = rule.when.fields() if isinstance(rule.when, Condition) else set()
        for field in sorted(fields - allowed):
            found.append(Finding("error", where, f"reads unknown field '{field}'"))
    for risk in k.risks.values():
        source(f"risks.{risk.id}", risk.source)
    return found


def _costs(k: Knowledge) -> list[Finding]:
    found: list[Finding] = []
    costs = k.costs
    hosting, familiarity = costs.hosting, costs.familiarity
    named: tuple[tuple[str, Figure | SpanFigure], ...] = (
        ("hours_per_week", costs.hours_per_week),
        ("productive_hours_per_week", costs.productive_hours_per_week),
        ("billable_hours_per_week", costs.billable_hours_per_week),
        ("coordination_overhead", costs.coordination_overhead),
        ("hiring_lead_weeks", costs.hiring_lead_weeks),
        ("run_rate_horizon_months", costs.run_rate_horizon_months),
        ("unfamiliar_language_factor", costs.unfamiliar_language_factor),
        ("second_language_cost_eur", costs.second_language_cost_eur),
        ("hybrid_min_team", costs.hybrid_min_team),
        ("mvp_max_developers", costs.mvp_max_developers),
        ("mvp_max_peak_rps", costs.mvp_max_peak_rps),
        ("hosting.vcpu_month_eur", hosting.vcpu_month_eur),
        ("hosting.gb_month_eur", hosting.gb_month_eur),
        ("hosting.memory_per_vcpu_gb", hosting.memory_per_vcpu_gb),
        ("hosting.min_vcpu", hosting.min_vcpu),
        ("hosting.headroom", hosting.headroom),
        ("hosting.reference_eur_per_year", hosting.reference_eur_per_year),
        ("familiarity.deadline_reference_weeks", familiarity.deadline_reference_weeks),
        ("familiarity.deadline_scale", familiarity.deadline_scale),
        ("familiarity.per_extra_developer", familiarity.per_extra_developer),
        ("familiarity.max_size_scale", familiarity.max_size_scale),
        ("hosting.gpu_instance_month_eur", hosting.gpu_instance_month_eur),
        ("economics.horizon_months", costs.economics.horizon_months),
        ("economics.learning_months", costs.economics.learning_months),
        ("economics.learning_pace_loss", costs.economics.learning_pace_loss),
        ("economics.raw_sql_person_weeks", costs.economics.raw_sql_person_weeks),
        ("economics.too_close_family_share", costs.economics.too_close_family_share),
        (
            "economics.second_runtime_upkeep_hours_month",
            costs.economics.second_runtime_upkeep_hours_month,
        ),
        ("hosting.eur_per_usd", hosting.eur_per_usd),
        ("hosting.average_to_peak", hosting.average_to_peak),
        *_per_request_figures(k),
    )
    for name, figure in named:
        if figure.source not in k.sources:
            found.append(Finding("error", f"costs.{name}", f"unknown source '{figure.source}'"))
    if costs.reference_region not in costs.regions:
        found.append(
            Finding(
                "error", "costs.reference_region", f"'{costs.reference_region}' is not a region"
            )
        )
    for region_id, region in costs.regions.items():
        where = f"costs.regions.{region_id}"
        for family in ("python", "node"):
            if family not in region.rates:
                found.append(Finding("error", where, f"no {family} rate"))
        for source_id in (region.source, region.salaried_week.source):
            if source_id not in k.sources:
                found.append(Finding("error", where, f"unknown source '{source_id}'"))
    if not 0 < costs.productive_hours_per_week.value <= costs.hours_per_week.value:
        found.append(
            Finding(
                "error",
                "costs.productive_hours_per_week",
                f"must lie between 0 and the paid {costs.hours_per_week.value:g} hours a week",
            )
        )
    if not 0 <= costs.coordination_overhead.value < 1:
        found.append(
            Finding("error", "costs.coordination_overhead", "must lie in [0, 1): a share of pace")
        )
    found += _economics(k)
    found += _per_request(k)
    found += _scope(k)
    for stack_id in k.stacks:
        if stack_id not in costs.baselines:
            found.append(Finding("error", "costs.baselines", f"no baseline for {stack_id}"))
    for product in PRODUCTS:
        if product not in hosting.default_load:
            found.append(
                Finding("error", "costs.hosting.default_load", f"no default load for '{product}'")
            )
    for rule in k.rules_of("architecture"):
        if rule.service is not None and rule.service not in k.stacks:
            found.append(Finding("error", f"rules.{rule.id}", f"unknown service '{rule.service}'"))
    for adjustment in costs.adjustments:
        if adjustment.stack not in k.stacks:
            found.append(
                Finding("error", "costs.adjustments", f"unknown stack '{adjustment.stack}'")
            )
        for product in adjustment.products:
            if product not in PRODUCTS:
                found.append(Finding("error", "costs.adjustments", f"unknown product '{product}'"))
    return found


def _per_request_figures(k: Knowledge) -> list[tuple[str, Figure]]:
    """The figures of the deployments billed per request, and each workload's wait, by name."""
    hosting = k.costs.hosting
    named = [
        (f"hosting.per_request.{deployment.value}.{name}", figure)
        for deployment, pricing in hosting.per_request.items()
        for name, figure in pricing.figures().items()
    ]
    return named + [(f"hosting.wait_ms.{w}", figure) for w, figure in hosting.wait_ms.items()]


def _per_request(k: Knowledge) -> list[Finding]:
    """Per-request prices above zero, a wait for every workload a product's mix uses, and an
    average load that is a share of the peak."""
    found: list[Finding] = []
    hosting = k.costs.hosting
    for name, figure in _per_request_figures(k):
        if name.startswith("hosting.wait_ms."):
            if figure.value < 0:
                found.append(Finding("error", f"costs.{name}", "a wait cannot be negative"))
        elif name.split(".")[-1].startswith("included_") or name.endswith("base_usd_month"):
            if figure.value < 0:
                found.append(Finding("error", f"costs.{name}", "cannot be negative"))
        elif figure.value <= 0:
            found.append(Finding("error", f"costs.{name}", "a price must be above zero"))
    mixed = {w for f in k.factors.values() for mix in f.workload_mix.values() for w in mix}
    for workload in sorted(mixed - set(hosting.wait_ms)):
        found.append(
            Finding(
                "error",
                "costs.hosting.wait_ms",
                f"no wait for workload '{workload}', which a product's mix uses",
            )
        )
    if not 0 < hosting.average_to_peak.value <= 1:
        found.append(
            Finding(
                "error",
                "costs.hosting.average_to_peak",
                "must lie in (0, 1]: the average load is a share of the peak",
            )
        )
    if hosting.eur_per_usd.value <= 0:
        found.append(Finding("error", "costs.hosting.eur_per_usd", "must be above zero"))
    return found


def _economics(k: Knowledge) -> list[Finding]:
    """The horizon's figures within the ranges their meaning allows."""
    figures = k.costs.economics
    checks = (
        ("horizon_months", figures.horizon_months.value > 0, "must be above 0 months"),
        ("learning_months", figures.learning_months.low >= 0, "cannot be negative"),
        (
            "learning_pace_loss",
            0 < figures.learning_pace_loss.value <= 1,
            "must lie in (0, 1]: the share of pace lost while learning",
        ),
        ("raw_sql_person_weeks", figures.raw_sql_person_weeks.low >= 0, "cannot be negative"),
        (
            "too_close_family_share",
            50 <= figures.too_close_family_share.value <= 100,
            "must lie in [50, 100]: a percentage of the draws, and below 50 the other family wins",
        ),
    )
    return [
        Finding("error", f"costs.economics.{name}", message)
        for name, ok, message in checks
        if not ok
    ]


def _scope(k: Knowledge) -> list[Finding]:
    """Every product, need and regulated-data level has its work, sourced; nothing unknown."""
    found: list[Finding] = []
    scope = k.costs.scope
    if scope.method_source not in k.sources:
        found.append(Finding("error", "costs.scope", f"unknown source '{scope.method_source}'"))
    tables = (
        ("products", scope.products, PRODUCTS),
        ("needs", scope.needs, NEEDS),
        ("regulated", scope.regulated, REGULATED),
    )
    for name, table, expected in tables:
        for missing in sorted(set(expected) - set(table)):
            found.append(Finding("error", f"costs.scope.{name}", f"no work for '{missing}'"))
        for extra in sorted(set(table) - set(expected)):
            found.append(Finding("error", f"costs.scope.{name}", f"unknown '{extra}'"))
    items = [(f"costs.scope.{n}.{i}", item) for n, t, _ in tables for i, item in t.items()]
    items.append(("costs.scope.per_integration", scope.per_integration))
    for where, item in items:
        cited = [item.source] + ([item.build_factor.source] if item.build_factor else [])
        for source_id in cited:
            if source_id not in k.sources:
                found.append(Finding("error", where, f"unknown source '{source_id}'"))
        if item.build_factor is not None and item.build_factor.value < 1:
            found.append(Finding("error", where, "build_factor below 1 would make work vanish"))
        if not item.rationale.strip():
            found.append(Finding("error", where, "has no rationale"))
        if item.person_weeks.low <= 0:
            found.append(Finding("error", where, "person-weeks must be above zero"))
        for product in item.included_in:
            if product not in PRODUCTS:
                found.append(Finding("error", where, f"included in unknown product '{product}'"))
    return found


def _article_arithmetic(k: Knowledge) -> list[Finding]:
    """Warn where the article's prices, weeks and rates cannot all be true at once."""
    found: list[Finding] = []
    costs = k.costs
    region = costs.regions.get(costs.reference_region)
    if region is None:
        return found
    hours_per_week = costs.hours_per_week.value
    for stack_id, baseline in costs.baselines.items():
        stack = k.stacks.get(stack_id)
        if stack is None or stack.family not in region.rates:
            continue
        rate = region.rates[stack.family]
        hours_low = baseline.weeks.low * hours_per_week
        hours_high = baseline.weeks.high * hours_per_week
        cheapest = hours_low * rate.low
        if cheapest > baseline.cost_eur.high:
            paid_low = baseline.cost_eur.low / rate.high
            paid_high = baseline.cost_eur.high / rate.low
            billable = costs.billable_hours_per_week
            found.append(
                Finding(
                    "warning",
                    f"costs.baselines.{stack_id}",
                    f"{baseline.weeks.low:g}-{baseline.weeks.high:g} weeks full-time is "
                    f"{hours_low:,.0f}-{hours_high:,.0f} hours ({hours_per_week:g} h/week); at "
                    f"{_money(rate.low)}-{rate.high:,.0f}/h that costs {_money(cheapest)}-"
                    f"{hours_high * rate.high:,.0f}, but the price is {_money(baseline.cost_eur.low)}-"
                    f"{baseline.cost_eur.high:,.0f}, which pays for only {paid_low:,.0f}-"
                    f"{paid_high:,.0f} hours, {billable.low:g}-{billable.high:g} hours a week "
                    "(billable_hours_per_week): a senior part-time. The estimator prices "
                    "full-time weeks from the scope and shows this quote beside them as the "
                    "article's.",
                )
            )
        billable = costs.billable_hours_per_week
        middle = (rate.low + rate.high) / 2
        low = baseline.weeks.low * billable.low * middle
        high = baseline.weeks.high * billable.high * middle
        if not (
            0.8 <= low / baseline.cost_eur.low <= 1.3
            and 0.8 <= high / baseline.cost_eur.high <= 1.2
        ):
            found.append(
                Finding(
                    "warning",
                    f"costs.baselines.{stack_id}",
                    f"weeks x billable hours x rate gives {_money(low)}-{high:,.0f}, away from "
                    f"the article's {_money(baseline.cost_eur.low)}-{baseline.cost_eur.high:,.0f}",
                )
            )
    django, nestjs = costs.baselines.get("django"), costs.baselines.get("nestjs")
    if django and nestjs:
        django_mid = (django.weeks.low + django.weeks.high) / 2
        nest_mid = (nestjs.weeks.low + nestjs.weeks.high) / 2
        saving = 1 - django_mid / nest_mid
        if not 0.2 <= round(saving, 4) <= 0.3:
            found.append(
                Finding(
                    "warning",
                    "costs.baselines",
                    f"Django's {django.weeks.low:g}-{django.weeks.high:g} weeks against NestJS's "
                    f"{nestjs.weeks.low:g}-{nestjs.weeks.high:g} is {saving:.0%} faster at the "
                    "midpoints, outside the article's 20-30% faster time to market.",
                )
            )
    wrong = costs.wrong_choice_cost_eur
    if django:
        implied = (wrong.low / django.cost_eur.low, wrong.high / django.cost_eur.high)
        factor = costs.unfamiliar_language_factor.value - 1
        if not min(implied) - 0.1 <= factor <= max(implied) + 0.1:
            found.append(
                Finding(
                    "warning",
                    "costs.unfamiliar_language_factor",
                    f"x{factor + 1:g} is not the article's wrong-choice cost on its Django MVP "
                    f"(+{implied[0]:.0%} to +{implied[1]:.0%})",
                )
            )
    return found


def _cost_sources(value: object) -> set[str]:
    """Every source the cost model cites, wherever a figure sits in it (a region, the scope,
    the economics), so a new table needs no line here to count as citing."""
    if isinstance(value, BaseModel):
        source = getattr(value, "source", None)
        found = {source} if isinstance(source, str) else set()
        for name in type(value).model_fields:
            found |= _cost_sources(getattr(value, name))
        return found
    if isinstance(value, dict):
        return set().union(*(_cost_sources(v) for v in value.values()))
    if isinstance(value, tuple | list):
        return set().union(*(_cost_sources(v) for v in value))
    return set()


def _unused_sources(k: Knowledge) -> list[Finding]:
    used = {s.source for s in k.stacks.values()}
    used |= {score.source for f in k.factors.values() for score in f.scores.values()}
    used |= {r.source for r in k.rules.values()} | {r.source for r in k.risks.values()}
    used |= _cost_sources(k.costs) | {k.costs.scope.method_source, "lab"}
    return [
        Finding("warning", f"sources.{sid}", "is cited by nothing")
        for sid in sorted(set(k.sources) - used)
    ]


def _citable_sources(k: Knowledge) -> list[Finding]:
    """A report cites every source by who wrote or published it, its title, date and address."""
    found = []
    for source in k.sources.values():
        missing = [
            what
            for what, value in (
                ("a publisher or author", source.publisher or source.author),
                ("a title", source.title),
                ("a date", source.date),
                ("an address (a URL or a path)", source.document),
            )
            if not value.strip()
        ]
        if missing:
            found.append(
                Finding(
                    "error",
                    f"sources.{source.id}",
                    f"cannot be cited without {', '.join(missing)}",
                )
            )
    return found


def check_knowledge(knowledge: Knowledge) -> list[Finding]:
    """Every finding about the knowledge base, errors first."""
    findings = (
        _references(knowledge)
        + _citable_sources(knowledge)
        + _costs(knowledge)
        + _article_arithmetic(knowledge)
        + _unused_sources(knowledge)
    )
    return sorted(findings, key=lambda f: f.level != "error")
