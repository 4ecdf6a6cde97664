"""Terminal rendering of a recommendation and the comparison, with Rich."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from stackwise.advisor.recommendation import Recommendation
from stackwise.knowledge.models import Knowledge
from stackwise.report.comparison import comparison_data
from stackwise.report.wording import (
    estimate_lines,
    eur,
    headline,
    robustness_sentence,
    title_of,
    weeks,
)

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def print_recommendation(recommendation: Recommendation, console: Console) -> None:
    """Print the recommendation: headline, ranking, reasons, estimate, risks, flips."""
    r = recommendation
    console.print(
        Panel(
            Group(Text(headline(r), style="bold"), Text(robustness_sentence(r))),
            title=f"stackwise: {title_of(r)}",
            expand=False,
        )
    )
    ranking = Table(title="Ranking", show_lines=False)
    for column in ("#", "Stack", "Score", "Factors", "Rules", "Cost", "Time"):
        ranking.add_column(column, justify="right" if column not in {"Stack"} else "left")
    for i, s in enumerate(r.ranking, 1):
        quoted = s.estimate.within_mvp_scope
        ranking.add_row(
            str(i),
            f"{s.name} ({s.family})",
            f"{s.score:.1f}",
            f"{s.factor_points:.1f}",
            f"{s.rule_points:+.1f}",
            eur(s.estimate.cost_eur) if quoted else "past an MVP",
            weeks(s.estimate.weeks) if quoted else "",
        )
    console.print(ranking)
    if r.warnings:
        console.print("[bold]Check these answers[/bold]")
        for warning in r.warnings:
            console.print(f"  [yellow]![/yellow] {warning.title}: {warning.text}")
    console.print("[bold]Why[/bold]")
    for reason in r.reasons:
        console.print(f"  • {reason}")
    est = r.estimate
    console.print(f"\n[bold]Estimate[/bold] {' '.join(estimate_lines(est))}")
    arch = r.architecture
    if arch.kind == "hybrid" and arch.service:
        console.print(
            f"[bold]Architecture[/bold] hybrid: {r.ranking[0].name} core, "
            f"{r.stack(arch.service).name} {'real-time' if arch.role == 'realtime' else 'AI'} "
            f"service, over {arch.bus}. {arch.complexity}"
        )
    if r.risks:
        console.print("\n[bold]Risks[/bold]")
        for risk in r.risks:
            style = SEVERITY_STYLE[risk.severity]
            console.print(
                f"  [{style}]{risk.severity:>6}[/{style}] {risk.title}: {risk.mitigation}"
            )
    elif r.no_risks:
        console.print("\n[bold]Risks[/bold]")
        console.print(f"  {r.no_risks}", highlight=False)
    console.print("\n[bold]What would change this[/bold]")
    for flip in r.flips or ():
        console.print(f"  • {flip.text}")
    if not r.flips:
        console.print("  No single change of answer would change the top pick.")
    console.print(
        f"\n[dim]Knowledge version {r.knowledge_version}. "
        "Use --format markdown or adr for the full breakdown.[/dim]"
    )


def print_comparison(knowledge: Knowledge, console: Console) -> None:
    """Print every factor with each stack's score and reason, and the measured capacity."""
    data = comparison_data(knowledge)
    stacks = list(knowledge.stacks.values())
    table = Table(title="Python vs Node.js, per framework (scores out of 10)", show_lines=True)
    table.add_column("Factor", style="bold")
    for stack in stacks:
        table.add_column(stack.name)
    for factor in data["factors"]:
        cells = [
            f"[bold]{factor['scores'][s.id]['score']:g}[/bold] "
            f"{factor['scores'][s.id]['rationale']} [dim]({factor['scores'][s.id]['source']})[/dim]"
            for s in stacks
        ]
        table.add_row(factor["name"] + (" *" if factor["for_typical_profile"] else ""), *cells)
    console.print(table)
    console.print(
        f"* scored as the advice scores them, for {data['typical_profile']['words']}; "
        "each recommendation rescores them for its own profile."
    )
    performance = data["typical_profile"]["performance"]
    if performance is not None:
        console.print(f"\n[bold]Measured capacity[/bold] {performance['text']}")
