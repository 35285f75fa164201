"""``/v1/responses``: OpenAI's Responses API, a response being one chat turn of an agent."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import Header, Query
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.agents.openai_compat import drive
from flowline.agents.openai_errors import openai_router
from flowline.agents.turn_log import WAITING
from flowline.api.deps import RuntimeDep, require
from flowline.api.responses import event_stream
from flowline.auth.principal import Principal
from flowline.responses import service
from flowline.responses.events import Head, Telling
from flowline.responses.schemas import ResponseCreate
from flowline.runtime import Runtime

router = openai_router()
Chatter = Annotated[Principal, require("agents:chat", reading=True)]
"""A turn and a stream work in transactions of their own."""
EVENT_STREAM: dict[int | str, dict[str, Any]] = {200: {"content": event_stream()}}

_CREATE_DOC = """
A response is one chat turn with the agent named by `model` (its id), recorded as a
run like every turn (`GET /api/v1/runs/{id}`). `input` is the user's text or a list of
message items (`role` `user`, `system`, `developer` or `assistant`; `content` a string or
`input_text` parts), with at least one user message. `instructions` are added to the
agent's own for this turn. `previous_response_id` continues the conversation that stored
response is a turn of (same agent; unknown: 404): the agent sees every earlier turn.
The agent's configuration decides the model, tools and temperature: `tools`,
`temperature` and the like are accepted and ignored.

`store: false` keeps no response record: the answer's `id` cannot be retrieved, streamed
again or continued. The turn itself is still a run of a new conversation, as every turn
is (delete that conversation to remove it). `metadata`: up to 16 string pairs, returned
with the response.

The answer: `output` holds `message` items (`output_text` parts) and, for each tool the
agent called on the server, an `mcp_call` item (`server_label: "flowline"`, `name`,
`arguments`, `output`); `usage` counts the turn's tokens. A tool call that needs a
person's approval ends the answer with `status: "incomplete"`, an `mcp_approval_request`
item whose `id` is the approval's, and `incomplete_details` `{"reason":
"approval_required", "approvals": [{"approval_id", "tool", "arguments"}], "questions"}`;
once `POST /api/v1/approvals/{id}/respond` answers it the turn goes on, and `GET
/v1/responses/{id}` shows it completed. A second response on a conversation whose turn
has not ended answers 409.

`stream: true` answers Server-Sent Events of OpenAI's types, each with `sequence_number`
(from 0) as its `id:`: `response.created`, `response.in_progress`,
`response.output_item.added`, `response.content_part.added`, `response.output_text.delta`,
`response.output_text.done`, `response.content_part.done`, `response.output_item.done`,
then `response.completed`, or `response.incomplete` (waiting for a person), or `error`
and `response.failed`. `GET /v1/responses/{id}?stream=true&starting_after=N` resumes it.
"""


@router.post(
    "/responses",
    summary="Create a response: a chat turn with an agent",
    description=_CREATE_DOC,
    responses=EVENT_STREAM,
)
async def create_response(body: ResponseCreate, principal: Chatter, runtime: RuntimeDep) -> Any:
    head, turn = await service.begin(runtime, principal, body)
    events: asyncio.Queue[dict[str, Any]] | None = asyncio.Queue() if body.stream else None
    task = drive(runtime, turn, events)
    if events is None:
        await asyncio.shield(task)
        return JSONResponse(await service.response_of(runtime, principal.org_id, head))
    return _stream(runtime, _live(runtime, principal.org_id, head, events, task))


_STOPPED: dict[str, Any] = {"type": "driver.stopped"}
"""Put on a live stream's queue once its driver has stopped, after everything it said."""


async def _live(
    runtime: Runtime,
    org_id: str,
    head: Head,
    events: asyncio.Queue[dict[str, Any]],
    task: asyncio.Task[Any],
) -> AsyncIterator[list[dict[str, Any]]]:
    """The turn's events as its driver makes them, told, in the batches each turn event
    makes (the first token is three: its message item, its part and the text), so that
    a batch goes out as one write; ends as the turn ends or waits.

    A driver that stops before the turn's end (another process took the turn over)
    leaves the rest to the stored log, told from the start: the same events have the
    same numbers, so the stream goes on after the last one sent. The driver's end is
    an item of the queue, so each event costs one wake-up of this stream, as on the
    chat route's: no task and no wait on two things per event."""
    task.add_done_callback(lambda _: events.put_nowait(_STOPPED))
    telling = Telling(head)
    yield telling.opening()
    while (event := await events.get()) is not _STOPPED:
        said = telling.feed(event["type"], event["seq"], event["data"])
        if telling.ended and not task.done():
            # A failure is shown as it happens: its end is told once the run has it.
            await asyncio.wait({task})
        if said:
            yield said
        if telling.ended or event["type"] == WAITING:
            return
    async for told in service.told_events(runtime, org_id, head):
        if told["sequence_number"] > telling.seq:
            yield [told]


async def _singly(told: AsyncIterator[dict[str, Any]]) -> AsyncIterator[list[dict[str, Any]]]:
    async for event in told:
        yield [event]


def _stream(
    runtime: Runtime, told: AsyncIterator[list[dict[str, Any]]], after: int = -1
) -> EventSourceResponse:
    """The told events numbered above ``after``, as Server-Sent Events."""
    return EventSourceResponse(
        _sse(told, after),
        ping=runtime.settings.stream_ping_seconds,
        ping_message_factory=lambda: ServerSentEvent(comment="ping", sep="\n"),
        sep="\n",
    )


async def _sse(told: AsyncIterator[list[dict[str, Any]]], after: int) -> AsyncIterator[bytes]:
    """Each batch of told events as one chunk of Server-Sent Events."""
    async for batch in told:
        chunk = b"".join(
            ServerSentEvent(
                id=str(event["sequence_number"]),
                event=event["type"],
                data=orjson.dumps(event).decode(),
                sep="\n",
            ).encode()
            for event in batch
            if event["sequence_number"] > after
        )
        if chunk:
            yield chunk


@router.get(
    "/responses/{response_id}",
    summary="Get a response",
    description=(
        "The stored response as it stands now (its turn may still run, or wait for a "
        "person: `in_progress`, `incomplete`). With `stream=true`: its events from the "
        "first, or after `starting_after` (a `sequence_number`; also `Last-Event-ID`), then "
        "live until the turn ends or waits for a person. A response created with `store: "
        "false`, deleted, or another organisation's answers 404."
    ),
    responses=EVENT_STREAM,
)
async def get_response(
    response_id: str,
    principal: Chatter,
    runtime: RuntimeDep,
    stream: bool = False,
    starting_after: Annotated[int | None, Query(ge=-1)] = None,
    last_event_id: Annotated[int | None, Header(ge=-1)] = None,
) -> Any:
    head = await service.stored_head(runtime, principal.org_id, response_id)
    if not stream:
        return JSONResponse(await service.response_of(runtime, principal.org_id, head))
    after = starting_after if starting_after is not None else last_event_id
    told = service.told_events(runtime, principal.org_id, head)
    return _stream(runtime, _singly(told), -1 if after is None else after)


@router.delete(
    "/responses/{response_id}",
    summary="Delete a response",
    description=(
        "Its record goes: it can no longer be retrieved or continued. Its turn stays a run "
        "of its conversation, as every turn does (delete the conversation to remove it)."
    ),
)
async def delete_response(response_id: str, principal: Chatter, runtime: RuntimeDep) -> Any:
    await service.delete(runtime, principal.org_id, response_id)
    return {"id": response_id, "object": "response.deleted", "deleted": True}
