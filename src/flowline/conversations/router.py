from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Literal

import orjson
from fastapi import Header, Query, Request, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.responses import event_stream
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.conversations import (
    compaction,
    export,
    markers,
    service,
    stream,
    timeline,
    titles,
)
from flowline.conversations.schemas import (
    CompressBody,
    CompressionRead,
    ConversationCreate,
    ConversationEventRead,
    ConversationPut,
    ConversationRead,
    ConversationRunRead,
    ConversationSearchHit,
    LlmFormatRead,
    MarkerRead,
    MessageCreate,
    MessageMatch,
    MessageRead,
    TimelineItem,
    TitleGenerated,
    TitlePut,
    TitleRead,
)
from flowline.db.models import Conversation
from flowline.runtime import Runtime

router = make_router("/api/v1/conversations", "Conversations")
agent_conversations_router = make_router("/api/v1/agents", "Conversations")
ConversationsRead = Annotated[Principal, require("agents:read")]
ConversationsWrite = Annotated[Principal, require("agents:chat")]


def conversation_read(row: Conversation) -> ConversationRead:
    return ConversationRead(
        id=row.id,
        agent_id=row.agent_id,
        channel_id=row.channel_id,
        contact_id=row.contact_id,
        title=row.title,
        metadata=row.meta,
        messages=row.message_seq,
        busy=row.busy_turn_id is not None,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


@router.post(
    "",
    status_code=201,
    summary="Create a conversation",
    description="Optionally for an agent; a chat may also create one (no `thread_id`).",
    openapi_extra=IDEMPOTENT,
)
async def create_conversation(
    body: Annotated[ConversationCreate, unwrap("conversation")],
    session: SessionDep,
    principal: ConversationsWrite,
) -> Envelope[ConversationRead]:
    row = await service.create_conversation(session, principal, body)
    return envelope(conversation_read(row))


@router.get(
    "",
    summary="List conversations",
    description="Newest first; `agent_id`, `channel_id` and `contact_id` filter (together: "
    "all must hold), e.g. `?contact_id=` finds a person's thread on a channel.",
)
async def list_conversations(
    session: SessionDep,
    principal: ConversationsRead,
    page: PageParams,
    agent_id: Annotated[str | None, Query(max_length=40)] = None,
    channel_id: Annotated[str | None, Query(max_length=40)] = None,
    contact_id: Annotated[str | None, Query(max_length=40)] = None,
) -> PageEnvelope[ConversationRead]:
    result = await service.list_conversations(
        session, principal, agent_id, page, channel_id=channel_id, contact_id=contact_id
    )
    return page_envelope(result, conversation_read)


def _hit_read(hit: service.SearchHit) -> ConversationSearchHit:
    message = hit.message
    return ConversationSearchHit(
        conversation=conversation_read(hit.conversation),
        title_matched=hit.title_matched,
        message=None
        if message is None
        else MessageMatch(
            id=message.id,
            seq=message.seq,
            role=message.role,
            snippet=hit.snippet,
            created_at=message.created_at,
        ),
    )


@router.get(
    "/search",
    summary="Search conversations",
    description=(
        "Conversations whose title or message text (user, assistant and system messages; "
        "not tool results or summaries) contains `q`, case ignored; `%` and `_` are taken "
        "literally. Newest first, each with its newest matching message and a snippet. "
        "A blank `q` is 422."
    ),
)
async def search_conversations(
    session: SessionDep,
    principal: ConversationsRead,
    page: PageParams,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Text to look for.")],
    agent_id: Annotated[str | None, Query(max_length=40)] = None,
) -> PageEnvelope[ConversationSearchHit]:
    result = await service.search_conversations(session, principal, q, agent_id, page)
    return page_envelope(result, _hit_read)


@router.get("/{conversation_id}", summary="Get a conversation")
async def get_conversation(
    conversation_id: str, session: SessionDep, principal: ConversationsRead
) -> Envelope[ConversationRead]:
    row = await service.get_conversation(session, principal, conversation_id)
    return envelope(conversation_read(row))


@router.put(
    "/{conversation_id}",
    summary="Replace a conversation's title and metadata",
    description="`If-Match` / `expected_version`: 409 on mismatch.",
)
async def replace_conversation(
    conversation_id: str,
    body: ConversationPut,
    session: SessionDep,
    principal: ConversationsWrite,
    if_match: IfMatch,
) -> Envelope[ConversationRead]:
    row = await service.replace_conversation(session, principal, conversation_id, body, if_match)
    return envelope(conversation_read(row))


@router.delete(
    "/{conversation_id}",
    status_code=204,
    summary="Delete a conversation",
    description="With its messages; 409 `CONVERSATION_BUSY` while a chat turn runs.",
)
async def delete_conversation(
    conversation_id: str, session: SessionDep, principal: ConversationsWrite
) -> Response:
    await service.delete_conversation(session, principal, conversation_id)
    return Response(status_code=204)


@router.get(
    "/{conversation_id}/messages",
    summary="List a conversation's messages",
    description="Oldest first: user messages, model answers (tokens, cost) and tool results. "
    "In a channel's conversation (one per contact and channel), every message sent or "
    "received on the channel, each once, with `channel_message_id` and `metadata` "
    "(direction, kind, template, current delivery status).",
)
async def list_messages(
    conversation_id: str, session: SessionDep, principal: ConversationsRead, page: PageParams
) -> PageEnvelope[MessageRead]:
    result = await service.list_messages(session, principal, conversation_id, page)
    return page_envelope(result, lambda read: read)


@router.post(
    "/{conversation_id}/messages",
    status_code=201,
    summary="Add a message",
    description="Appended without asking the agent; the next chat turn sees it.",
)
async def add_message(
    conversation_id: str,
    body: Annotated[MessageCreate, unwrap("message")],
    session: SessionDep,
    principal: ConversationsWrite,
) -> Envelope[MessageRead]:
    row = await service.add_message(session, principal, conversation_id, body)
    return envelope(MessageRead.model_validate(row))


@router.get(
    "/{conversation_id}/llm-format",
    summary="Export a conversation in LLM format",
    description=(
        "OpenAI chat messages: the agent's instructions first (as `system`), then `user`, "
        "`assistant` (with `tool_calls` as `{id, type: function, function: {name, "
        "arguments}}`, arguments a JSON text) and `tool` (with `tool_call_id`). "
        "`view=model` (default) is what the model is sent: the latest compaction summary "
        "instead of what it covers; `view=full` is every message, summaries left out. "
        "Every value of the organisation's secrets is replaced with `***`."
    ),
)
async def llm_format(
    conversation_id: str,
    session: SessionDep,
    principal: ConversationsRead,
    runtime: RuntimeDep,
    view: Literal["model", "full"] = "model",
) -> Envelope[LlmFormatRead]:
    result = await export.llm_format(session, principal, conversation_id, runtime, view)
    return envelope(result)


def _title_read(row: Conversation) -> TitleRead:
    return TitleRead(conversation_id=row.id, title=row.title, version=row.version)


@router.get("/{conversation_id}/title", summary="Get a conversation's title")
async def get_title(
    conversation_id: str, session: SessionDep, principal: ConversationsRead
) -> Envelope[TitleRead]:
    row = await service.get_conversation(session, principal, conversation_id)
    return envelope(_title_read(row))


@router.put(
    "/{conversation_id}/title",
    summary="Set a conversation's title",
    description="The title alone (metadata stays). `If-Match` / `expected_version`: 409.",
)
async def replace_title(
    conversation_id: str,
    body: TitlePut,
    session: SessionDep,
    principal: ConversationsWrite,
    if_match: IfMatch,
) -> Envelope[TitleRead]:
    row = await service.replace_title(session, principal, conversation_id, body, if_match)
    return envelope(_title_read(row))


@router.post(
    "/{conversation_id}/title/generate",
    summary="Generate a conversation's title",
    description=(
        "One call of the conversation's agent's model (the organisation's default without "
        "one) over the opening messages; the answer's first line, without quotes, at most "
        "200 characters, becomes the title. Recorded in usage. 409 `CONVERSATION_EMPTY` "
        "without messages; 502/503 when the provider fails (the title stays)."
    ),
    responses=MODEL_CALL_RESPONSES,
)
async def generate_title(
    conversation_id: str, session: SessionDep, principal: ConversationsWrite, runtime: RuntimeDep
) -> Envelope[TitleGenerated]:
    await session.commit()  # the call works through short transactions of its own
    return envelope(await titles.generate_title(runtime, principal, conversation_id))


_COMPRESS_DOC = (
    "Summarises, with the conversation's agent's model, every message the model still "
    "sees except the `keep_recent` newest (default 6) into one `system` message of kind "
    "`summary`. The older messages stay in the conversation but the model is sent the "
    "summary instead. An assistant message is never separated from its tool results. "
    "`compacted: false` when there is too little to summarise. 409 `CONVERSATION_BUSY` "
    "while a chat turn runs; chats wait for it the same way."
)


@router.post(
    "/{conversation_id}/compress",
    summary="Compact a conversation's history",
    description=_COMPRESS_DOC,
    responses=MODEL_CALL_RESPONSES,
)
async def compress(
    conversation_id: str,
    session: SessionDep,
    principal: ConversationsWrite,
    runtime: RuntimeDep,
    body: CompressBody | None = None,
) -> Envelope[CompressionRead]:
    await session.commit()
    keep = (body or CompressBody()).keep_recent
    return envelope(await compaction.compact(runtime, principal, conversation_id, keep))


@agent_conversations_router.post(
    "/{agent_id}/conversations/{conversation_id}/compress",
    summary="Compact an agent's conversation",
    description=_COMPRESS_DOC + " The conversation must be the agent's (else 404).",
    responses=MODEL_CALL_RESPONSES,
)
async def compress_agent_conversation(
    agent_id: str,
    conversation_id: str,
    session: SessionDep,
    principal: ConversationsWrite,
    runtime: RuntimeDep,
    body: CompressBody | None = None,
) -> Envelope[CompressionRead]:
    await session.commit()
    keep = (body or CompressBody()).keep_recent
    result = await compaction.compact(runtime, principal, conversation_id, keep, agent_id=agent_id)
    return envelope(result)


@router.get(
    "/{conversation_id}/markers",
    summary="List a conversation's markers",
    description=(
        "Points to jump to, oldest first: `turn` (where a chat turn began), `summary` "
        "(where a compaction summary was put). Each has `seq` (its message), `at`, a short "
        "`label` and `ref_id`."
    ),
)
async def list_markers(
    conversation_id: str, session: SessionDep, principal: ConversationsRead, page: PageParams
) -> PageEnvelope[MarkerRead]:
    result = await markers.markers(session, principal, conversation_id, page)
    return page_envelope(result, lambda marker: marker)


@router.get(
    "/{conversation_id}/timeline",
    summary="Get a conversation's timeline",
    description=(
        "Oldest first: each message (`type: message`), and after an assistant message "
        "each tool call it asked for (`tool_call`: arguments, status, result, error, "
        "duration; the tool message is folded into it), then the `approval` or "
        "`question` that gated the call. Paginated over the items."
    ),
)
async def get_timeline(
    conversation_id: str, session: SessionDep, principal: ConversationsRead, page: PageParams
) -> PageEnvelope[TimelineItem]:
    result = await timeline.timeline(session, principal, conversation_id, page)
    return page_envelope(result, lambda item: item)


@router.get(
    "/{conversation_id}/runs",
    summary="List a conversation's runs",
    description=(
        "Its chat turns (runs of kind `agent`), newest first, each with its model calls, "
        "tokens and cost. `GET /runs/{id}` has a run's steps and events."
    ),
)
async def list_runs(
    conversation_id: str, session: SessionDep, principal: ConversationsRead, page: PageParams
) -> PageEnvelope[ConversationRunRead]:
    result = await timeline.list_runs(session, principal, conversation_id, page)
    return page_envelope(result, lambda run: run)


MAX_EVENT_ID = 2**63 - 1
EVENT_STREAM = "text/event-stream"


@router.get(
    "/{conversation_id}/stream",
    summary="Stream a conversation's events",
    description=(
        f"With `Accept: {EVENT_STREAM}`: server-sent events of every run (chat turn) of "
        "the conversation, in the order they were stored: `run.started`, "
        "`message.delta`, `tool_call.started`, `tool_call.completed`, "
        "`approval.requested`, `question.asked`, `message.completed`, `run.completed`, "
        "`error`, and the runs' `step.*` and `run.*` events. `event:` is the type; `data` "
        "is the event's JSON with `run_id` and `seq` (the run's own number); `id:` is the "
        "event's place in the conversation, which `Last-Event-ID` (or `after_id`) resumes "
        "after. `: ping` every 15 s. The stream stays open for the next turns and ends "
        "when the conversation is deleted. Without that `Accept`: the events stored so "
        "far, oldest first, as a JSON page."
    ),
    response_model=PageEnvelope[ConversationEventRead],
    responses={200: {"content": event_stream()}},
)
async def stream_conversation(
    conversation_id: str,
    request: Request,
    session: SessionDep,
    principal: ConversationsRead,
    runtime: RuntimeDep,
    page: PageParams,
    after_id: Annotated[
        int, Query(ge=0, le=MAX_EVENT_ID, description="Only the events after this `id`.")
    ] = 0,
    last_event_id: Annotated[
        int | None,
        Header(
            alias="Last-Event-ID",
            ge=0,
            le=MAX_EVENT_ID,
            description="For streams: the last `id:` received; takes precedence over `after_id`.",
        ),
    ] = None,
) -> PageEnvelope[ConversationEventRead] | EventSourceResponse:
    if EVENT_STREAM not in request.headers.get("accept", ""):
        result = await stream.stored_events(session, principal, conversation_id, after_id, page)
        return page_envelope(result, ConversationEventRead.model_validate)
    row = await service.get_conversation(session, principal, conversation_id)
    await session.commit()  # a stream outlives the request's transaction
    start = after_id if last_event_id is None else last_event_id
    return EventSourceResponse(
        _sse(runtime, row.org_id, row.id, start),
        ping=runtime.settings.stream_ping_seconds,
        ping_message_factory=_ping,
        sep="\n",
    )


def _ping() -> ServerSentEvent:
    return ServerSentEvent(comment="ping", sep="\n")


async def _sse(
    runtime: Runtime, org_id: str, conversation_id: str, after_id: int
) -> AsyncIterator[ServerSentEvent]:
    async for event in stream.follow_conversation(
        runtime.db, runtime.bus, org_id, conversation_id, after_id
    ):
        data = {"run_id": event.run_id, "seq": event.seq, **event.data}
        yield ServerSentEvent(
            id=str(event.id),
            event=event.type,
            data=orjson.dumps(data, default=str).decode(),
            sep="\n",
        )
