"""Rewrites of FastAPI's OpenAPI document, so that generators and fuzzers read it right.

Each is a rule about the whole document, not about one route:

- a parameter is never ``null`` on the wire (absent is how it says "none"), so the
  ``null`` branch FastAPI writes for ``int | None`` is dropped from parameters;
- ``$defs`` left inside an inline schema (a model's JSON schema put in ``openapi_extra``)
  move to ``components/schemas``, where their ``$ref`` can reach them;
- two models of the same name in different modules (``MessageRead`` of channels and of
  conversations) get names and titles of their own, which client generators need;
- a model named as one of its own fields (``Cancelled`` with ``cancelled``) is renamed
  ``...Result``: generated code would give the model and the field one variable;
- errors documented in a media type other than JSON are our JSON envelope, but for
  HTML pages (approval links), whose errors are pages too;
- operation ids are the route functions' names (``create_agent``), prefixed by the
  tag where two routes share one, rather than FastAPI's name-path-method strings;
- a dictionary whose keys have a pattern (``dict[Annotated[str, pattern], V]``) is
  written by pydantic as ``patternProperties``, which lets any other key through with
  any value; the code refuses such keys, so the pattern becomes ``propertyNames`` and
  the values ``additionalProperties``;
- a JSON value Flowline stores or sends on (a run's input, a record's metadata, any
  value a schema leaves open) holds no integer past 64 bits: the engines' decoder
  would read it back as a float, so such a value is refused with 422; every open
  value (``{}``, ``additionalProperties: true``) becomes the ``JsonValue`` component,
  which says so;
- links go from each create operation (``POST /things``) to the operations on the
  record it made (``/things/{thing_id}...``), so a client or a stateful fuzzer can
  follow the id the answer holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

_METHODS = ("get", "put", "post", "delete", "patch")
_QUALIFIED = re.compile(r"^flowline__(?P<module>[a-z_]+?)__(?:[a-z_]+__)*(?P<name>[A-Za-z0-9_]+)$")
_WRAPPED = re.compile(r"^(?P<wrapper>[A-Za-z]+)_.*___\d+$")


def tidy(document: dict[str, Any]) -> dict[str, Any]:
    """Apply every rule of this module to ``document``, in place; returns it."""
    _unnull_parameters(document)
    _hoist_defs(document)
    _keyed_dicts(document)
    _unique_names(document)
    _json_errors(document)
    _short_operation_ids(document)
    _link_creates(document)
    _bounded_json(document)
    return document


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document.get("paths", {}).items():
        for method in _METHODS:
            if method in item:
                yield path, method, item[method]


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


# --- parameters ---


def _unnull_parameters(document: dict[str, Any]) -> None:
    for _, _, operation in _operations(document):
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            branches = schema.get("anyOf")
            if not branches or {"type": "null"} not in branches:
                continue
            kept = [branch for branch in branches if branch != {"type": "null"}]
            rest = {k: v for k, v in schema.items() if k not in ("anyOf", "default")}
            if len(kept) == 1:
                parameter["schema"] = {**kept[0], **rest}
            else:
                parameter["schema"] = {"anyOf": kept, **rest}


# --- $defs ---


def _hoist_defs(document: dict[str, Any]) -> None:
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for node in list(_walk(document.get("paths", {}))):
        defs = node.pop("$defs", None)
        if not defs:
            continue
        for name, schema in defs.items():
            components.setdefault(name, schema)
    for node in _walk(document):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node["$ref"] = "#/components/schemas/" + ref.removeprefix("#/$defs/")


# --- dictionaries with patterned keys ---


def _keyed_dicts(document: dict[str, Any]) -> None:
    for node in _walk(document):
        patterns = node.get("patternProperties")
        if not isinstance(patterns, dict) or len(patterns) != 1 or "properties" in node:
            continue
        if "additionalProperties" in node or "propertyNames" in node:
            continue
        ((pattern, values),) = patterns.items()
        del node["patternProperties"]
        node["propertyNames"] = {"pattern": pattern}
        node["additionalProperties"] = values


# --- names ---


def _unique_names(document: dict[str, Any]) -> None:
    """``flowline__channels__schemas__MessageRead`` becomes ``ChannelsMessageRead``; an
    envelope of it, ``Envelope_ChannelsMessageRead_``."""
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    renames: dict[str, str] = {}
    for key in schemas:
        match = _QUALIFIED.match(key)
        if match and not _WRAPPED.match(match["name"]):
            module = "".join(part.title() for part in match["module"].split("_"))
            renames[key] = module + match["name"]
    for key, schema in schemas.items():
        match = _QUALIFIED.match(key)
        wrapped = _WRAPPED.match(match["name"]) if match else None
        inner = _data_ref(schema)
        if wrapped and inner in renames:
            renames[key] = f"{wrapped['wrapper']}_{renames[inner]}_"
            schema["title"] = f"{wrapped['wrapper']}[{renames[inner]}]"
    for key, schema in schemas.items():
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()
        if snake in schema.get("properties", {}):
            renames[key] = f"{key}Result"
    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
        schemas[new].setdefault("title", new)
        if not schemas[new]["title"].startswith(new.split("_")[0]):
            schemas[new]["title"] = new
    prefix = "#/components/schemas/"
    for node in _walk(document):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.removeprefix(prefix) in renames:
            node["$ref"] = prefix + renames[ref.removeprefix(prefix)]


def _data_ref(schema: dict[str, Any]) -> str | None:
    data = schema.get("properties", {}).get("data", {})
    ref = data.get("$ref") or data.get("items", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


# --- error bodies ---


def _json_errors(document: dict[str, Any]) -> None:
    for _, _, operation in _operations(document):
        for status, response in operation.get("responses", {}).items():
            content = response.get("content", {})
            if not status.startswith(("4", "5")) or "application/json" in content:
                continue
            schemas = [media.get("schema", {}) for media in content.values()]
            errors = [s for s in schemas if s.get("$ref", "").endswith("/ErrorBody")]
            if errors and "text/html" in content:  # a page's errors are pages too
                response["content"] = {"text/html": {"schema": {"type": "string"}}}
            elif errors:
                response["content"] = {"application/json": {"schema": errors[0]}}


# --- operation ids ---


def _short_operation_ids(document: dict[str, Any]) -> None:
    found: list[tuple[dict[str, Any], str, str]] = []
    for path, method, operation in _operations(document):
        long = operation.get("operationId")
        suffix = re.sub(r"\W", "_", path) + "_" + method
        if isinstance(long, str) and long.endswith(suffix) and len(long) > len(suffix):
            tag = (operation.get("tags") or ["api"])[0]
            found.append((operation, long[: -len(suffix)], re.sub(r"\W+", "_", tag).lower()))
    counts = Counter(short for _, short, _ in found)
    chosen = [short if counts[short] == 1 else f"{tag}_{short}" for _, short, tag in found]
    taken = Counter(chosen)
    for (operation, _, _), name in zip(found, chosen, strict=True):
        if taken[name] == 1:
            operation["operationId"] = name


# --- links ---


def _link_creates(document: dict[str, Any]) -> None:
    paths: dict[str, Any] = document.get("paths", {})
    for path, item in paths.items():
        create = item.get("post")
        if create is None or "{" in path.rsplit("/", 1)[-1]:
            continue
        status, fields = _created_fields(document, create)
        if status is None:
            continue
        links = create["responses"][status].setdefault("links", {})
        for target, target_item in paths.items():
            _link_target(links, path, fields, target, target_item)


def _link_target(
    links: dict[str, Any], path: str, fields: set[str], target: str, item: dict[str, Any]
) -> None:
    rest = target.removeprefix(path + "/")
    if rest == target or not rest.startswith("{"):
        return
    param = rest[1:].split("}", 1)[0]
    field = param if param in fields else "id" if param.endswith("_id") and "id" in fields else None
    if field is None:
        return
    known = set(re.findall(r"{(\w+)}", path))
    if set(re.findall(r"{(\w+)}", target)) - known - {param}:
        return  # a deeper record this answer does not name
    for method in _METHODS:
        operation = item.get(method)
        if operation is None or "operationId" not in operation:
            continue
        parameters = {name: f"$request.path.{name}" for name in known}
        parameters[param] = f"$response.body#/data/{field}"
        links[operation["operationId"]] = {
            "operationId": operation["operationId"],
            "parameters": parameters,
        }


def _created_fields(
    document: dict[str, Any], operation: dict[str, Any]
) -> tuple[str | None, set[str]]:
    """The first success status of a create and the fields of the ``data`` it answers."""
    for status, response in operation.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        data = _resolve(document, _resolve(document, schema).get("properties", {}).get("data"))
        fields = set(data.get("properties", {}))
        return (status, fields) if fields else (None, set())
    return None, set()


def _resolve(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    while isinstance(schema, dict) and "$ref" in schema:
        schema = document["components"]["schemas"].get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema if isinstance(schema, dict) else {}


# --- open JSON values ---

JSON_VALUE = "JsonValue"
_JSON_VALUE_REF = {"$ref": f"#/components/schemas/{JSON_VALUE}"}
_INT64 = {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}
_SCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas")
_SCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_ONES = ("items", "additionalProperties", "not", "if", "then", "else", "contains")


def _json_value() -> dict[str, Any]:
    """Any JSON value whose integers fit in 64 bits, one type a branch."""
    return {
        "title": JSON_VALUE,
        "description": (
            "Any JSON value; an integer in it (at any depth) fits in 64 bits, as stored "
            "JSON must (a larger one is refused with 422)."
        ),
        "anyOf": [
            {"type": "null"},
            {"type": "boolean"},
            {"type": "string"},
            _INT64,
            # Any other number: a float is taken whatever its size (JSON Schema cannot tell
            # 1e300 from a 301-digit integer; the integer branch above is what a client
            # or fuzzer draws integers from).
            {"type": "number"},
            {"type": "array", "items": _JSON_VALUE_REF},
            {"type": "object", "additionalProperties": _JSON_VALUE_REF},
        ],
    }


def _bounded_json(document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in schemas.items():
        schemas[name] = _bounded(schema)
    for _, _, operation in _operations(document):
        for media in operation.get("requestBody", {}).get("content", {}).values():
            if "schema" in media:
                media["schema"] = _bounded(media["schema"])
    schemas[JSON_VALUE] = _json_value()


def _bounded(schema: Any) -> Any:
    """``schema`` with its open values (``{}``, ``additionalProperties: true``) made
    ``JsonValue``, looking only where the keywords hold schemas (not in examples or
    defaults)."""
    if not isinstance(schema, dict):
        return schema
    if not schema:
        return dict(_JSON_VALUE_REF)
    if schema.get("additionalProperties") is True:
        schema["additionalProperties"] = dict(_JSON_VALUE_REF)
    for key in _SCHEMA_MAPS:
        if isinstance(schema.get(key), dict):
            schema[key] = {name: _bounded(sub) for name, sub in schema[key].items()}
    for key in _SCHEMA_LISTS:
        if isinstance(schema.get(key), list):
            schema[key] = [_bounded(sub) for sub in schema[key]]
    for key in _SCHEMA_ONES:
        if isinstance(schema.get(key), dict):
            schema[key] = _bounded(schema[key])
    return schema
