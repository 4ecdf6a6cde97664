"""The figures and tables the docs quote, computed from the code and the shipped knowledge.

README.md and docs/*.md call these from cog blocks (`<!-- [[[cog ... ]]] -->`, invisible on the
rendered page). `make lint` runs `cog --check` over those pages, so a change of knowledge, lab
results or profile model cannot leave a page silently wrong; the same line with `-r` instead of
`--check` rewrites them.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from stackwise.advisor import Recommendation, read_profile_file, recommend
from stackwise.advisor import profile as profile_model
from stackwise.knowledge import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONSOLE_COLUMNS = "100"  # the width the README's console examples are shown at


@cache
def knowledge() -> Knowledge:
    """The shipped knowledge, loaded once per cog run."""
    return load_knowledge()


@cache
def advice(example: str) -> Recommendation:
    """The advice on one profile of examples/, by its file name without `.yaml`."""
    return recommend(read_profile_file(EXAMPLES / f"{example}.yaml"), knowledge())


def amount(value: float) -> str:
    """A figure as the advice words it: whole, with thousands separators."""
    return f"{value:,.0f}"


def flip(example: str, field: str) -> str:
    """The sentence of the one flip on `field` in an example's advice."""
    found = [f.text for f in advice(example).flips if f.field == field]
    if len(found) != 1:
        raise LookupError(f"{example}: expected one flip on {field}, found {len(found)}")
    return found[0]


def example_file(example: str) -> str:
    """A profile of examples/ as a YAML block, with its path as the first line."""
    text = (EXAMPLES / f"{example}.yaml").read_text()
    return f"```yaml\n# examples/{example}.yaml\n{text.rstrip()}\n```"


def console(command: str, files: dict[str, str] | None = None) -> str:
    """A console block: `command` as a user types it and what the CLI of this checkout prints.

    It runs in an empty folder holding `examples/` and `files`, so paths in messages read as in
    the README. Output is shown at 100 columns, as in a wide terminal.
    """
    args = shlex.split(command)
    if args[0] != "stackwise":
        raise ValueError(f"not a stackwise command: {command}")
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        (here / "examples").symlink_to(EXAMPLES)
        for name, text in (files or {}).items():
            (here / name).write_text(text)
        env = {
            **os.environ,
            "COLUMNS": CONSOLE_COLUMNS,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        }
        env.pop("NO_COLOR", None)
        result = subprocess.run(
            [sys.executable, "-c", "from stackwise.cli.main import run; run()", *args[1:]],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )
    shown = "\n".join(line.rstrip() for line in (result.stdout + result.stderr).splitlines())
    return f"```console\n$ {command}\n{shown}\n```"


# ---- docs/decision-model.md -----------------------------------------------------------------


def indented(text: str, spaces: int) -> str:
    """Text indented to sit inside a Markdown list item (cog writes output as it is given)."""
    return textwrap.indent(text, " " * spaces)


def paragraph(text: str, prefix: str = "") -> str:
    """Prose wrapped at 100 columns like the hand-written pages; `prefix` "> " for a quote."""
    return textwrap.fill(
        text, width=100, initial_indent=prefix, subsequent_indent=prefix, break_on_hyphens=False
    )


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[1]] if ref else node


def _choices(field: str, values: list[str]) -> str:
    from stackwise.advisor.profile_fields import PROFILE_FIELDS

    labels = {
        str(choice.value): answer.label_of(choice)
        for answer in PROFILE_FIELDS
        if answer.name == field
        for choice in answer.choices
        if answer.label_of(choice) != str(choice.value)
    }
    return "; ".join(f"`{v}`: {labels[v]}" if v in labels else f"`{v}`" for v in values)


def _values(schema: dict[str, Any], name: str, node: dict[str, Any]) -> str:
    """What a profile field accepts, in words: its choices, type and bounds."""
    options = [_resolve(schema, n) for n in node.get("anyOf", [node])]
    kinds = [o for o in options if o.get("type") != "null"]
    if len(kinds) != 1:
        raise ValueError(f"profile field {name}: cannot describe {node}")
    kind = kinds[0]
    if "enum" in kind:
        return "one of " + _choices(name, kind["enum"])
    if kind.get("type") == "array":
        items = _resolve(schema, kind["items"])
        return "a list of " + _choices(name, items["enum"]) if "enum" in items else "a list"
    if kind.get("type") == "integer":
        low, high = kind.get("minimum"), kind.get("maximum")
        bounds = (f" from {amount(low)}" if low is not None else "") + (
            f" to {amount(high)}" if high is not None else ""
        )
        return "a whole number" + bounds
    if kind.get("type") == "boolean":
        return "`true` or `false`"
    if kind.get("type") == "string" and kind.get("format") == "date":
        return "a date, as YYYY-MM-DD"
    if kind.get("type") == "string":
        longest = kind.get("maxLength")
        return "text" + (f", up to {longest} characters" if longest else "")
    raise ValueError(f"profile field {name}: no wording for type {kind.get('type')}")


def _default(node: dict[str, Any], required: bool) -> str:
    if required:
        return "required"
    value = node.get("default")
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value in ("", []):
        return "empty"
    return f"`{value}`"


def _profile_rows(schema: dict[str, Any], model: dict[str, Any], prefix: str) -> list[str]:
    rows = []
    for name, node in model["properties"].items():
        dotted = prefix + name
        target = _resolve(schema, node)
        if target.get("type") == "object" and "properties" in target:
            rows += _profile_rows(schema, target, dotted + ".")
            continue
        description = node.get("description") or target.get("description")
        if not description:
            raise ValueError(f"profile field {dotted} has no description")
        required = name in model.get("required", ())
        rows.append(
            _row(f"`{dotted}`", _values(schema, name, node), _default(node, required), description)
        )
    return rows


def profile_table() -> str:
    """Every field of the profile model: name, what it accepts, its default, what it means."""
    schema = profile_model.ProjectProfile.model_json_schema()
    regions = ", ".join(
        f"`{key}` ({region.name})" for key, region in knowledge().costs.regions.items()
    )
    return "\n".join(
        [
            _row("field", "values", "default", "what it means"),
            _row("---", "---", "---", "---"),
            *_profile_rows(schema, schema, ""),
            "",
            f"Regions of the shipped cost model: {regions}.",
        ]
    )


def _num(value: float) -> str:
    return f"{value:,g}"


def _span(low: float, high: float) -> str:
    return f"{_num(low)}-{_num(high)}"


@cache
def figures() -> dict[str, str]:
    """The model's figures by name, worded as the decision model quotes them.

    Each comes from the knowledge (costs.toml, rules.toml) or the advisor's own constants, so
    the prose that `fill` renders cannot keep a figure the code no longer uses.
    """
    from stackwise.advisor import explain, flips, robustness

    costs = knowledge().costs
    hosting, familiarity = costs.hosting, costs.familiarity
    region = costs.regions[costs.reference_region]
    stacks = knowledge().stacks
    django, nestjs = costs.baselines["django"], costs.baselines["nestjs"]
    rate = {family: (span.low + span.high) / 2 for family, span in region.rates.items()}
    wrong = costs.wrong_choice_cost_eur
    # The article's MVP prices over its weeks at the middle of its rates: the hours they pay for.
    paid_hours = {
        stack: (
            base.cost_eur.low / (base.weeks.low * rate[stacks[stack].family]),
            base.cost_eur.high / (base.weeks.high * rate[stacks[stack].family]),
        )
        for stack, base in (("django", django), ("nestjs", nestjs))
    }
    full_time = costs.hours_per_week.value
    python_rates = region.rates["python"]
    minimum = knowledge().rules["budget_below_article_minimum"].when
    if minimum is None or minimum.lte is None:
        raise LookupError("rule budget_below_article_minimum: expected a budget_eur `lte` test")
    lam = hosting.per_request[profile_model.Deployment.serverless]
    workers = hosting.per_request[profile_model.Deployment.edge]
    if lam.memory_mb is None or lam.usd_per_gb_second is None:
        raise LookupError("costs.toml: serverless pricing without memory_mb or usd_per_gb_second")
    if (
        workers.base_usd_month is None
        or workers.included_requests_million is None
        or workers.included_cpu_ms_million is None
        or workers.usd_per_million_cpu_ms is None
    ):
        raise LookupError("costs.toml: edge pricing without its base, inclusions or CPU price")
    waits = hosting.wait_ms
    return {
        "lambda_platform": lam.platform,
        "lambda_request_usd": _num(lam.usd_per_million_requests["lambda"].value),
        "gateway_request_usd": _num(lam.usd_per_million_requests["api_gateway"].value),
        "lambda_mb": _num(lam.memory_mb.value),
        "lambda_gb": f"{lam.memory_mb.value / 1024:.2f}",
        "gb_second_usd": f"{lam.usd_per_gb_second.value:.10f}".rstrip("0"),
        "workers_platform": workers.platform,
        "workers_base_usd": _num(workers.base_usd_month.value),
        "workers_included_requests": _num(workers.included_requests_million.value),
        "workers_included_cpu": _num(workers.included_cpu_ms_million.value),
        "workers_request_usd": _num(workers.usd_per_million_requests["workers"].value),
        "workers_cpu_usd": _num(workers.usd_per_million_cpu_ms.value),
        "average_to_peak": _num(hosting.average_to_peak.value),
        "eur_per_usd": _num(hosting.eur_per_usd.value),
        "wait_db": _num(waits["db"].value),
        "wait_queries": _num(waits["queries"].value),
        "wait_saas": _num(waits["saas"].value),
        "wait_upstream": _num(waits["upstream"].value),
        "headroom": _num(hosting.headroom.value),
        "vcpu_eur": _num(hosting.vcpu_month_eur.value),
        "gb_eur": _num(hosting.gb_month_eur.value),
        "gb_per_vcpu": _num(hosting.memory_per_vcpu_gb.value),
        "min_vcpu": _num(hosting.min_vcpu.value),
        "reference_eur": _num(hosting.reference_eur_per_year.value),
        "wrong_choice_eur": _span(wrong.low, wrong.high),
        "deadline_weeks": _num(familiarity.deadline_reference_weeks.value),
        "deadline_scale": _span(familiarity.deadline_scale.low, familiarity.deadline_scale.high),
        "per_developer": _num(familiarity.per_extra_developer.value),
        "max_size_scale": _num(familiarity.max_size_scale.value),
        "hybrid_min_team": _num(costs.hybrid_min_team.value),
        "second_language_eur": _span(
            costs.second_language_cost_eur.low, costs.second_language_cost_eur.high
        ),
        "unfamiliar": _num(costs.unfamiliar_language_factor.value),
        "unfamiliar_share": _span(
            *sorted(
                [
                    int(100 * wrong.low / django.cost_eur.low + 0.5),  # half up, as people round
                    int(100 * wrong.high / django.cost_eur.high + 0.5),
                ]
            )
        ),
        "weeks": "; ".join(
            f"{stacks[s].name} {_span(b.weeks.low, b.weeks.high)}"
            for s, b in costs.baselines.items()
        ),
        "adjustments": "; ".join(
            f"{stacks[a.stack].name} x{_num(a.factor)} for "
            + ", ".join(f"`{p}`" for p in a.products)
            for a in costs.adjustments
        ),
        "django_mvp_eur": _span(django.cost_eur.low, django.cost_eur.high),
        "coordination": _num(costs.coordination_overhead.value),
        "team_of_6": _num(round(6 / (1 + costs.coordination_overhead.value * 5), 1)),
        "paid_hours": _num(full_time),
        "productive_hours": _num(costs.productive_hours_per_week.value),
        "hiring_weeks": _span(costs.hiring_lead_weeks.low, costs.hiring_lead_weeks.high),
        "run_rate_months": _num(costs.run_rate_horizon_months.value),
        "salaried_week": _span(region.salaried_week.low, region.salaried_week.high),
        "node_pace": _num(
            round(
                (nestjs.weeks.low + nestjs.weeks.high) / (django.weeks.low + django.weeks.high), 2
            )
        ),
        "billable_hours": _span(
            costs.billable_hours_per_week.low, costs.billable_hours_per_week.high
        ),
        "django_paid_hours": _span(*(round(h, 1) for h in paid_hours["django"])),
        "nestjs_paid_hours": _span(*(round(h, 1) for h in paid_hours["nestjs"])),
        "full_time_eur": _span(
            django.weeks.low * full_time * python_rates.low,
            django.weeks.high * full_time * python_rates.high,
        ),
        "django_weeks": _span(django.weeks.low, django.weeks.high),
        "python_rates": _span(python_rates.low, python_rates.high),
        "python_rate": _num(rate["python"]),
        "node_rates": _span(region.rates["node"].low, region.rates["node"].high),
        "node_rate": _num(rate["node"]),
        "mvp_max_developers": _num(costs.mvp_max_developers.value),
        "mvp_max_peak_rps": _num(costs.mvp_max_peak_rps.value),
        "budget_minimum_eur": _num(minimum.lte + 1),  # budgets up to lte are warned
        "samples": _num(robustness.DEFAULT_SAMPLES),
        "weight_range": f"[{_num(1 - robustness.DEFAULT_SPREAD)}, {_num(1 + robustness.DEFAULT_SPREAD)}]",
        "answer_spread": _num(100 * robustness.ANSWER_SPREAD),
        "tie_points": _num(explain.TIE_POINTS),
        "horizon_months": _num(costs.economics.horizon_months.value),
        "horizon_years": _num(costs.economics.horizon_months.value / 12),
        "learning_months": _span(
            costs.economics.learning_months.low, costs.economics.learning_months.high
        ),
        "pace_loss": _num(100 * costs.economics.learning_pace_loss.value),
        "raw_sql_weeks": _span(
            costs.economics.raw_sql_person_weeks.low, costs.economics.raw_sql_person_weeks.high
        ),
        "too_close_share": _num(costs.economics.too_close_family_share.value),
        "upkeep_hours": _num(costs.economics.second_runtime_upkeep_hours_month.value),
        "team_steps": _num(flips.TEAM_STEPS),
    }


# A wrapped line starting like this would open a new block instead of continuing the paragraph.
_BLOCK_START = re.compile(r"([-+*]|\d{1,9}[.)]|#{1,6}|>|\||=+)( |$)")


def _wrapped(template: str, first: str, rest: str) -> str:
    text = " ".join(template.split()).format_map(figures())
    lines = textwrap.wrap(
        text,
        width=100,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    )
    for line in lines[1:]:
        if _BLOCK_START.match(line[len(rest) :]):
            raise ValueError(f"reword: this wrapped line would start a new block: {line!r}")
    return "\n".join(lines)


def fill(template: str) -> str:
    """A paragraph of the docs with `{name}` replaced from `figures()`, wrapped at 100 columns."""
    return _wrapped(template, "", "")


def items(*templates: str, start: int = 1, bullet: str | None = None) -> str:
    """A numbered (or `bullet`) list, each item a template filled as `fill` does."""
    out = []
    for number, template in enumerate(templates, start):
        marker = f"{bullet or f'{number}.'} "
        out.append(_wrapped(template, marker, " " * len(marker)))
    return "\n".join(out)


def leaning_table() -> str:
    """The article's decision framework as the knowledge holds it: rule, when, points, source."""
    stacks = knowledge().stacks
    rows = [_row("rule", "when", "points", "source"), _row("---", "---", "---", "---")]
    for rule in knowledge().rules_of("leaning"):
        points = ", ".join(
            f"{stacks[stack].name} +{amount(value)}" for stack, value in rule.points.items()
        )
        if rule.overrides:
            points += "; overrides " + ", ".join(f"`{r}`" for r in rule.overrides)
        rows.append(_row(f"`{rule.id}`", rule.title, points, rule.source))
    for rule in knowledge().rules_of("familiarity"):
        points = (
            f"+{amount(rule.family_points or 0)} to each stack of a family the team writes, "
            f"+{amount(rule.framework_points or 0)} more to a framework it names"
        )
        rows.append(_row(f"`{rule.id}`", rule.title, points, rule.source))
    return "\n".join(rows)


def default_loads() -> str:
    """The load assumed for each product type when a profile states none."""
    rows = [
        _row("product", "peak req/s", "open connections", "why"),
        _row("---", "---", "---", "---"),
    ]
    for product, load in knowledge().costs.hosting.default_load.items():
        rows.append(
            _row(
                f"`{product}`",
                amount(load.peak_rps),
                amount(load.concurrent_connections),
                load.rationale,
            )
        )
    return "\n".join(rows)


def performance_example(example: str) -> str:
    """The advice's own capacity sentence and peak-load flip for one example, quoted."""
    performance = advice(example).performance
    if performance is None:
        raise LookupError(f"{example}: the advice has no performance figures")
    loads = [f.text for f in advice(example).flips if f.field == "scale.peak_rps"]
    return "\n>\n".join(paragraph(text, "> ") for text in [performance.text, *loads])


LIKE_FOR_LIKE_LOADS = (1_000, 5_000, 20_000)


def like_for_like_table() -> str:
    """Cores and EUR a month per stack for a plain API (`api_service`, no team language) at three
    loads, each stack on the data access the advice prices it on there."""
    rows = [
        _row("stack", *(f"{amount(rps)} req/s" for rps in LIKE_FOR_LIKE_LOADS)),
        _row("---", *("---" for _ in LIKE_FOR_LIKE_LOADS)),
    ]
    words = {"orm": "ORM", "raw": "raw driver"}
    found = {}
    for rps in LIKE_FOR_LIKE_LOADS:
        profile = profile_model.ProjectProfile.model_validate(
            {"product": "api_service", "scale": {"peak_rps": rps}}
        )
        performance = recommend(profile, knowledge(), robustness_samples=0, flips=False).performance
        if performance is None:
            raise LookupError("the shipped knowledge has no lab measurements")
        found[rps] = performance
    for stack, info in knowledge().stacks.items():
        cells = [
            f"{found[rps].cores[stack]:,.1f} cores, EUR {amount(round(found[rps].eur_per_month[stack]))}"
            f" ({words[found[rps].data_access[stack]]})"
            for rps in LIKE_FOR_LIKE_LOADS
        ]
        rows.append(_row(info.name, *cells))
    return "\n".join(rows)


PER_REQUEST_LOADS = (50, 500)
DEPLOYMENTS = ("containers", "serverless", "edge")


def per_request_table() -> str:
    """EUR a month per stack for a plain API (`api_service`, no team language) on containers,
    serverless functions and an edge runtime, at a small and a steady load."""
    columns = [(rps, d) for rps in PER_REQUEST_LOADS for d in DEPLOYMENTS]
    rows = [
        _row("stack", *(f"{d}, {amount(rps)} req/s" for rps, d in columns)),
        _row("---", *("---" for _ in columns)),
    ]
    found = {}
    for rps, deployment in columns:
        profile = profile_model.ProjectProfile.model_validate(
            {"product": "api_service", "deployment": deployment, "scale": {"peak_rps": rps}}
        )
        performance = recommend(profile, knowledge(), robustness_samples=0, flips=False).performance
        if performance is None:
            raise LookupError("the shipped knowledge has no lab measurements")
        found[rps, deployment] = performance.eur_per_month
    for stack, info in knowledge().stacks.items():
        rows.append(_row(info.name, *(f"EUR {amount(round(found[c][stack]))}" for c in columns)))
    return "\n".join(rows)


def risk_table() -> str:
    """The risk register: each risk's id, when it applies, severity and source."""
    rows = [_row("risk", "applies when", "severity", "source"), _row("---", "---", "---", "---")]
    for risk in knowledge().risks.values():
        rows.append(_row(f"`{risk.id}`", risk.trigger, risk.severity, f"`{risk.source}`"))
    return "\n".join(rows)


def claim_verdicts() -> str:
    """The article's claims the rules rest on or set aside, each with our verdict, quoted."""
    out = []
    for rule in knowledge().rules.values():
        if rule.claim and rule.verdict:
            sources = ", ".join(f"`{s}`" for s in rule.verdict_sources)
            out.append(
                paragraph(
                    f"`{rule.id}`: {rule.claim} Our verdict: {rule.verdict} ({sources})", "> "
                )
            )
    return "\n>\n".join(out)


def django_saas_quote() -> str:
    """What one Python developer on a Django SaaS is estimated, beside the article's quote."""
    profile = profile_model.ProjectProfile.model_validate(
        {"product": "saas", "team": {"languages": ["python"], "size": 1}}
    )
    estimate = recommend(profile, knowledge(), flips=False).stack("django").estimate
    article = knowledge().costs.baselines["django"]
    return paragraph(
        f"One Python developer building a plain Django SaaS is therefore estimated at EUR "
        f"{amount(estimate.cost_eur.low)}-{amount(estimate.cost_eur.high)} in "
        f"{amount(estimate.weeks.low)}-{amount(estimate.weeks.high)} weeks; the article quotes "
        f"EUR {amount(article.cost_eur.low)}-{amount(article.cost_eur.high)} in "
        f"{amount(article.weeks.low)}-{amount(article.weeks.high)} weeks, and the output shows "
        "that quote beside the estimate as the article's."
    )


def _source_cell(source_id: str) -> str:
    source = knowledge().sources[source_id]
    if source.kind == "assumption":
        return f"`{source_id}` (our model, said openly)"
    return f"`{source_id}` ({source.date})"


def scope_table() -> str:
    """Every effort figure of the scope model with its source (costs.toml's [scope])."""
    scope = knowledge().costs.scope
    rows = [
        _row("part", "person-weeks", "source", "what it holds"),
        _row("---", "---", "---", "---"),
    ]
    tables = (
        ("product", scope.products),
        ("need", scope.needs),
        ("regulated data", scope.regulated),
    )
    for kind, table in tables:
        for item_id, item in table.items():
            weeks = _span(item.person_weeks.low, item.person_weeks.high)
            rows.append(
                _row(f"{kind} `{item_id}`", weeks, _source_cell(item.source), item.rationale)
            )
            factor = item.build_factor
            if factor is not None:
                rows.append(
                    _row(
                        f"regulated data `{item_id}`: the rest built stricter",
                        f"x{_num(factor.value)}",
                        _source_cell(factor.source),
                        factor.rationale,
                    )
                )
    each = scope.per_integration
    rows.append(
        _row(
            "each integration",
            _span(each.person_weeks.low, each.person_weeks.high),
            _source_cell(each.source),
            each.rationale,
        )
    )
    return "\n".join(rows)


def regions_table() -> str:
    """The hiring regions: contractors' senior rates and a salaried developer-week, sourced."""
    rows = [
        _row("region", "Python EUR/h", "Node EUR/h", "salaried week EUR", "sources"),
        _row("---", "---", "---", "---", "---"),
    ]
    for region_id, region in knowledge().costs.regions.items():
        week = region.salaried_week
        cited = dict.fromkeys([region.source, week.source])
        rows.append(
            _row(
                f"{region.name} (`{region_id}`)",
                _span(region.rates["python"].low, region.rates["python"].high),
                _span(region.rates["node"].low, region.rates["node"].high),
                _span(week.low, week.high),
                ", ".join(_source_cell(s) for s in cited),
            )
        )
    return "\n".join(rows)


def examples_estimates() -> str:
    """Each example's estimate for its pick: the work, the money, the weeks, the verdicts."""
    rows = [
        _row("example", "pick", "work (person-weeks)", "cost", "weeks", "budget", "deadline"),
        _row("---", "---", "---", "---", "---", "---", "---"),
    ]
    for path in sorted(EXAMPLES.glob("*.yaml")):
        rec = advice(path.stem)
        est = rec.estimate
        effort = est.effort_person_weeks
        if est.within_mvp_scope:
            cost = f"EUR {amount(est.cost_eur.low)}-{amount(est.cost_eur.high)}"
            weeks = _span(est.weeks.low, est.weeks.high)
        else:
            rate = est.run_rate
            month = rate.team_eur_per_month if rate else est.cost_eur
            cost = f"past an MVP: EUR {amount(month.low)}-{amount(month.high)} a month"
            weeks = "-"
        rows.append(
            _row(
                f"`{path.stem}`",
                rec.ranking[0].name,
                _span(effort.low, effort.high) if effort else "-",
                cost,
                weeks,
                est.budget.verdict,
                est.deadline.verdict,
            )
        )
    return "\n".join(rows)


# ---- docs/architecture.md -------------------------------------------------------------------


def import_contracts() -> str:
    """The arrows between the parts, as the import contracts in pyproject.toml state them."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    rows = [_row("contract", "checked as"), _row("---", "---")]
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] == "layers":
            checked = (
                " -> ".join(f"`{m}`" for m in contract["layers"])
                + " (each uses only those after it)"
            )
        else:
            sources = ", ".join(f"`{m}`" for m in contract["source_modules"])
            forbidden = ", ".join(f"`{m}`" for m in contract["forbidden_modules"])
            checked = f"{sources} import none of {forbidden}"
            if contract.get("allow_indirect_imports"):
                checked += " (directly; indirect imports allowed)"
        rows.append(_row(contract["name"], checked))
    return "\n".join(rows)


def _order(figures: dict[str, list[float]]) -> str:
    """Apps fastest first; '=' where the repeats' ranges overlap (a tie), '>' where they do not."""
    from statistics import median

    names = {s: info.name for s, info in knowledge().stacks.items()}
    ranked = sorted(figures, key=lambda app: -median(figures[app]))
    out = ""
    for before, app in zip([None, *ranked], ranked, strict=False):
        if before is not None:
            tie = min(figures[before]) <= max(figures[app])
            out += " = " if tie else " > "
        out += f"{names[app]} {median(figures[app]):,.0f}"
    return out


def techempower_orders() -> str:
    """Per TechEmpower test type and data access, the lab's order of the four apps (median req/s
    per core at the headline concurrency), from the shipped run in lab/results/default/."""
    from stackwise.lab.data.results import load_results
    from stackwise.lab.data.workloads import WORKLOADS

    results = load_results(ROOT / "lab" / "results" / "default" / "results.json")
    headline = results.summary_concurrency
    words = {"orm": "ORM against ORM", "raw": "raw driver against raw driver"}
    rows = [
        _row("test type", "data access", "the lab's order (req/s per core)"),
        _row("---", "---", "---"),
    ]
    for workload in (w for w in WORKLOADS if w.techempower):
        name = workload.name
        for access in ("orm", "raw") if workload.database else ("usual",):
            figures = {
                m.app: [r.rps / results.configuration.app_cores for r in m.repeats]
                for m in (
                    results.measurements if access != "usual" else results.usual_measurements()
                )
                if m.workload == name
                and m.concurrency == headline
                and m.repeats
                and (access == "usual" or m.data_access == access)
            }
            if figures:
                label = words.get(access, "each app's own (no database)")
                rows.append(_row(workload.label, label, _order(figures)))
    return "\n".join(rows)
