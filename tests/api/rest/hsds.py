"""Validation against the HSDS 3.1 compiled schemas, made strict like the specification's
own checks: no object may carry a property its schema doesn't declare, except the extensions
the Equalcity profile declares (``safe_spaces.hsds.EXTENSIONS``)."""

import copy
import datetime
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

from safe_spaces.hsds import EXTENSIONS

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"


def strict(schema: Any) -> Any:
    """A copy of ``schema`` with ``additionalProperties: false`` on every object schema, and
    the profile's extensions declared on the objects they extend."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        properties = node.get("properties")
        if isinstance(properties, dict):
            node["additionalProperties"] = False
            properties.update(copy.deepcopy(EXTENSIONS.get(str(node.get("name")), {})))
            for value in properties.values():
                walk(value)
        for key in ("items", "allOf", "anyOf", "oneOf", "definitions", "$defs"):
            if key in node:
                walk(node[key] if key not in ("definitions", "$defs") else list(node[key].values()))

    walk(schema)
    return schema


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("date-time")(_date_time)
    checker.checks("uri")(_uri)
    return checker


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(strict(schema), format_checker=format_checker())


def hsds_errors(data: dict, name: str = "service") -> list[str]:
    """Every reason ``data`` is not a valid (strict) HSDS object; empty when it is."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator(name).iter_errors(data)
    ]
