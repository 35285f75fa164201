"""``/api/v1/completions/…`` and ``/api/v1/llm/{chat,autocomplete,recommend}``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import Request
from fastapi.responses import Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from flowline.api.deps import RuntimeDep, require
from flowline.api.envelope import Envelope, ErrorBody, envelope
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.completions import service
from flowline.completions.schemas import (
    AutocompleteBody,
    ChatBody,
    CompletionRead,
    EnrichBody,
    ExtractBody,
    LabelBody,
    RecommendBody,
    RunBody,
    RunRead,
    SummarizeBody,
    UsageRead,
)
from flowline.completions.service import Completion
from flowline.llm import calls
from flowline.llm.calls import Caller
from flowline.llm.provider import StreamEnd, TextDelta

router = make_router("/api/v1/completions", "Completions")
llm_router = make_router("/api/v1/llm", "LLM")
ModelCaller = Annotated[Principal, require("agents:chat", reading=True)]
"""Authenticated outside any transaction: the model calls work in short ones of their own."""
EVENT_STREAM = "text/event-stream"
RESPONSES: dict[int | str, dict[str, Any]] = {
    402: {
        "model": ErrorBody,
        "description": (
            "The organisation's credits are used up (`PAYMENT_REQUIRED`) or a monthly budget "
            "is spent (`BUDGET_EXCEEDED`); nothing was called."
        ),
    },
    **MODEL_CALL_RESPONSES,
}
_CHARGED = (
    " Checked against the credits and monthly budgets first (`402`), charged as a usage "
    "row once made. `model` defaults to the organisation's default model (`flowline/echo` "
    "offline)."
)


OneBody = LabelBody | ExtractBody | SummarizeBody | EnrichBody | RecommendBody | AutocompleteBody


def caller_of(principal: Principal) -> Caller:
    return Caller(principal.org_id, principal.user_id or None)


def _read(done: Completion) -> CompletionRead:
    usage = UsageRead(input_tokens=done.usage.input_tokens, output_tokens=done.usage.output_tokens)
    return CompletionRead(output=done.output, model=done.model, usage=usage, cost=done.cost)


async def _one(
    runtime: RuntimeDep, principal: Principal, kind: str, body: OneBody
) -> Envelope[CompletionRead]:
    service.check_params(kind, body)
    service.check_input(body.input)
    done = await service.complete(
        runtime,
        caller_of(principal),
        kind,
        body,
        body.input,
        model=body.model,
        temperature=body.temperature,
    )
    return envelope(_read(done))


@router.post(
    "/run",
    summary="Run one operation over up to 50 inputs",
    description=(
        "`operation` is a completion kind (`label`, `extract`, `summarize`, `enrich`, `chat`, "
        "`recommend`, `autocomplete`), `params` its parameters as its own route takes them "
        "(without `input`), `items` 1 to 50 inputs. Each input is one model call, four at a "
        "time; one that fails is reported in its result (`error`), the others go on. `402` "
        "when nothing may be spent at the start." + _CHARGED
    ),
    responses=RESPONSES,
)
async def run(body: RunBody, principal: ModelCaller, runtime: RuntimeDep) -> Envelope[RunRead]:
    return envelope(await service.run(runtime, caller_of(principal), body))


@router.post(
    "/label",
    summary="Classify an input against categories",
    description=(
        "`output`: `{label}`, one of `categories`; with `multi_label`, `{labels: [...]}`."
        + _CHARGED
    ),
    responses=RESPONSES,
)
async def label(
    body: LabelBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "label", body)


@router.post(
    "/extract",
    summary="Extract structured data by JSON Schema",
    description=(
        "`output` is the data `schema` describes, checked against it (an answer that does "
        "not match is `502 MODEL_OUTPUT_INVALID`; a schema that does not compile is `422`)."
        + _CHARGED
    ),
    responses=RESPONSES,
)
async def extract(
    body: ExtractBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "extract", body)


@router.post(
    "/summarize",
    summary="Summarize an input",
    description="`output`: `{summary}`, a paragraph or bullets of about `max_words`." + _CHARGED,
    responses=RESPONSES,
)
async def summarize(
    body: SummarizeBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "summarize", body)


@router.post(
    "/enrich",
    summary="Add computed fields to a record",
    description=(
        "`output`: the input record (an object; any other input is under `input`) with each "
        "of `fields` computed by the model, of its `type`." + _CHARGED
    ),
    responses=RESPONSES,
)
async def enrich(
    body: EnrichBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "enrich", body)


@router.post(
    "/recommend",
    summary="Recommend items for a context",
    description=(
        "`output`: `{recommendations: [{item, reason}]}`, 1 to `count`, among `candidates` "
        "when given." + _CHARGED
    ),
    responses=RESPONSES,
)
async def recommend(
    body: RecommendBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "recommend", body)


@router.post(
    "/autocomplete",
    summary="Continue a text",
    description="`output`: `{completion}`, at most `max_tokens` tokens." + _CHARGED,
    responses=RESPONSES,
)
async def autocomplete(
    body: AutocompleteBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "autocomplete", body)


def _sse(data: dict[str, Any], event: str) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=orjson.dumps(data).decode(), sep="\n")


async def _events(prepared: calls.Prepared, events: AsyncIterator[Any]) -> AsyncIterator[Any]:
    async for event in events:
        if isinstance(event, TextDelta):
            yield _sse({"text": event.text}, "delta")
        elif isinstance(event, StreamEnd):
            usage = {
                "input_tokens": event.usage.input_tokens,
                "output_tokens": event.usage.output_tokens,
            }
            cost = calls.cost_of(prepared, event.usage)
            done = {"model": prepared.model, "finish_reason": event.finish_reason, "usage": usage}
            yield _sse({**done, "cost": cost}, "done")


async def _chat(
    request: Request, body: ChatBody, principal: Principal, runtime: RuntimeDep
) -> Response | Envelope[CompletionRead]:
    caller = caller_of(principal)
    if body.stream or EVENT_STREAM in request.headers.get("accept", ""):
        prepared, events = await service.chat_stream(runtime, caller, body)
        return EventSourceResponse(_events(prepared, events), sep="\n")
    return envelope(_read(await service.chat(runtime, caller, body)))


_CHAT = (
    "A direct model call with `messages` (the last the user's) and an optional `system` "
    "prompt; `output`: `{message: {role: assistant, content}}`. With `stream: true` (or "
    "`Accept: text/event-stream`) the answer comes as server-sent events: `delta` "
    "`{text}` as it is made, then `done` `{model, finish_reason, usage, cost}`; a refusal "
    "(`402`, `422`) is an ordinary JSON answer, before any event." + _CHARGED
)
_STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    **RESPONSES,
    200: {"content": {EVENT_STREAM: {}}, "description": "The answer, or its events."},
}


@router.post(
    "/chat",
    summary="Chat with a model",
    description=_CHAT,
    responses=_STREAM_RESPONSES,
    response_model=Envelope[CompletionRead],
)
async def chat(
    request: Request, body: ChatBody, principal: ModelCaller, runtime: RuntimeDep
) -> Any:
    return await _chat(request, body, principal, runtime)


@llm_router.post(
    "/chat",
    summary="Chat with a model",
    description=_CHAT,
    responses=_STREAM_RESPONSES,
    response_model=Envelope[CompletionRead],
)
async def llm_chat(
    request: Request, body: ChatBody, principal: ModelCaller, runtime: RuntimeDep
) -> Any:
    return await _chat(request, body, principal, runtime)


@llm_router.post(
    "/autocomplete",
    summary="Continue a text",
    description="As `POST /completions/autocomplete`." + _CHARGED,
    responses=RESPONSES,
)
async def llm_autocomplete(
    body: AutocompleteBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "autocomplete", body)


@llm_router.post(
    "/recommend",
    summary="Recommend items for a context",
    description="As `POST /completions/recommend`." + _CHARGED,
    responses=RESPONSES,
)
async def llm_recommend(
    body: RecommendBody, principal: ModelCaller, runtime: RuntimeDep
) -> Envelope[CompletionRead]:
    return await _one(runtime, principal, "recommend", body)
