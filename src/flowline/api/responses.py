from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from starlette.responses import Response


class JSONResponse(Response):
    """JSON rendered by orjson, for the few answers built by hand (errors, replays)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def event_stream(events: Iterable[str] | None = None) -> dict[str, Any]:
    """The OpenAPI ``content`` of a server-sent event stream whose events each carry
    a name (``event:``, one of ``events`` when given) and JSON data (``data:``).

    OpenAPI 3.1 has no keyword for one event of a stream: its ``schema`` is read
    (by Schemathesis, as by OpenAPI 3.2's ``itemSchema``) as that of each event,
    an object of the event's fields; ``: ping`` comments are not events."""
    name: dict[str, Any] = {"type": "string"}
    if events is not None:
        name["enum"] = sorted(events)
    event = {
        "type": "object",
        "description": "One event: its name, its JSON data and, where the stream has them, "
        "its id (resume from it with `Last-Event-ID`).",
        "required": ["event", "data"],
        "properties": {
            "event": name,
            "data": {"type": "string", "contentMediaType": "application/json"},
            "id": {"type": "string"},
        },
    }
    return {"text/event-stream": {"schema": event}}
