"""The results' `evidence` block: per stack, requests per core within the p99 target, with intervals.

This is the form the advisor's capacity-against-need model consumes (`knowledge.models.Evidence`).
Each stack is represented by its framework's usual data access; the other variant is attached
on the database workloads, so the data layer's share can be read apart from the framework's.
"""

from __future__ import annotations

from typing import Any

from stackwise.knowledge.evidence import capacity, interval
from stackwise.knowledge.models import Evidence, StackCapacity
from stackwise.lab.results import Results

EVIDENCE_DOCUMENT = "lab-results.json"


def describe_configuration(configuration: dict[str, Any], data_access: str) -> str:
    """One line a reader can check against the framework's documentation."""
    threads = f" x {configuration['threads']} threads" if configuration["threads"] else ""
    pool = (
        f"pool of {configuration['db_pool']} per process"
        if configuration["db_pool"]
        else "one connection per thread"
    )
    return (
        f"{configuration['server']}; here {configuration['workers']} process(es){threads}; "
        f"{configuration['data_access'][data_access]}, {pool}"
    )


def _by_workload(
    measurements: list[dict[str, Any]], app: str, data_access: str
) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for m in measurements:
        if (
            (m["app"], m["data_access"]) == (app, data_access)
            and m["repeats"]
            and not m.get("error")
        ):
            grouped.setdefault(m["workload"], []).append(m)
    return grouped


def evidence_block(results: Results) -> dict[str, Any]:
    """The evidence of a results document, validated as the advisor's `Evidence`."""
    config, machine = results["configuration"], results["machine"]
    cores, target = float(config["app_cores"]), float(config["p99_target_ms"])
    stacks: dict[str, StackCapacity] = {}
    for app, info in results["apps"].items():
        configuration = info.get("configuration")
        if info["status"] != "measured" or configuration is None:
            continue
        usual = configuration["usual_data_access"]
        workloads = _by_workload(results["measurements"], app, usual)
        if not workloads:
            continue
        variants = {}
        for variant in configuration["data_access"]:
            if variant != usual and (other := _by_workload(results["measurements"], app, variant)):
                variants[variant] = {w: capacity(ms, cores, target) for w, ms in other.items()}
        ws = results["websocket"].get(app) or {}
        cold = results["cold_start"].get(app) or {}
        stacks[app] = StackCapacity(
            configuration=describe_configuration(configuration, usual),
            data_access=usual,
            workloads={w: capacity(ms, cores, target) for w, ms in workloads.items()},
            ws_memory_per_1000_kb=interval([float(ws["rss_per_1000_kb"])])
            if ws.get("rss_per_1000_kb")
            else None,
            cold_start_ms=interval(cold["samples_ms"]) if cold.get("samples_ms") else None,
            source=configuration["source"],
            sources=tuple(configuration["sources"]),
            variants=variants,
        )
    evidence = Evidence(
        document=EVIDENCE_DOCUMENT,
        date=results["finished_at"],
        machine=f"{machine['cpu_model']}, {machine['cores']} cores, {machine['os']}",
        cores=cores,
        p99_target_ms=target,
        capacity=stacks,
        concurrency=results["summary_concurrency"],
        summary=results["summary"],
        cold_start_ms=results["cold_start_ms"],
    )
    return evidence.model_dump(mode="json")
