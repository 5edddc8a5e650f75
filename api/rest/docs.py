"""The OpenAPI document of the REST API and a readable page made from it, both served from
here: no script, font or stylesheet from anywhere else. Neither needs a key."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views import View
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api.rest.schema import RestSchemaGenerator
from safe_spaces.hsds import EXTENSIONS, HSDS_VERSION

METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def openapi_schema() -> dict[str, Any]:
    """The OpenAPI document, generated once per process: it depends on the code only."""
    return RestSchemaGenerator().get_schema(request=None, public=True)


class SchemaView(SpectacularAPIView):
    """``/api/v1/schema/``: YAML, or JSON with ``?format=json``."""

    def _get_schema_response(self, request: Request) -> Response:
        response = Response(openapi_schema())
        response["Cache-Control"] = "public, max-age=3600"
        return response


# --- The readable page -----------------------------------------------------------------------


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_label(schema: dict[str, Any] | None) -> str:
    """A short, readable type: "string (uuid)", "array of Phone", "Error or null"."""
    if not schema:
        return "any"
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    for combinator in ("allOf", "oneOf", "anyOf"):
        if combinator in schema:
            return " or ".join(type_label(part) for part in schema[combinator])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        label = f"array of {type_label(schema.get('items'))}"
    elif kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        label = "object" if extra is True else f"object of {type_label(extra)}"
    else:
        label = kind
    if schema.get("format"):
        label += f" ({schema['format']})"
    if schema.get("enum"):
        label += ": " + ", ".join(json.dumps(value) for value in schema["enum"])
    if schema.get("nullable"):
        label += " or null"
    return label


def _limits(schema: dict[str, Any]) -> str:
    parts = []
    for key, label in (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("maxLength", "at most characters:"),
        ("default", "default"),
    ):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    return ", ".join(parts)


def _properties(schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": type_label(prop),
            "ref": _ref_name(prop["$ref"]) if "$ref" in prop else None,
            "required": name in required,
            "read_only": prop.get("readOnly", False),
            "description": prop.get("description", ""),
            "limits": _limits(prop),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def _content(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "media_type": media_type,
            "type": type_label(body.get("schema")),
            "ref": _ref_name(body["schema"]["$ref"]) if "$ref" in body.get("schema", {}) else None,
        }
        for media_type, body in content.items()
    ]


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody")
            result.append(
                {
                    "anchor": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tags": operation.get("tags", []),
                    "needs_key": bool(operation.get("security")),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": type_label(parameter.get("schema")),
                            "limits": _limits(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "request_body": _content(body.get("content", {})) if body else [],
                    "responses": [
                        {
                            "status": status,
                            "description": response.get("description", ""),
                            "content": _content(response.get("content", {})),
                        }
                        for status, response in sorted(operation.get("responses", {}).items())
                    ],
                }
            )
    return result


def components(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "description": component.get("description", ""),
            "type": type_label(component) if "properties" not in component else "object",
            "properties": _properties(component),
        }
        for name, component in sorted(schema.get("components", {}).get("schemas", {}).items())
    ]


class DocsView(View):
    """``/api/v1/docs/``: every endpoint, parameter and answer, and the HSDS profile."""

    def get(self, request: HttpRequest) -> HttpResponse:
        schema = openapi_schema()
        response = TemplateResponse(
            request,
            "api/rest/docs.html",
            {
                "info": schema.get("info", {}),
                "operations": operations(schema),
                "components": components(schema),
                "hsds_version": HSDS_VERSION,
                "extensions": [
                    {
                        "object": obj,
                        "name": name,
                        "type": spec["type"],
                        "description": spec["description"],
                    }
                    for obj, fields in EXTENSIONS.items()
                    for name, spec in fields.items()
                ],
            },
        )
        response["Cache-Control"] = "public, max-age=3600"
        return response
