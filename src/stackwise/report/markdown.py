"""The Markdown report: everything the advisor said, readable in a repository or a wiki."""

from __future__ import annotations

from stackwise.advisor.recommendation import Recommendation
from stackwise.report.markdown_layout import lay_out, table
from stackwise.report.wording import (
    estimate_lines,
    estimate_sentence,
    eur,
    headline,
    hybrid_cost,
    hybrid_duties,
    profile_lines,
    readable,
    robustness_sentence,
    runner_up_hybrid_cost,
    title_of,
    weeks,
)


def render_markdown(recommendation: Recommendation) -> str:
    """Render a recommendation as a self-contained Markdown document."""
    r = recommendation
    top = r.ranking[0]
    out = [f"# Backend recommendation: {title_of(r)}", ""]
    out += [f"**Recommendation:** {headline(r)}", ""]
    out += [robustness_sentence(r), ""]

    out += ["## Ranking", ""]
    out += table(
        ["#", "Stack", "Family", "Score", "Factor points", "Rule points", "Cost", "Time"],
        [
            [
                str(i),
                s.name,
                s.family,
                f"{s.score:.1f}",
                f"{s.factor_points:.1f}",
                f"{s.rule_points:+.1f}",
                eur(s.estimate.cost_eur) if s.estimate.within_mvp_scope else "past an MVP",
                weeks(s.estimate.weeks) if s.estimate.within_mvp_scope else "",
            ]
            for i, s in enumerate(r.ranking, 1)
        ],
    )
    words = readable(r)
    if r.warnings:
        out += ["", "## Check these answers", ""]
        out += [f"- **{w.title}.** {w.text}" for w in r.warnings]
    out += ["", "## Why", ""] + [f"- {reason}" for reason in words["reasons"]]

    if r.performance is not None:
        perf = r.performance
        shown = "assumed " if perf.assumed else ""
        out += [
            "",
            "## Performance at your load",
            "",
            f"Measured capacity at the {shown}peak of {perf.peak_rps:,.0f} req/s and "
            f"{perf.concurrent_connections:,.0f} open connections (the sentence under Why says "
            "what it means):",
            "",
        ]
        if perf.billed_per_request:  # no cores to rent: the platform bills each request
            out += table(
                ["Stack", "EUR per month", "Basis"],
                [
                    [s.name, f"{perf.eur_per_month[s.stack]:,.0f}", "billed per request"]
                    for s in r.ranking
                ],
            )
        else:
            out += table(
                ["Stack", "Cores at peak", "EUR per month"],
                [
                    [s.name, f"{perf.cores[s.stack]:,.2f}", f"{perf.eur_per_month[s.stack]:,.0f}"]
                    for s in r.ranking
                ],
            )

    out += ["", "## Architecture", ""]
    arch = r.architecture
    if arch.kind == "hybrid" and arch.service:
        service = r.stack(arch.service).name
        core_does, service_does = hybrid_duties(r)
        out += [
            f"Hybrid: a {top.name} core for {core_does}, and a {service} service for "
            f"{service_does}, talking over {arch.bus}.",
            "",
            f"- Extra cost: {eur(arch.extra_cost_eur) if arch.extra_cost_eur else 'n/a'}; "
            f"extra time: {weeks(arch.extra_weeks) if arch.extra_weeks else 'n/a'}",
            *([f"- First version: {split}"] if (split := hybrid_cost(r)) else []),
            *(
                [f"- The runner-up under the same architecture: {other}"]
                if (other := runner_up_hybrid_cost(r))
                else []
            ),
            f"- Complexity: {arch.complexity}",
            f"- Why: {arch.rationale}",
        ]
    else:
        out += [f"A single {top.name} backend. {arch.rationale}"]

    est = r.estimate
    out += ["", "## Estimate", ""]
    said = estimate_lines(est)
    if est.within_mvp_scope:
        out += [
            f"{top.name}: {estimate_sentence(est, '**')}",
            "",
            f"- Budget: {est.budget.text}",
            f"- Deadline: {est.deadline.text}",
        ]
        if est.article_quote:
            out += ["", f"> {est.article_quote}"]
    else:
        out += [" ".join(said)]
    out += [
        "",
        "Assumptions:",
        "",
    ]
    out += [f"- {a}" for a in words["assumptions"]]

    out += ["", "## Risks", ""]
    if r.risks:
        for risk in r.risks:
            when = f"*When:* {risk.trigger} " if risk.trigger else ""
            out += [
                f"- **{risk.title}** ({risk.severity}): {when}{risk.detail} "
                f"*Mitigation:* {risk.mitigation}"
            ]
    else:
        out += [r.no_risks or "No risks from the rules apply to this pick."]

    out += ["", "## What would change this", ""]
    out += [f"- {flip.text}" for flip in r.flips] or [
        "No single change of answer would change the top pick."
    ]

    out += ["", "## Score breakdown", ""]
    names = [s.name for s in r.ranking]
    rows = []
    for i, contribution in enumerate(top.contributions):
        if contribution.weight == 0:
            continue  # the factor does not apply to this profile
        cells = [contribution.name, f"{contribution.weight:.1f}%"]
        cells += [
            f"{s.contributions[i].points:.1f} ({s.contributions[i].score:g}/10)" for s in r.ranking
        ]
        rows.append(cells)
    rows.append(["Rule points", ""] + [f"{s.rule_points:+.1f}" for s in r.ranking])
    rows.append(["**Total**", "100%"] + [f"**{s.score:.1f}**" for s in r.ranking])
    out += table(["Factor", "Weight"] + names, rows)

    out += ["", "## Rules that applied", ""]
    out += table(
        ["Rule", "Effect", "Why", "Source"],
        [
            [
                rule["title"],
                f"{rule['effect']} {rule['set_aside']}".strip(),
                rule["why"],
                rule["source"],
            ]
            for rule in words["rules"]
        ],
    )
    out += ["", "## Profile", ""] + [f"- {line}" for line in profile_lines(r)]
    out += ["", "## Sources", ""]
    out += [f"- {s['citation'].markdown()}" for s in words["sources"]]
    out += ["", f"Knowledge version `{r.knowledge_version}`. Made with stackwise.", ""]
    return lay_out("\n".join(out))
