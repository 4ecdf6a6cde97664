"""gunicorn for the lab's Django app, as gunicorn's own documentation advises for production.

`WORKERS` processes (the harness sets (2 x cores) + 1, gunicorn's documented starting point) of
the gthread worker with `THREADS` threads each (the `threads` setting's documented 2-4 x cores).
Sync workers answer `Connection: close` and serve one request at a time, which gunicorn
documents for use only behind a buffering proxy; gthread keeps client connections alive.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8080')}"
workers = int(os.environ.get("WORKERS", "1"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
keepalive = 120  # wrk, like a load balancer, reuses its connections
backlog = 2048
accesslog = None
loglevel = "warning"
