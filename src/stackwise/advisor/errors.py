"""Turn bad profile input into messages that name the field and say what is allowed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from stackwise.advisor.profile import ProjectProfile


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of the input."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class ProfileError(ValueError):
    """The input is not a valid profile; `problems` says where and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _allowed_values(loc: tuple[str | int, ...]) -> list[str] | None:
    """The allowed words of the enum behind a field path, if it is one."""
    model: type[BaseModel] = ProjectProfile
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        inner = getattr(annotation, "__args__", None)
        candidates = [annotation, *(inner or ())]
        nested = next(
            (c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None
        )
        if nested is not None:
            model = nested
    candidates = [annotation, *(getattr(annotation, "__args__", None) or ())]
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(member.value) for member in candidate]
    return None


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The known field names at the level where an unknown key was found."""
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            break
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return list(model.model_fields)


SHOWN_CHARS = 60
SHOWN_PROBLEMS = 10


def _clip(text: str, limit: int = SHOWN_CHARS) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} chars)"


class _Shown:
    """An input value as a message quotes it: a short excerpt, whatever size was sent."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return _clip(repr(self.value))

    def __str__(self) -> str:
        return _clip(str(self.value))


def _describe(error: Any) -> FieldProblem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    field = ".".join(str(p)[:SHOWN_CHARS] for p in loc)
    kind = error["type"]
    given = _Shown(error.get("input"))
    if kind == "missing":
        return FieldProblem(field, "is required")
    if kind == "extra_forbidden":
        known = _field_names(ProjectProfile, loc)
        close = difflib.get_close_matches(str(loc[-1])[:SHOWN_CHARS], known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return FieldProblem(field, f"is not a known field (known: {', '.join(known)}){hint}")
    allowed = _allowed_values(loc)
    if kind == "enum" and allowed is not None:
        close = difflib.get_close_matches(str(given)[:SHOWN_CHARS], allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return FieldProblem(
            field, f"'{given}' is not allowed; choose one of {', '.join(allowed)}{hint}"
        )
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return FieldProblem(field, f"must be a whole number, not {given!r}")
    if kind in {"bool_parsing", "bool_type"}:
        return FieldProblem(field, f"must be true or false, not {given!r}")
    if kind in {"tuple_type", "list_type"}:
        suffix = f" ({', '.join(allowed)})" if allowed else ""
        return FieldProblem(field, f"must be a list{suffix}, not {given!r}")
    if kind in {"string_type"}:
        return FieldProblem(field, f"must be text, not {given!r}")
    if kind.startswith("date_"):
        return FieldProblem(field, f"must be a date as YYYY-MM-DD, like 2027-06-30, not {given!r}")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return FieldProblem(field, f"must be a mapping of fields, not {given!r}")
    if kind in {"greater_than_equal", "less_than_equal", "string_too_long", "string_too_short"}:
        return FieldProblem(field, f"{error['msg'].lower()} (got {given!r})")
    if kind == "value_error" and "error" in error.get("ctx", {}):
        return FieldProblem(field, _clip(str(error["ctx"]["error"]), 200))  # our own words
    return FieldProblem(field, _clip(str(error["msg"]), 200))


def describe_errors(errors: list[Any]) -> list[FieldProblem]:
    """Pydantic-style error dicts (loc relative to the profile) as field problems."""
    return [_describe(e) for e in errors]


def parse_profile(data: Any) -> ProjectProfile:
    """Validate plain data as a profile, or raise ProfileError naming every bad field."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise ProfileError([FieldProblem("", f"a profile must be a mapping of fields, not {kind}")])
    try:
        return ProjectProfile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = [_describe(e) for e in errors[:SHOWN_PROBLEMS]]
        if len(errors) > SHOWN_PROBLEMS:
            problems.append(FieldProblem("", f"and {len(errors) - SHOWN_PROBLEMS} more problems"))
        raise ProfileError(problems) from None
