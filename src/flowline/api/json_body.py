"""A JSON body is read strictly: a value of another JSON type than the schema's is refused.

Pydantic's lax reading turns ``"1"`` into an integer, ``"true"`` or ``1`` into a
boolean and a number (or a number written as text) into a date, all of which the
OpenAPI document (``integer``, ``boolean``, a ``date-time`` string) calls
invalid. Every route's JSON body parameters are read with a copy of their
validator in which:

- integers, numbers, booleans and strings accept only their own JSON type (an
  integer is a number too, and a number without a fractional part, ``7.0``, is
  an integer, as JSON Schema says);
- dates, times and durations accept only a string, and a date (or a date and
  time) only one that starts as a date does (``2026-01-31``), not a number of
  seconds;
- an enum accepts only a value of its members' type.

Query parameters, headers and cookies arrive as text, and are read from it as
before (``?limit=5``) but for that rule on dates. Form fields are left alone.
The models themselves are untouched: code building them reads them as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from fastapi import params
from fastapi._compat import ModelField
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, _effective_route_context_var
from pydantic import ValidationError
from pydantic_core import CoreSchema, SchemaValidator

_SCALARS = frozenset({"int", "float", "bool", "str"})
_TEXT = {
    "datetime": r"^\d{4}-\d{2}-\d{2}",
    "date": r"^\d{4}-\d{2}-\d{2}",
    "time": None,
    "timedelta": None,
}
"""Types JSON writes as strings, and the pattern such a string must match."""
_NOT_SCHEMAS = frozenset(
    {
        "metadata",
        "serialization",
        "default",
        "expected",
        "cls",
        "function",
        "members",
        "config",
        "custom_error_context",
    }
)
"""Keys of a core schema whose values are not schemas (Python values, functions)."""
_MAPPINGS = frozenset({"fields", "choices"})
"""Keys of a core schema whose values may map names (of fields, of tags) to schemas."""


def _whole(value: Any) -> Any:
    """A float without a fractional part as the integer it is (JSON Schema's
    ``integer`` takes ``7.0``); any other value as it is."""
    return int(value) if type(value) is float and value.is_integer() else value


def _integral(node: dict[str, Any]) -> dict[str, Any]:
    function = {"type": "no-info", "function": _whole}
    return {"type": "function-before", "function": function, "schema": node}


def _labelled(choice: Any) -> Any:
    if isinstance(choice, dict) and choice.get("function", {}).get("function") is _whole:
        return (choice, "int")
    return choice


def _strict_node(node: dict[str, Any], text: bool) -> dict[str, Any]:
    kind = node.get("type")
    if not isinstance(kind, str):
        return node
    if kind in _TEXT:
        string = {"type": "str", "strict": True, "pattern": _TEXT[kind]}
        return {"type": "chain", "steps": [{k: v for k, v in string.items() if v}, node]}
    if text:
        return node
    if kind == "int":
        return _integral({**node, "strict": True})
    if kind == "union":  # an error names the branch: an integer's, as before
        return {**node, "choices": [_labelled(choice) for choice in node["choices"]]}
    if kind in _SCALARS:
        return {**node, "strict": True}
    if kind == "enum" and node.get("sub_type") in _SCALARS:
        return {"type": "chain", "steps": [{"type": node["sub_type"], "strict": True}, node]}
    return node


def strict_schema(schema: Any, *, text: bool = False) -> Any:
    """A copy of a core schema with its scalars strict, as the module says; with
    ``text``, for values read from text, with only the rule on dates."""
    if isinstance(schema, list | tuple):
        return type(schema)(strict_schema(item, text=text) for item in schema)
    if not isinstance(schema, dict):
        return schema
    return _strict_node({k: _strict_value(k, v, text) for k, v in schema.items()}, text)


def _strict_value(key: str, value: Any, text: bool) -> Any:
    if key in _NOT_SCHEMAS:
        return value
    if key in _MAPPINGS and isinstance(value, dict):
        return {name: strict_schema(item, text=text) for name, item in value.items()}
    return strict_schema(value, text=text)


def _models(schema: Any) -> Iterator[type]:
    """The model and dataclass classes a core schema builds."""
    if isinstance(schema, list | tuple):
        for item in schema:
            yield from _models(item)
    elif isinstance(schema, dict):
        if schema.get("type") in ("model", "dataclass"):
            yield schema["cls"]
        for key, value in schema.items():
            if key in _MAPPINGS and isinstance(value, dict):
                yield from _models(list(value.values()))
            elif key not in _NOT_SCHEMAS:
                yield from _models(value)


@contextmanager
def _without_prebuilt(classes: Iterable[type]) -> Iterator[None]:
    """While a validator is built, have it build the given classes from the schema
    it is given: pydantic-core otherwise reuses a complete class's own validator for
    it (a lax one), whatever the schema says."""
    complete = [c for c in set(classes) if c.__dict__.get("__pydantic_complete__")]
    for cls in complete:
        cls.__pydantic_complete__ = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for cls in complete:
            cls.__pydantic_complete__ = True  # type: ignore[attr-defined]


def strict_validator(schema: CoreSchema, *, text: bool = False) -> SchemaValidator:
    """A validator of ``schema`` with its scalars strict (see :func:`strict_schema`)."""
    with _without_prebuilt(_models(schema)):
        return SchemaValidator(strict_schema(schema, text=text))


class JsonBodyField(ModelField):
    """A body parameter read with a strict copy of its validator."""

    text: ClassVar[bool] = False

    def __post_init__(self) -> None:
        super().__post_init__()
        self._strict = strict_validator(self._type_adapter.core_schema, text=self.text)

    @classmethod
    def changes(cls, field: ModelField) -> bool:
        """Whether the field would be read otherwise than it is."""
        schema = field._type_adapter.core_schema
        return bool(strict_schema(schema, text=cls.text) != schema)

    def validate(
        self,
        value: Any,
        values: dict[str, Any] | None = None,
        *,
        loc: tuple[int | str, ...] = (),
    ) -> tuple[Any, list[dict[str, Any]]]:
        try:
            return self._strict.validate_python(value, from_attributes=True), []
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            return None, [{**error, "loc": (*loc, *error["loc"])} for error in errors]


class TextParamField(JsonBodyField):
    """A query parameter, header or cookie: read from text, dates only strict."""

    text: ClassVar[bool] = True


def _replace(fields: list[ModelField], kind: type[JsonBodyField]) -> None:
    for index, field in enumerate(fields):
        info = field.field_info
        if isinstance(info, params.Form) or isinstance(field, JsonBodyField):
            continue
        if not kind.changes(field):
            continue
        fields[index] = kind(field_info=info, name=field.name, mode=field.mode, config=field.config)


def _strict(dependant: Dependant) -> None:
    _replace(dependant.body_params, JsonBodyField)
    for fields in (dependant.query_params, dependant.header_params, dependant.cookie_params):
        _replace(fields, TextParamField)
    for sub in dependant.dependencies:
        _strict(sub)


def strict_json_bodies(route: APIRoute) -> None:
    """Make strict the JSON body parameters of the handler about to be built (from
    ``APIRoute.get_route_handler``): the route's own, or those of its inclusion in a
    router, which FastAPI (0.165) builds anew for each inclusion."""
    context = _effective_route_context_var.get()
    if context is not None and context.original_route is route:
        assert context.dependant is not None
        _strict(context.dependant)
    else:
        _strict(route.dependant)
