"""Talking to a running Flowline over its HTTP API, for the commands that need a server.

Where: ``--url``, else ``FLOWLINE_URL``, else ``http://FLOWLINE_HOST:FLOWLINE_PORT``.
Who: ``--api-key``, else ``FLOWLINE_API_KEY``, else the ``api_key`` of
``<data dir>/initial-credentials`` (the owner's first key, on the same machine).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Final

import httpx
import typer

from flowline.cli.console import EXIT_USAGE, fail, settings_from_env

URL_ENV: Final = "FLOWLINE_URL"
API_KEY_ENV: Final = "FLOWLINE_API_KEY"
CREDENTIALS_FILE: Final = "initial-credentials"  # flowline.bootstrap writes it
EVENT_STREAM: Final = "text/event-stream"
TERMINAL_EVENTS: Final = frozenset({"run.succeeded", "run.failed", "run.cancelled"})

TIMEOUT: Final = httpx.Timeout(30.0)
STREAM_READ_TIMEOUT: Final = 60.0
"""The server pings an idle stream every 15 seconds; four missed pings is a dead stream."""
RECONNECT_DELAYS: Final = (0.2, 0.5, 1.0, 2.0, 4.0, 8.0)
"""Waits between reconnects of an event stream without any event in between; then give up."""
PAGE_SIZE: Final = 100

UrlOption = Annotated[
    str | None,
    typer.Option(
        envvar=URL_ENV,
        show_envvar=False,
        help=f"The server.  [default: {URL_ENV}, else http://FLOWLINE_HOST:FLOWLINE_PORT]",
    ),
]
ApiKeyOption = Annotated[
    str | None,
    typer.Option(
        envvar=API_KEY_ENV,
        show_envvar=False,
        help=f"API key.  [default: {API_KEY_ENV}, else the one in <data dir>/initial-credentials]",
    ),
]


class ApiError(Exception):
    """The server refused a request; carries its error body."""

    def __init__(self, status: int, code: str, message: str, details: list[Any]) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def __str__(self) -> str:
        text = f"{self.message} ({self.status} {self.code})"
        for detail in self.details[:3]:
            if isinstance(detail, dict) and "field" in detail:
                text += f"; {detail['field']}: {detail.get('problem', '')}"
        return text


class Unreachable(Exception):
    """The server did not answer at all."""


def failure_line(exc: ApiError | Unreachable) -> str:
    """The one line for a failure that stops a command."""
    if isinstance(exc, ApiError) and exc.status == 401:
        return f"the server refused the API key: {exc}"
    if isinstance(exc, ApiError) and exc.status == 403:
        return f"the API key may not do this: {exc}"
    return str(exc)


@dataclass(frozen=True, slots=True)
class Target:
    base_url: str
    api_key: str


def _host_for_url(host: str) -> str:
    """The address to dial for a listening address: any-address means this machine."""
    if host in ("", "0.0.0.0"):  # noqa: S104  (not binding, dialling)
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def resolve_target(url: str | None, api_key: str | None) -> Target:
    """The server and key to use; exits with code 2 when no key can be found."""
    settings = settings_from_env()
    base_url = url or f"http://{_host_for_url(settings.host)}:{settings.port}"
    if not base_url.startswith(("http://", "https://")):
        fail(f"--url: must start with http:// or https:// (got {base_url!r})", EXIT_USAGE)
    if api_key:
        return Target(base_url.rstrip("/"), api_key)
    path = settings.data_dir / CREDENTIALS_FILE
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        saved = None
    except (OSError, ValueError) as exc:
        fail(f"cannot read {path}: {exc}", EXIT_USAGE)
    key = saved.get("api_key") if isinstance(saved, dict) else None
    if not isinstance(key, str) or not key:
        fail(
            f"no API key: pass --api-key or set {API_KEY_ENV} (there is no api_key in {path})",
            EXIT_USAGE,
        )
    return Target(base_url.rstrip("/"), key)


@dataclass(frozen=True, slots=True)
class Event:
    """One run event as the stream sends it."""

    seq: int
    type: str
    data: dict[str, Any]
    created_at: str


def _error(response: httpx.Response) -> ApiError:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and "message" in body:
        details = body.get("details")
        return ApiError(
            response.status_code,
            str(body.get("error", "ERROR")),
            str(body["message"]),
            details if isinstance(details, list) else [],
        )
    text = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
    return ApiError(response.status_code, "HTTP_ERROR", text or response.reason_phrase, [])


def _event(fields: dict[str, str]) -> Event | None:
    """The event of one SSE message, or None for a message that is not one."""
    try:
        body = json.loads(fields.get("data", ""))
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("seq"), int):
        return None
    data = body.get("data")
    return Event(
        seq=body["seq"],
        type=str(body.get("type") or fields.get("event", "")),
        data=data if isinstance(data, dict) else {},
        created_at=str(body.get("created_at", "")),
    )


def sse_messages(lines: Iterator[str]) -> Iterator[dict[str, str]]:
    """Server-sent event messages as ``{field: value}``; comments (pings) are skipped."""
    fields: dict[str, str] = {}
    for raw in lines:
        line = raw.rstrip("\r")
        if not line:
            if fields:
                yield fields
            fields = {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data" and "data" in fields:
            fields["data"] += "\n" + value
        else:
            fields[name] = value
    # A stream cut off mid-message leaves an incomplete one in ``fields``: dropped.


class Remote:
    """A Flowline server, reached with an API key. Close it (or use ``with``)."""

    def __init__(self, target: Target, transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = target.base_url
        self._client = httpx.Client(
            base_url=target.base_url,
            headers={"Authorization": f"Bearer {target.api_key}"},
            timeout=TIMEOUT,
            transport=transport,
        )

    def __enter__(self) -> Remote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _call(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        try:
            response = self._client.request(
                method, path, json=json_body, params=params, headers=headers
            )
        except httpx.TransportError as exc:
            raise Unreachable(f"cannot reach Flowline at {self.base_url}: {exc}") from None
        if response.status_code >= 400:
            raise _error(response)
        return response.json()

    def find_flow(self, name: str) -> dict[str, Any] | None:
        """The flow with exactly this name (a summary, without its definition), if any."""
        page = 0
        while True:
            answer = self._call(
                "GET", "/api/v1/flows", params={"q": name, "page": page, "size": PAGE_SIZE}
            )
            for flow in answer["data"]:
                if flow["name"] == name:
                    found: dict[str, Any] = flow
                    return found
            page += 1
            if page >= answer["pages"]:
                return None

    def get_flow(self, flow_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self._call("GET", f"/api/v1/flows/{flow_id}")["data"]
        return data

    def create_flow(self, body: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = self._call("POST", "/api/v1/flows", json_body=body)["data"]
        return data

    def replace_flow(self, flow_id: str, body: dict[str, Any], version: int) -> dict[str, Any]:
        """``PUT``: every field, and the definition as a new version."""
        data: dict[str, Any] = self._call(
            "PUT", f"/api/v1/flows/{flow_id}", json_body=body, headers={"If-Match": str(version)}
        )["data"]
        return data

    def patch_flow(self, flow_id: str, body: dict[str, Any], version: int) -> dict[str, Any]:
        """``PATCH``: only the fields given; no new version without a definition."""
        data: dict[str, Any] = self._call(
            "PATCH", f"/api/v1/flows/{flow_id}", json_body=body, headers={"If-Match": str(version)}
        )["data"]
        return data

    def start_run(self, flow_id: str, run_input: Any) -> dict[str, Any]:
        data: dict[str, Any] = self._call(
            "POST", f"/api/v1/flows/{flow_id}/run", json_body={"input": run_input}
        )["data"]
        return data

    def get_run(self, run_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self._call("GET", f"/api/v1/runs/{run_id}")["data"]
        return data

    def follow_events(self, run_id: str) -> Iterator[Event]:
        """The run's events from the first, live, until a terminal one.

        A stream that drops is reopened with ``Last-Event-ID``, so nothing is
        missed or repeated; ``Unreachable`` once reconnecting keeps failing.
        """
        for event in self._follow(f"/api/v1/runs/{run_id}/events", 0, f"run {run_id}"):
            yield event
            if event.type in TERMINAL_EVENTS:
                return

    def follow_channel(self, channel_id: str, after: int) -> Iterator[Event]:
        """The channel's events numbered above ``after``, live, until the caller stops."""
        yield from self._follow(f"/api/v1/channels/{channel_id}/stream", after, "the channel")

    def _follow(self, path: str, last: int, what: str) -> Iterator[Event]:
        """An event stream from ``last`` on, reopened with ``Last-Event-ID`` when it drops."""
        failures = 0
        while True:
            headers = {"Accept": EVENT_STREAM}
            if last:
                headers["Last-Event-ID"] = str(last)
            timeout = httpx.Timeout(TIMEOUT.connect, read=STREAM_READ_TIMEOUT)
            try:
                with self._client.stream("GET", path, headers=headers, timeout=timeout) as response:
                    if response.status_code >= 400:
                        response.read()
                        if response.status_code < 500:
                            raise _error(response)
                        problem = str(_error(response))  # a restarting server: try again
                    else:
                        problem = "the event stream ended early"
                        for message in sse_messages(response.iter_lines()):
                            event = _event(message)
                            if event is None or event.seq <= last:
                                continue
                            last = event.seq
                            failures = 0
                            yield event
            except httpx.TransportError as exc:
                problem = str(exc) or type(exc).__name__
            if failures >= len(RECONNECT_DELAYS):
                raise Unreachable(f"lost the event stream of {what}: {problem}")
            time.sleep(RECONNECT_DELAYS[failures])
            failures += 1

    def find_channel(self, ref: str) -> dict[str, Any] | None:
        """The channel with this id, or else exactly this name."""
        if ref.startswith("chn_"):
            try:
                data: dict[str, Any] = self._call("GET", f"/api/v1/channels/{ref}")["data"]
            except ApiError as exc:
                if exc.status != 404:
                    raise
            else:
                return data
        page = 0
        while True:
            answer = self._call("GET", "/api/v1/channels", params={"page": page, "size": PAGE_SIZE})
            for channel in answer["data"]:
                if channel["name"] == ref:
                    found: dict[str, Any] = channel
                    return found
            page += 1
            if page >= answer["pages"]:
                return None

    def channel_event_count(self, channel_id: str) -> int:
        """How many events the channel has (the number of its latest)."""
        answer = self._call("GET", f"/api/v1/channels/{channel_id}/stream", params={"size": 1})
        return int(answer["total"])

    def contact(self, contact_id: str) -> dict[str, Any] | None:
        try:
            data: dict[str, Any] = self._call("GET", f"/api/v1/contacts/{contact_id}")["data"]
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        return data

    def say(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """Write on a sandbox channel as a person; the stored message (``None``: a repeat)."""
        data: dict[str, Any] | None = self._call(
            "POST", f"/api/v1/channels/{channel_id}/sandbox/messages", json_body=body
        )["data"]
        return data
