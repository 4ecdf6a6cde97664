"""gunicorn for the lab's Django app: sync workers, one per WORKERS, on loopback."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8080')}"
workers = int(os.environ.get("WORKERS", "1"))
worker_class = "sync"
accesslog = None
loglevel = "warning"
