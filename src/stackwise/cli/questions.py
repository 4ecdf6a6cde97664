"""The interactive questionnaire: plain prompts that work in any terminal."""

from __future__ import annotations

from typing import Any

import typer

from stackwise.advisor.profile import HELP, LABELS, AiLater, Deployment, Language, Need, Product


def _choose_one(field: str, choices: list[str], default: str | None = None) -> str:
    typer.echo(f"\n{HELP[field]}")
    for i, value in enumerate(choices, 1):
        typer.echo(f"  {i}. {value:<15} {LABELS[field.split('.')[-1]][value]}")
    while True:
        answer = str(typer.prompt("Choose a number or a name", default=default or "")).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer in choices:
            return answer
        typer.echo(f"  Please answer 1-{len(choices)} or one of: {', '.join(choices)}")


def _choose_many(field: str, choices: list[str]) -> list[str]:
    typer.echo(f"\n{HELP[field]}")
    for i, value in enumerate(choices, 1):
        typer.echo(f"  {i}. {value:<15} {LABELS[field.split('.')[-1]][value]}")
    while True:
        answer = typer.prompt(
            "Numbers or names, comma-separated (blank for none)", default="", show_default=False
        )
        picked: list[str] = []
        bad = []
        for part in (p.strip() for p in answer.split(",") if p.strip()):
            if part.isdigit() and 1 <= int(part) <= len(choices):
                picked.append(choices[int(part) - 1])
            elif part in choices:
                picked.append(part)
            else:
                bad.append(part)
        if not bad:
            return list(dict.fromkeys(picked))
        typer.echo(f"  Not a choice: {', '.join(bad)}")


def _number(field: str, *, minimum: int, optional: bool) -> int | None:
    typer.echo(f"\n{HELP[field]}")
    while True:
        answer = (
            typer.prompt(
                "Number" + (" (blank to skip)" if optional else ""),
                default="" if optional else str(minimum),
                show_default=not optional,
            )
            .strip()
            .replace(",", "")
            .replace("_", "")
        )
        if optional and not answer:
            return None
        if answer.isdigit() and int(answer) >= minimum:
            return int(answer)
        typer.echo(f"  Please give a whole number of at least {minimum}.")


def ask_profile() -> dict[str, Any]:
    """Ask every profile question and return the answers as profile data."""
    typer.echo("stackwise: a few questions about your project (Ctrl-C to stop).")
    name = typer.prompt("\nProject name (optional)", default="", show_default=False).strip()
    product = _choose_one("product", [p.value for p in Product])
    needs = _choose_many("needs", [n.value for n in Need])
    typer.echo(f"\n{HELP['team.hiring']}")
    hiring = typer.confirm("No developers yet?", default=False)
    languages = [] if hiring else _choose_many("team.languages", [lang.value for lang in Language])
    size = _number("team.size", minimum=1, optional=False)
    typer.echo(f"\n{HELP['team.fullstack_js']}")
    fullstack = typer.confirm("One language front and back?", default=False)
    deployment = _choose_one("deployment", [d.value for d in Deployment], default="containers")
    ai_later = _choose_one("ai_later", [a.value for a in AiLater], default="no")
    peak = _number("scale.peak_rps", minimum=0, optional=True)
    connections = _number("scale.concurrent_connections", minimum=0, optional=True)
    budget = _number("budget_eur", minimum=0, optional=True)
    deadline = _number("deadline_weeks", minimum=1, optional=True)
    data: dict[str, Any] = {"name": name, "product": product, "needs": needs}
    data["team"] = {"languages": languages, "size": size, "fullstack_js": fullstack}
    if hiring:
        data["team"]["hiring"] = True
    data["deployment"] = deployment
    data["ai_later"] = ai_later
    scale = {
        k: v
        for k, v in (("peak_rps", peak), ("concurrent_connections", connections))
        if v is not None
    }
    if scale:
        data["scale"] = scale
    if budget is not None:
        data["budget_eur"] = budget
    if deadline is not None:
        data["deadline_weeks"] = deadline
    return data
