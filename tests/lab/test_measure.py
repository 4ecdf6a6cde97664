"""wrk driving and parsing, the Lua scripts' JSON, and the process-tree sampler, on real processes."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from stackwise.lab.data.workloads import BY_NAME as WORKLOADS
from stackwise.lab.measure_process import TreeSampler, process_tree, tree_rss_kb
from stackwise.lab.measure_wrk import WrkError, parse_wrk_output, run_wrk, wrk_command
from tests.helpers.prerequisites import require

WRK_STDOUT = """Running 1s test @ http://127.0.0.1:8080/json
  1 threads and 2 connections
Requests/sec:    746.76
STACKWISE_WRK_JSON {"duration_us":2000000,"requests":3000,"bytes":2106508,\
"errors":{"connect":1,"read":2,"write":0,"status":7,"timeout":3},\
"latency_us":{"min":1224,"mean":2564.8,"max":17087,"p50":2556,"p90":2725,"p99":3887}}
""".replace("\\\n", "")


class RecordingHandler(BaseHTTPRequestHandler):
    """Answers 200 on /ok and 404 elsewhere, recording each Authorization header it sees."""

    seen_keys: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.seen_keys.append(self.headers.get("Authorization", ""))
        body = b'{"ok":true}'
        self.send_response(200 if self.path.startswith("/ok") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """wrk drops its connections mid-request when its time is up; that is no error here."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), RecordingHandler)
    RecordingHandler.seen_keys = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def wrk() -> None:
    require(None if shutil.which("wrk") else "wrk (apt-get install wrk)")


def test_the_lua_json_line_becomes_figures_in_milliseconds() -> None:
    figures = parse_wrk_output(WRK_STDOUT)
    assert figures.requests == 3000
    assert figures.rps == 1500.0
    assert (figures.p50_ms, figures.p90_ms, figures.p99_ms, figures.max_ms) == (
        2.556,
        2.725,
        3.887,
        17.087,
    )
    assert figures.non_2xx == 7
    assert figures.socket_errors == {"connect": 1, "read": 2, "write": 0, "timeout": 3}


def test_output_without_the_json_line_is_an_error_that_shows_it() -> None:
    with pytest.raises(WrkError, match="Requests/sec"):
        parse_wrk_output("Requests/sec: 10\n")


def test_wrk_is_pinned_and_requests_the_workloads_path() -> None:
    command = wrk_command("http://x:1/", WORKLOADS["saas"], 32, 3, cpus="1")
    assert command[:3] == ["taskset", "--cpu-list", "1"]
    assert command[-1] == "http://x:1/saas/dashboard"
    assert command[-2].endswith("lab/wrk/saas.lua")


@pytest.mark.usefixtures("wrk")
def test_real_wrk_reports_throughput_latency_and_its_own_cpu(server: str) -> None:
    run = run_wrk(wrk_command(server, WORKLOADS["json"], 4, 1), timeout_s=30)
    # /json is not /ok on the recording server: every answer is a 404, counted as non-2xx.
    assert run.figures.requests > 0
    assert run.figures.non_2xx == run.figures.requests
    assert run.figures.p50_ms <= run.figures.p99_ms <= run.figures.max_ms
    assert run.wrk_cpu_s > 0


@pytest.mark.usefixtures("wrk")
def test_saas_script_sends_a_key_of_the_thousand_accounts_per_request(server: str) -> None:
    run = run_wrk(wrk_command(server + "/ok", WORKLOADS["saas"], 2, 1), timeout_s=30)
    keys = RecordingHandler.seen_keys
    assert run.figures.non_2xx == 0
    assert len(keys) >= run.figures.requests > 20
    accounts = {int(k.removeprefix("Bearer key-")) for k in keys}
    assert all(1 <= n <= 1000 for n in accounts)
    assert len(accounts) > 10  # chosen per request, not once per connection


def test_the_pipelined_workload_passes_its_depth_to_the_pipeline_script() -> None:
    command = wrk_command("http://x:1", WORKLOADS["plaintext_pipelined"], 256, 3)
    assert command[-4].endswith("lab/wrk/pipeline.lua")
    assert command[-3:] == ["http://x:1/plaintext", "--", "16"]


@pytest.fixture
def batch_server() -> Iterator[tuple[str, list[int]]]:
    """A raw HTTP server that answers every request in each read and records how many requests
    each read held: what pipelining changes on the wire."""
    listener = socket.create_server(("127.0.0.1", 0))
    batches: list[int] = []
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

    def serve(conn: socket.socket) -> None:
        # wrk resets its connections when its time is up.
        with conn, contextlib.suppress(ConnectionResetError):
            pending = b""
            while data := conn.recv(65536):
                pending += data
                complete = pending.count(b"\r\n\r\n")
                pending = pending[pending.rfind(b"\r\n\r\n") + 4 :] if complete else pending
                if complete:
                    batches.append(complete)
                    conn.sendall(answer * complete)

    def accept() -> None:
        with contextlib.suppress(OSError):  # the listener closes at the end of the test
            while True:
                conn, _ = listener.accept()
                threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", batches
    listener.close()


@pytest.mark.usefixtures("wrk")
def test_the_pipeline_script_sends_sixteen_requests_back_to_back(
    batch_server: tuple[str, list[int]],
) -> None:
    url, batches = batch_server
    run = run_wrk(wrk_command(url, WORKLOADS["plaintext_pipelined"], 2, 1), timeout_s=30)
    assert max(batches) == 16  # a whole batch arrived in one read
    assert run.figures.non_2xx == 0
    # Every answer counts as a request, not every batch.
    assert run.figures.requests >= 16 * len(batches) // 2 > 0


ALLOCATOR = """
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(40 << 20); time.sleep(60)"])
block = bytearray(20 << 20)
print(child.pid, flush=True)
while not os.path.exists(sys.argv[1]):  # busy until told to stop, so there is CPU to count
    pass
time.sleep(60)
"""


def test_sampler_sums_memory_and_cpu_over_the_whole_process_tree(tmp_path: Path) -> None:
    stop = tmp_path / "stop"
    parent = subprocess.Popen(
        [sys.executable, "-c", ALLOCATOR, str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        child_pid = int(parent.stdout.readline())
        filled = time.monotonic() + 10
        while tree_rss_kb([parent.pid]) <= 60 * 1024:  # the child has filled its buffer
            assert time.monotonic() < filled, "the child never allocated its 40 MB"
            time.sleep(0.05)
        assert process_tree([parent.pid]) == sorted([parent.pid, child_pid])
        with TreeSampler([parent.pid], interval_s=0.05) as sampler:
            time.sleep(0.6)  # the sampling window being measured, not a wait for an event
            stop.touch()
        usage = sampler.usage()
        assert usage.processes == 2
        assert usage.peak_rss_kb > 60 * 1024  # 20 MB in the parent plus 40 MB in the child
        assert usage.peak_pss_kb > 0
        assert usage.cpu_s > 0.05  # the parent's busy loop while sampled
        assert tree_rss_kb([parent.pid]) > 60 * 1024
    finally:
        for pid in process_tree([parent.pid])[::-1]:
            subprocess.run(["kill", "-9", str(pid)], check=False)
        parent.wait()
    assert process_tree([parent.pid]) == []
