"""A run's configuration: the equal CPU budget, each framework's documented concurrency inside
it, the equal-process override, and bad options refused by name."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from stackwise.cli.lab import app as lab_cli
from stackwise.lab.apps import discover_apps
from stackwise.lab.configuration import RunInputError, build_config, planned_seconds, split_cpus
from stackwise.lab.data.results import Configuration
from stackwise.lab.data.workloads import WORKLOAD_NAMES


def test_two_cores_give_the_apps_one_and_the_load_side_the_other() -> None:
    split = split_cpus(2)
    assert (split.app_cpus, split.load_cpus, split.app_cores) == ("0", "1", 1)
    assert "PostgreSQL pinned to CPU 1" in split.note
    assert split_cpus(8).app_cpus == "0-3" and split_cpus(8).load_cpus == "4-7"


def test_each_framework_runs_its_documented_concurrency_at_one_core() -> None:
    apps = {a.name: a for a in discover_apps(None)}
    django = apps["django"].concurrency(cores=1)
    # gunicorn: (2 x cores) + 1 workers, threads 2-4 x cores; one connection per thread.
    assert (django.workers, django.threads, django.connections) == (3, 4, 12)
    assert apps["fastapi"].concurrency(cores=1).workers == 1
    assert apps["express"].concurrency(cores=2).workers == 2
    assert apps["express"].env["NODE_ENV"] == "production"
    assert apps["nestjs"].env["NODE_ENV"] == "production"


def test_each_app_states_its_usual_data_access_and_the_documents_it_follows() -> None:
    apps = {a.name: a for a in discover_apps(None)}
    assert {n: a.usual_data_access for n, a in apps.items()} == {
        "django": "orm",
        "fastapi": "orm",
        "express": "raw",
        "nestjs": "orm",
    }
    for app in apps.values():
        assert set(app.data_access) == {"orm", "raw"}
        assert all(url.startswith("https://") for url in app.production.sources)


def test_workers_replaces_every_frameworks_process_count() -> None:
    config = build_config(workers=2)
    apps = {a.name: a for a in discover_apps(None)}
    assert apps["django"].concurrency(1, config.workers_override).workers == 2
    assert apps["express"].concurrency(1, config.workers_override).workers == 2


def test_the_full_run_has_three_repeats_and_the_variants() -> None:
    config = build_config()
    assert config.repeat >= 3 and config.variants
    # What `lab run --update-knowledge` measures: every workload, TechEmpower's included.
    assert config.workloads == list(WORKLOAD_NAMES)
    assert {"updates_20", "plaintext_pipelined"} <= set(config.workloads)
    # Four apps, every workload plus the database workloads again: within 40 minutes.
    assert planned_seconds(config, 4) < 40 * 60


def test_the_configuration_is_the_results_block_it_is_recorded_as() -> None:
    config = build_config(
        apps=["express", "django"],
        workloads=["db", "json"],
        concurrency=[64, 16, 64],
        database_url="postgresql://lab:secret@db/lab",
    )
    block = config.model_dump(mode="json")
    assert block["apps"] == ["express", "django"]
    assert block["workloads"] == ["json", "db"]  # in the lab's order
    assert block["concurrency"] == [16, 64] and config.headline_concurrency == 64
    assert block["database"] == "existing server (--database-url)"
    assert "database_url" not in block and "secret" not in str(block)
    assert Configuration.model_validate(block).model_dump(mode="json") == block


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--workers", "0"], "--workers"),
        (["--repeat", "50"], "--repeat"),
        (["--duration", "soon"], "--duration"),
        (["--concurrency", "lots"], "--concurrency"),
        (["--concurrency", "0"], "--concurrency"),
        (["--workloads", "graphql"], "--workloads"),
        (["--apps", "rails"], "--apps"),
        (["--data-access", "odbc"], "--data-access"),
        (["--database-url", "mysql://x/y"], "--database-url"),
    ],
)
def test_a_bad_option_is_refused_with_its_name(arguments: list[str], named: str) -> None:
    result = CliRunner().invoke(lab_cli, ["run", *arguments])
    assert result.exit_code == 2, result.output
    assert named in result.output


def test_an_unknown_workload_is_refused_naming_the_known_ones() -> None:
    result = CliRunner().invoke(lab_cli, ["run", "--workloads", "graphql"])
    said = " ".join(re.sub("[│╭╮╰╯─]", " ", result.output).split())  # Rich's box, unwrapped
    assert (
        "unknown 'graphql'; choose from json, plaintext, plaintext_pipelined, db, queries" in said
    )


def test_a_bad_duration_is_refused_before_the_run() -> None:
    with pytest.raises(RunInputError, match="--duration"):
        build_config(duration="soon")
