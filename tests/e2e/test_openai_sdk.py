"""The OpenAI-compatible surface through the official ``openai`` SDK, against ``flowline serve``.

One server for the module, started as a user starts it, on a fresh instance
(SQLite, or PostgreSQL under ``FLOWLINE_TEST_DATABASE_URL``), and the SDK's
clients pointed at ``http://127.0.0.1:<port>/v1`` with the first start's API key:
the agents as models, chat completions and responses (sync and streamed), a
thread continued by ``previous_response_id``, a turn paused for an approval
that finishes once approved, a response retrieved and deleted, and the SDK's
exception for each of 401, 404, 402 and 409. The agents answer with the
offline ``flowline/echo`` model, whose tokens are words.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import openai
import pytest

from tests.e2e.test_serve import Server, serving

pytestmark = pytest.mark.e2e

ENV = {"FLOWLINE_LOG_LEVEL": "warning"}
STREAM_TIMEOUT = 30.0
ASK = 'call kv_set {"key": "city", "value": "Rome"}'
"""Makes ``flowline/echo`` call ``kv_set``, which the careful agent may only call approved."""


@dataclass(frozen=True, slots=True)
class Live:
    server: Server
    key: str
    plain: str
    """An agent with no tools."""
    careful: str
    """An agent whose ``kv_set`` needs a person's approval."""

    def sdk(self, key: str | None = None) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            base_url=f"{self.server.base_url}/v1",
            api_key=key or self.key,
            max_retries=0,  # a 409 or 402 retried would hide what the server said
            timeout=STREAM_TIMEOUT,
        )

    def api(self) -> httpx.AsyncClient:
        """Flowline's own API, for what ``/v1`` does not do (approvals, budgets)."""
        headers = {"Authorization": f"Bearer {self.key}"}
        return httpx.AsyncClient(base_url=self.server.base_url, headers=headers, timeout=30)


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Live]:
    async with serving(tmp_path_factory.mktemp("openai-sdk"), ENV) as (server, key):
        made = []
        async with httpx.AsyncClient(
            base_url=server.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as c:
            for name, config in (
                ("plain", {}),
                ("careful", {"tools": ["kv_set"], "approval": {"kv_set": "always"}}),
            ):
                r = await c.post("/api/v1/agents", json={"name": name, "config": config})
                assert r.status_code == 201, r.text
                made.append(r.json()["data"]["id"])
        yield Live(server, key, *made)


@pytest.fixture
async def sdk(live: Live) -> AsyncIterator[openai.AsyncOpenAI]:
    async with live.sdk() as client:
        yield client


async def _all(stream: Any) -> list[Any]:
    """Every event of a stream, to its end (the server closes it)."""

    async def read() -> list[Any]:
        return [event async for event in stream]

    return await asyncio.wait_for(read(), STREAM_TIMEOUT)


async def test_the_agents_are_the_models(live: Live, sdk: openai.AsyncOpenAI) -> None:
    models = [model async for model in sdk.models.list()]
    assert [m.id for m in models] == [live.careful, live.plain]  # newest first
    assert {m.object for m in models} == {"model"}
    assert [m.model_extra and m.model_extra.get("name") for m in models] == ["careful", "plain"]
    one = await sdk.models.retrieve(live.plain)
    assert (one.id, one.owned_by) == (live.plain, models[1].owned_by)
    # The blocking client too, as most scripts use it.
    blocking = openai.OpenAI(base_url=f"{live.server.base_url}/v1", api_key=live.key)
    with blocking:
        listed = await asyncio.to_thread(lambda: [m.id for m in blocking.models.list()])
    assert listed == [live.careful, live.plain]


async def test_chat_completions_sync_and_streamed(live: Live, sdk: openai.AsyncOpenAI) -> None:
    answer = await sdk.chat.completions.create(
        model=live.plain,
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "hello"},
            {"role": "assistant", "content": "echo: hello"},
            {"role": "user", "content": "good morning"},
        ],
    )
    assert (answer.object, answer.model) == ("chat.completion", live.plain)
    [choice] = answer.choices
    assert (choice.message.role, choice.message.content) == ("assistant", "echo: good morning")
    assert choice.finish_reason == "stop"
    assert answer.usage is not None
    assert answer.usage.completion_tokens == 3
    assert answer.usage.prompt_tokens == 2 + 1 + 2 + 2  # the whole history the model saw
    async with live.api() as api:
        run_id = answer.id.removeprefix("chatcmpl-")
        run = (await api.get(f"/api/v1/runs/{run_id}")).json()["data"]
        assert (run["kind"], run["status"], run["agent_id"]) == ("agent", "succeeded", live.plain)

    stream = await sdk.chat.completions.create(
        model=live.plain,
        messages=[{"role": "user", "content": "stream these few words"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = await _all(stream)
    assert {c.object for c in chunks} == {"chat.completion.chunk"}
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "echo: stream these few words"
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) > 1  # deltas
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert [f for f in finishes if f] == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == 5


async def test_responses_sync_streamed_and_continued(live: Live, sdk: openai.AsyncOpenAI) -> None:
    first = await sdk.responses.create(
        model=live.plain, input="my name is Ada", metadata={"ticket": "T-7"}
    )
    assert first.id.startswith("resp_")
    assert (first.object, first.status, first.model) == ("response", "completed", live.plain)
    assert first.output_text == "echo: my name is Ada"
    assert first.metadata == {"ticket": "T-7"}
    assert first.usage is not None
    assert (first.usage.input_tokens, first.usage.output_tokens) == (4, 5)

    # The next turn of the same conversation: the model sees the first turn, then this one.
    second = await sdk.responses.create(
        model=live.plain, input="what is my name", previous_response_id=first.id
    )
    assert second.previous_response_id == first.id
    assert second.output_text == "echo: what is my name"
    assert second.usage is not None
    assert second.usage.input_tokens == 4 + 5 + 4

    events = await _all(
        await sdk.responses.create(
            model=live.plain, input="and now", previous_response_id=second.id, stream=True
        )
    )
    types = [e.type for e in events]
    assert types[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert types[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert set(types[4:-4]) == {"response.output_text.delta"}
    assert types.count("response.output_text.delta") > 1
    assert [e.sequence_number for e in events] == list(range(len(events)))
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert deltas == "echo: and now"
    done = events[-1].response
    assert (done.status, done.output_text, done.previous_response_id) == (
        "completed",
        "echo: and now",
        second.id,
    )
    assert done.usage is not None
    assert done.usage.input_tokens == 4 + 5 + 4 + 5 + 2


async def test_a_response_retrieved_then_deleted(live: Live, sdk: openai.AsyncOpenAI) -> None:
    made = await sdk.responses.create(model=live.plain, input="keep this one")
    again = await sdk.responses.retrieve(made.id)
    assert (again.id, again.status, again.output_text) == (made.id, "completed", made.output_text)
    assert again.output[0].id == made.output[0].id
    told = await _all(await sdk.responses.retrieve(made.id, stream=True))
    assert told[-1].type == "response.completed"
    assert told[-1].response.output_text == "echo: keep this one"

    await sdk.responses.delete(made.id)  # the SDK reads no body: the server's is below
    with pytest.raises(openai.NotFoundError) as gone:
        await sdk.responses.retrieve(made.id)
    assert (gone.value.status_code, gone.value.code) == (404, "response_not_found")
    with pytest.raises(openai.NotFoundError) as unknown:
        await sdk.responses.create(model=live.plain, input="hi", previous_response_id=made.id)
    assert unknown.value.param == "previous_response_id"

    other = await sdk.responses.create(model=live.plain, input="and this one")
    async with live.api() as api:
        r = await api.delete(f"/v1/responses/{other.id}")
    assert r.status_code == 200
    assert r.json() == {"id": other.id, "object": "response.deleted", "deleted": True}


async def test_an_approval_paused_response_finishes_once_approved(
    live: Live, sdk: openai.AsyncOpenAI
) -> None:
    waiting = await sdk.responses.create(model=live.careful, input=ASK)
    assert waiting.status == "incomplete"
    details: Any = waiting.incomplete_details  # Flowline's reason and fields, beyond OpenAI's
    assert details.reason == "approval_required"
    [asked] = details.approvals
    assert (asked["tool"], asked["arguments"]) == ("kv_set", {"key": "city", "value": "Rome"})
    [request] = [item for item in waiting.output if item.type == "mcp_approval_request"]
    assert (request.id, request.name) == (asked["approval_id"], "kv_set")
    assert (await sdk.responses.retrieve(waiting.id)).status == "incomplete"

    # 409: the conversation's turn waits for a person, so it takes no next turn.
    with pytest.raises(openai.ConflictError) as busy:
        await sdk.responses.create(
            model=live.careful, input="are you there", previous_response_id=waiting.id
        )
    assert (busy.value.status_code, busy.value.code) == (409, "conversation_busy")
    assert busy.value.type == "invalid_request_error"

    async with live.api() as api:
        r = await api.post(
            f"/api/v1/approvals/{asked['approval_id']}/respond", json={"decision": "approve"}
        )
        assert r.status_code == 200, r.text
        # The server's worker takes the turn on; its stored events, followed live, end it.
        told = await _all(await sdk.responses.retrieve(waiting.id, stream=True))
        assert [e.type for e in told].count("response.incomplete") == 1
        assert told[-1].type == "response.completed"
        done = told[-1].response
        stored = (await api.get("/api/v1/kv/city")).json()["data"]
    assert stored["value"] == "Rome"
    [call] = [item for item in done.output if item.type == "mcp_call"]
    assert (call.name, call.server_label, call.status) == ("kv_set", "flowline", "completed")
    assert call.approval_request_id == asked["approval_id"]
    assert '"Rome"' in (call.output or "")
    assert "kv_set returned" in done.output_text
    final = await sdk.responses.retrieve(waiting.id)
    assert (final.status, final.incomplete_details) == ("completed", None)
    assert final.output_text == done.output_text

    # The conversation is free again: the next response continues it.
    after = await sdk.responses.create(
        model=live.careful, input="thanks", previous_response_id=waiting.id
    )
    assert (after.status, after.output_text) == ("completed", "echo: thanks")


async def test_each_error_is_the_sdks_exception(live: Live, sdk: openai.AsyncOpenAI) -> None:
    async with live.sdk("flk_not-a-key") as stranger:
        with pytest.raises(openai.AuthenticationError) as unauthorised:
            await stranger.models.list()
        assert unauthorised.value.status_code == 401
        assert unauthorised.value.type == "authentication_error"
        with pytest.raises(openai.AuthenticationError):
            await stranger.responses.create(model=live.plain, input="hi")

    with pytest.raises(openai.NotFoundError) as no_model:
        await sdk.chat.completions.create(
            model="agt_missing", messages=[{"role": "user", "content": "hi"}]
        )
    assert (no_model.value.status_code, no_model.value.code) == (404, "agent_not_found")
    with pytest.raises(openai.NotFoundError):
        await sdk.models.retrieve("agt_missing")
    with pytest.raises(openai.NotFoundError) as no_response:
        await sdk.responses.retrieve("resp_missing")
    assert no_response.value.code == "response_not_found"

    # 402: the organisation's credits are spent; nothing is called, nothing is stored.
    async with live.api() as api:
        r = await api.put("/api/v1/admin/budget", json={"credits_usd": 0})
        assert r.status_code == 200, r.text
        try:
            with pytest.raises(openai.APIStatusError) as no_credits:
                await sdk.responses.create(model=live.plain, input="hi")
            with pytest.raises(openai.APIStatusError) as no_credits_chat:
                await sdk.chat.completions.create(
                    model=live.plain, messages=[{"role": "user", "content": "hi"}], stream=True
                )
            r = await api.put(
                "/api/v1/admin/budget", json={"credits_usd": None, "monthly_limit_usd": 0}
            )
            assert r.status_code == 200, r.text
            with pytest.raises(openai.APIStatusError) as over_budget:
                await sdk.responses.create(model=live.plain, input="hi", stream=True)
        finally:
            r = await api.put(
                "/api/v1/admin/budget", json={"credits_usd": None, "monthly_limit_usd": None}
            )
            assert r.status_code == 200, r.text
    for refused, code in (
        (no_credits, "payment_required"),
        (no_credits_chat, "payment_required"),
        (over_budget, "budget_exceeded"),
    ):
        assert type(refused.value) is openai.APIStatusError  # no subclass of its own for 402
        assert refused.value.status_code == 402
        assert (refused.value.type, refused.value.code) == ("insufficient_quota", code)
    # Spending is allowed again: the refusals changed nothing.
    assert (await sdk.responses.create(model=live.plain, input="hi")).status == "completed"
