"""/api/docs: Swagger UI from this site's own static files.

django-ninja serves Swagger UI locally only when "ninja" is an installed app, and that app brings
8 MB of static files (ReDoc and source maps included) that every collectstatic would copy and
compress; this page needs two of them, kept under static/stackwise/vendor/swagger-ui/. The page
is started by a static script (api-docs.js): the site's CSP runs no inline script."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class SwaggerFromOwnStatic(Swagger):
    """Swagger UI rendered from the site's template and static files, never a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, "api_docs.html", {"api": api, "swagger_settings": settings})
