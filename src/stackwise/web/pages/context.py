"""Template context every page gets."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from stackwise import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    """The version shown in the footer."""
    return {"stackwise_version": __version__}
