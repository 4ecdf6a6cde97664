"""The advice in words: ties named as ties, capacity against need, and only the reasons that apply."""

from __future__ import annotations

from stackwise.advisor.performance import Footprint, other_data_access
from stackwise.advisor.recommendation import Architecture, Performance, RankedStack, Tie
from stackwise.advisor.scoring import PERFORMANCE, Scored
from stackwise.knowledge.models import Knowledge

# Scores closer than this are equal whatever the measurements say: the weights and points are
# judgements, and a judgement does not resolve a tenth of a point (docs/decision-model.md).
TIE_POINTS = 1.0


def _noise(top: str, other: str, scored: Scored) -> float:
    """How far the measured spread alone can move the gap between two stacks, in points."""
    model, load = scored.capacity, scored.load
    if model is None or load is None or PERFORMANCE not in scored.factors:
        return 0.0
    weight = scored.weights[scored.factors.index(PERFORMANCE)]
    total = sum(scored.weights) or 1.0
    median, _ = model.scores(load.peak_rps, load.connections)
    worst, _ = model.scores(load.peak_rps, load.connections, {top: 0.0, other: 1.0})
    shift = (median[top] - worst[top]) + (worst[other] - median[other])
    return max(shift, 0.0) * 10 * weight / total


def _leads(a: RankedStack, b: RankedStack) -> str | None:
    """The factor on which `a` gains most over `b`, in words."""
    gaps = [
        (x.points - y.points, x.name)
        for x, y in zip(a.contributions, b.contributions, strict=True)
        if x.weight > 0
    ]
    gap, name = max(gaps, default=(0.0, ""))
    return name[0].lower() + name[1:] if gap > 0 else None


def tie_between(ranking: list[RankedStack], scored: Scored, knowledge: Knowledge) -> Tie | None:
    """The top two as a tie when their gap is within the noise of the measurements (or under a
    point), with a sentence that says which to take and why."""
    top, runner = ranking[0], ranking[1]
    gap = scored.total(top.stack) - scored.total(runner.stack)
    margin = max(TIE_POINTS, _noise(top.stack, runner.stack, scored))
    if gap > margin:
        return None
    lead = _leads(top, runner)
    because = f"{top.name} for its {lead}" if lead else f"{top.name} by a nose"
    if top.family == runner.family:
        text = f"{top.name} or {runner.name}: same language, either fits; {because}."
    else:
        other = _leads(runner, top)
        text = (
            f"{top.name} or {runner.name}: {gap:.1f} points apart, within the noise of "
            f"{margin:.1f}, so either fits; {because}"
            + (f", {runner.name} for its {other}." if other else ".")
        )
    return Tie(stacks=(top.stack, runner.stack), margin=round(margin, 2), text=text)


# A data-access variant is worth naming when it needs at most this share of the usual cores.
SMALLER_BY = 0.75


def _cores(value: float) -> str:
    return f"{value:,.1f}" if value < 10 else f"{value:,.0f}"


def _data_access_notes(
    scored: Scored, knowledge: Knowledge, needs: dict[str, Footprint], names: dict[str, str]
) -> str:
    """Where speed decides money, the stacks whose other measured data access would need far
    fewer cores: an architect would say the data layer, not the framework, makes that gap."""
    model, load, evidence = scored.capacity, scored.load, knowledge.evidence
    if model is None or load is None or evidence is None:
        return ""
    notes = []
    for stack, need in needs.items():
        other = other_data_access(model, evidence, stack, load)
        if other is not None and other[1].cores <= need.cores * SMALLER_BY:
            words, footprint = other
            notes.append(
                f" On {words} instead, which the lab measured too, {names[stack]} would need "
                f"{_cores(footprint.cores)} cores (EUR {footprint.eur_per_month:,.0f}/month): "
                "much of its gap is the data layer, not the framework."
            )
    return "".join(notes)


def performance_summary(scored: Scored, knowledge: Knowledge) -> Performance | None:
    """What each stack must run and pay at the profile's peak, in one plain sentence."""
    model, load = scored.capacity, scored.load
    if model is None or load is None:
        return None
    hosting = knowledge.costs.hosting
    needs = {s: model.need(s, load.peak_rps, load.connections) for s in knowledge.stacks}
    monthly = {s: n.eur_per_month for s, n in needs.items()}
    separates = max(monthly.values()) - min(monthly.values()) >= 0.5
    assumed_parts = []
    if load.assumed_rps:
        assumed_parts.append(f"{load.peak_rps:,.0f} req/s")
    if load.assumed_connections:
        assumed_parts.append(f"{load.connections:,.0f} concurrent connections")
    missing = {
        (True, True): "No load given",
        (True, False): "No peak load given",
        (False, True): "No connection count given",
    }.get((load.assumed_rps, load.assumed_connections))
    assumed = (
        f"{missing}: assumed {' and '.join(assumed_parts)} ({load.rationale})." if missing else None
    )
    connections = f" and {load.connections:,.0f} open connections" if load.connections else ""
    names = {s: knowledge.stacks[s].name for s in knowledge.stacks}
    if not separates:
        text = (
            f"At your peak of {load.peak_rps:,.0f} req/s{connections} every stack fits one "
            f"{hosting.min_vcpu.value:g}-vCPU instance (EUR {min(monthly.values()):,.0f}/month): "
            "performance separates nothing here."
        )
    else:
        parts = []
        for stack in sorted(needs, key=lambda s: monthly[s]):
            need = needs[stack]
            size = (
                f"one {hosting.min_vcpu.value:g}-vCPU instance"
                if need.cores <= hosting.min_vcpu.value
                else f"{_cores(need.cores)} cores"
            )
            memory = (
                f" and {need.memory_gb:,.1f} GB"
                if need.ws_gb > need.vcpus * hosting.memory_per_vcpu_gb.value
                else ""
            )
            parts.append(f"{names[stack]} {size}{memory} (EUR {monthly[stack]:,.0f}/month)")
        text = (
            f"At your peak of {load.peak_rps:,.0f} req/s{connections}, with "
            f"{hosting.headroom.value:g}x headroom, the measured capacity means: "
            + ", ".join(parts)
            + "."
        )
    if scored.stake > 1:
        spread = 12 * (max(monthly.values()) - min(monthly.values()))
        text += (
            f" That is EUR {spread:,.0f} a year between the cheapest and the dearest, so raw "
            f"performance weighs {scored.stake:.1f}x its usual weight."
        )
        text += _data_access_notes(scored, knowledge, needs, names)
    if assumed:
        text = f"{assumed} {text}"
    return Performance(
        peak_rps=load.peak_rps,
        concurrent_connections=load.connections,
        assumed=assumed,
        separates=separates,
        cores={s: round(n.cores, 2) for s, n in needs.items()},
        eur_per_month={s: round(v, 2) for s, v in monthly.items()},
        text=text,
    )


def reasons(
    ranking: list[RankedStack],
    scored: Scored,
    knowledge: Knowledge,
    architecture: Architecture,
    tie: Tie | None,
    performance: Performance | None,
) -> list[str]:
    """Why the pick, best reason first; only what applied to this profile."""
    top, runner_up = ranking[0], ranking[1]
    if tie is not None:
        out = [f"A tie: {tie.text}"]
    else:
        out = [
            f"{top.name} scores {top.score:.1f}, {top.score - runner_up.score:.1f} ahead of "
            f"{runner_up.name} ({runner_up.score:.1f}); the lowest, {ranking[-1].name}, scores "
            f"{ranking[-1].score:.1f}."
        ]
    for outcome in scored.fired:
        rule = outcome.rule
        if rule.kind not in {"leaning", "familiarity"}:
            continue
        if outcome.overridden_by is not None:
            out.append(
                f"{rule.title}: set aside, because '{outcome.overridden_by}' takes precedence."
            )
            continue
        given = {s.stack: scored.points[s.stack].get(rule.id, 0.0) for s in ranking}
        if len(set(given.values())) == 1:
            continue  # the same points to every stack: it separates nothing
        if given[top.stack] > min(given.values()):
            out.append(f"{rule.title}: {rule.rationale}")
        else:
            favoured = [s.name for s in ranking if given[s.stack] > given[top.stack]]
            out.append(
                f"{rule.title}: {rule.rationale} It favours {' and '.join(favoured)}, but not "
                "enough to change the pick."
            )
    if performance is not None:
        out.append(performance.text)
    gaps = sorted(
        (
            (a.points - b.points, a.name)
            for a, b in zip(top.contributions, runner_up.contributions, strict=True)
            if a.weight > 0
        ),
        reverse=True,
    )
    for gap, name in gaps[:3]:
        if gap >= 0.05:
            out.append(f"{name} gives {top.name} {gap:.1f} points more than {runner_up.name}.")
    service = architecture.service
    if architecture.kind == "hybrid" and service:
        role = "Real-time connections" if architecture.role == "realtime" else "The AI work"
        out.append(
            f"{role} go to a separate {knowledge.stacks[service].name} service: "
            f"{architecture.rationale}"
        )
    return out
