"""The JSON API (django-ninja): one NinjaAPI, with a router per part of the site."""

from __future__ import annotations

import copy
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from stackwise.advisor.errors import describe_errors
from stackwise.booking.api import router as booking_router
from stackwise.web.api_docs import SwaggerFromOwnStatic
from stackwise.web.assessments.api import router as assessments_router


def _inlined(schema: Any, components: dict[str, Any]) -> Any:
    """`schema` with every reference to an object schema replaced by a copy of that schema."""
    if isinstance(schema, list):
        return [_inlined(item, components) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref", "")
    target = components.get(ref.removeprefix("#/components/schemas/"))
    if target is not None and "properties" in target:
        return _inlined(copy.deepcopy(target), components)
    return {key: _inlined(value, components) for key, value in schema.items()}


class StackwiseAPI(NinjaAPI):
    """NinjaAPI that keeps each error's input, so messages can quote it and suggest a fix, and
    writes an OpenAPI document that client generators read as the API behaves."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The view's own name (create_assessment), which generated clients name functions by."""
        return str(operation.view_func.__name__)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """Request bodies written out in place: openapi-typescript makes every field with a default
        required unless it sits under a request body, so a shared component would force clients to
        send fields the API fills in (team.size, deployment, ...)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema["components"]["schemas"]
        for operations in schema["paths"].values():
            for operation in operations.values():
                for media in operation.get("requestBody", {}).get("content", {}).values():
                    media["schema"] = _inlined(media["schema"], components)
        return schema

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            for error in context.pydantic_validation_error.errors(include_url=False):
                loc = model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                errors.append({**error, "loc": (model.__ninja_param_source__, *loc)})
        return ValidationError(errors)


api = StackwiseAPI(
    title="stackwise API",
    version="1",
    description=(
        "Assess a project profile and read the recommendation, the comparison factors and the "
        "knowledge behind them. Field errors come back as 422 with "
        '`{"detail": [{"field": "team.size", "message": "..."}]}`.'
    ),
    urls_namespace="api",
    # No deep links: Swagger UI then draws each operation's path as text, not as a link nested
    # inside the operation's button (a keyboard and screen-reader trap axe reports).
    docs=SwaggerFromOwnStatic(settings={"deepLinking": False}),
)
api.add_router("", assessments_router)
api.add_router("", booking_router)


@api.exception_handler(ValidationError)
def field_errors(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Ninja's validation errors in the advisor's words: which field, what is allowed."""
    errors = []
    for error in exc.errors:
        loc = tuple(error.get("loc", ()))
        if loc and loc[0] in {"body", "query", "path"}:
            loc = loc[1:]
            if loc and loc[0] in {"profile", "payload", "data"}:
                loc = loc[1:]
        errors.append({**error, "loc": loc})
    detail = [{"field": p.field, "message": p.message} for p in describe_errors(errors)]
    return api.create_response(request, {"detail": detail}, status=422)
