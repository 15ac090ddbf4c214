"""Does a JSON value have the shape an OpenAPI 3.1 schema of the served document declares?

Stricter than JSON Schema's defaults on purpose: an object must carry every property its
schema declares (the API's response schemas list what the builders always send), except the
ones named in `optional` (component name -> properties sometimes left out), and, where the
schema says `additionalProperties: false`, nothing else. Covers what our documents use:
$ref, type (one or a list), enum, anyOf, properties, additionalProperties, items.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "null": (type(None),),
}


def _is(value: Any, json_type: str) -> bool:
    if isinstance(value, bool) and json_type in ("integer", "number"):
        return False
    return isinstance(value, JSON_TYPES[json_type])


def shape_errors(
    value: Any,
    schema: dict[str, Any],
    components: dict[str, Any],
    optional: Mapping[str, frozenset[str]] | None = None,
    where: str = "$",
    component: str = "",
) -> list[str]:
    """Every place where `value` departs from `schema` (empty: it fits)."""
    optional = optional or {}
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return shape_errors(value, components[name], components, optional, where, name)
    if "anyOf" in schema:
        branches = [
            shape_errors(value, branch, components, optional, where) for branch in schema["anyOf"]
        ]
        return [] if any(not errors for errors in branches) else [f"{where}: fits none of anyOf"]
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_is(value, json_type) for json_type in types):
            return [f"{where}: {type(value).__name__} {value!r:.60} is not {'/'.join(types)}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} is not one of {schema['enum']}"]
    errors: list[str] = []
    if isinstance(value, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name in properties.keys() - value.keys() - optional.get(component, frozenset()):
            errors.append(f"{where}: missing {name}")
        for name, item in value.items():
            if name in properties:
                errors += shape_errors(
                    item, properties[name], components, optional, f"{where}.{name}"
                )
            elif extra is False:
                errors.append(f"{where}: undeclared {name}")
            elif isinstance(extra, dict):
                errors += shape_errors(item, extra, components, optional, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += shape_errors(item, schema["items"], components, optional, f"{where}[{index}]")
    return errors
