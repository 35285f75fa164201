"""``GET /api/v1/ws``: one WebSocket that follows the events of several runs at once.

The caller authenticates at the handshake like any request (``Authorization:
Bearer``, ``X-API-Key`` or the session cookie), or with ``?api_key=``, since
browsers cannot set headers on a WebSocket. Each subscription is a task reading
``runs.stream.follow_events``, so a socket sends exactly what the server-sent
event stream would: every event after ``after_seq``, then each new one once,
in order. All sends go through one lock, so messages of two runs never interleave
within a frame.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit

import structlog
from fastapi import APIRouter, WebSocket
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.websockets import WebSocketState

from flowline.api.deps import CSRF_HEADER, SESSION_COOKIE, presented_key
from flowline.auth import service as auth_service
from flowline.auth.principal import Principal
from flowline.db.types import MAX_INT32
from flowline.engine.start import flow_channel
from flowline.errors import FlowlineError, Forbidden, NotFound, Unauthorized
from flowline.events.bus import Lagged, Subscription
from flowline.flows.repository import FlowRepository
from flowline.runs.service import get_run_row
from flowline.runs.stream import follow_events
from flowline.runtime import Runtime

log = structlog.get_logger("flowline.ws")

router = APIRouter()

CLOSE_UNAUTHORIZED: Final = 4401
CLOSE_FORBIDDEN: Final = 4403
CLOSE_RATE_LIMITED: Final = 4429
MAX_SUBSCRIPTIONS: Final = 100
QUERY_KEY: Final = "api_key"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


Id = Annotated[str, Field(min_length=1, max_length=40)]


class RunSubscription(_Strict):
    """One run (``run``, from ``after_seq``), or every new run of a flow (``flow``)."""

    run: Id | None = None
    flow: Id | None = None
    after_seq: Annotated[int, Field(ge=0, le=MAX_INT32)] = 0


class RunUnsubscription(_Strict):
    run: Id | None = None
    flow: Id | None = None


class ClientMessage(_Strict):
    """Exactly one of ``subscribe`` or ``unsubscribe``."""

    subscribe: RunSubscription | None = None
    unsubscribe: RunUnsubscription | None = None


class _Socket:
    """One connection's subscriptions and its single writer."""

    def __init__(self, websocket: WebSocket, runtime: Runtime, principal: Principal) -> None:
        self.websocket = websocket
        self.runtime = runtime
        self.principal = principal
        self.follows: dict[str, asyncio.Task[None]] = {}
        self.flows: dict[str, asyncio.Task[None]] = {}
        self._send_lock = asyncio.Lock()

    async def send(self, message: dict[str, Any]) -> None:
        async with self._send_lock:
            await self.websocket.send_json(message)

    async def error(self, code: str, message: str, **extra: Any) -> None:
        await self.send({"error": {"code": code, "message": message, **extra}})

    async def handle(self, raw: str | bytes) -> None:
        try:
            message = ClientMessage.model_validate_json(raw)
        except ValidationError as exc:
            problems = [
                {
                    "field": ".".join(str(part) for part in e["loc"]) or "message",
                    "problem": e["msg"],
                }
                for e in exc.errors(include_url=False)
            ]
            await self.error("VALIDATION_ERROR", "The message is not valid.", details=problems)
            return
        if (message.subscribe is None) == (message.unsubscribe is None):
            await self.error(
                "VALIDATION_ERROR", "Send exactly one of 'subscribe' or 'unsubscribe'."
            )
        elif message.subscribe is not None:
            wanted = message.subscribe
            if (wanted.run is None) == (wanted.flow is None):
                await self.error("VALIDATION_ERROR", "Subscribe to exactly one 'run' or 'flow'.")
            elif wanted.flow is not None:
                await self.subscribe_flow(wanted.flow)
            else:
                await self.subscribe(wanted)
        elif message.unsubscribe is not None:
            if message.unsubscribe.flow is not None:
                self.unsubscribe_flow(message.unsubscribe.flow)
            if message.unsubscribe.run is not None:
                self.unsubscribe(message.unsubscribe.run)

    async def subscribe_flow(self, flow_id: str) -> None:
        """Announce each new run of the flow, and follow its events from the first."""
        async with self.runtime.db.session() as session:
            flow = await FlowRepository(session, self.principal.org_id).get(flow_id)
        if flow is None:
            await self.error("FLOW_NOT_FOUND", f"Flow {flow_id} not found.", flow=flow_id)
            return
        self.unsubscribe_flow(flow.id)
        subscription = self.runtime.bus.subscribe(flow_channel(flow.id))
        self.flows[flow.id] = asyncio.create_task(
            self._follow_flow(flow.id, subscription), name=f"flowline-ws-flow-{flow.id}"
        )

    def unsubscribe_flow(self, flow_id: str) -> None:
        task = self.flows.pop(flow_id, None)
        if task is not None:
            task.cancel()

    async def _follow_flow(self, flow_id: str, subscription: Subscription) -> None:
        async with subscription:
            while True:
                try:
                    run_id = await anext(subscription)
                except Lagged:
                    await self.error(
                        "LAGGED", "Some new runs were not announced; list them.", flow=flow_id
                    )
                    continue
                except StopAsyncIteration:
                    return
                await self.send({"flow_id": flow_id, "run_started": {"run": run_id}})
                await self.subscribe(RunSubscription(run=run_id))

    async def subscribe(self, wanted: RunSubscription) -> None:
        assert wanted.run is not None
        if wanted.run not in self.follows and len(self.follows) >= MAX_SUBSCRIPTIONS:
            await self.error(
                "TOO_MANY_SUBSCRIPTIONS",
                f"One socket follows at most {MAX_SUBSCRIPTIONS} runs.",
                run=wanted.run,
            )
            return
        try:
            async with self.runtime.db.session() as session:
                run = await get_run_row(session, self.principal, wanted.run)
        except NotFound as exc:
            await self.error(exc.error_code, exc.message, run=wanted.run)
            return
        self.unsubscribe(run.id)  # subscribing again starts over from the new after_seq
        self.follows[run.id] = asyncio.create_task(
            self._follow(run.id, wanted.after_seq), name=f"flowline-ws-{run.id}"
        )

    def unsubscribe(self, run_id: str) -> None:
        task = self.follows.pop(run_id, None)
        if task is not None:
            task.cancel()

    async def _follow(self, run_id: str, after_seq: int) -> None:
        runtime = self.runtime
        try:
            events = follow_events(
                runtime.db, runtime.bus, self.principal.org_id, run_id, after_seq
            )
            async for event in events:
                await self.send({"run_id": run_id, **event.model_dump(mode="json")})
            await self.send({"ended": {"run": run_id}})
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if self.websocket.application_state != WebSocketState.CONNECTED:
                return  # the client is gone; nothing to tell
            log.error("ws.follow_failed", run_id=run_id, error_type=type(exc).__name__)
            with contextlib.suppress(Exception):
                await self.error("INTERNAL_ERROR", "Following the run failed.", run=run_id)
        finally:
            if self.follows.get(run_id) is asyncio.current_task():
                del self.follows[run_id]

    async def close(self) -> None:
        tasks = [*self.follows.values(), *self.flows.values()]
        self.follows.clear()
        self.flows.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@router.websocket("/api/v1/ws")
async def events_socket(websocket: WebSocket) -> None:
    """Follow runs: ``{"subscribe": {"run": id, "after_seq": n}}`` or ``{"subscribe":
    {"flow": id}}`` (every new run of the flow), and ``{"unsubscribe": ...}``."""
    runtime: Runtime = websocket.app.state.runtime
    query_key = _take_query_key(websocket)
    await websocket.accept()
    try:
        principal = await _authenticate(websocket, runtime, query_key)
    except FlowlineError as exc:
        code = CLOSE_UNAUTHORIZED if exc.status == 401 else CLOSE_FORBIDDEN
        await websocket.close(code=code, reason=exc.message[:120])
        return
    if not principal.allows("runs:read"):
        await websocket.close(CLOSE_FORBIDDEN, "This needs the 'runs:read' permission.")
        return
    if runtime.rate_limiter.acquire(principal.rate_key):
        await websocket.close(CLOSE_RATE_LIMITED, "Too many requests for this key; slow down.")
        return
    socket = _Socket(websocket, runtime, principal)
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            raw = message.get("text")
            await socket.handle(raw if raw is not None else message.get("bytes") or b"")
    finally:
        await socket.close()


def _take_query_key(websocket: WebSocket) -> str | None:
    """Read ``?api_key=`` and remove it from the connection's query string.

    The server logs each accepted WebSocket with its query string; taking the
    key out before accepting keeps it out of every log.
    """
    pairs = parse_qsl(websocket.scope.get("query_string", b"").decode("latin-1"))
    key = next((value for name, value in pairs if name == QUERY_KEY), None)
    if key is not None:
        kept = [(name, value) for name, value in pairs if name != QUERY_KEY]
        websocket.scope["query_string"] = urlencode(kept).encode("latin-1")
    return key or None


async def _authenticate(websocket: WebSocket, runtime: Runtime, query_key: str | None) -> Principal:
    raw_key = presented_key(websocket) or query_key
    async with runtime.db.session() as session:
        if raw_key:
            outcome = await auth_service.authenticate_key(session, raw_key)
            if outcome.stale_last_used:
                assert outcome.principal.api_key_id is not None
                runtime.last_used.seen(outcome.principal.api_key_id)
            return outcome.principal
        cookie = websocket.cookies.get(SESSION_COOKIE)
        if cookie:
            _check_same_origin(websocket)
            return await auth_service.authenticate_session(
                session, cookie, websocket.headers.get(CSRF_HEADER), "GET"
            )
    raise Unauthorized(
        "Authentication required: send an API key (Authorization: Bearer, X-API-Key or "
        "?api_key=) or log in."
    )


def _check_same_origin(websocket: WebSocket) -> None:
    """Browsers send cookies on cross-site WebSockets too; only our own pages may use them."""
    origin = websocket.headers.get("origin")
    if origin and urlsplit(origin).netloc != websocket.headers.get("host"):
        raise Forbidden("The session cookie is accepted only from this server's own pages.")
