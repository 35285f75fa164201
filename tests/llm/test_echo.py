"""The built-in offline model."""

from __future__ import annotations

import orjson

from flowline.llm.echo import EchoProvider, instance
from flowline.llm.provider import (
    ChatRequest,
    Message,
    StreamEnd,
    TextDelta,
    Tool,
    ToolCall,
    Usage,
    collect,
)

ADD = Tool("add", "Add numbers.", {"type": "object"})


async def test_echoes_the_last_user_message() -> None:
    request = ChatRequest("echo", [Message("system", "be nice"), Message("user", "hello world")])
    answer = await EchoProvider().chat(request)
    assert answer.text == "echo: hello world"
    assert answer.usage == Usage(input_tokens=4, output_tokens=3)
    assert answer.finish_reason == "stop"
    assert await EchoProvider().chat(request) == answer


async def test_streams_word_by_word() -> None:
    events = [e async for e in EchoProvider().stream(ChatRequest("echo", [Message("user", "a b")]))]
    assert events[:-1] == [TextDelta("echo:"), TextDelta(" a"), TextDelta(" b")]
    assert events[-1] == StreamEnd("echo", "stop", Usage(2, 3))


async def test_calls_tools_when_told_then_summarises_the_results() -> None:
    said = 'call add {"a": 1, "b": 2}\ncall add {"a": 3, "b": 4}'
    first = await EchoProvider().chat(ChatRequest("echo", [Message("user", said)], tools=[ADD]))
    assert first.finish_reason == "tool_calls"
    assert first.tool_calls == (
        ToolCall("call_echo_1", "add", {"a": 1, "b": 2}),
        ToolCall("call_echo_2", "add", {"a": 3, "b": 4}),
    )
    history = [
        Message("user", said),
        Message("assistant", tool_calls=first.tool_calls),
        Message("tool", "3", tool_call_id="call_echo_1", name="add"),
        Message("tool", "7", tool_call_id="call_echo_2", name="add"),
    ]
    second = await EchoProvider().chat(ChatRequest("echo", history, tools=[ADD]))
    assert second.text == "echo: add returned 3; add returned 7"
    streamed = await collect(
        EchoProvider().stream(ChatRequest("echo", [Message("user", said)], tools=[ADD]))
    )
    assert streamed.tool_calls == first.tool_calls


async def test_says_why_it_cannot_call() -> None:
    unknown = await EchoProvider().chat(ChatRequest("echo", [Message("user", "call nope {}")]))
    assert unknown.text == "echo: no tool named nope is offered"
    bad = await EchoProvider().chat(
        ChatRequest("echo", [Message("user", "call add {oops")], tools=[ADD])
    )
    assert bad.text == "echo: the arguments for add are not JSON"


async def test_answers_json_when_a_schema_is_asked() -> None:
    schema = {"type": "object"}
    as_is = await EchoProvider().chat(
        ChatRequest("echo", [Message("user", '{"n": 1}')], json_schema=schema)
    )
    assert as_is.text == '{"n": 1}'
    wrapped = await EchoProvider().chat(
        ChatRequest("echo", [Message("user", "hi")], json_schema=schema)
    )
    assert wrapped.text == '{"echo":"hi"}'


def test_a_schema_instance_is_made_from_the_text() -> None:
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "maxLength": 12},
            "title": {"type": "string"},
            "link": {"type": "string", "format": "uri"},
            "kind": {"enum": ["a", "b"]},
            "count": {"type": "integer", "minimum": 2},
            "ok": {"type": "boolean"},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            "none": {"type": "array"},
            "picked": {"type": ["null", "string"], "default": "d"},
            "nested": {
                "type": "object",
                "properties": {"x": {"type": "number"}},
                "required": ["x"],
            },
            "free": {"type": "object"},
            "skipped": {"type": "string"},
        },
        "required": [
            "name",
            "title",
            "link",
            "kind",
            "count",
            "ok",
            "tags",
            "none",
            "picked",
            "nested",
            "free",
        ],
    }
    text = "Fetch Weather at https://api.test/w/{city}, please"
    assert instance(schema, text) == {
        "name": "fetch_weathe",
        "title": text,
        "link": "https://api.test/w/{city}",
        "kind": "a",
        "count": 2,
        "ok": False,
        "tags": [text, text],
        "none": [],
        "picked": "d",
        "nested": {"x": 0},
        "free": {"echo": text},
    }
    assert instance({"type": "string", "format": "uri"}, "no link") == "https://example.com/"


async def test_json_answers_follow_the_schema() -> None:
    schema = {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}
    answer = await EchoProvider().chat(
        ChatRequest("echo", [Message("user", "find acme")], json_schema=schema)
    )
    assert orjson.loads(answer.text) == {"query": "find acme"}
