"""Memory and CPU of an app's whole process tree, read from /proc while the load runs.

A production server is a tree (gunicorn master and workers, the Node cluster primary and its
workers, Django's companion ASGI process), so a figure for one pid would miss most of the app.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcessSample:
    """One process at one moment: resident and proportional memory, CPU seconds so far."""

    pid: int
    rss_kb: int
    pss_kb: int
    cpu_s: float


@dataclass(frozen=True)
class TreeUsage:
    """What a process tree used over a sampling window."""

    peak_rss_kb: int
    peak_pss_kb: int
    cpu_s: float
    processes: int
    samples: int


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we listed /proc
            continue
        # The command name may hold spaces and parentheses: the fields start after the last ')'.
        fields = stat[stat.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def process_tree(root_pids: Iterable[int]) -> list[int]:
    """The given pids and all their living descendants."""
    children = _children_by_parent()
    found: list[int] = []
    pending = [pid for pid in root_pids if (PROC / str(pid)).exists()]
    while pending:
        pid = pending.pop()
        if pid in found:
            continue
        found.append(pid)
        pending.extend(children.get(pid, []))
    return sorted(found)


def sample_process(pid: int) -> ProcessSample | None:
    """Read one process's memory and CPU, or None when it is gone (or a zombie)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
        rollup = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    # utime and stime are fields 14 and 15 of /proc/<pid>/stat; fields[0] here is field 3.
    cpu_s = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    memory = {}
    for line in rollup.splitlines()[1:]:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            memory[name] = int(parts[0])
    if "Rss" not in memory:  # a zombie has no memory map
        return None
    return ProcessSample(pid, memory["Rss"], memory.get("Pss", memory["Rss"]), cpu_s)


def sample_tree(root_pids: Iterable[int]) -> list[ProcessSample]:
    """Every living process of the tree, sampled now."""
    samples = (sample_process(pid) for pid in process_tree(root_pids))
    return [s for s in samples if s is not None]


def tree_rss_kb(root_pids: Iterable[int]) -> int:
    """The tree's resident memory now (shared pages counted once per process, as `ps` does)."""
    return sum(s.rss_kb for s in sample_tree(root_pids))


class TreeSampler:
    """Sample a process tree in a background thread; peak memory and CPU used while it ran.

    CPU is counted per pid from its first sample to its last, so processes that start during the
    window count from zero and the time a process used before the window is left out.
    """

    def __init__(self, root_pids: Iterable[int], interval_s: float = 0.1) -> None:
        self.root_pids = list(root_pids)
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-sampler", daemon=True)
        self._first_cpu: dict[int, float] = {}
        self._last_cpu: dict[int, float] = {}
        self._peak_rss_kb = 0
        self._peak_pss_kb = 0
        self._samples = 0
        self._baseline_taken = False

    def _take(self) -> None:
        samples = sample_tree(self.root_pids)
        for sample in samples:
            # Processes present at the first sample count from there; newcomers from zero.
            start = sample.cpu_s if not self._baseline_taken else 0.0
            self._first_cpu.setdefault(sample.pid, start)
            self._last_cpu[sample.pid] = sample.cpu_s
        self._baseline_taken = True
        self._peak_rss_kb = max(self._peak_rss_kb, sum(s.rss_kb for s in samples))
        self._peak_pss_kb = max(self._peak_pss_kb, sum(s.pss_kb for s in samples))
        self._samples += 1

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._take()

    def __enter__(self) -> TreeSampler:
        self._take()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._take()

    def usage(self) -> TreeUsage:
        """The figures of the window (call after the `with` block)."""
        cpu = sum(self._last_cpu[pid] - self._first_cpu[pid] for pid in self._last_cpu)
        return TreeUsage(
            peak_rss_kb=self._peak_rss_kb,
            peak_pss_kb=self._peak_pss_kb,
            cpu_s=round(cpu, 3),
            processes=len(self._last_cpu),
            samples=self._samples,
        )
