"""The Anthropic adapter on the real SDK, against the fake Messages API."""

from __future__ import annotations

import pytest

from flowline.llm.anthropic import AnthropicProvider, message_response
from flowline.llm.errors import ProviderError, ProviderUnavailable
from flowline.llm.provider import (
    ChatRequest,
    ChatResponse,
    Message,
    StreamEnd,
    TextDelta,
    Tool,
    ToolCall,
    Usage,
    collect,
)
from flowline.llm.retry import RetryPolicy
from tests.fakes.anthropic_server import FakeAnthropic, api_key
from tests.fakes.llm_script import Call, Reply
from tests.llm.conftest import Waits

LOOKUP = Tool(
    "lookup", "Find a person.", {"type": "object", "properties": {"q": {"type": "string"}}}
)
MODEL = "claude-3-5-haiku-latest"


def _provider(fake: FakeAnthropic, policy: RetryPolicy) -> AnthropicProvider:
    return AnthropicProvider(
        "anthropic", base_url=fake.base_url, api_key="sk-ant-test-9876", policy=policy
    )


def _ask(text: str = "hi") -> ChatRequest:
    return ChatRequest(MODEL, [Message("user", text)], tools=[LOOKUP])


async def test_chat_maps_system_text_and_usage(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    anthropic_fake.script(Reply(text="Hi!", input_tokens=30, output_tokens=2))
    answer = await _provider(anthropic_fake, policy).chat(
        ChatRequest(MODEL, [Message("system", "Be kind."), Message("user", "hello")])
    )
    assert (answer.text, answer.usage, answer.finish_reason) == ("Hi!", Usage(30, 2), "stop")
    sent = anthropic_fake.chats()[0]
    assert api_key(sent.headers) == "sk-ant-test-9876"
    assert "anthropic-version" in sent.headers
    assert sent.body["system"] == "Be kind."
    assert sent.body["messages"] == [{"role": "user", "content": "hello"}]
    assert sent.body["max_tokens"] == 4096


async def test_parallel_tool_use_both_ways(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    anthropic_fake.script(
        Reply(text="Looking.", calls=[Call("lookup", {"q": "ada"}), Call("lookup", {"q": "bob"})]),
        Reply(text="Found both."),
    )
    provider = _provider(anthropic_fake, policy)
    first = await provider.chat(_ask("who?"))
    assert first.finish_reason == "tool_calls"
    assert first.text == "Looking."
    assert first.tool_calls == (
        ToolCall("toolu_01", "lookup", {"q": "ada"}),
        ToolCall("toolu_02", "lookup", {"q": "bob"}),
    )
    history = [
        Message("user", "who?"),
        Message("assistant", "Looking.", tool_calls=first.tool_calls),
        Message("tool", "Ada L.", tool_call_id="toolu_01", name="lookup"),
        Message("tool", "Bob M.", tool_call_id="toolu_02", name="lookup"),
    ]
    assert (await provider.chat(ChatRequest(MODEL, history, tools=[LOOKUP]))).text == "Found both."
    sent = anthropic_fake.chats()
    assert sent[0].body["tools"] == [
        {"name": "lookup", "description": "Find a person.", "input_schema": LOOKUP.parameters}
    ]
    turns = sent[1].body["messages"]
    assert turns[1] == {
        "role": "assistant",
        "content": [
            {"type": "text", "text": "Looking."},
            {"type": "tool_use", "id": "toolu_01", "name": "lookup", "input": {"q": "ada"}},
            {"type": "tool_use", "id": "toolu_02", "name": "lookup", "input": {"q": "bob"}},
        ],
    }
    assert turns[2] == {
        "role": "user",
        "content": [
            {"type": "tool_result", "tool_use_id": "toolu_01", "content": "Ada L."},
            {"type": "tool_result", "tool_use_id": "toolu_02", "content": "Bob M."},
        ],
    }


async def test_streaming_events(anthropic_fake: FakeAnthropic, policy: RetryPolicy) -> None:
    anthropic_fake.script(
        Reply(
            text="One moment",
            calls=[Call("lookup", {"q": "ada"}), Call("lookup", {"q": "bob"})],
            input_tokens=40,
            output_tokens=15,
        )
    )
    events = [e async for e in _provider(anthropic_fake, policy).stream(_ask())]
    assert [e.text for e in events if isinstance(e, TextDelta)] == ["One", " moment"]
    assert events[-1] == StreamEnd(MODEL, "tool_calls", Usage(40, 15))
    answer = await collect(_provider(anthropic_fake, policy).stream(_ask()))
    assert [(c.id, c.arguments) for c in answer.tool_calls] == [
        ("toolu_01", {"q": "ada"}),
        ("toolu_02", {"q": "bob"}),
    ]


async def test_json_schema_goes_into_the_system_prompt(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    anthropic_fake.script(Reply(text="{}"))
    await _provider(anthropic_fake, policy).chat(
        ChatRequest(MODEL, [Message("user", "x")], json_schema={"type": "object"})
    )
    assert '{"type":"object"}' in anthropic_fake.chats()[0].body["system"]


async def test_overloaded_waits_retry_after_then_succeeds(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy, waits: Waits
) -> None:
    anthropic_fake.script(Reply(status=529, headers={"retry-after": "3"}), Reply(text="ok"))
    assert (await _provider(anthropic_fake, policy).chat(_ask())).text == "ok"
    assert waits.seconds == [3.0]


async def test_rate_limited_to_the_end_is_a_503(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    anthropic_fake.script(Reply(status=429, headers={"retry-after": "4"}))
    with pytest.raises(ProviderUnavailable) as raised:
        await _provider(anthropic_fake, policy).chat(_ask())
    assert raised.value.headers == {"Retry-After": "4"}
    assert raised.value.error_code == "PROVIDER_UNAVAILABLE"
    assert len(anthropic_fake.chats()) == 3


async def test_a_bad_request_is_a_502_once(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    anthropic_fake.script(Reply(status=400, message="messages: field required"))
    with pytest.raises(ProviderError) as raised:
        await _provider(anthropic_fake, policy).chat(_ask())
    assert "messages: field required" in raised.value.message
    assert len(anthropic_fake.chats()) == 1


async def test_list_models(anthropic_fake: FakeAnthropic, policy: RetryPolicy) -> None:
    anthropic_fake.models = ["claude-sonnet-4-0"]
    assert await _provider(anthropic_fake, policy).list_models() == ["claude-sonnet-4-0"]


async def test_an_answer_that_is_not_json_is_a_502(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    anthropic_fake.script(Reply(raw=b"<html>gateway</html>"))
    with pytest.raises(ProviderError, match="not JSON"):
        await _provider(anthropic_fake, policy).chat(_ask())


async def test_an_error_event_in_a_stream_is_a_502(
    anthropic_fake: FakeAnthropic, policy: RetryPolicy
) -> None:
    start = b'event: message_start\ndata: {"type": "message_start", "message": {"model": "m"}}\n\n'
    text = (
        b"event: content_block_delta\n"
        b'data: {"type": "content_block_delta", "index": 0,'
        b' "delta": {"type": "text_delta", "text": "Hel"}}\n\n'
    )
    failure = b'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error"}}\n\n'
    anthropic_fake.script(Reply(raw=start + text + failure))
    seen: list[object] = []

    async def read() -> None:
        async for event in _provider(anthropic_fake, policy).stream(_ask()):
            seen.append(event)

    with pytest.raises((ProviderError, ProviderUnavailable)):
        await read()
    assert seen == [TextDelta("Hel")]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (None, ChatResponse("asked", "", (), Usage())),
        ({"content": None, "model": "m"}, ChatResponse("m", "", (), Usage())),
        (
            {
                "content": [
                    {"type": "text", "text": "a"},
                    "junk",
                    {"type": "tool_use", "id": "t1", "name": "f", "input": None},
                    {"type": "thinking", "thinking": "..."},
                    {"type": "text", "text": "b"},
                ],
                "stop_reason": "tool_use",
                "usage": {"input_tokens": 3, "cache_read_input_tokens": 2, "output_tokens": 4},
            },
            ChatResponse(
                "asked", "ab", (ToolCall("t1", "f", {}),), Usage(5, 4), finish_reason="tool_calls"
            ),
        ),
        (
            {"content": [], "stop_reason": "something_new"},
            ChatResponse("asked", "", (), Usage(), finish_reason="other"),
        ),
    ],
    ids=["null", "no-content", "mixed-blocks", "unknown-stop"],
)
def test_messages_of_every_shape_are_read(message: object, expected: ChatResponse) -> None:
    assert message_response(message, "asked") == expected
