"""The lab's routes; DATA_ACCESS=raw serves the database endpoints with SQL instead of the ORM."""

import os

from django.urls import path

from labapp import raw, views

data = raw if os.environ.get("DATA_ACCESS", "orm") == "raw" else views

urlpatterns = [
    path("json", views.json_view),
    path("plaintext", views.plaintext),
    path("db", data.db),
    path("queries", data.queries),
    path("updates", data.updates),
    path("fortunes", data.fortunes),
    path("saas/dashboard", data.dashboard),
    path("upstream", views.upstream_view),
]
