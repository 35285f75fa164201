"""The echo model's structured answer is valid under any JSON Schema it is given.

``hypothesis-jsonschema`` is not installed, so schemas are drawn from a strategy
over the shapes that matter: objects with required properties, arrays with
``minItems`` (and ``uniqueItems``), enums, const, oneOf/anyOf/allOf, strings with
formats, patterns and lengths, number ranges (open and closed, ``multipleOf``),
type lists and nested ``$ref`` s. Each drawn schema is satisfiable by
construction; the value made for it, from any text, must be valid (formats
checked too).
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowline.llm.echo import EchoProvider
from flowline.llm.provider import ChatRequest, Message
from flowline.llm.schema_instance import instance, regex_example
from tests.postgres import PG_URL

# Pure logic, no database: the SQLite pass covers it, the PostgreSQL pass need not repeat it.
pytestmark = pytest.mark.skipif(PG_URL is not None, reason="database-independent; runs on SQLite")

PATTERNS = [
    r"^[a-z][a-z0-9_]{0,63}$",
    r"^\d{3}-\d{4}$",
    r"^[A-Z]{2,3}$",
    r"^(foo|bar)+$",
    r"^\w+@\w+\.\w{2,}$",
    r"^[^\s]+$",
    r"^v\d+\.\d+\.\d+$",
    r"^#[0-9a-fA-F]{6}$",
    r"[a-z]",
    r"^(?:https?)://[a-z]+\.(com|org)/?$",
    r"^[^abc0-9]{2}x?$",
    r"^(a)(b)\1\2$",
]
FORMATS = ["date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.text(max_size=8),
)
NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)


@st.composite
def strings(draw: st.DrawFn) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    shape = draw(st.sampled_from(["plain", "lengths", "pattern", "format"]))
    if shape == "lengths":
        low = draw(st.integers(0, 20))
        schema["minLength"] = low
        if draw(st.booleans()):
            schema["maxLength"] = low + draw(st.integers(0, 20))
    elif shape == "pattern":
        schema["pattern"] = draw(st.sampled_from(PATTERNS))
    elif shape == "format":
        schema["format"] = draw(st.sampled_from(FORMATS))
    return schema


@st.composite
def numbers(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["integer", "number"]))
    schema: dict[str, Any] = {"type": kind}
    step = draw(st.sampled_from([None, 1, 2, 5, 0.5, 0.25, 0.1, 3]))
    if step is not None:
        schema["multipleOf"] = step
    low = draw(st.integers(-500, 500) | st.floats(-500, 500).map(lambda f: round(f, 2)))
    room = max(4.0, 4 * float(step or 1))  # a multiple always fits inside
    high = low + room + draw(st.integers(0, 100))
    if draw(st.booleans()):
        schema["exclusiveMinimum" if draw(st.booleans()) else "minimum"] = low
    if draw(st.booleans()):
        schema["exclusiveMaximum" if draw(st.booleans()) else "maximum"] = high
    return schema


def leaves() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        strings(),
        numbers(),
        st.just({"type": "boolean"}),
        st.just({"type": "null"}),
        st.lists(SCALARS, min_size=1, max_size=4, unique_by=orjson.dumps).map(
            lambda values: {"enum": values}
        ),
        SCALARS.map(lambda value: {"const": value}),
        st.sampled_from([["string", "null"], ["null", "integer"], ["boolean", "string"]]).map(
            lambda kinds: {"type": kinds}
        ),
        st.just({}),
    )


def composites(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    @st.composite
    def objects(draw: st.DrawFn) -> dict[str, Any]:
        properties = draw(st.dictionaries(NAMES, children, max_size=4))
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        names = sorted(properties)
        schema["required"] = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
        additional = draw(st.sampled_from([None, False, True, {"type": "integer"}]))
        if additional is not None:
            schema["additionalProperties"] = additional
        if draw(st.booleans()):
            most = len(names) if additional is False else len(names) + 2
            schema["minProperties"] = draw(st.integers(0, most))
        return schema

    @st.composite
    def arrays(draw: st.DrawFn) -> dict[str, Any]:
        unique = draw(st.booleans())
        items = draw(
            st.sampled_from([{"type": "string"}, {"type": "integer"}]) if unique else children
        )
        least = draw(st.integers(0, 4))
        schema: dict[str, Any] = {"type": "array", "items": items, "minItems": least}
        if unique:
            schema["uniqueItems"] = True
        if draw(st.booleans()):
            schema["maxItems"] = least + draw(st.integers(0, 3))
        return schema

    distinct = st.sampled_from(
        [
            [{"type": "string"}, {"type": "integer"}],
            [{"type": "object", "required": ["a"]}, {"type": "array"}],
            [{"type": "integer", "maximum": 0}, {"type": "integer", "minimum": 1}],
        ]
    )
    return st.one_of(
        objects(),
        arrays(),
        distinct.map(lambda branches: {"oneOf": branches}),
        st.lists(children, min_size=1, max_size=3).map(lambda branches: {"anyOf": branches}),
        st.tuples(NAMES, children, NAMES, children).map(
            lambda t: (
                {
                    "allOf": [
                        {"type": "object", "properties": {t[0]: t[1]}, "required": [t[0]]},
                        {"properties": {t[2]: t[3]}, "required": [t[2]]},
                    ]
                }
                if t[0] != t[2]
                else {"type": "object"}
            )
        ),
    )


NESTED = st.recursive(leaves(), composites, max_leaves=12)
SCHEMAS = st.one_of(
    NESTED,
    # refs resolve against the document's root, so definitions live there
    NESTED.map(
        lambda child: {
            "$defs": {"node": {"$ref": "#/$defs/leaf"}, "leaf": child},
            "$ref": "#/$defs/node",
        }
    ),
    NESTED.map(
        lambda child: {
            "$defs": {"item": child},
            "type": "object",
            "properties": {"list": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
            "required": ["list"],
        }
    ),
)


def validator(schema: Any) -> Any:
    return jsonschema_rs.validator_for(schema, validate_formats=True)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=SCHEMAS, text=st.text(max_size=60))
def test_the_value_made_fits_the_schema(schema: dict[str, Any], text: str) -> None:
    value = instance(schema, text)
    errors = [e.message for e in validator(schema).iter_errors(value)]
    assert not errors, (value, errors)
    assert instance(schema, text) == value  # the same every time


@settings(max_examples=100, deadline=None)
@given(schema=SCHEMAS, text=st.text(max_size=60))
async def test_echo_answers_json_of_the_schema(schema: dict[str, Any], text: str) -> None:
    request = ChatRequest("echo", [Message("user", text)], json_schema=schema)
    answer = await EchoProvider().chat(request)
    assert validator(schema).is_valid(orjson.loads(answer.text)), answer.text


async def test_json_the_user_gives_is_kept_only_when_it_fits() -> None:
    schema = {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}
    fits = await EchoProvider().chat(
        ChatRequest("echo", [Message("user", '{"q": "x"}')], json_schema=schema)
    )
    assert fits.text == '{"q": "x"}'
    for text in ("42", '"quoted"', "[1, 2]", '{"other": 1}', "null"):
        answer = await EchoProvider().chat(
            ChatRequest("echo", [Message("user", text)], json_schema=schema)
        )
        assert orjson.loads(answer.text) == {"q": text}


def test_shortest_matches_of_patterns() -> None:
    for pattern in PATTERNS:
        made = regex_example(pattern)
        assert made is not None, pattern
        assert jsonschema_rs.validator_for({"pattern": pattern}).is_valid(made)
    assert regex_example(r"^\d{3}-\d{4}$") == "000-0000"
    assert regex_example("(unclosed") is None
