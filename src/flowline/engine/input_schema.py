"""Checking a run's input against the start node's ``input_schema``."""

from __future__ import annotations

import functools
from typing import Any

import jsonschema_rs
import orjson

MAX_PROBLEMS = 20


@functools.lru_cache(maxsize=256)
def _validator(schema_json: bytes) -> Any:
    return jsonschema_rs.validator_for(orjson.loads(schema_json))


def input_problems(schema: dict[str, Any], value: Any) -> list[dict[str, str]]:
    """Each way ``value`` breaks ``schema``, as ``{field, problem}`` (``input.a.b``)."""
    try:
        validator = _validator(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS))
    except (jsonschema_rs.ValidationError, ValueError) as exc:
        return [{"field": "input_schema", "problem": f"not a usable JSON Schema: {exc}"}]
    problems = []
    for error in validator.iter_errors(value):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        problems.append({"field": f"input{path}", "problem": error.message})
        if len(problems) == MAX_PROBLEMS:
            break
    return problems
