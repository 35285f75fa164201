"""structlog set-up: JSON lines, request ids, and redaction before anything is written."""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import orjson
import structlog

from flowline.observability.redaction import redactor

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_LEVELS["error"] = logging.ERROR
_STRUCTURAL = frozenset({"event", "level", "timestamp", "logger", "request_id"})


def redact_event(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Mask secrets in every field of a log event (processor for structlog)."""
    for name, value in list(event_dict.items()):
        if name in _STRUCTURAL:
            if isinstance(value, str):
                event_dict[name] = redactor.text(value)
            continue
        event_dict[name] = redactor.data(value, name)
    return event_dict


def _redacted_repr(value: Any) -> str:
    """How values JSON cannot hold (bytes, exceptions, sets…) are written: their
    ``repr``, masked like any text, since ``redact_event`` only sees inside JSON types."""
    return redactor.text(repr(value))


def _dumps(event: Any, **_: Any) -> str:
    return orjson.dumps(event, default=_redacted_repr, option=orjson.OPT_NON_STR_KEYS).decode()


def configure_logging(level: str = "info", stream: Any = None) -> None:
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            redact_event,
            structlog.processors.JSONRenderer(serializer=_dumps),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(_LEVELS.get(level, logging.INFO)),
        logger_factory=structlog.PrintLoggerFactory(stream or sys.stdout),
        cache_logger_on_first_use=False,
    )
