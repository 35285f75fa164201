"""Hook tokens of flows, and runs started through them.

A token is ``flh_`` + 43 URL-safe characters (256 random bits). Only its SHA-256
is stored (``flows.hook_token``), so the database cannot give it back; a look-up
hashes what was presented and finds the flow by index. An unknown, malformed
or removed token is simply not found.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

import orjson
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import Flow, Run
from flowline.db.types import check_storable_json, utcnow
from flowline.engine.definitions import CompiledFlow, load_definition
from flowline.engine.executor import Executor
from flowline.engine.run_state import RunState
from flowline.engine.start import start_run
from flowline.engine.waiting import wait_for_run
from flowline.errors import BadRequest, FlowlineError, NotFound, RateLimited, ValidationFailed
from flowline.hooks import repository
from flowline.ratelimit import retry_after_header
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.hooks")

HOOK_PREFIX = "flh_"
TOKEN_PATTERN = re.compile(r"^flh_[A-Za-z0-9_-]{43}$")
PATH_PREFIX = "/api/v1/hooks/"
KEY_PREFIX = "hook:"
"""Run idempotency keys from hooks carry this, so they never meet a schedule's."""
MAX_KEY_LENGTH = 200
KEY_PATTERN = re.compile(rf"^[\x20-\x7e]{{1,{MAX_KEY_LENGTH}}}$")
"""A hook's ``Idempotency-Key``: printable ASCII, as the OpenAPI document states it."""
MAX_INPUT_BYTES = 1024 * 1024
RESPOND_WAIT_SECONDS = 30
"""How long a call waits, unless it says otherwise, when the flow has a ``respond`` node."""
NO_BODY_STATUSES = (204, 304)


class UnsupportedMediaType(FlowlineError):
    status = 415
    code = "UNSUPPORTED_MEDIA_TYPE"


@dataclass(frozen=True, slots=True)
class NewHook:
    flow_id: str
    token: str
    path: str


def new_token() -> str:
    return HOOK_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _flow_not_found(flow_id: str) -> NotFound:
    return NotFound(f"Flow {flow_id} not found.", code="FLOW_NOT_FOUND")


def _no_hook() -> NotFound:
    # Says nothing about why: unknown, removed and malformed tokens look alike.
    return NotFound("No such hook.", code="HOOK_NOT_FOUND")


async def create_hook(session: AsyncSession, principal: Principal, flow_id: str) -> NewHook:
    """Give the flow a new hook token; an earlier one stops working at once."""
    flow = await repository.flow_for_update(session, principal.org_id, flow_id)
    if flow is None:
        raise _flow_not_found(flow_id)
    token = new_token()
    flow.hook_token = hash_token(token)
    flow.updated_at = utcnow()
    await session.flush()
    return NewHook(flow.id, token, PATH_PREFIX + token)


async def delete_hook(session: AsyncSession, principal: Principal, flow_id: str) -> None:
    """Remove the flow's hook; its URL answers 404 from now on."""
    flow = await repository.flow_for_update(session, principal.org_id, flow_id)
    if flow is None:
        raise _flow_not_found(flow_id)
    if flow.hook_token is None:
        raise NotFound(f"Flow {flow_id} has no hook.", code="HOOK_NOT_FOUND")
    flow.hook_token = None
    flow.updated_at = utcnow()
    await session.flush()


def hook_input(body: bytes, content_type: str | None) -> Any:
    """The run input from a request body.

    JSON (``application/json`` or ``…+json``) is the input as sent; an empty body
    is ``{}``; other text is ``{"body": text, "content_type": type}``, so form
    posts and XML from other services still start the flow. Bytes that are not
    UTF-8 text are refused (415).
    """
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if not body.strip():
        return {}
    if media == "application/json" or media.endswith("+json"):
        try:
            value = orjson.loads(body)
        except orjson.JSONDecodeError:
            raise BadRequest("The request body is not valid JSON.", code="INVALID_JSON") from None
    else:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise UnsupportedMediaType(
                "A hook takes JSON or UTF-8 text; this body is neither."
            ) from None
        value = {"body": text, "content_type": media or None}
    try:
        check_storable_json(value, MAX_INPUT_BYTES)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="body") from None
    return value


def check_key(key: str | None) -> str | None:
    """The run idempotency key for an ``Idempotency-Key`` header, if one was sent."""
    if key is None:
        return None
    if not KEY_PATTERN.fullmatch(key):
        raise ValidationFailed(
            f"must be 1 to {MAX_KEY_LENGTH} printable ASCII characters", field="Idempotency-Key"
        )
    return KEY_PREFIX + key


@dataclass(slots=True)
class Triggered:
    """A hook call's run, how long the call waits for it, and the answer it already has."""

    run: Run
    wait_seconds: int
    responds: bool
    """The run's flow has a ``respond`` node."""
    answer: HookAnswer | None = None


async def trigger(
    session: AsyncSession,
    runtime: Runtime,
    token: str,
    input: Any,
    idempotency_key: str | None,
    wait_seconds: int | None,
) -> Triggered:
    """Start a run of the token's flow (trigger ``webhook``); a repeated key finds the
    earlier run. Unknown tokens are not found; the caller commits.

    ``wait_seconds`` ``None`` waits ``RESPOND_WAIT_SECONDS`` for a flow with a
    ``respond`` node, else not at all. A call that waits has the run's first nodes
    without effects run in this transaction (``Executor.run_created``), and, when
    they reached a ``respond`` node, its answer comes with them.
    """
    if not TOKEN_PATTERN.match(token):
        raise _no_hook()
    flow = await repository.flow_by_hook(session, hash_token(token))
    if flow is None:
        raise _no_hook()
    wait = runtime.rate_limiter.acquire(f"hook:{flow.id}")
    if wait:
        raise RateLimited(
            "Too many calls of this hook; slow down.",
            headers={"Retry-After": retry_after_header(wait)},
        )
    if wait_seconds is None:
        wait_seconds = RESPOND_WAIT_SECONDS if await _version_responds(session, flow) else 0
    ran: list[RunState] = []

    async def run_now(tx: AsyncSession, run: Run) -> None:
        ran.append(await Executor(runtime, "webhook").run_created(tx, run))

    started = await start_run(
        session,
        runtime.bus,
        org_id=flow.org_id,
        flow_id=flow.id,
        input=input,
        trigger="webhook",
        idempotency_key=idempotency_key,
        flow=flow,
        run_now=run_now if wait_seconds else None,
    )
    run = started.run
    if started.created:
        log.info("hook.started", flow_id=flow.id, run_id=run.id)
    triggered = Triggered(run, wait_seconds, await responds(session, run))
    if wait_seconds and triggered.responds:
        if ran:  # its steps so far are all in this transaction
            triggered.answer = _first_answer(ran[0])
        else:
            await session.flush()
            triggered.answer = await answer_of(session, run)
    return triggered


def _first_answer(state: RunState) -> HookAnswer | None:
    """The answer of the first ``respond`` step that succeeded among the run's steps
    (``first_answer``'s, for a run whose steps are all in ``state``, in order)."""
    for step in state.rows.values():
        if step.node_type == "respond" and step.status == "succeeded":
            return hook_answer(step.output) if isinstance(step.output, dict) else None
    return None


async def _version_responds(session: AsyncSession, flow: Flow) -> bool:
    if flow.current_version_id is None:
        return False
    definition = await load_definition(session, flow.org_id, flow.current_version_id)
    return _has_respond(definition)


def _has_respond(definition: CompiledFlow) -> bool:
    return any(node.type.name == "respond" for node in definition.nodes.values())


@dataclass(frozen=True, slots=True)
class HookAnswer:
    """What a ``respond`` step answered for the run, as the hook call sends it."""

    status: int
    headers: dict[str, str]
    body: bytes
    media_type: str | None


async def responds(session: AsyncSession, run: Run) -> bool:
    """Whether the run's flow version has a ``respond`` node."""
    if run.flow_version_id is None:
        return False
    return _has_respond(await load_definition(session, run.org_id, run.flow_version_id))


async def wait_for_answer(
    runtime: Runtime, org_id: str, run_id: str, seconds: float, *, responds: bool
) -> tuple[Run | None, HookAnswer | None]:
    """The run once it has ended, or (``responds``: its flow has a ``respond`` node) once it
    has answered, or as it is when ``seconds`` pass; with its answer, if it gave one."""
    answer: HookAnswer | None = None

    async def answered(session: AsyncSession, run: Run) -> bool:
        nonlocal answer
        answer = await answer_of(session, run)
        return answer is not None

    run = await wait_for_run(runtime, org_id, run_id, seconds, until=answered if responds else None)
    return run, answer


async def answer_of(session: AsyncSession, run: Run) -> HookAnswer | None:
    """The answer the run's first ``respond`` step gave, if it has reached one."""
    step = await repository.first_answer(session, run.org_id, run.id)
    if step is None or not isinstance(step.output, dict):
        return None
    return hook_answer(step.output)


def hook_answer(record: dict[str, Any]) -> HookAnswer:
    """Status, headers and encoded body of a ``respond`` step's output: text as
    ``text/plain``, other values as JSON, ``null`` as no body; a ``Content-Type``
    header of the node's wins."""
    status = int(record.get("status") or 200)
    headers = {str(k): str(v) for k, v in (record.get("headers") or {}).items()}
    body = record.get("body")
    media: str | None = None
    if status in NO_BODY_STATUSES or body is None:
        content = b""
    elif isinstance(body, str):
        content, media = body.encode(), "text/plain; charset=utf-8"
    else:
        content, media = orjson.dumps(body), "application/json"
    if any(name.lower() == "content-type" for name in headers):
        media = None
    return HookAnswer(status, headers, content, media)
