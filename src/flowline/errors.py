"""The one error model: every failure the API reports is a ``FlowlineError``."""

from __future__ import annotations

from typing import Any, ClassVar


class FlowlineError(Exception):
    """Base error; subclasses fix the HTTP status and the default code."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "BAD_REQUEST"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.error_code = code or self.code
        self.details = details
        self.headers = headers


class BadRequest(FlowlineError):
    status = 400
    code = "BAD_REQUEST"


class Unauthorized(FlowlineError):
    status = 401
    code = "UNAUTHORIZED"


class PaymentRequired(FlowlineError):
    status = 402
    code = "PAYMENT_REQUIRED"


class Forbidden(FlowlineError):
    status = 403
    code = "FORBIDDEN"


class NotFound(FlowlineError):
    status = 404
    code = "NOT_FOUND"


class MissingReference(NotFound):
    """A field of the request names a record the organisation does not have.

    ``404`` as for a record named in the path (another organisation's records do not
    exist here), with ``details`` naming the field: the schema can say what an id
    looks like, never that it names a record.
    """

    def __init__(self, message: str, *, field: str | None = None, **kwargs: Any) -> None:
        if field is not None and "details" not in kwargs:
            kwargs["details"] = [{"field": field, "problem": message}]
        super().__init__(message, **kwargs)


class Conflict(FlowlineError):
    status = 409
    code = "CONFLICT"


class ValidationFailed(FlowlineError):
    status = 422
    code = "VALIDATION_ERROR"

    def __init__(self, message: str, *, field: str | None = None, **kwargs: Any) -> None:
        if field is not None and "details" not in kwargs:
            kwargs["details"] = [{"field": field, "problem": message}]
        super().__init__(message, **kwargs)


class PayloadTooLarge(FlowlineError):
    status = 413
    code = "PAYLOAD_TOO_LARGE"


class RateLimited(FlowlineError):
    status = 429
    code = "RATE_LIMITED"


class ServiceUnavailable(FlowlineError):
    status = 503
    code = "SERVICE_UNAVAILABLE"


class ExpressionError(FlowlineError):
    """A template or expression could not be compiled or evaluated.

    The message names the expression and the reason; callers must never put a
    rendered value in ``reason`` (values may come from secrets).
    """

    status = 422
    code = "EXPRESSION_ERROR"

    #: How much of a long template the message quotes.
    SHOWN_CHARS: ClassVar[int] = 200

    def __init__(self, expression: str, reason: str, *, node_id: str | None = None) -> None:
        shown = expression
        if len(shown) > self.SHOWN_CHARS:
            shown = shown[: self.SHOWN_CHARS] + "…"
        where = f" in node {node_id!r}" if node_id else ""
        detail: dict[str, Any] = {"expression": shown, "problem": reason}
        if node_id:
            detail["node"] = node_id
        super().__init__(f"Expression {shown!r}{where} failed: {reason}", details=[detail])
        self.expression = expression
        self.reason = reason
        self.node_id = node_id
