"""``respond``: shapes the HTTP answer of the hook call that started the run.

The node renders its answer (``status``, ``headers``, ``body``) into the
step's output, committed with the step like any node's. A hook call that is
waiting for its run watches the run's events on the bus (LISTEN/NOTIFY on
PostgreSQL, so the call may be on another process than the run) and answers
with the first such output at once, while the run goes on. Without a waiting
caller the output is simply the record of what would have been answered.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, WithJsonSchema

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import NodeConfig, NodeType, Outcome, StepFailed

REFUSED_HEADERS = (
    # Hop-by-hop (RFC 9110 §7.6.1) and framing: the server sets them for the connection.
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    # Cookies would be set on this API's own origin, where its session cookie lives.
    "set-cookie",
    "set-cookie2",
    # The server's own.
    "date",
    "server",
)
MAX_HEADERS = 50
MAX_HEADER_VALUE = 8192


def _any_case(name: str) -> str:
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.isalpha() else "\\-" if c == "-" else c for c in name
    )


HEADER_NAME = (
    "^(?!(?:" + "|".join(_any_case(n) for n in REFUSED_HEADERS) + ")$)"
    "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$"
)
"""An HTTP token of 1 to 100 characters, none of :data:`REFUSED_HEADERS` (any case)."""

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")


def _header_name(name: str) -> str:
    if not _TOKEN.fullmatch(name):
        raise ValueError(
            f"header name {name[:100]!r} must be 1 to 100 letters, digits or !#$%&'*+.^_`|~-"
        )
    if name.lower() in REFUSED_HEADERS:
        raise ValueError(f"header {name!r} is refused: the server sets it, or it is unsafe")
    return name


# Checked in Python for a clear message; the schema states the same rule as a pattern.
HeaderName = Annotated[
    str, AfterValidator(_header_name), WithJsonSchema({"type": "string", "pattern": HEADER_NAME})
]
HeaderValue = Annotated[str, Field(max_length=MAX_HEADER_VALUE)]


class RespondConfig(NodeConfig):
    status: int = Field(
        default=200,
        ge=200,
        le=599,
        description=(
            "The HTTP status, 200 to 599 (1xx are interim answers, never a final one). "
            "With 204 and 304 no body is sent."
        ),
    )
    headers: dict[HeaderName, HeaderValue] = Field(
        default_factory=dict,
        max_length=MAX_HEADERS,
        json_schema_extra={"additionalProperties": False},
        description=(
            "Response headers (values are templates, at most 8,192 characters, rendering to "
            "one line of Latin-1 text: no control character but tab, nothing beyond U+00FF; "
            "else the step fails); at most 50. Refused, in any case: "
            + ", ".join(f"`{n}`" for n in REFUSED_HEADERS)
            + "."
        ),
    )
    body: Any = Field(
        default=None,
        description=(
            "The body: a template, or JSON with templates inside. Text is sent as "
            "`text/plain; charset=utf-8`, anything else as JSON, `null` as no body; a "
            "`Content-Type` header overrides."
        ),
    )


_UNSENDABLE = re.compile(r"[^\t\x20-\x7e\x80-\xff]")
"""What a header value cannot carry (RFC 9110's field-value, sent as Latin-1): control
characters (line breaks among them) and anything beyond U+00FF."""


def _header_value(name: str, value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    found = _UNSENDABLE.search(text)
    if found is not None:
        char = found.group()
        what = "a line break or NUL" if char in "\r\n\x00" else f"{char!r} (U+{ord(char):04X})"
        raise StepFailed(
            "VALIDATION_ERROR",
            f"Header {name!r} rendered {what}; a header value is one line of visible "
            "Latin-1 characters, spaces and tabs.",
            retryable=False,
        )
    if len(text) > MAX_HEADER_VALUE:
        raise StepFailed(
            "VALIDATION_ERROR",
            f"Header {name!r} rendered {len(text)} characters; at most {MAX_HEADER_VALUE}.",
            retryable=False,
        )
    return text


async def run_respond(ctx: NodeContext, config: RespondConfig) -> Outcome:
    headers = {name: _header_value(name, ctx.render(v)) for name, v in config.headers.items()}
    answer = {"status": config.status, "headers": headers, "body": ctx.render(config.body)}
    return Outcome(output=answer)


NODE = NodeType(
    "respond",
    RespondConfig,
    ("next",),
    "Answers the hook call that started the run with `status`, `headers` and `body`, at "
    "once, while the run goes on; without a waiting caller it records the answer.",
    execute=run_respond,
)
