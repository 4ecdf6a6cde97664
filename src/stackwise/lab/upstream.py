"""A stand-in for a slow upstream API (an LLM or a payment provider) that `/upstream` calls.

It runs as its own process (aiohttp), so its event loop shares neither the GIL nor the core of
the harness's sampling threads, and its ceiling (connections / delay) stays well above the apps.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from types import TracebackType

import httpx
from aiohttp import web

from stackwise.lab.postgres import free_port
from stackwise.lab.ready import answers_200, wait_until_ready

MODES = ("ok", "fail", "slow")
SLOW_MS = 5000  # past the apps' 2-second timeout


def make_app(delay_ms: int) -> web.Application:
    """`/` answers JSON after delay_ms, `/fail` 500, `/slow` after 5 s; `?delay_ms=` overrides.
    `PUT /_mode/{ok|fail|slow}` changes every answer; `GET /_requests` counts the answered."""
    state = {"mode": "ok"}
    answered = [0]

    async def answer(request: web.Request) -> web.Response:
        answered[0] += 1
        delay = int(request.query.get("delay_ms", delay_ms))
        if request.path == "/slow" or state["mode"] == "slow":
            delay = SLOW_MS
        await asyncio.sleep(delay / 1000)
        if request.path == "/fail" or state["mode"] == "fail":
            return web.json_response({"error": "upstream broke"}, status=500)
        return web.json_response({"answer": "42", "model": "stub-1", "delay_ms": delay})

    async def set_mode(request: web.Request) -> web.Response:
        mode = request.match_info["mode"]
        if mode not in MODES:
            return web.json_response({"error": f"mode must be one of {MODES}"}, status=400)
        state["mode"] = mode
        return web.json_response({"mode": mode})

    async def requests(_request: web.Request) -> web.Response:
        return web.json_response({"requests": answered[0]})

    async def ready(_request: web.Request) -> web.Response:
        return web.json_response({"ready": True})

    app = web.Application()
    app.router.add_put("/_mode/{mode}", set_mode)
    app.router.add_get("/_requests", requests)
    app.router.add_get("/_ready", ready)
    app.router.add_get("/{tail:.*}", answer)
    return app


class UpstreamStub:
    """The stub in a child process on a free loopback port, pinned to `cpus` when given."""

    def __init__(self, delay_ms: int = 50, cpus: str | None = None) -> None:
        self.delay_ms = delay_ms
        self.cpus = cpus
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pids(self) -> list[int]:
        return [self._process.pid] if self._process else []

    @property
    def requests(self) -> int:
        """How many requests the stub has answered or is answering."""
        return int(httpx.get(self.url + "_requests").json()["requests"])

    def set_mode(self, mode: str) -> None:
        """Answer every request normally ("ok"), with 500 ("fail") or past the timeout ("slow")."""
        httpx.put(self.url + f"_mode/{mode}").raise_for_status()

    def start(self) -> UpstreamStub:
        """Spawn the server and wait until it answers."""
        command = [
            sys.executable,
            "-m",
            "stackwise.lab.upstream",
            str(self.port),
            str(self.delay_ms),
        ]
        if self.cpus:
            command = ["taskset", "--cpu-list", self.cpus, *command]
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        try:
            wait_until_ready(
                lambda: answers_200(self.url + "_ready"), [self._process], 30, "the upstream stub"
            )
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (TERM, then KILL after a grace period)."""
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=5)
        if self._process.stderr is not None:
            self._process.stderr.close()
        self._process = None

    def __enter__(self) -> UpstreamStub:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


if __name__ == "__main__":
    port, delay = int(sys.argv[1]), int(sys.argv[2])
    web.run_app(
        make_app(delay),
        host="127.0.0.1",
        port=port,
        print=None,
        backlog=2048,
        access_log=None,
        shutdown_timeout=0.5,  # a stalled "slow" answer must not hold up the end of a run
    )
