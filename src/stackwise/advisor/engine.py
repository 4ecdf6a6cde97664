"""`recommend`: turn a profile and the knowledge into a ranked, explained recommendation."""

from __future__ import annotations

from dataclasses import dataclass

from stackwise.advisor.conditions import Context, holds, profile_context
from stackwise.advisor.errors import FieldProblem, ProfileError
from stackwise.advisor.estimate import (
    estimate_for,
    estimate_sources,
    eur_span,
    knows_family,
    lowest_cost,
    second_runtime_cost,
)
from stackwise.advisor.explain import (
    claim_verdicts,
    no_risks_sentence,
    performance_summary,
    reasons,
    tie_between,
    too_close,
)
from stackwise.advisor.flips import (
    Outcome,
    answer_flips,
    budget_flip,
    deadline_flips,
    load_flips,
    team_size_flips,
)
from stackwise.advisor.hybrid import SocketMoney, hybrid_rationale, socket_money
from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.recommendation import (
    Architecture,
    Contribution,
    Estimate,
    FiredRule,
    Flip,
    ProfileWarning,
    RankedStack,
    Recommendation,
    Risk,
    RulePoints,
)
from stackwise.advisor.robustness import DEFAULT_SAMPLES, robustness
from stackwise.advisor.scoring import RuleOutcome, Scored, score_profile
from stackwise.advisor.totals import move_words
from stackwise.knowledge.models import Knowledge, Rule

BUS = "REST for commands, Redis pub/sub (or RabbitMQ) for events"


def _check_region(profile: ProjectProfile, knowledge: Knowledge) -> None:
    regions = knowledge.costs.regions
    if profile.region not in regions:
        raise ProfileError(
            [
                FieldProblem(
                    "region",
                    f"'{profile.region}' has no rates in the knowledge base; "
                    f"choose one of {', '.join(regions)}",
                )
            ]
        )


@dataclass
class Decision:
    """The pick and its architecture, before estimates, risks and explanations."""

    scored: Scored
    order: list[str]
    context: Context
    architecture: Architecture
    hybrid_rule: Rule | None
    floor: float | None  # the budget below which the hybrid (proposed or possible) does not fit
    hybrid_if_affordable: Outcome | None  # the hybrid a larger budget would bring
    socket_money: SocketMoney | None = None  # the stated connections in Python or in Node

    @property
    def outcome(self) -> Outcome:
        """What a flip compares against: the pick, its architecture and the second service."""
        arch = self.architecture
        return Outcome(arch.stack, arch.kind, arch.service)


def decide(profile: ProjectProfile, knowledge: Knowledge) -> Decision:
    """Score, rank and choose the architecture: what flips compare, without the explanations."""
    scored = score_profile(profile, knowledge)
    order = scored.ranking()
    top = order[0]
    top_family = knowledge.stacks[top].family
    costs = knowledge.costs
    families = profile.team.families
    node_service = next(s for s in order if knowledge.stacks[s].family == "node")
    money = (
        socket_money(top, node_service, scored, profile, knowledge)
        if top_family == "python"
        else None
    )
    writes_both = families == {"python", "node"}
    context = profile_context(profile) | {
        "top": top,
        "top_family": top_family,
        "team_knows_top": top_family in families,
        "architecture": "single",
        "realtime_memory_pays": money is not None and money.pays,
        "team_writes_both": writes_both,
        "team.carries_two_runtimes": profile.team.size >= costs.hybrid_min_team.value
        or writes_both,
    }
    architecture = Architecture(
        kind="single", stack=top, rationale="One stack serves the whole backend."
    )
    other_family = "node" if top_family == "python" else "python"
    floor = None
    if profile.budget_eur is not None:
        extra, _ = second_runtime_cost(other_family, profile, knowledge)
        floor = lowest_cost(top, profile, knowledge) + extra.low
    hybrid_rule = None
    hybrid_if_affordable = None
    for rule in knowledge.rules_of("architecture"):
        service = rule.service or next(
            s for s in order if knowledge.stacks[s].family == other_family
        )
        if knowledge.stacks[service].family != other_family:
            continue  # a rule's named service must be the other runtime
        trial = context | {
            "budget_carries_hybrid": floor is None or (profile.budget_eur or 0) >= floor,
            "team_knows_service": knows_family(profile, other_family),
        }
        if holds(rule.when, trial):
            hybrid_rule = rule
            context = trial | {"architecture": "hybrid"}
            architecture = Architecture(
                kind="hybrid",
                stack=top,
                service=service,
                role=rule.role,
                realtime_service=service if rule.role == "realtime" else None,
                ai_service=service if rule.role == "ai" else None,
                bus=BUS,
                rationale=hybrid_rationale(rule.id, rule.rationale, money, knowledge),
            )
            break
        affordable = trial | {"budget_carries_hybrid": True}
        if floor is not None and hybrid_if_affordable is None and holds(rule.when, affordable):
            hybrid_if_affordable = Outcome(top, "hybrid", service)
    return Decision(
        scored=scored,
        order=order,
        context=context,
        architecture=architecture,
        hybrid_rule=hybrid_rule,
        floor=floor if (hybrid_rule or hybrid_if_affordable) else None,
        hybrid_if_affordable=hybrid_if_affordable,
        socket_money=money,
    )


def top_stack(profile: ProjectProfile, knowledge: Knowledge) -> str:
    """Only the winner: what callers that need no explanation ask for."""
    return decide(profile, knowledge).architecture.stack


def _effect(rule: Rule, knowledge: Knowledge, scored: Scored) -> str:
    if rule.kind == "weight":
        return ", ".join(
            f"{knowledge.factors[f].name} weight x{m:g}" for f, m in rule.weights.items()
        )
    if rule.kind == "familiarity":
        given = {s: p for s, pts in scored.points.items() if (p := pts.get(rule.id))}
        if not given:
            return "nothing (set aside)"
        return ", ".join(f"{knowledge.stacks[s].name} {p:+.1f}" for s, p in given.items()) + (
            f" (x{scored.team_scale:.2f} for deadline and team size)"
        )
    if rule.kind == "leaning":
        return ", ".join(f"{knowledge.stacks[s].name} {p:+g}" for s, p in rule.points.items())
    if rule.kind == "architecture":
        return f"a hybrid architecture ({rule.role} service)"
    if rule.kind == "warning":
        return "a warning"
    return f"risk: {rule.risk}"


def _fired(outcome: RuleOutcome, knowledge: Knowledge, scored: Scored) -> FiredRule:
    rule = outcome.rule
    return FiredRule(
        id=rule.id,
        title=rule.title,
        effect=_effect(rule, knowledge, scored),
        rationale=rule.rationale,
        source=rule.source,
        overridden_by=outcome.overridden_by,
        kind=rule.kind,
    )


def _ranked(stack: str, scored: Scored, knowledge: Knowledge, estimate: Estimate) -> RankedStack:
    """One stack's overall score (0..100) and the points each factor and rule gave it, all on
    that one scale (`Scored.scale`), so they add up to the score."""
    total_weight = sum(scored.weights) or 1.0
    scale = scored.scale
    contributions = tuple(
        Contribution(
            factor=f,
            name=knowledge.factors[f].name,
            weight=round(100 * w / total_weight, 2),
            score=round(scored.scores[f][stack].score, 2),
            points=round(w / total_weight * scored.scores[f][stack].score * 10 * scale, 2),
            rationale=scored.scores[f][stack].rationale,
            source=scored.scores[f][stack].source,
        )
        for f, w in zip(scored.factors, scored.weights, strict=True)
    )
    rules = tuple(
        RulePoints(rule=r, points=round(p * scale, 2))
        for r, p in sorted(scored.points[stack].items())
    )
    factor_points = scored.factor_points(stack) * scale
    rule_points = scored.rule_points(stack) * scale
    return RankedStack(
        stack=stack,
        name=knowledge.stacks[stack].name,
        family=knowledge.stacks[stack].family,
        score=round(scored.total(stack) * scale, 2),  # the kernel's total, as ranking and draws
        factor_points=round(factor_points, 2),
        rule_points=round(rule_points, 2),
        contributions=contributions,
        rules=rules,
        estimate=estimate,
    )


def _flips(
    profile: ProjectProfile, knowledge: Knowledge, decision: Decision, names: dict[str, str]
) -> list[Flip]:
    now = decision.outcome

    def outcome_of(changed: ProjectProfile) -> Outcome:
        return decide(changed, knowledge).outcome

    stacks = list(knowledge.stacks)
    top = decision.architecture.stack
    return [
        *answer_flips(profile, now, outcome_of, names),
        *load_flips(decision.scored, stacks, top, names),
        *deadline_flips(decision.scored, profile, knowledge, top, names),
        *team_size_flips(profile, now, outcome_of, names),
        *budget_flip(profile, now, decision.floor, decision.hybrid_if_affordable, names),
    ]


def recommend(
    profile: ProjectProfile,
    knowledge: Knowledge,
    *,
    robustness_samples: int = DEFAULT_SAMPLES,
    flips: bool = True,
) -> Recommendation:
    """Rank the four stacks for a profile and explain every point of the answer."""
    _check_region(profile, knowledge)
    stacks = list(knowledge.stacks)
    decision = decide(profile, knowledge)
    scored, order, context = decision.scored, decision.order, dict(decision.context)
    top = order[0]
    architecture = decision.architecture
    fired = list(scored.fired)
    if decision.hybrid_rule is not None:
        fired.append(RuleOutcome(decision.hybrid_rule))

    service = architecture.service
    second_family = knowledge.stacks[service].family if service else None
    model, load = scored.capacity, scored.load
    hosting = (
        {s: model.need(s, load.peak_rps, load.connections).eur_per_month for s in stacks}
        if model is not None and load is not None
        else {}
    )
    estimates = {
        s: estimate_for(
            s,
            profile,
            knowledge,
            second_family=second_family if s == top else None,
            hosting_eur_month=hosting.get(s),
        )
        for s in stacks
    }
    if architecture.kind == "hybrid" and second_family is not None:
        plain = estimate_for(top, profile, knowledge)
        hybrid = estimates[top]
        learning = (
            ""
            if knows_family(profile, second_family)
            else (" and the familiarity factor, as the team does not write it yet")
        )
        architecture = architecture.model_copy(
            update={
                "extra_cost_eur": hybrid.hybrid_extra_eur,
                "extra_weeks": hybrid.weeks.model_copy(
                    update={
                        "low": round(hybrid.weeks.low - plain.weeks.low, 1),
                        "high": round(hybrid.weeks.high - plain.weeks.high, 1),
                    }
                ),
                "complexity": (
                    "Two runtimes, two deployments and a message contract between them; the "
                    "second service costs the article's "
                    f"{eur_span(knowledge.costs.second_language_cost_eur)} for a second language"
                    f"{learning}."
                ),
            }
        )
    performance = performance_summary(scored, knowledge, profile)
    context["team_knows_top_framework"] = top in context["team.frameworks"]
    context["top_raw_sql"] = (
        performance is not None
        and knowledge.evidence is not None
        and top in knowledge.evidence.capacity
        and performance.data_access.get(top) != knowledge.evidence.capacity[top].data_access
    )
    context["budget_verdict"] = estimates[top].budget.verdict
    context["deadline_verdict"] = estimates[top].deadline.verdict
    context.setdefault("team_knows_service", True)

    risks: list[Risk] = []
    for rule in knowledge.rules_of("risk"):
        if holds(rule.when, context) and rule.risk is not None:
            fired.append(RuleOutcome(rule))
            definition = knowledge.risks[rule.risk]
            risks.append(
                Risk(
                    id=definition.id,
                    title=definition.title,
                    severity=definition.severity,
                    detail=definition.detail,
                    mitigation=definition.mitigation,
                    source=definition.source,
                    trigger=definition.trigger,
                )
            )
    warnings = []
    for rule in knowledge.rules_of("warning"):
        if holds(rule.when, context) and rule.warning is not None:
            fired.append(RuleOutcome(rule))
            warnings.append(ProfileWarning(id=rule.id, title=rule.title, text=rule.warning))

    ranking = [_ranked(s, scored, knowledge, estimates[s]) for s in order]
    names = {s: knowledge.stacks[s].name for s in stacks}
    tie = tie_between(ranking, scored, knowledge)
    flip_list = _flips(profile, knowledge, decision, names) if flips else []
    cross = performance.totals_cross_rps if performance is not None else None
    flip_list = [
        flip.model_copy(
            update={"text": flip.text + move_words(flip.top, profile, knowledge, cross)}
        )
        if flip.field != "team.languages"
        else flip
        for flip in flip_list
    ]
    checked = (
        robustness(
            scored,
            profile,
            knowledge,
            top,
            samples=robustness_samples,
            hybrid_floor=(
                (decision.floor, architecture.kind == "hybrid")
                if decision.floor is not None
                else None
            ),
        )
        if robustness_samples > 0
        else None
    )
    close = too_close(ranking, checked, flip_list, knowledge)
    cited = {c.source for c in ranking[0].contributions if c.weight > 0}
    cited |= {o.rule.source for o in fired} | {r.source for r in risks}
    cited |= {s for o in fired for s in o.rule.verdict_sources}
    cited |= {knowledge.costs.baselines[top].source} | estimate_sources(profile, knowledge)
    if performance is not None:
        cited |= {"lab", knowledge.costs.hosting.vcpu_month_eur.source}
    sources = tuple(
        {
            "id": sid,
            "title": source.title,
            "author": source.author,
            "publisher": source.publisher,
            "date": source.date,
            "document": source.document,
        }
        for sid in sorted(cited)
        if sid in knowledge.sources
        for source in [knowledge.cited(sid)]
    )
    return Recommendation(
        top=top,
        ranking=tuple(ranking),
        architecture=architecture,
        risks=tuple(risks),
        no_risks=None if risks else no_risks_sentence(knowledge),
        estimate=estimates[top],
        reasons=(
            *([close.text] if close is not None else []),
            *reasons(ranking, scored, knowledge, architecture, tie, performance),
            *claim_verdicts(scored),
        ),
        rules=tuple(_fired(o, knowledge, scored) for o in fired),
        robustness=checked,
        tie=tie,
        too_close=close,
        performance=performance,
        warnings=tuple(warnings),
        flips=tuple(flip_list),
        sources=sources,
        knowledge_version=knowledge.version,
        profile=profile,
    )
