"""Create bodies may come bare or wrapped in their singular name (``{"group": {...}}``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, BeforeValidator, model_validator

from flowline.db.types import check_storable_json


def unwrap(name: str) -> Any:
    """Annotated metadata: accept ``{name: {...}}`` as well as ``{...}``."""

    def _unwrap(value: Any) -> Any:
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(name), dict):
            return value[name]
        return value

    return BeforeValidator(_unwrap)


MAX_STORED_BODY_BYTES = 1024 * 1024


class StorableBody(BaseModel):
    """A body whose strings and JSON both databases must store as sent.

    PostgreSQL refuses ``\\u0000`` and lone surrogates that SQLite keeps; checking
    the whole body at the door turns those into a 422 instead of a 500.
    """

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if isinstance(value, dict | list | str):
            check_storable_json(value, MAX_STORED_BODY_BYTES)
        return value


def exactly_one_of(*fields: str) -> dict[str, Any]:
    """JSON schema for a body that must give exactly one of ``fields`` (the others
    absent or ``null``), as its validator enforces; for ``json_schema_extra``."""
    return {
        "oneOf": [
            {
                "required": [field],
                "properties": {
                    field: {"not": {"type": "null"}},
                    **{other: {"type": "null"} for other in fields if other != field},
                },
            }
            for field in fields
        ]
    }


def at_least_one_of(*fields: str, non_null: bool = False) -> dict[str, Any]:
    """JSON schema for a body that must give at least one of ``fields`` (with a value
    other than ``null`` when ``non_null``), as its validator enforces; for
    ``json_schema_extra``."""
    given: dict[str, Any] = {"not": {"type": "null"}} if non_null else {}
    return {
        "anyOf": [
            {"required": [field], **({"properties": {field: given}} if non_null else {})}
            for field in fields
        ]
    }


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema with its ``$defs`` written in place and no title, to go
    inside another schema (an ``if``/``then`` branch) without naming a model of its own."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    schema.pop("title", None)

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                found = {k: v for k, v in defs[ref.removeprefix("#/$defs/")].items()}
                found.pop("title", None)
                return resolve(found)
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


def when(field: str, value: str, then: dict[str, Any]) -> dict[str, Any]:
    """JSON schema: ``then`` applies to a body whose ``field`` is ``value`` (a field one
    kind needs, the settings of each kind); for ``allOf`` in ``json_schema_extra``."""
    return {
        "if": {"properties": {field: {"const": value}}, "required": [field]},
        "then": then,
    }


def all_of(rules: list[dict[str, Any]]) -> dict[str, Any]:
    """``json_schema_extra`` holding ``rules`` (``when`` branches) together."""
    return {"allOf": rules}
