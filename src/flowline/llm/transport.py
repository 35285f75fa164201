"""What the providers' SDK clients share: one TLS context, and the clients themselves.

An SDK client (``AsyncOpenAI``, ``AsyncAnthropic``) owns an ``httpx2`` client,
and with it a connection pool. Making one per model call cost a chat turn a new
TCP connection, the proxy settings read from the environment and, before the
TLS context was shared, the system's CA certificates loaded again: most of a
turn's time to first token. So a process keeps one SDK client per provider
configuration (kind, base URL, key) and event loop, reuses its connections, and
gives each call its own timeout. A call that is cancelled closes its own
response, not the client. The clients are closed with the app
(:func:`close_clients`).
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

import httpx2
import orjson

from flowline.llm.retry import Failure, RetryPolicy, with_retries

MAX_CLIENTS = 64
"""Per event loop; the least recently used beyond it is let go."""


class _Closable(Protocol):
    async def close(self) -> None: ...


C = TypeVar("C", bound=_Closable)
T = TypeVar("T")
E = TypeVar("E", bound=Exception)
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, OrderedDict[tuple[str, ...], Any]]
_clients = weakref.WeakKeyDictionary()


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The SDKs' own default context (``httpx2``'s: the system's CAs, or ``SSL_CERT_FILE``)."""
    return httpx2.create_ssl_context()


def shared_client(key: tuple[str, ...], make: Callable[[], C]) -> C:
    """This loop's client for ``key`` (a provider's kind, base URL and key), made once."""
    loop = asyncio.get_running_loop()
    clients = _clients.get(loop)
    if clients is None:
        clients = _clients[loop] = OrderedDict()
    client = clients.get(key)
    if client is None:
        client = clients[key] = make()
        if len(clients) > MAX_CLIENTS:
            clients.popitem(last=False)  # calls in flight keep it; the collector closes it
    else:
        clients.move_to_end(key)
    return client


async def close_clients() -> None:
    """Close this loop's SDK clients (the app's shutdown)."""
    clients = _clients.pop(asyncio.get_running_loop(), None)
    for client in (clients or {}).values():
        await client.close()


def json_object(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object (a ``dict``), else an empty one: for reading a
    provider's answer without trusting its shape."""
    return value if isinstance(value, dict) else {}


def answer_json(answer: httpx2.Response, provider: str) -> Any:
    """A provider's raw answer parsed as JSON; a ``502`` when it is not."""
    try:
        return orjson.loads(answer.content)
    except orjson.JSONDecodeError:
        raise Failure("the answer is not JSON").as_error(provider) from None


def event_stream(
    client: Any, path: str, body: dict[str, Any], timeout: float | None, stream_cls: type[Any]
) -> Awaitable[Any]:
    """A streaming request by the SDK's own request method (both SDKs share its shape):
    the SDK reads the event stream, error events included, and hands each chunk over as
    parsed JSON, not as a model."""
    return client.post(  # type: ignore[no-any-return]
        path,
        body=body,
        cast_to=object,
        options={"timeout": timeout},
        stream=True,
        stream_cls=stream_cls,
    )


UNSENT_ERRORS: tuple[type[Exception], ...] = (
    ValueError,  # UnicodeEncodeError: a header value (the key) that is not ASCII
    httpx2.InvalidURL,
    httpx2.HTTPError,
    OSError,
    ExceptionGroup,  # the connection attempts of a happy-eyeballs task group
)
"""What the HTTP client under an SDK raises past the SDK's own error classes: while
building a request (the OpenAI SDK encodes headers before its ``try``) or reading a
stream."""
STREAM_ERRORS: tuple[type[Exception], ...] = (httpx2.HTTPError, OSError)
"""What reading an open stream may raise past the SDK's error classes."""


def unsent_failure(exc: Exception) -> Failure:
    """:data:`UNSENT_ERRORS` as a failure; the message never quotes the exception, whose
    text may hold a header's value."""
    if isinstance(exc, UnicodeError):
        return Failure(
            "the request cannot be sent: the API key or a header value holds characters "
            "an HTTP header cannot carry (only ASCII can be sent)",
            unsendable=True,
        )
    if isinstance(exc, httpx2.InvalidURL | httpx2.LocalProtocolError | ValueError):
        return Failure(
            "the request cannot be sent: the base URL or a header value is not valid HTTP",
            unsendable=True,
        )
    if isinstance(exc, httpx2.TimeoutException):
        return Failure("the request timed out")
    return Failure("could not connect, or the connection broke")


def connection_failure(exc: Exception) -> Failure:
    """An SDK's connection error: what its HTTP client raised underneath says whether
    the request could not be sent at all (a key no header can carry) or the network
    failed."""
    cause = exc.__cause__
    if isinstance(cause, UNSENT_ERRORS):
        return unsent_failure(cause)
    return Failure("could not connect")


async def sdk_call(
    provider: str,
    policy: RetryPolicy,
    call: Callable[[], Awaitable[T]],
    errors: type[E],
    failure: Callable[[E], Failure],
) -> T:
    """One SDK request under the retry rules: the SDK's ``errors`` become a
    :class:`Failure` by ``failure`` (retried or not), what its HTTP client raised by
    :func:`unsent_failure`; the last one our error."""

    async def attempt() -> T:
        try:
            return await call()
        except errors as exc:
            raise failure(exc) from None
        except UNSENT_ERRORS as exc:
            raise unsent_failure(exc) from None

    return await with_retries(provider, attempt, policy)
