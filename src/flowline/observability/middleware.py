"""One pure-ASGI middleware for request ids, access logs and metrics.

Kept as a single plain ASGI callable (no BaseHTTPMiddleware) because it sits on
every request's path. It also answers unhandled exceptions itself: Starlette's
outer error middleware would send its 500 without the request id, log nothing
of ours, and re-raise so the server prints an unredacted traceback.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import structlog
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flowline.ids import new_id
from flowline.observability.metrics import http_duration, http_requests

log = structlog.get_logger("flowline.http")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# A hook's path holds its token, which is the hook's credential.
_HOOK_PATH = re.compile(r"^(/api/v1/hooks/)[^/]+")


class RequestMiddleware:
    def __init__(
        self, app: ASGIApp, *, access_log: bool, crash_response: Callable[[], Response]
    ) -> None:
        self.app = app
        self.access_log = access_log
        self.crash_response = crash_response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope["headers"])
        incoming = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else new_id("req")
        status = 500
        responded = False

        async def tagged_send(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status = message["status"]
                responded = True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            await self.app(scope, receive, tagged_send)
        except Exception as exc:
            if responded:
                raise
            log.error("unhandled_error", error_type=type(exc).__name__, exc_info=exc)
            await self.crash_response()(scope, receive, tagged_send)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            http_requests.labels(scope["method"], route, str(status)).inc()
            http_duration.labels(route).observe(elapsed)
            if self.access_log:
                log.info(
                    "request",
                    method=scope["method"],
                    path=_logged_path(scope["path"]),
                    status=status,
                    duration_ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.unbind_contextvars("request_id")


def _logged_path(path: str) -> str:
    """The path as the access log shows it: hook tokens masked."""
    return _HOOK_PATH.sub(r"\1***", path)


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"
