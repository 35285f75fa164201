"""The simulator's HTTP surface: CAPI §7 under ``/api/capi``, controls under ``/_sim``.

CAPI's side follows seed 000: ``Authorization: Bearer <jwt>`` on every request
(anything else is 401), JSON bodies, phone numbers in E.164, ``limit``/``offset``
on lists, ``400`` for a client's mistake. The seed fixes no error body, so
errors here are ``{"status", "message", "errors"?: [{"field", "message"}]}``;
clients are meant to dispatch on the status code.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import orjson
import phonenumbers
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from flowline.examples.capi_sim.state import Faults, Logged, Simulator, User
from flowline.examples.capi_sim.tokens import TokenRejected, verify

BASE = "/api/capi"
MAX_LIMIT = 100
DEFAULT_LIMIT = 50
MAX_RANGE_DAYS = 31
RECORDING = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 118  # a silent stand-in for audio
_MASKED = "***"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

Handler = Callable[[Request, Simulator, dict[str, Any]], Awaitable[Response]]


class ClientError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status, headers, media_type="application/json")


def _error(status: int, message: str, field: str | None = None) -> Response:
    body: dict[str, Any] = {"status": status, "message": message}
    if field is not None:
        body["errors"] = [{"field": field, "message": message}]
    return _json(body, status)


def _sim(request: Request) -> Simulator:
    sim: Simulator = request.app.state.sim
    return sim


# --- parsing -----------------------------------------------------------------------------


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw:
        return {}
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ClientError(400, "The body is not valid JSON.", "body") from None
    if not isinstance(value, dict):
        raise ClientError(400, "The body must be a JSON object.", "body")
    return value


def _text(body: dict[str, Any], name: str, *, required: bool = True, max_length: int = 200) -> str:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise ClientError(400, f"{name} is required.", name)
        return ""
    if not isinstance(value, str) or len(value) > max_length:
        raise ClientError(400, f"{name} must be a string of at most {max_length} characters.", name)
    return value.strip()


def e164(value: Any, field: str) -> str:
    """``value`` if it is a valid phone number written in E.164 (``+46701234567``)."""
    problem = f"{field} must be a phone number in E.164 format, e.g. +46701234567."
    if not isinstance(value, str) or not value.startswith("+"):
        raise ClientError(400, problem, field)
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise ClientError(400, problem, field) from None
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_valid_number(number) or formatted != value:
        raise ClientError(400, problem, field)
    return value


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ClientError(400, f"{name} must be a whole number from {low} to {high}.", name)
    return int(raw)


def _date(request: Request, name: str) -> date:
    raw = request.query_params.get(name)
    if raw is None:
        raise ClientError(400, f"{name} is required (YYYY-MM-DD).", name)
    problem = ClientError(400, f"{name} must be a date, YYYY-MM-DD.", name)
    if not _DATE.fullmatch(raw):
        raise problem
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise problem from None


def _page(request: Request, items: list[Any]) -> Response:
    limit = _int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _int(request, "offset", 0, 0, 10_000_000)
    return _json(
        {
            "items": items[offset : offset + limit],
            "total": len(items),
            "limit": limit,
            "offset": offset,
        }
    )


def _user(sim: Simulator, user_id: str) -> User:
    user = sim.users.get(user_id)
    if user is None:
        raise ClientError(404, f"No user {user_id}.")
    return user


# --- CAPI §7 -----------------------------------------------------------------------------


async def create_user(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    body = await _body(request)
    first = _text(body, "firstName")
    last = _text(body, "lastName")
    email = _text(body, "email", max_length=254)
    if "@" not in email:
        raise ClientError(400, "email must be an email address.", "email")
    mobile = e164(body["mobile"], "mobile") if body.get("mobile") is not None else None
    place = _text(body, "invoicePlace", required=False) or "Stockholm"
    if any(u.email == email for u in sim.users.values()):
        raise ClientError(409, f"A user with email {email} exists.", "email")
    user = sim.add_user(first, last, email, mobile, place)
    return _json({**user.view(), "user": user.id}, 201)


async def get_user(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    return _json(_user(sim, request.path_params["user"]).view())


async def delete_user(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    if not sim.delete_user(request.path_params["user"]):
        raise ClientError(404, f"No user {request.path_params['user']}.")
    return Response(status_code=204)


async def list_users(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    place = request.query_params.get("invoice-place") or None  # empty: the whole account
    users = [u.view() for u in sim.users.values() if place is None or u.invoicePlace == place]
    return _page(request, users)


async def create_credential(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    user = _user(sim, request.path_params["user"])
    body = await _body(request)
    label = _text(body, "label", required=False) or "Softphone"
    credential = sim.add_credential(user, label)
    return _json(
        {
            "id": credential.id,
            "user": user.id,
            "label": credential.label,
            "sipUsername": credential.sipUsername,
            "password": credential.password,
        },
        201,
    )


async def add_queue_member(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    queue = request.path_params["extension"]
    members = sim.queues.get(queue)
    if members is None:
        raise ClientError(404, f"No queue with extension {queue}.")
    body = await _body(request)
    user_id = _text(body, "user")
    user = sim.users.get(user_id)
    if user is None:
        raise ClientError(400, f"No user {user_id}.", "user")
    if user.id not in members:
        members.append(user.id)
    return _json({"queue": queue, "user": user.id, "members": len(members)}, 201)


async def onboarding_mail(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    user = _user(sim, request.path_params["user"])
    mail = {"user": user.id, "to": user.email, "at": _now()}
    sim.mails.append(mail)
    return _json({"sent": True, **mail}, 202)


def _calls_between(sim: Simulator, request: Request, extension: str) -> Response:
    start, end = _date(request, "fromDate"), _date(request, "toDate")
    if end < start:
        raise ClientError(400, "toDate must not be before fromDate.", "toDate")
    if (end - start).days >= MAX_RANGE_DAYS:
        raise ClientError(400, f"The range may span at most {MAX_RANGE_DAYS} days.", "toDate")
    calls: list[dict[str, Any]] = []
    day = start
    while day <= end:
        calls.extend(sim.calls(extension, day))
        day = date.fromordinal(day.toordinal() + 1)
    call_type = request.query_params.get("callType")
    if call_type is not None:
        calls = [c for c in calls if c["direction"] == call_type]
    return _page(request, calls)


async def extension_calls(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    extension = request.path_params["extension"]
    if sim.user_by_extension(extension) is None:
        raise ClientError(404, f"No extension {extension}.")
    return _calls_between(sim, request, extension)


async def my_calls(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    extension = str(claims.get("ext") or "")
    if sim.user_by_extension(extension) is None:
        raise ClientError(404, "The token's user has no extension here.")
    return _calls_between(sim, request, extension)


async def recording(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    name = request.path_params["recordedCall"]
    parts = name.split("-")
    if len(parts) != 4 or parts[0] != "rec":
        raise ClientError(404, f"No recording {name}.")
    try:
        day = datetime.strptime(parts[2], "%Y%m%d").replace(tzinfo=UTC).date()
    except ValueError:
        raise ClientError(404, f"No recording {name}.") from None
    if not any(c["recordedCall"] == name for c in sim.calls(parts[1], day)):
        raise ClientError(404, f"No recording {name}.")
    return Response(RECORDING, media_type="audio/mpeg")


async def licenses(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    user = _user(sim, request.path_params["user"])
    return _json({"items": [{"user": user.id, "product": "flow-user", "active": True}]})


async def products(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    items = [
        {"id": "flow-user", "name": "Flow user licence"},
        {"id": "flow-queue", "name": "Queue agent add-on"},
    ]
    return _page(request, items)


async def send_sms(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    body = await _body(request)
    to = e164(body.get("to"), "to")
    text = _text(body, "message", max_length=1600)
    sent = {"id": f"sms-{len(sim.sms) + 1}", "to": to, "message": text, "at": _now()}
    sim.sms.append(sent)
    return _json(sent, 202)


async def unknown(request: Request, sim: Simulator, claims: dict[str, Any]) -> Response:
    raise ClientError(404, f"No such endpoint: {request.method} {request.url.path}.")


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


# --- the door every CAPI request goes through ----------------------------------------------


def _logged(request: Request, raw: bytes) -> Logged:
    headers = dict(request.headers)
    authorization = headers.get("authorization")
    if authorization is not None:
        headers["authorization"] = _MASKED
    body: Any = None
    if raw:
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            body = raw.decode("utf-8", errors="replace")
    now = datetime.now(UTC)
    return Logged(
        seq=0,
        at=now.isoformat().replace("+00:00", "Z"),
        t=time.time(),
        method=request.method,
        path=request.url.path,
        query=dict(request.query_params),
        headers=headers,
        bearer_prefix=bool(authorization and authorization.startswith("Bearer ")),
        body=body,
    )


def _authenticate(request: Request, sim: Simulator) -> dict[str, Any]:
    authorization = request.headers.get("authorization", "")
    if not authorization.startswith("Bearer "):
        raise ClientError(401, "Send Authorization: Bearer <jwt>.")
    try:
        return verify(authorization.removeprefix("Bearer ").strip(), sim.secret)
    except TokenRejected as exc:
        raise ClientError(401, f"Not authenticated: {exc}.") from None


def capi(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Log the request, inject the configured fault, check the token, then answer."""

    async def endpoint(request: Request) -> Response:
        sim = _sim(request)
        entry = sim.record(_logged(request, await request.body()))
        fault, delay = sim.next_fault(request.method, request.url.path)
        if delay:
            await asyncio.sleep(delay)
        entry.fault = fault
        if fault == "429":
            seconds = sim.faults.retry_after
            response = _json(
                {"status": 429, "message": f"Too many requests; retry after {seconds} s."},
                429,
                {"Retry-After": str(seconds)},
            )
        elif fault == "5xx":
            status = sim.faults.fail_status
            response = _json({"status": status, "message": "Simulated server failure."}, status)
        else:
            try:
                response = await handler(request, sim, _authenticate(request, sim))
            except ClientError as exc:
                response = _error(exc.status, exc.message, exc.field)
        entry.status = response.status_code
        return response

    return endpoint


# --- /_sim: controls for tests and demos ---------------------------------------------------


async def get_faults(request: Request) -> Response:
    return _json(_faults_view(_sim(request).faults))


def _faults_view(faults: Faults) -> dict[str, Any]:
    return {k: getattr(faults, k) for k in Faults.__dataclass_fields__}


async def set_faults(request: Request) -> Response:
    """Replace the faults with the body's (fields left out take their defaults)."""
    try:
        body = await _body(request)
        known = set(Faults.__dataclass_fields__)
        unknown = sorted(set(body) - known)
        if unknown:
            raise ClientError(400, f"Unknown fault settings: {', '.join(unknown)}.", unknown[0])
        faults = Faults(**body)
        _check_faults(faults)
    except (ClientError, TypeError) as exc:
        if isinstance(exc, ClientError):
            return _error(exc.status, exc.message, exc.field)
        return _error(400, str(exc))
    _sim(request).faults = faults
    return _json(_faults_view(faults))


def _check_faults(faults: Faults) -> None:
    for name in ("fail_next", "rate_limit_next", "retry_after"):
        value = getattr(faults, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ClientError(400, f"{name} must be a whole number, 0 or more.", name)
    if not isinstance(faults.fail_status, int) or not 500 <= faults.fail_status <= 599:
        raise ClientError(400, "fail_status must be from 500 to 599.", "fail_status")
    for name, high in (("fail_rate", 1.0), ("delay_seconds", 120.0)):
        value = getattr(faults, name)
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= high:
            raise ClientError(400, f"{name} must be a number from 0 to {high}.", name)
    if faults.match is not None and not isinstance(faults.match, str):
        raise ClientError(400, "match must be a string.", "match")
    methods = faults.methods
    if methods is not None and (
        not isinstance(methods, list) or not all(isinstance(m, str) for m in methods)
    ):
        raise ClientError(400, "methods must be a list of strings.", "methods")


async def clear_faults(request: Request) -> Response:
    _sim(request).faults = Faults()
    return Response(status_code=204)


async def get_requests(request: Request) -> Response:
    sim = _sim(request)
    after = request.query_params.get("after_seq", "0")
    start = int(after) if after.isdigit() else 0
    return _json({"items": [e.view() for e in sim.log if e.seq > start]})


async def clear_requests(request: Request) -> Response:
    _sim(request).log.clear()
    return Response(status_code=204)


async def reset(request: Request) -> Response:
    _sim(request).reset()
    return Response(status_code=204)


async def get_state(request: Request) -> Response:
    sim = _sim(request)
    return _json(
        {
            "users": [u.view() for u in sim.users.values()],
            "queues": sim.queues,
            "credentials": {k: len(v) for k, v in sim.credentials.items()},
            "mails": sim.mails,
            "sms": sim.sms,
        }
    )


def create_app(sim: Simulator | None = None) -> Starlette:
    """The simulator as an ASGI app; ``app.state.sim`` is its state."""
    users = f"{BASE}/v1/extensions/users"
    routes = [
        Route(users, capi(list_users), methods=["GET"]),
        Route(users, capi(create_user), methods=["POST"]),
        Route(f"{users}/me/calls/history", capi(my_calls), methods=["GET"]),
        Route(f"{users}/me/sms", capi(send_sms), methods=["POST"]),
        Route(f"{users}/calls/recordings/{{recordedCall}}", capi(recording), methods=["GET"]),
        Route(
            f"{users}/user-access/{{user}}/onboarding-mail",
            capi(onboarding_mail),
            methods=["POST"],
        ),
        Route(f"{users}/{{user}}", capi(get_user), methods=["GET"]),
        Route(f"{users}/{{user}}", capi(delete_user), methods=["DELETE"]),
        Route(f"{users}/{{user}}/credentials", capi(create_credential), methods=["POST"]),
        Route(f"{users}/{{user}}/licenses", capi(licenses), methods=["GET"]),
        Route(
            f"{BASE}/v1/extensions/pbx/queues/{{extension}}/members",
            capi(add_queue_member),
            methods=["POST"],
        ),
        Route(f"{BASE}/v1/extensions/{{extension}}/calls", capi(extension_calls), methods=["GET"]),
        Route(f"{BASE}/v1/products", capi(products), methods=["GET"]),
        Route(f"{BASE}/{{path:path}}", capi(unknown), methods=_METHODS),
        Route("/_sim/faults", get_faults, methods=["GET"]),
        Route("/_sim/faults", set_faults, methods=["POST", "PUT"]),
        Route("/_sim/faults", clear_faults, methods=["DELETE"]),
        Route("/_sim/requests", get_requests, methods=["GET"]),
        Route("/_sim/requests", clear_requests, methods=["DELETE"]),
        Route("/_sim/reset", reset, methods=["POST"]),
        Route("/_sim/state", get_state, methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.state.sim = sim or Simulator()
    return app
