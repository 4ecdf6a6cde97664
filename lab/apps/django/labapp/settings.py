"""Settings for the lab's Django app: an API with no sessions, admin or CSRF it would not use."""

import os
from urllib.parse import urlsplit

_db = urlsplit(os.environ["DATABASE_URL"])
SECRET_KEY = "lab-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
INSTALLED_APPS = ["channels", "labapp"]
MIDDLEWARE = []
ROOT_URLCONF = "labapp.urls"
ASGI_APPLICATION = "labapp.asgi.application"
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.path.lstrip("/"),
        "USER": _db.username or "",
        "PASSWORD": _db.password or "",
        "HOST": _db.hostname or "127.0.0.1",
        "PORT": str(_db.port or 5432),
        # Each gthread thread holds one connection and keeps it open between requests, so the
        # process's connections are its THREADS (Django has no pool of its own).
        "CONN_MAX_AGE": None,
    }
}
USE_TZ = True
DEFAULT_CHARSET = "utf-8"
