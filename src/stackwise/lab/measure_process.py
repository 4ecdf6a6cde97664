"""Memory and CPU of an app's whole process tree (psutil), sampled while the load runs.

A production server is a tree (gunicorn master and workers, the Node cluster primary and its
workers, Django's companion ASGI process, PostgreSQL's postmaster and its backends), so a figure
for one pid would miss most of it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import psutil


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


def _tree(root_pids: Iterable[int]) -> list[psutil.Process]:
    found: dict[int, psutil.Process] = {}
    for pid in root_pids:
        with contextlib.suppress(psutil.Error):
            root = psutil.Process(pid)
            for process in [root, *root.children(recursive=True)]:
                found.setdefault(process.pid, process)
    return [found[pid] for pid in sorted(found)]


def process_tree(root_pids: Iterable[int]) -> list[int]:
    """The given pids and all their living descendants (zombies left out)."""
    living = []
    for process in _tree(root_pids):
        with contextlib.suppress(psutil.Error):
            if process.status() != psutil.STATUS_ZOMBIE:
                living.append(process.pid)
    return living


def _sample(process: psutil.Process) -> ProcessSample | None:
    try:
        with process.oneshot():
            if process.status() == psutil.STATUS_ZOMBIE:
                return None
            times = process.cpu_times()
            try:
                full = process.memory_full_info()
                rss, pss = full.rss, getattr(full, "pss", full.rss)
            except psutil.AccessDenied:  # another user's process: PSS needs its smaps
                rss = pss = process.memory_info().rss
    except psutil.Error:  # the process ended while we looked
        return None
    return ProcessSample(process.pid, rss // 1024, pss // 1024, times.user + times.system)


def sample_tree(root_pids: Iterable[int]) -> list[ProcessSample]:
    """Every living process of the tree, sampled now."""
    samples = (_sample(p) for p in _tree(root_pids))
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
