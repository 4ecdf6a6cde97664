"""The profile's questions as a flat list read from the model: what prompts, forms and docs walk.

Each answerable field of ProjectProfile (nested ones by their dotted path, `team.size`) with its
title, description, choices, bounds and the section it is asked in, so that no front end restates
them: a new field or choice in profile.py reaches the CLI, the web form's steps, the API schema
and the docs from there.
"""

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stackwise.advisor.profile import Choice, ProjectProfile, Section


@dataclass(frozen=True)
class ProfileField:
    """One answer a profile holds, as the model defines it."""

    path: str  # "team.size"
    title: str
    description: str
    kind: type  # int, bool, str, or the Enum of its choices
    many: bool  # a list of choices rather than one
    required: bool
    default: Any
    group: Section  # the part of the questionnaire that asks it
    low: int | None = None
    high: int | None = None
    max_length: int | None = None
    example: Any = None
    # another way to give the field named here (deadline_months for deadline_weeks): asked with
    # it, not as a question of its own where a front end asks one question for both
    instead_of: str | None = None

    @property
    def name(self) -> str:
        """The field's own name, without the path of the model it sits in."""
        return self.path.rpartition(".")[2]

    @property
    def choices(self) -> tuple[Enum, ...]:
        """The allowed answers when the field is a choice; empty otherwise."""
        return tuple(self.kind) if issubclass(self.kind, Enum) else ()

    def span(self) -> tuple[int, int]:
        """The lowest and highest number allowed, for a field the model bounds on both sides."""
        if self.low is None or self.high is None:
            raise TypeError(f"profile field {self.path} has no lower and upper bound")
        return self.low, self.high

    def label_of(self, value: Enum) -> str:
        """A choice in words: its label when it has one (a profile Choice), else its value."""
        return value.label if isinstance(value, Choice) else str(value.value)


def _bare(annotation: Any) -> tuple[type, bool]:
    """The type an answer holds, and whether it is a list of them: `int | None` is int,
    `tuple[Need, ...]` is Need, many."""
    if get_origin(annotation) is tuple:
        return get_args(annotation)[0], True
    inner = [a for a in get_args(annotation) if a is not type(None)]
    return (inner[0] if inner else annotation), False


def _fields_of(model: type[BaseModel], prefix: str) -> list[ProfileField]:
    found: list[ProfileField] = []
    for name, info in model.model_fields.items():
        kind, many = _bare(info.annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.extend(_fields_of(kind, f"{prefix}{name}."))
            continue
        found.append(_field(f"{prefix}{name}", info, kind, many))
    return found


def _field(path: str, info: FieldInfo, kind: type, many: bool) -> ProfileField:
    if not info.title or not info.description:
        raise TypeError(f"profile field {path} needs a title and a description")
    # Pydantic keeps ge/le/max_length as annotated-types constraints in the field's metadata.
    bounds: dict[str, Any] = {}
    for rule in info.metadata:
        for constraint, bound in (("ge", "low"), ("le", "high"), ("max_length", "max_length")):
            if getattr(rule, constraint, None) is not None:
                bounds[bound] = getattr(rule, constraint)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    group = {str(section.value): section for section in Section}.get(str(extra.get("group")))
    if group is None:
        raise TypeError(
            f"profile field {path} needs json_schema_extra={{'group': ...}}, one of "
            f"{[str(section.value) for section in Section]}"
        )
    instead_of = extra.get("instead_of")
    return ProfileField(
        path=path,
        group=group,
        instead_of=str(instead_of) if instead_of else None,
        title=info.title,
        description=info.description,
        kind=kind,
        many=many,
        required=info.is_required(),
        default=None if info.is_required() else info.get_default(call_default_factory=True),
        example=(info.examples or [None])[0],
        **bounds,
    )


def set_answer(data: dict[str, Any], path: str, value: Any) -> None:
    """Put one answer into profile data (the shape of a profile file) at its dotted path."""
    *parents, name = path.split(".")
    for parent in parents:
        data = data.setdefault(parent, {})
    if isinstance(value, Enum):
        value = value.value
    data[name] = value.isoformat() if isinstance(value, dt.date) else value


def answer_of(data: dict[str, Any], path: str) -> Any:
    """The answer at a dotted path of profile data, or None where it holds none."""
    found: Any = data
    for part in path.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    return found


def _in_section_order(fields: list[ProfileField]) -> tuple[ProfileField, ...]:
    """The fields as given, refused unless each section's fields come together in the order of
    Section: then the model's order is the order every front end asks in."""
    order = list(Section)
    for before, field in pairwise(fields):
        if order.index(field.group) < order.index(before.group):
            raise TypeError(
                f"profile field {field.path} (section {field.group.value}) comes after "
                f"{before.path} (section {before.group.value}): move it up to its section"
            )
    return tuple(fields)


# Every answer of a profile, in the model's order, which is the order of its sections.
PROFILE_FIELDS: tuple[ProfileField, ...] = _in_section_order(_fields_of(ProjectProfile, ""))
_BY_PATH = {field.path: field for field in PROFILE_FIELDS}


def fields_in(section: Section) -> tuple[ProfileField, ...]:
    """The answers one section asks for, in the model's order."""
    return tuple(field for field in PROFILE_FIELDS if field.group is section)


def alternatives_of(path: str) -> tuple[ProfileField, ...]:
    """The other ways to give a field (the deadline in months or as a date for its weeks)."""
    return tuple(field for field in PROFILE_FIELDS if field.instead_of == path)


def profile_field(path: str) -> ProfileField:
    """One answer by its dotted path; a KeyError names a path the model does not have."""
    try:
        return _BY_PATH[path]
    except KeyError:
        raise KeyError(f"the profile has no field '{path}'") from None
