"""How gunicorn serves the site (`gunicorn -c python:stackwise.web.gunicorn_conf
stackwise.web.asgi:application`), in one place for `make run`, the docs and the tests.

Sync workers read each request in the worker itself: two clients sending a body one byte a
second kept `make run`'s two workers busy and /healthz unanswered. Uvicorn's workers read
requests on an event loop (a slow client holds a coroutine, not a worker), and Django's ASGI
handler runs each request's sync views in a thread of its own. Gunicorn still supervises the
worker processes (restarts, graceful reload), as uvicorn's deployment guide recommends."""

from __future__ import annotations

import os

worker_class = "uvicorn_worker.UvicornWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Idle keep-alive connections are closed after this many seconds (uvicorn's timeout_keep_alive).
keepalive = 5
# A worker whose event loop stops answering gunicorn's heartbeat for this long is replaced.
timeout = 30
graceful_timeout = 20
