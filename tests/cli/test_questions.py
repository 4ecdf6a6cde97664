"""The interactive questions are the profile model's fields, asked in its order."""

from __future__ import annotations

from typing import Any

import pytest

from stackwise.advisor import parse_profile
from stackwise.advisor.profile_fields import PROFILE_FIELDS, ProfileField, profile_field
from stackwise.cli import questions


def _answers(monkeypatch: pytest.MonkeyPatch, given: dict[str, Any]) -> tuple[list[str], dict]:
    asked: list[str] = []

    def fake_ask(field: ProfileField, regions: dict[str, str] | None = None) -> Any:
        asked.append(field.path)
        return given.get(field.path, field.default if not field.required else "saas")

    monkeypatch.setattr(questions, "ask", fake_ask)
    return asked, questions.ask_profile({"western_europe": "Western Europe"})


def test_the_questions_cover_every_profile_field_but_the_ones_left_to_files(monkeypatch):
    asked, _ = _answers(monkeypatch, {})
    every = [f.path for f in PROFILE_FIELDS]
    assert set(every) >= questions.NOT_ASKED
    # the deadline's months and date are asked with its weeks, in the same answer
    instead = {f.path for f in PROFILE_FIELDS if f.instead_of}
    assert instead == {"deadline_months", "deadline_date"}
    assert sorted(asked) == sorted(set(every) - questions.NOT_ASKED - instead)


def test_hiring_is_asked_before_the_languages_and_a_yes_skips_them(monkeypatch):
    asked, data = _answers(monkeypatch, {"team.hiring": True})
    assert "team.languages" not in asked
    assert asked.index("team.hiring") < asked.index("team.size")
    assert parse_profile(data).team.hiring is True


def test_the_answers_make_a_valid_profile(monkeypatch):
    _, data = _answers(
        monkeypatch,
        {"product": "ai_product", "team.languages": ["python"], "scale.peak_rps": 300},
    )
    profile = parse_profile(data)
    assert profile.product == "ai_product" and profile.scale.peak_rps == 300
    assert profile.team.languages == ("python",)


def test_a_number_prompt_reads_its_bounds_from_the_model(monkeypatch, capsys):
    high = profile_field("team.size").span()[1]
    replies = iter([str(high + 1), "0", "4"])
    monkeypatch.setattr(questions.typer, "prompt", lambda *a, **k: next(replies))
    assert questions.ask(profile_field("team.size")) == 4
    shown = capsys.readouterr().out
    assert f"at most {high:,}" in shown and "at least 1" in shown


@pytest.mark.parametrize(
    ("typed", "answered"),
    [
        ("12", ("deadline_weeks", 12)),
        ("12 weeks", ("deadline_weeks", 12)),
        ("4 months", ("deadline_months", 4)),
        ("2027-06-30", ("deadline_date", "2027-06-30")),
    ],
)
def test_the_deadline_is_one_answer_in_weeks_months_or_a_date(monkeypatch, typed, answered):
    replies = iter(["next spring", typed])
    monkeypatch.setattr(questions.typer, "prompt", lambda *a, **k: next(replies))
    answer = questions.ask(profile_field("deadline_weeks"))
    path, value = (
        (answer.path, answer.value)
        if isinstance(answer, questions.Instead)
        else ("deadline_weeks", answer)
    )
    assert (path, str(value)) == (answered[0], str(answered[1]))


def test_the_region_is_asked_from_the_knowledges_regions(monkeypatch, capsys):
    replies = iter(["mars", "2"])
    monkeypatch.setattr(questions.typer, "prompt", lambda *a, **k: next(replies))
    regions = {"western_europe": "Western Europe", "south_asia": "South Asia"}
    assert questions.ask(profile_field("region"), regions) == "south_asia"
    assert "South Asia" in capsys.readouterr().out
