"""The OpenAI adapter on the real SDK, against the fake OpenAI API."""

from __future__ import annotations

import pytest

from flowline.llm.errors import ProviderError, ProviderUnavailable
from flowline.llm.openai import OpenAIProvider, completion_response
from flowline.llm.provider import (
    ChatRequest,
    ChatResponse,
    Message,
    StreamEnd,
    TextDelta,
    Tool,
    ToolCall,
    ToolCallDelta,
    Usage,
    collect,
)
from flowline.llm.retry import RetryPolicy
from tests.fakes.llm_script import Call, Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.llm.conftest import Waits

WEATHER = Tool(
    "weather",
    "The weather in a city.",
    {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)


def _provider(fake: FakeOpenAI, policy: RetryPolicy, key: str = "sk-test-123456") -> OpenAIProvider:
    return OpenAIProvider("openai", base_url=fake.base_url, api_key=key, policy=policy)


def _ask(text: str = "hi", **extra: object) -> ChatRequest:
    return ChatRequest(model="gpt-4o-mini", messages=[Message("user", text)], **extra)  # type: ignore[arg-type]


async def test_chat_answers_text_with_usage(openai_fake: FakeOpenAI, policy: RetryPolicy) -> None:
    openai_fake.script(Reply(text="Hello there", input_tokens=12, output_tokens=3))
    answer = await _provider(openai_fake, policy).chat(
        ChatRequest(
            model="gpt-4o-mini",
            messages=[Message("system", "Be brief."), Message("user", "hi")],
            temperature=0.2,
            max_tokens=50,
        )
    )
    assert answer.text == "Hello there"
    assert answer.usage == Usage(12, 3)
    assert answer.finish_reason == "stop"
    sent = openai_fake.chats()[0]
    assert sent.headers["authorization"] == "Bearer sk-test-123456"
    assert sent.body["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "hi"},
    ]
    assert sent.body["temperature"] == 0.2
    assert sent.body["max_tokens"] == 50


async def test_parallel_tool_calls_both_ways(openai_fake: FakeOpenAI, policy: RetryPolicy) -> None:
    openai_fake.script(
        Reply(calls=[Call("weather", {"city": "Oslo"}), Call("weather", {"city": "Rome"})]),
        Reply(text="Cold in Oslo, warm in Rome."),
    )
    provider = _provider(openai_fake, policy)
    first = await provider.chat(_ask("weather?", tools=[WEATHER]))
    assert first.finish_reason == "tool_calls"
    assert first.tool_calls == (
        ToolCall("call_1", "weather", {"city": "Oslo"}),
        ToolCall("call_2", "weather", {"city": "Rome"}),
    )
    history = [
        Message("user", "weather?"),
        Message("assistant", tool_calls=first.tool_calls),
        Message("tool", "-3 C", tool_call_id="call_1", name="weather"),
        Message("tool", "24 C", tool_call_id="call_2", name="weather"),
    ]
    second = await provider.chat(ChatRequest("gpt-4o-mini", history, tools=[WEATHER]))
    assert second.text == "Cold in Oslo, warm in Rome."
    sent = openai_fake.chats()
    assert sent[0].body["tools"] == [
        {
            "type": "function",
            "function": {
                "name": "weather",
                "description": "The weather in a city.",
                "parameters": WEATHER.parameters,
            },
        }
    ]
    messages = sent[1].body["messages"]
    assert messages[1]["tool_calls"][1] == {
        "id": "call_2",
        "type": "function",
        "function": {"name": "weather", "arguments": '{"city":"Rome"}'},
    }
    assert messages[3] == {"role": "tool", "tool_call_id": "call_2", "content": "24 C"}


async def test_streaming_text_tool_calls_and_final_usage(
    openai_fake: FakeOpenAI, policy: RetryPolicy
) -> None:
    openai_fake.script(
        Reply(
            text="Let me look",
            calls=[Call("weather", {"city": "Oslo"}), Call("weather", {"city": "Rome"})],
            input_tokens=20,
            output_tokens=9,
        )
    )
    events = [e async for e in _provider(openai_fake, policy).stream(_ask(tools=[WEATHER]))]
    assert [e.text for e in events if isinstance(e, TextDelta)] == ["Let", " me", " look"]
    fragments = [e for e in events if isinstance(e, ToolCallDelta)]
    assert {e.index for e in fragments} == {0, 1}
    assert fragments[0].id == "call_1"
    assert fragments[0].name == "weather"
    assert events[-1] == StreamEnd("gpt-4o-mini", "tool_calls", Usage(20, 9))
    assert openai_fake.chats()[0].body["stream_options"] == {"include_usage": True}

    answer = await collect(_provider(openai_fake, policy).stream(_ask(tools=[WEATHER])))
    assert answer.text == "Let me look"
    assert [c.arguments for c in answer.tool_calls] == [{"city": "Oslo"}, {"city": "Rome"}]


async def test_structured_output_asks_for_the_schema(
    openai_fake: FakeOpenAI, policy: RetryPolicy
) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    openai_fake.script(Reply(text='{"n": 3}'))
    await _provider(openai_fake, policy).chat(_ask(json_schema=schema))
    assert openai_fake.chats()[0].body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "output", "schema": schema},
    }


async def test_a_refused_key_is_a_502_and_not_retried(
    openai_fake: FakeOpenAI, policy: RetryPolicy
) -> None:
    openai_fake.script(Reply(status=401, error_type="invalid_request_error", message="Bad key."))
    with pytest.raises(ProviderError) as raised:
        await _provider(openai_fake, policy).chat(_ask())
    assert raised.value.status == 502
    assert raised.value.error_code == "PROVIDER_ERROR"
    assert raised.value.provider_status == 401
    assert "Bad key." in raised.value.message
    assert len(openai_fake.chats()) == 1


async def test_server_errors_back_off_three_attempts_then_502(
    openai_fake: FakeOpenAI, policy: RetryPolicy, waits: Waits
) -> None:
    openai_fake.script(Reply(status=500))
    with pytest.raises(ProviderError):
        await _provider(openai_fake, policy).chat(_ask())
    assert len(openai_fake.chats()) == 3
    assert len(waits.seconds) == 2
    assert 0 <= waits.seconds[0] <= 0.5
    assert 0 <= waits.seconds[1] <= 1.0


async def test_a_server_error_then_success(openai_fake: FakeOpenAI, policy: RetryPolicy) -> None:
    openai_fake.script(Reply(status=503), Reply(text="ok"))
    assert (await _provider(openai_fake, policy).chat(_ask())).text == "ok"


async def test_429_waits_retry_after(
    openai_fake: FakeOpenAI, policy: RetryPolicy, waits: Waits
) -> None:
    openai_fake.script(Reply(status=429, headers={"retry-after": "7"}), Reply(text="ok"))
    assert (await _provider(openai_fake, policy).chat(_ask())).text == "ok"
    assert waits.seconds == [7.0]


async def test_429_to_the_end_is_a_503_with_retry_after(
    openai_fake: FakeOpenAI, policy: RetryPolicy, waits: Waits
) -> None:
    openai_fake.script(Reply(status=429, headers={"retry-after": "2"}))
    with pytest.raises(ProviderUnavailable) as raised:
        await _provider(openai_fake, policy).chat(_ask())
    assert raised.value.status == 503
    assert raised.value.headers == {"Retry-After": "2"}
    assert waits.seconds == [2.0, 2.0]


async def test_a_long_retry_after_is_handed_back_at_once(
    openai_fake: FakeOpenAI, policy: RetryPolicy, waits: Waits
) -> None:
    openai_fake.script(Reply(status=429, headers={"retry-after": "600"}))
    with pytest.raises(ProviderUnavailable) as raised:
        await _provider(openai_fake, policy).chat(_ask())
    assert raised.value.headers == {"Retry-After": "600"}
    assert waits.seconds == []
    assert len(openai_fake.chats()) == 1


async def test_streaming_retries_before_the_first_chunk(
    openai_fake: FakeOpenAI, policy: RetryPolicy
) -> None:
    openai_fake.script(Reply(status=500), Reply(text="fine now"))
    answer = await collect(_provider(openai_fake, policy).stream(_ask()))
    assert answer.text == "fine now"


async def test_unreachable_is_a_502(policy: RetryPolicy) -> None:
    provider = OpenAIProvider("openai", base_url="http://127.0.0.1:9/v1", policy=policy)
    with pytest.raises(ProviderError) as raised:
        await provider.chat(_ask())
    assert "could not connect" in raised.value.message


async def test_list_models(openai_fake: FakeOpenAI, policy: RetryPolicy) -> None:
    openai_fake.models = ["gpt-4o-mini", "gpt-4o"]
    assert await _provider(openai_fake, policy).list_models() == ["gpt-4o-mini", "gpt-4o"]


async def test_an_answer_that_is_not_json_is_a_502(
    openai_fake: FakeOpenAI, policy: RetryPolicy
) -> None:
    openai_fake.script(Reply(raw=b"<html>gateway</html>"))
    with pytest.raises(ProviderError, match="not JSON") as caught:
        await _provider(openai_fake, policy).chat(_ask())
    assert caught.value.status == 502


@pytest.mark.parametrize(
    ("completion", "expected"),
    [
        (None, ChatResponse("asked", "", (), Usage())),
        ({"choices": []}, ChatResponse("asked", "", (), Usage())),
        ({"model": "m", "choices": [{"message": None}]}, ChatResponse("m", "", (), Usage())),
        (
            {
                "choices": [
                    {
                        "finish_reason": "tool_calls",
                        "message": {
                            "content": None,
                            "tool_calls": [
                                {"id": "c1", "type": "custom", "custom": {"input": "x"}},
                                {"id": "c2", "function": {"name": "f", "arguments": None}},
                                {"id": "c3", "function": {"name": "g", "arguments": "[1]"}},
                            ],
                        },
                    }
                ],
                "usage": {"prompt_tokens": 5, "completion_tokens": None},
            },
            ChatResponse(
                "asked",
                "",
                (ToolCall("c2", "f", {}), ToolCall("c3", "g", {"_raw": "[1]"})),
                Usage(5, 0),
                finish_reason="tool_calls",
            ),
        ),
        (
            {"choices": [{"message": {"content": "hi"}, "finish_reason": "weird"}]},
            ChatResponse("asked", "hi", (), Usage(), finish_reason="other"),
        ),
    ],
    ids=["null", "no-choices", "null-message", "odd-tool-calls", "unknown-finish"],
)
def test_completions_of_every_shape_are_read(completion: object, expected: ChatResponse) -> None:
    assert completion_response(completion, "asked") == expected


async def test_an_error_event_in_a_stream_is_a_502(
    openai_fake: FakeOpenAI, policy: RetryPolicy
) -> None:
    first = b'data: {"model": "m", "choices": [{"index": 0, "delta": {"content": "Hel"}}]}\n\n'
    failure = b'data: {"error": {"message": "the model fell over", "type": "server_error"}}\n\n'
    openai_fake.script(Reply(raw=first + failure))
    seen: list[object] = []

    async def read() -> None:
        async for event in _provider(openai_fake, policy).stream(_ask()):
            seen.append(event)

    with pytest.raises(ProviderError, match="openai"):
        await read()
    assert seen == [TextDelta("Hel")]
