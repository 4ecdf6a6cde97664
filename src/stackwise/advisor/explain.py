"""The advice in words: ties named as ties, capacity against need, and only the reasons that apply."""

from __future__ import annotations

from stackwise.advisor.performance import DATA_ACCESS_WORDS, MILLION, Footprint, PerRequest
from stackwise.advisor.profile import AiModels, Need, Product, ProjectProfile
from stackwise.advisor.profile_fields import profile_field
from stackwise.advisor.recommendation import (
    Architecture,
    Flip,
    Performance,
    RankedStack,
    Robustness,
    Tie,
    TooClose,
)
from stackwise.advisor.scoring import PERFORMANCE, Scored
from stackwise.advisor.totals import crossing_load, horizon_totals
from stackwise.knowledge.models import Knowledge

MAX_PEAK_RPS = profile_field("scale.peak_rps").span()[1]

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
    gap = top.score - runner.score
    margin = max(TIE_POINTS, _noise(top.stack, runner.stack, scored) * scored.scale)
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


def _cores(value: float) -> str:
    return f"{value:,.1f}" if value < 10 else f"{value:,.0f}"


def _per_request_words(
    billed: PerRequest,
    needs: dict[str, Footprint],
    names: dict[str, str],
    peak: str,
    knowledge: Knowledge,
) -> str:
    """The month's bill where the deployment bills requests, not cores: the platform, the
    requests the peak implies and what each request is billed for, in plain words."""
    hosting = knowledge.costs.hosting
    pricing = billed.pricing
    requests = next(iter(needs.values())).requests_per_month / MILLION
    share = hosting.average_to_peak.value
    if pricing.billed_on == "wall_time":
        time = (
            "each billed for its wall time: its CPU time plus about "
            f"{billed.wait_seconds * 1000:,.0f} ms waiting on the database or other services "
            "(the wait is modelled)"
        )
    else:
        time = "each billed for its CPU time only (waiting on the database is not billed)"
    parts = [
        f"{names[s]} EUR {needs[s].eur_per_month:,.0f}/month"
        for s in sorted(needs, key=lambda s: needs[s].eur_per_month)
    ]
    return (
        f"Billed per request on {pricing.platform}: at your peak of {peak}, about "
        f"{requests:,.1f} million requests a month (the average load taken as {share:.0%} of "
        f"the peak), {time}: " + ", ".join(parts) + "."
    )


def _totals_words(
    performance: Performance, names: dict[str, str], families: dict[str, str], team: set[str]
) -> str:
    """Where a stack in a language the team does not write hosts for less than the team's own
    cheapest, the totals over the horizon, so the reader sees what the move would cost and save."""
    totals = {t.stack: t for t in performance.totals}
    monthly = performance.eur_per_month
    own = [s for s in totals if families[s] in team]
    others = [s for s in totals if families[s] not in team]
    if not own or not others or performance.horizon_months is None:
        return ""
    mine = min(own, key=lambda s: totals[s].total_eur)
    own_hosting = min(monthly[s] for s in own)
    cheaper = [s for s in others if monthly[s] < own_hosting - 0.5]
    if not cheaper:
        return ""  # nothing to weigh at this load; a flip names any load where that changes
    years = performance.horizon_months / 12
    shown = [mine, *sorted(cheaper, key=lambda s: totals[s].total_eur)[:1]]
    parts = []
    for stack in shown:
        t = totals[stack]
        learning = f" + learning EUR {t.learning_eur:,.0f}" if t.learning_eur else ""
        sql = f" + hand-written SQL EUR {t.raw_sql_eur:,.0f}" if t.raw_sql_eur else ""
        parts.append(
            f"{names[stack]} EUR {t.total_eur:,.0f} (build EUR {t.build_eur:,.0f} + hosting "
            f"EUR {t.hosting_eur:,.0f}{sql}{learning})"
        )
    cross = performance.totals_cross_rps
    if cross is None:
        verdict = "the totals do not cross at any load up to the profile's limit"
    elif cross <= 1:
        verdict = "the other language costs less over the horizon at any load, learning included"
    elif cross <= performance.peak_rps:
        verdict = f"the other language is cheaper over the horizon from {cross:,.0f} req/s"
    else:
        verdict = f"the totals would cross at {cross:,.0f} req/s"
    return f" Over {years:g} years: " + "; ".join(parts) + f": {verdict}."


def performance_summary(
    scored: Scored, knowledge: Knowledge, profile: ProjectProfile
) -> Performance | None:
    """What each stack must run and pay at the profile's peak, in one plain sentence, with the
    totals over the horizon where a language change is in question."""
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
    if model.per_request is not None:
        text = _per_request_words(
            model.per_request, needs, names, f"{load.peak_rps:,.0f} req/s{connections}", knowledge
        )
        if not separates:
            text += " Performance separates nothing here."
        if load.connections:
            text += (
                " Open connections (WebSockets) are billed apart on these platforms and are "
                "not priced here."
            )
        if model.per_request.pricing.billed_on == "cpu_time":
            text += (
                " Workers run JavaScript in V8 isolates; Python Workers run on Pyodide, a "
                "beta, so the Python stacks' figures are CPython's measured CPU time."
            )
    elif not separates:
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
            data = (
                f" on {DATA_ACCESS_WORDS.get(need.data_access, need.data_access)}"
                if need.cores > hosting.min_vcpu.value
                else ""
            )
            parts.append(f"{names[stack]} {size}{memory}{data} (EUR {monthly[stack]:,.0f}/month)")
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
    raw_sql = [s for s, n in needs.items() if n.one_off_eur]
    if raw_sql:
        weeks = knowledge.costs.economics.raw_sql_person_weeks
        text += (
            f" {' and '.join(names[s] for s in raw_sql)} "
            f"{'is' if len(raw_sql) == 1 else 'are'} priced on the raw SQL driver, as the "
            f"hosting it saves pays for {weeks.low:g}-{weeks.high:g} person-weeks of "
            "hand-written SQL on the hot paths; every stack is compared on the data access its "
            "team would use at this load."
        )
    if assumed:
        text = f"{assumed} {text}"
    gpu = None
    if profile.ai_models is AiModels.own and (
        profile.product is Product.ai_product or profile.has(Need.ai_ml)
    ):
        gpu = hosting.gpu_instance_month_eur.value
        text += (
            f" Own models also run on GPUs: at least one GPU instance, about EUR {gpu:,.0f} a "
            "month, the same whichever stack serves the web tier."
        )
    totals = horizon_totals(model, load, profile, knowledge)
    cross = crossing_load(model, load, profile, knowledge, MAX_PEAK_RPS)
    performance = Performance(
        peak_rps=load.peak_rps,
        concurrent_connections=load.connections,
        assumed=assumed,
        separates=separates,
        cores={s: round(n.cores, 2) for s, n in needs.items()},
        eur_per_month={s: round(v, 2) for s, v in monthly.items()},
        text=text,
        data_access={s: n.data_access for s, n in needs.items()},
        horizon_months=knowledge.costs.economics.horizon_months.value,
        totals=tuple(totals),
        totals_cross_rps=cross,
        gpu_eur_per_month=gpu,
        billed_per_request=model.per_request is not None,
    )
    families: dict[str, str] = {s: knowledge.stacks[s].family for s in knowledge.stacks}
    words = _totals_words(performance, names, families, set(profile.team.families))
    return performance.model_copy(update={"text": text + words}) if words else performance


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


def too_close(
    ranking: list[RankedStack],
    robustness: Robustness | None,
    flips: list[Flip],
    knowledge: Knowledge,
) -> TooClose | None:
    """When the pick's family wins fewer of the draws than the knowledge's threshold, the two
    families as equals: the pick and the other family's best, what each leads on, and the
    answer that would decide between them."""
    threshold = knowledge.costs.economics.too_close_family_share.value
    if robustness is None or robustness.family_share is None:
        return None
    if robustness.family_share >= threshold:
        return None
    top = ranking[0]
    other = next(s for s in ranking if s.family != top.family)
    parts = [
        f"Too close to call: {top.name} or {other.name}. The {top.family.capitalize()} family "
        f"leads in only {robustness.family_share:g}% of the draws (below {threshold:g}%)."
    ]
    own, theirs = _leads(top, other), _leads(other, top)
    if own or theirs:
        sides = [f"{s.name} for its {lead}" for s, lead in ((top, own), (other, theirs)) if lead]
        parts.append("The trade-off: " + "; ".join(sides) + ".")
    # The load first: where money decides between the families, it is the answer that matters.
    crossing = [f for f in flips if knowledge.stacks[f.top].family == other.family]
    crossing.sort(key=lambda f: f.field != "scale.peak_rps")
    deciding = crossing[0] if crossing else None
    if deciding is not None:
        parts.append(f"What decides: {deciding.text}")
    return TooClose(
        stacks=(top.stack, other.stack),
        family_share=robustness.family_share,
        threshold=threshold,
        text=" ".join(parts),
    )


def no_risks_sentence(knowledge: Knowledge) -> str:
    """Why a profile carries no risk: none of the register's triggers holds for its answers."""
    register = knowledge.risks.values()
    return (
        f"None of the {len(register)} risks in the register applies to these answers; each "
        "applies only when its trigger holds: "
        + "; ".join(r.trigger[0].lower() + r.trigger[1:].rstrip(".") for r in register)
        + "."
    )


def claim_verdicts(scored: Scored) -> list[str]:
    """The article's claims that the rules which held rest on or set aside, each with our
    verdict, once each."""
    out: list[str] = []
    for outcome in scored.fired:
        rule = outcome.rule
        if rule.claim and rule.verdict:
            line = f"{rule.claim} Our verdict: {rule.verdict}"
            if line not in out:
                out.append(line)
    return out
