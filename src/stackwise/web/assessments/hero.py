"""The result's first screen in plain words: the pick (or "too close to call"), one sentence why,
cost and time with what they assume, the budget and deadline in a phrase each, and what decides
a close call. Points, draws and weights stay behind "Show the working"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stackwise.advisor.profile import Language
from stackwise.advisor.recommendation import Budget, Recommendation
from stackwise.report.wording import hybrid_cost, region_words

FAMILY_OF = {"python": "python", "javascript": "node", "typescript": "node"}


@dataclass(frozen=True)
class Verdict:
    """A budget or deadline verdict as a phrase, and its tone for the page (fits, tight, over)."""

    phrase: str
    tone: str


@dataclass(frozen=True)
class Hero:
    title: str  # "Django", "NestJS + FastAPI (hybrid)" or "FastAPI or Express"
    close_call: bool
    why: str
    basis: str  # what the cost and time assume, in one line
    budget: Verdict | None
    deadline: Verdict | None
    decides: str  # for a close call: the trade-off and the answer that decides it
    cost_split: str | None  # a hybrid's cost as the core's plus the service's


def pick_title(r: Recommendation) -> str:
    """The pick's name, a hybrid named as one: "NestJS + FastAPI (hybrid)"."""
    top = r.ranking[0]
    service = getattr(r.architecture, "service", None)
    if r.architecture.kind == "hybrid" and service:
        return f"{top.name} + {r.stack(service).name} (hybrid)"
    return top.name


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def why(r: Recommendation) -> str:
    """One sentence: the rule that did most for the pick against the best stack of the other
    language family (the choice a founder is making), in its own words, after the team's
    language when the pick is in it."""
    top = r.ranking[0]
    runner_up = next((s for s in r.ranking[1:] if s.family != top.family), r.ranking[1])
    theirs = {p.rule: p.points for p in runner_up.rules}
    fired = {rule.id: rule for rule in r.rules if not rule.overridden_by}
    edges = sorted(
        ((p.points - theirs.get(p.rule, 0.0), p.rule) for p in top.rules if p.rule in fired),
        reverse=True,
    )
    team = r.profile.team
    spoken = [lang.label for lang in team.languages if FAMILY_OF.get(lang.value) == top.family]
    lead = f"Your team already writes {' and '.join(spoken)}" if spoken and not team.hiring else ""
    reason = ""
    for edge, rule_id in edges:
        if edge <= 0:
            break
        rationale = fired[rule_id].rationale
        if fired[rule_id].kind == "familiarity" and lead:
            continue  # the team's language is already said
        reason = _first_sentence(rationale)
        break
    if not reason:
        best = max(
            zip(top.contributions, runner_up.contributions, strict=True),
            key=lambda pair: pair[0].points - pair[1].points,
        )
        reason = f"{top.name} does best on {best[0].name.lower()}."
    if top.name not in reason and "Node" not in reason and "Python" not in reason:
        reason = f"{top.name} fits: {reason[0].lower()}{reason[1:]}"
    return f"{lead}; {_continued(reason, r)}" if lead else reason


def _continued(clause: str, r: Recommendation) -> str:
    """A sentence carried on after a semicolon: its first word in lower case, unless it is a
    name (a stack, a language, a runtime) or an acronym ("AI")."""
    first = re.split(r"[\s,:;']", clause, maxsplit=1)[0]  # "Django's" names Django
    languages = {lang.label for lang in Language if lang is not Language.other}
    names = {s.name for s in r.ranking} | languages | {"Node", "Node.js"}
    if first in names or first[1:2].isupper():
        return clause
    return clause[:1].lower() + clause[1:]


def _money(value: float) -> str:
    return f"EUR {value:,.0f}"


def verdict(budget: Budget, unit: str) -> Verdict | None:
    """ "Over budget by EUR 48,200", "Tight: up to 12 weeks late", "Fits the budget"."""
    if budget.verdict == "unknown" or budget.limit is None:
        return None
    noun = "budget" if unit == "eur" else "deadline"
    gap = budget.gap or 0.0
    amount = _money(gap) if unit == "eur" else f"{gap:,.0f} week{'s' if round(gap) != 1 else ''}"
    if budget.verdict == "over":
        return Verdict(f"Over the {noun} by {amount} even at the low end", "over")
    if budget.verdict == "tight":
        return Verdict(f"Tight: the upper end passes the {noun} by {amount}", "tight")
    return Verdict(f"Fits the {noun}", "fits")


def basis(r: Recommendation) -> str:
    """What the pick's cost and time assume, in one line a founder can check."""
    e, team = r.estimate, r.profile.team
    terms = {"salaried": "salaried ", "contracted": "contracted "}.get(e.engagement or "", "")
    who = f"{team.size} {terms}developer{'s' if team.size != 1 else ''}"
    who += " to hire" if team.hiring else ""
    where = region_words(r.profile.region)
    if not e.within_mvp_scope and e.run_rate is not None:
        return f"{who} in {where}, full time, month by month"
    work = ""
    if e.effort_person_weeks is not None:
        low, high = e.effort_person_weeks.low, e.effort_person_weeks.high
        work = f", {low:,.0f}-{high:,.0f} person-weeks of work for what you described"
    return f"{who} in {where}, full time{work}"


def hero(r: Recommendation) -> Hero:
    too_close = getattr(r, "too_close", None)
    if too_close is not None:
        first, other = (r.stack(s).name for s in too_close.stacks)
        title = f"{first} or {other}"
        # The trade-off and the answer that decides it; the share of draws is the working's.
        text = too_close.text
        decides = text[text.index("The trade-off:") :] if "The trade-off:" in text else text
    else:
        title, decides = pick_title(r), ""
    return Hero(
        title=title,
        close_call=too_close is not None,
        why=why(r),
        basis=basis(r),
        budget=verdict(r.estimate.budget, "eur"),
        deadline=verdict(r.estimate.deadline, "weeks"),
        decides=decides,
        cost_split=hybrid_cost(r, dash="–"),
    )
