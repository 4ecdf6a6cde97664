"""A stand-in for a slow upstream API (an LLM or a payment provider) that `/upstream` calls."""

from __future__ import annotations

import asyncio
import json
import threading
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from stackwise.lab.postgres import free_port


class UpstreamStub:
    """An HTTP server on loopback: `/` answers JSON after `delay_ms`; `/fail` answers 500;
    `/slow` answers after 5 s (past the apps' 2-second timeout). `?delay_ms=` overrides."""

    def __init__(self, delay_ms: int = 50) -> None:
        self.delay_ms = delay_ms
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.requests = 0
        self.mode = "ok"  # "ok", "fail" (500 everywhere) or "slow" (past the apps' timeout)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    break
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # headers: GET requests carry no body
                target = request_line.split()[1].decode() if len(request_line.split()) > 1 else "/"
                path = urlsplit(target).path
                query = parse_qs(urlsplit(target).query)
                self.requests += 1
                delay = int(query.get("delay_ms", [self.delay_ms])[0])
                if path == "/slow" or self.mode == "slow":
                    delay = 5000
                await asyncio.sleep(delay / 1000)
                status, body = (
                    ("500 Internal Server Error", {"error": "upstream broke"})
                    if path == "/fail" or self.mode == "fail"
                    else ("200 OK", {"answer": "42", "model": "stub-1", "delay_ms": delay})
                )
                payload = json.dumps(body).encode()
                writer.write(
                    f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(payload)}\r\nConnection: keep-alive\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        server = loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.port, backlog=1024)
        )
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            server.close()
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def start(self) -> UpstreamStub:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._serve, name="upstream-stub", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> UpstreamStub:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
