"""A run's configuration: the equal CPU budget, each framework's documented concurrency inside
it, the equal-process override, and bad options refused by name."""

from __future__ import annotations

import pytest

from stackwise.lab.apps import discover_apps
from stackwise.lab.configuration import RunInputError, build_config, split_cpus


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
    assert apps["django"].concurrency(1, config.workers).workers == 2
    assert apps["express"].concurrency(1, config.workers).workers == 2


def test_the_full_run_has_three_repeats_and_the_variants() -> None:
    config = build_config()
    assert config.repeat >= 3 and config.variants
    # Four apps, every workload plus the database workloads again: within half an hour.
    assert config.planned_seconds(4) < 30 * 60


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"workers": 0}, "--workers"),
        ({"repeat": 50}, "--repeat"),
        ({"duration": "soon"}, "--duration"),
        ({"concurrency": "64,lots"}, "--concurrency"),
        ({"workloads": "graphql"}, "--workloads"),
        ({"database_url": "mysql://x/y"}, "--database-url"),
    ],
)
def test_a_bad_option_is_refused_with_its_name(options: dict, named: str) -> None:
    with pytest.raises(RunInputError, match=named):
        build_config(**options)
