"""The interactive questionnaire: plain prompts that work in any terminal, one per profile field.

The questions, their help, choices and bounds are the profile model's (advisor/profile_fields.py),
asked in its order, which is the order of its sections (the web form's steps); a field added there
is asked here without an edit. A field that is another way to give one
(the deadline in months or as a date) is asked together with it; the regions are the knowledge's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

import typer

from stackwise.advisor.profile_fields import (
    PROFILE_FIELDS,
    ProfileField,
    alternatives_of,
    profile_field,
    set_answer,
)

# Left to a profile file: the frameworks (the languages say enough for a first answer).
NOT_ASKED = frozenset({"team.frameworks"})
# A yes/no answer asked just before the field it decides, which a yes then skips: a team still
# to be hired writes no language yet.
DECIDED_BY = {"team.languages": "team.hiring"}
# Yes/no questions worded shorter than the field's title.
CONFIRMS = {"team.fullstack_js": "One language front and back?"}


def _show_choices(field: ProfileField) -> list[str]:
    typer.echo(f"\n{field.description}")
    for i, choice in enumerate(field.choices, 1):
        typer.echo(f"  {i}. {choice.value:<15} {field.label_of(choice)}")
    return [str(choice.value) for choice in field.choices]


def _choose_one(field: ProfileField) -> str:
    choices = _show_choices(field)
    default = "" if field.required else str(_value(field.default))
    while True:
        answer = str(typer.prompt("Choose a number or a name", default=default)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer in choices:
            return answer
        typer.echo(f"  Please answer 1-{len(choices)} or one of: {', '.join(choices)}")


def _choose_many(field: ProfileField) -> list[str]:
    choices = _show_choices(field)
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


def _number(field: ProfileField) -> int | None:
    typer.echo(f"\n{field.description}")
    optional = field.default is None
    minimum = field.low or 0
    while True:
        answer = (
            typer.prompt(
                "Number" + (" (blank to skip)" if optional else ""),
                default="" if optional else str(field.default),
                show_default=not optional,
            )
            .strip()
            .replace(",", "")
            .replace("_", "")
        )
        if optional and not answer:
            return None
        if field.high is not None and answer.isdigit() and int(answer) > field.high:
            typer.echo(f"  Please give a whole number of at most {field.high:,}.")
        elif answer.isdigit() and int(answer) >= minimum:
            return int(answer)
        else:
            typer.echo(f"  Please give a whole number of at least {minimum}.")


def _number_or_alternative(field: ProfileField) -> tuple[str, Any]:
    """A figure that may also be given another way, in one answer: the deadline as "12" (its
    weeks), "4 months" or "2027-06-30". Returns the path answered and its value."""
    others = alternatives_of(field.path)
    typer.echo(f"\n{field.description}")
    for other in others:
        typer.echo(f"  {other.title}: {other.description} Like: {other.example}")
    months = next((o for o in others if o.kind is int), None)
    day = next((o for o in others if o.kind is dt.date), None)
    while True:
        answer = str(typer.prompt("Answer (blank to skip)", default="", show_default=False))
        words = answer.strip().lower().split()
        if not words:
            return field.path, None
        figure, unit = words[0], " ".join(words[1:])
        if figure.isdigit() and unit in ("", "week", "weeks"):
            return field.path, int(figure)
        if months is not None and figure.isdigit() and unit in ("month", "months"):
            return months.path, int(figure)
        if day is not None and len(words) == 1:
            try:
                return day.path, dt.date.fromisoformat(figure)
            except ValueError:
                pass
        typer.echo(
            f"  Please give whole weeks (like {field.example}), months (like '4 months') "
            f"or a date as YYYY-MM-DD (like {day.example if day else '2027-06-30'})."
        )


def _confirm(field: ProfileField) -> bool:
    typer.echo(f"\n{field.description}")
    return typer.confirm(CONFIRMS.get(field.path, f"{field.title}?"), default=field.default)


def _text(field: ProfileField) -> str:
    suffix = "" if field.required else " (optional)"
    return str(typer.prompt(f"\n{field.title}{suffix}", default="", show_default=False)).strip()


def _value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


@dataclass(frozen=True)
class Instead:
    """An answer given another way than the field asked (the deadline in months)."""

    path: str
    value: Any


def ask(field: ProfileField, regions: dict[str, str] | None = None) -> Any:
    """One answer, prompted the way its type asks for; `regions` are the knowledge's."""
    if field.path == "region":
        return _region(field, regions or {str(field.default): str(field.default)})
    if alternatives_of(field.path):
        path, value = _number_or_alternative(field)
        return value if path == field.path else Instead(path, value)
    if field.choices:
        return _choose_many(field) if field.many else _choose_one(field)
    if field.kind is bool:
        return _confirm(field)
    if field.kind is int:
        return _number(field)
    return _text(field)


def _region(field: ProfileField, regions: dict[str, str]) -> str:
    """The hiring region, from the knowledge's regions (a consultant's knowledge may add some)."""
    typer.echo(f"\n{field.description}")
    ids = list(regions)
    for i, (region_id, name) in enumerate(regions.items(), 1):
        typer.echo(f"  {i}. {region_id:<15} {name}")
    while True:
        answer = str(typer.prompt("Choose a number or a name", default=str(field.default)))
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        if answer in ids:
            return answer
        typer.echo(f"  Please answer 1-{len(ids)} or one of: {', '.join(ids)}")


def ask_profile(regions: dict[str, str]) -> dict[str, Any]:
    """Ask every profile question and return the answers as profile data; `regions` are the
    knowledge's hiring regions, id -> name."""
    typer.echo("stackwise: a few questions about your project (Ctrl-C to stop).")
    answers: dict[str, Any] = {}
    deciders = set(DECIDED_BY.values())
    for field in PROFILE_FIELDS:
        if field.path in NOT_ASKED or field.path in deciders or field.instead_of:
            continue
        decider = DECIDED_BY.get(field.path)
        if decider is not None:
            answers[decider] = ask(profile_field(decider))
            if answers[decider]:
                continue
        answer = ask(field, regions)
        if isinstance(answer, Instead):
            answers[answer.path] = answer.value
        else:
            answers[field.path] = answer
    data: dict[str, Any] = {}
    for path, value in answers.items():
        if value is not None:  # an unanswered figure: the profile's default applies
            set_answer(data, path, value)
    return data
