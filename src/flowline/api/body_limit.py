"""Request bodies over the limit answer ``413`` with the standard error body.

Our own rather than Starlette's ``max_body_size``, which answers in plain text
and replaces even our JSON answer when a request declares a large
``Content-Length``.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flowline.api.errors import error_response


def _message(max_bytes: int) -> str:
    return f"The request body is larger than the limit of {max_bytes // (1024 * 1024)} MiB."


class BodyLimitMiddleware:
    def __init__(
        self, app: ASGIApp, *, max_bytes: int, larger: Mapping[str, int] | None = None
    ) -> None:
        """``larger``: the limits of paths starting with a prefix (uploads)."""
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})

    def _limit(self, path: str) -> int:
        for prefix, limit in self.larger.items():
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            response = error_response(413, "PAYLOAD_TOO_LARGE", _message(limit))
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised while the route reads its body, so the error handlers render it.
                    raise StarletteHTTPException(413, _message(limit))
            return message

        await self.app(scope, limited_receive, send)
