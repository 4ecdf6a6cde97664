"""Root URLs: pages, assessments, booking, the API and the admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic.base import RedirectView

from stackwise.web.api import api
from stackwise.web.health import health
from stackwise.web.pages import views as pages

admin.site.site_header = "stackwise administration"
admin.site.site_title = "stackwise admin"

urlpatterns = [
    path("", pages.home, name="home"),
    path("compare/", pages.compare, name="compare"),
    path("evidence/", pages.evidence, name="evidence"),
    path("evidence/charts/<str:name>", pages.evidence_chart, name="evidence-chart"),
    path("evidence/apps/<str:app>/", pages.evidence_source, name="evidence-source"),
    path("", include("stackwise.web.assessments.urls")),
    path("", include("stackwise.booking.urls")),
    path("healthz", health, name="health"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url="/static/stackwise/favicon.svg", permanent=True)),
]
