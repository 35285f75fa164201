"""``/v1/responses`` through the official OpenAI SDK: a response is a chat turn."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import openai
import pytest
from openai.types.responses import Response

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.agents.conftest import SdkFor, use_fake_openai
from tests.answers import assert_openai_error
from tests.factories import Factory
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.usage.builders import put_budget

TEXT_EVENTS = [
    "response.created",
    "response.in_progress",
    "response.output_item.added",
    "response.content_part.added",
]
TEXT_END = [
    "response.output_text.done",
    "response.content_part.done",
    "response.output_item.done",
    "response.completed",
]


async def _events(stream: Any) -> list[Any]:
    return [event async for event in stream]


def _deltas(events: list[Any]) -> str:
    return "".join(e.delta for e in events if e.type == "response.output_text.delta")


async def _settled(sdk: openai.AsyncOpenAI, response_id: str, status: str) -> Response:
    """The response once its status is ``status`` (a worker takes the turn on)."""
    for _ in range(600):
        response = await sdk.responses.retrieve(response_id)
        if response.status == status:
            return response
        await asyncio.sleep(0.05)
    raise AssertionError(f"{response_id} stayed {response.status}")


async def test_a_response_streamed_and_not_tells_the_same_turn(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    sdk = sdk_for(org)

    plain = await sdk.responses.create(
        model=agent_id, input="hello there world", metadata={"ticket": "T-1"}
    )
    assert plain.id.startswith("resp_")
    assert (plain.object, plain.status, plain.model) == ("response", "completed", agent_id)
    assert plain.output_text == "echo: hello there world"
    [message] = plain.output
    assert message.type == "message"
    assert message.content[0].type == "output_text"
    assert plain.metadata == {"ticket": "T-1"}
    assert plain.usage is not None
    assert (plain.usage.input_tokens, plain.usage.output_tokens) == (3, 4)
    assert plain.usage.total_tokens == 7

    events = await _events(
        await sdk.responses.create(model=agent_id, input="hello there world", stream=True)
    )
    types = [e.type for e in events]
    assert types[:4] == TEXT_EVENTS
    assert types[-4:] == TEXT_END
    assert set(types[4:-4]) == {"response.output_text.delta"}
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert _deltas(events) == plain.output_text
    done = events[-1].response
    assert done.output_text == plain.output_text
    assert done.usage.total_tokens == plain.usage.total_tokens
    assert events[0].response.status == "in_progress"

    again = await sdk.responses.retrieve(done.id)
    assert again.status == "completed"
    assert again.output_text == plain.output_text
    assert again.output[0].id == done.output[0].id

    # Resumed after event 3: the same events, numbered as before.
    resumed = await _events(await sdk.responses.retrieve(done.id, stream=True, starting_after=3))
    assert [(e.type, e.sequence_number) for e in resumed] == [
        (e.type, e.sequence_number) for e in events[4:]
    ]
    assert _deltas(resumed) == plain.output_text
    raw = await client.get(
        f"/v1/responses/{done.id}?stream=true",
        headers={**org.headers, "Last-Event-ID": str(len(events) - 2)},
    )
    ids = [line for line in raw.text.splitlines() if line.startswith("id:")]
    assert ids == [f"id: {len(events) - 1}"]


async def test_previous_response_continues_the_conversation_with_instructions(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, instructions="Be brief.")
    sdk = sdk_for(org)
    first = await sdk.responses.create(model=agent_id, input="alpha beta gamma")
    assert first.usage is not None
    assert first.usage.input_tokens == 2 + 3  # the agent's instructions and the input
    second = await sdk.responses.create(
        model=agent_id,
        input=[{"role": "user", "content": [{"type": "input_text", "text": "delta"}]}],
        previous_response_id=first.id,
        instructions="Answer in French.",
    )
    assert second.output_text == "echo: delta"
    assert second.previous_response_id == first.id
    assert second.instructions == "Answer in French."
    assert second.usage is not None
    # The model saw both instructions, the first turn's question and answer, and "delta".
    assert second.usage.input_tokens == (2 + 3) + 3 + 4 + 1
    third = await sdk.responses.create(
        model=agent_id, input="epsilon", previous_response_id=second.id
    )
    assert third.usage is not None
    assert third.usage.input_tokens == 2 + 3 + 4 + 1 + 2 + 1  # this turn's instructions only

    fresh = await sdk.responses.create(
        model=agent_id,
        input=[
            {"role": "developer", "content": "Say little."},
            {"role": "user", "content": "one"},
            {"role": "assistant", "content": [{"type": "output_text", "text": "echo: one"}]},
            {"type": "message", "role": "user", "content": "two"},
        ],
    )
    assert fresh.output_text == "echo: two"
    assert fresh.usage is not None
    assert fresh.usage.input_tokens == 2 + 2 + 1 + 2 + 1


async def test_an_approval_makes_it_incomplete_until_answered(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org, tools=["kv_set"], approval={"kv_set": "always"})
    sdk = sdk_for(org)
    ask = 'call kv_set {"key": "r", "value": 7}'
    waiting = await sdk.responses.create(model=agent_id, input=ask)
    assert waiting.status == "incomplete"
    details = waiting.incomplete_details
    assert details is not None
    assert details.reason == "approval_required"
    [asked] = details.approvals  # type: ignore[attr-defined]
    assert (asked["tool"], asked["arguments"]) == ("kv_set", {"key": "r", "value": 7})
    [request] = [item for item in waiting.output if item.type == "mcp_approval_request"]
    assert request.id == asked["approval_id"]
    assert request.name == "kv_set"
    assert (await sdk.responses.retrieve(waiting.id)).status == "incomplete"
    with pytest.raises(openai.ConflictError) as busy:  # its turn has not ended
        await sdk.responses.create(model=agent_id, input="hi", previous_response_id=waiting.id)
    assert busy.value.code == "conversation_busy"

    r = await client.post(
        f"/api/v1/approvals/{asked['approval_id']}/respond",
        json={"decision": "approve"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    done = await _settled(sdk, waiting.id, "completed")
    assert done.incomplete_details is None
    [call] = [item for item in done.output if item.type == "mcp_call"]
    assert (call.name, call.server_label, call.status) == ("kv_set", "flowline", "completed")
    assert call.approval_request_id == asked["approval_id"]
    assert call.output is not None
    assert '"value":7' in call.output
    assert "kv_set returned" in done.output_text
    stored = await client.get("/api/v1/kv/r", headers=org.headers)
    assert stored.json()["data"]["value"] == 7


async def test_a_streamed_approval_ends_incomplete_and_resumes_to_the_end(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor, worker: Worker
) -> None:
    org = await factory.org()
    agent_id = await make_agent(
        client, org, tools=["kv_set", "current_time"], approval={"kv_set": "always"}
    )
    sdk = sdk_for(org)
    ask = 'call current_time {}\ncall kv_set {"key": "s", "value": 1}'
    events = await _events(await sdk.responses.create(model=agent_id, input=ask, stream=True))
    assert events[-1].type == "response.incomplete"
    response = events[-1].response
    items = [(e.type, e.item.type) for e in events if e.type.startswith("response.output_item")]
    assert ("response.output_item.done", "mcp_call") in items  # current_time ran at once
    assert items[-1] == ("response.output_item.done", "mcp_approval_request")
    approval_id = response.incomplete_details.approvals[0]["approval_id"]

    r = await client.post(
        f"/api/v1/approvals/{approval_id}/respond",
        json={"decision": "deny", "comment": "not today"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    rest = await _events(
        await sdk.responses.retrieve(
            response.id, stream=True, starting_after=events[-1].sequence_number
        )
    )
    assert rest[0].sequence_number == events[-1].sequence_number + 1
    assert rest[-1].type == "response.completed"
    assert "not today" in rest[-1].response.output_text
    denied = next(e.item for e in rest if e.type == "response.output_item.done")
    assert (denied.type, denied.name, denied.approval_request_id) == (
        "mcp_call",
        "kv_set",
        approval_id,
    )
    # The whole log, told again from the start, is the live part and the rest.
    whole = await _events(await sdk.responses.retrieve(response.id, stream=True))
    assert [e.type for e in whole] == [e.type for e in events + rest]


async def test_retrieve_delete_store_and_other_organisations(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, org)
    sdk = sdk_for(org)
    kept = await sdk.responses.create(model=agent_id, input="keep me")
    with pytest.raises(openai.NotFoundError):
        await sdk_for(other).responses.retrieve(kept.id)
    with pytest.raises(openai.NotFoundError):
        await sdk_for(other).responses.delete(kept.id)
    other_agent = await make_agent(client, other)
    with pytest.raises(openai.NotFoundError):
        await sdk_for(other).responses.create(
            model=other_agent, input="hi", previous_response_id=kept.id
        )

    await sdk.responses.delete(kept.id)
    with pytest.raises(openai.NotFoundError) as gone:
        await sdk.responses.retrieve(kept.id)
    assert gone.value.code == "response_not_found"
    with pytest.raises(openai.NotFoundError) as unknown:
        await sdk.responses.create(model=agent_id, input="hi", previous_response_id=kept.id)
    assert unknown.value.param == "previous_response_id"
    with pytest.raises(openai.NotFoundError):
        await sdk.responses.delete(kept.id)

    unstored = await sdk.responses.create(model=agent_id, input="forget me", store=False)
    assert unstored.output_text == "echo: forget me"
    assert unstored.store is False
    with pytest.raises(openai.NotFoundError):
        await sdk.responses.retrieve(unstored.id)
    with pytest.raises(openai.NotFoundError):
        await sdk.responses.create(model=agent_id, input="hi", previous_response_id=unstored.id)


async def test_errors_are_openais_with_the_same_status_codes(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    other_agent = await make_agent(client, org)
    sdk = sdk_for(org)
    with pytest.raises(openai.NotFoundError) as missing:
        await sdk.responses.create(model="agt_missing", input="hi")
    assert (missing.value.code, missing.value.type) == ("agent_not_found", "invalid_request_error")
    with pytest.raises(openai.UnprocessableEntityError) as no_user:
        await sdk.responses.create(
            model=agent_id, input=[{"role": "system", "content": "only rules"}]
        )
    assert no_user.value.param == "input"
    with pytest.raises(openai.UnprocessableEntityError) as image:
        await sdk.responses.create(
            model=agent_id,
            input=[{"role": "user", "content": [{"type": "input_image", "image_url": "x"}]}],
        )
    assert (image.value.param or "").startswith("input")
    first = await sdk.responses.create(model=agent_id, input="hi")
    with pytest.raises(openai.UnprocessableEntityError) as wrong_agent:
        await sdk.responses.create(model=other_agent, input="hi", previous_response_id=first.id)
    assert wrong_agent.value.param == "previous_response_id"
    with pytest.raises(openai.AuthenticationError):
        await sdk.with_options(api_key="not-a-key").responses.create(model=agent_id, input="hi")
    as_json = {**org.headers, "Content-Type": "application/json"}
    r = await client.post("/v1/responses", content=b"{", headers=as_json)
    assert_openai_error(r, 400, "INVALID_JSON")
    r = await client.get("/v1/no-such-route", headers=org.headers)
    assert_openai_error(r, 404, "NOT_FOUND")

    await put_budget(client, org, credits_usd=0)
    with pytest.raises(openai.APIStatusError) as spent:
        await sdk.responses.create(model=agent_id, input="hi")
    assert spent.value.status_code == 402
    assert spent.value.type == "insufficient_quota"
    with pytest.raises(openai.APIStatusError) as spent_chat:
        await sdk.chat.completions.create(
            model=agent_id, messages=[{"role": "user", "content": "hi"}]
        )
    assert (spent_chat.value.status_code, spent_chat.value.type) == (402, "insufficient_quota")


async def test_a_failed_turn_is_an_error_in_both_streams_and_in_the_stored_response(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    await use_fake_openai(client, org, openai_fake)
    agent_id = await make_agent(client, org, model="fake/gpt-4o-mini")
    sdk = sdk_for(org)
    openai_fake.script(Reply(status=400, message="bad request"))
    events = await _events(await sdk.responses.create(model=agent_id, input="hi", stream=True))
    assert [e.type for e in events] == [
        "response.created",
        "response.in_progress",
        "error",
        "response.failed",
    ]
    assert events[2].code == "provider_error"
    failed = events[-1].response
    assert failed.status == "failed"
    assert failed.error is not None
    assert failed.error.code == "provider_error"
    stored = await sdk.responses.retrieve(failed.id)
    assert (stored.status, stored.error) == ("failed", failed.error)

    openai_fake.script(Reply(status=400, message="bad request"))
    with pytest.raises(openai.InternalServerError) as plain:  # 502 without a stream
        await sdk.responses.create(model=agent_id, input="hi")
    assert (plain.value.status_code, plain.value.code) == (502, "provider_error")

    openai_fake.script(Reply(status=400, message="bad request"))
    stream = await sdk.chat.completions.create(
        model=agent_id, messages=[{"role": "user", "content": "hi"}], stream=True
    )
    with pytest.raises(openai.APIError) as in_stream:
        async for _ in stream:
            pass
    assert (in_stream.value.code, in_stream.value.type) == ("provider_error", "server_error")
