"""The lab's results file: the machine it ran on, every measurement, and the advisor's summary.

The file is checked against `lab/results.schema.json` whenever it is written or read, so the
advisor, the report and the web page can trust its shape.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from stackwise.lab.postgres import PG_BIN

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parents[3] / "lab" / "results.schema.json"
RESULTS_FILE = "results.json"

Results = dict[str, Any]


class ResultsError(ValueError):
    """A results file is missing, not JSON, or does not fit the schema."""


@cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(results: Results) -> list[str]:
    """Every place where the document breaks the schema, as `path: message` (empty when valid)."""
    errors = sorted(_validator().iter_errors(results), key=lambda e: list(map(str, e.path)))
    return [f"{'.'.join(map(str, e.path)) or '(top level)'}: {e.message}" for e in errors]


def write_results(folder: Path, results: Results) -> Path:
    """Validate and write `results.json` into folder; refuse a document that breaks the schema."""
    problems = schema_errors(results)
    if problems:
        raise ResultsError(f"the results do not fit {SCHEMA_PATH.name}: " + "; ".join(problems[:5]))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / RESULTS_FILE
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load_results(location: Path) -> Results:
    """Read a results file (or the `results.json` in a folder) and check it against the schema."""
    path = location / RESULTS_FILE if location.is_dir() else location
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResultsError(f"{path}: no results file here (run `stackwise lab run`)") from None
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(results, dict):
        raise ResultsError(f"{path}: a results file holds one JSON object")
    problems = schema_errors(results)
    if problems:
        raise ResultsError(f"{path}: does not fit the results schema: " + "; ".join(problems[:5]))
    return results


def _first_line(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].strip() if lines else None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def machine_block(frameworks: dict[str, str | None], note: str) -> dict[str, Any]:
    """Where the run happened: hardware, OS and the version of every runtime and framework."""
    return {
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count() or 1,
        "memory_gb": _memory_gb(),
        "os": _os_name(),
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "node": _first_line(["node", "--version"]),
        "postgresql": _first_line([str(PG_BIN / "postgres"), "--version"]),
        "wrk": _first_line(["wrk", "-v"]),
        "frameworks": frameworks,
        "note": note,
    }


def median_figures(repeats: list[dict[str, Any]]) -> dict[str, float]:
    """Median requests/s and median p99 over the repeats of one measurement."""
    return {
        "rps": round(statistics.median(r["rps"] for r in repeats), 1),
        "p99_ms": round(statistics.median(r["latency_ms"]["p99"] for r in repeats), 3),
    }


def add_summary(results: Results) -> Results:
    """Fill the blocks the advisor reads, at the headline concurrency the configuration names."""
    headline = results["configuration"]["headline_concurrency"]
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for measurement in results["measurements"]:
        if measurement["concurrency"] != headline or not measurement["repeats"]:
            continue
        figures = median_figures(measurement["repeats"])
        summary.setdefault(measurement["app"], {})[measurement["workload"]] = figures
    results["summary_concurrency"] = headline
    results["summary"] = summary
    results["cold_start_ms"] = {
        app: cold["median_ms"]
        for app, cold in results["cold_start"].items()
        if cold.get("median_ms") is not None
    }
    results["ws_rss_per_1000_kb"] = {
        app: ws["rss_per_1000_kb"]
        for app, ws in results["websocket"].items()
        if ws.get("rss_per_1000_kb") is not None
    }
    return results
