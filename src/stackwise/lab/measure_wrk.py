"""Drive `wrk` against one URL and read back its figures (printed as JSON by lab/wrk/*.lua)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from stackwise.lab.data.workloads import Workload
from stackwise.lab.location import LAB_DIR

WRK_DIR = LAB_DIR / "wrk"
JSON_MARKER = "STACKWISE_WRK_JSON "


class WrkError(RuntimeError):
    """wrk did not run or did not print the figures its script should print."""


@dataclass(frozen=True)
class WrkFigures:
    """What one wrk run reports: throughput, latency percentiles and errors."""

    duration_s: float
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    socket_errors: dict[str, int]


def parse_wrk_output(stdout: str) -> WrkFigures:
    """Read the JSON line that lab/wrk/report.lua's done() prints."""
    for line in stdout.splitlines():
        if line.startswith(JSON_MARKER):
            raw = json.loads(line[len(JSON_MARKER) :])
            break
    else:
        raise WrkError(f"wrk printed no {JSON_MARKER.strip()} line; its output was:\n{stdout}")
    duration_s = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    errors = raw["errors"]

    def ms(value: float | None) -> float:
        # wrk reports no latency (null) when not one request completed.
        return round((value or 0) / 1000, 3)

    return WrkFigures(
        duration_s=round(duration_s, 3),
        requests=int(raw["requests"]),
        rps=round(raw["requests"] / duration_s, 1) if duration_s > 0 else 0.0,
        p50_ms=ms(latency["p50"]),
        p90_ms=ms(latency["p90"]),
        p99_ms=ms(latency["p99"]),
        max_ms=ms(latency["max"]),
        # wrk counts responses with status >= 400 as "status" errors; the apps never redirect.
        non_2xx=int(errors["status"]),
        socket_errors={k: int(errors[k]) for k in ("connect", "read", "write", "timeout")},
    )


@dataclass(frozen=True)
class WrkRun:
    """A wrk run's figures plus the CPU wrk itself used (to spot a saturated load generator)."""

    figures: WrkFigures
    wrk_cpu_s: float
    wall_s: float

    @property
    def wrk_cpu_share(self) -> float:
        """wrk's CPU seconds per wall second, summed over its threads."""
        return self.wrk_cpu_s / self.wall_s if self.wall_s else 0.0


def wrk_command(
    url: str,
    workload: Workload,
    concurrency: int,
    duration_s: float,
    threads: int = 1,
    cpus: str | None = None,
) -> list[str]:
    """The wrk command line, pinned to `cpus` with taskset when given."""
    connections = max(concurrency, threads)
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration_s))}s",
        "--timeout=5s",
        f"--script={WRK_DIR / workload.script}",
        url.rstrip("/") + workload.path,
    ]
    if workload.pipeline > 1:  # the script's argument: how many requests go out back to back
        command += ["--", str(workload.pipeline)]
    return ["taskset", "--cpu-list", cpus, *command] if cpus else command


def run_wrk(command: list[str], timeout_s: float) -> WrkRun:
    """Run wrk to completion; its CPU time comes from the kernel's accounting when we reap it."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    watchdog = threading.Timer(timeout_s, os.killpg, (process.pid, signal.SIGKILL))
    watchdog.start()
    try:
        assert process.stdout is not None
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    except BaseException:  # Ctrl-C: leave no wrk behind
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    finally:
        watchdog.cancel()
        if process.stdout is not None:
            process.stdout.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    wall_s = time.monotonic() - started
    if process.returncode != 0:
        raise WrkError(f"wrk exited with status {process.returncode}:\n{stdout}")
    return WrkRun(
        parse_wrk_output(stdout),
        wrk_cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        wall_s=round(wall_s, 3),
    )
