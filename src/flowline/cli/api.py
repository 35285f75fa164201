"""What the daily-work commands share: the API calls they make, ``--json``, one failure line.

``runs``, ``approvals``, ``agents``, ``chat``, ``kv`` and ``secrets`` talk to a
running server (``remote.py``: ``--url``/``FLOWLINE_URL``, ``--api-key``/
``FLOWLINE_API_KEY``, else the local instance's ``initial-credentials``). Each
prints a table or text for people, or with ``--json`` the API's ``data`` as JSON
on stdout, for scripts. A refusal is one ``error:`` line on stderr and exit 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from urllib.parse import quote

import httpx
import typer
from rich.table import Table
from rich.text import Text

from flowline.cli.console import EXIT_USAGE, fail, out
from flowline.cli.remote import (
    EVENT_STREAM,
    TIMEOUT,
    ApiError,
    Remote,
    Unreachable,
    _error,
    failure_line,
    resolve_target,
    sse_messages,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print the answer as JSON (for scripts).")]


class Api(Remote):
    """The routes of the daily-work commands, on top of :class:`Remote`."""

    def get(self, path: str, **params: Any) -> Any:
        query = {k: v for k, v in params.items() if v is not None}
        return self._call("GET", path, params=query or None)

    def post(self, path: str, body: Any = None) -> Any:
        return self._call("POST", path, json_body=body)

    def put(self, path: str, body: Any) -> Any:
        return self._call("PUT", path, json_body=body)

    def find_agent(self, ref: str) -> dict[str, Any]:
        """The agent with this id, or else exactly this name."""
        if ref.startswith("agt_"):
            try:
                found: dict[str, Any] = self.get(f"/api/v1/agents/{ref}")["data"]
            except ApiError as exc:
                if exc.status != 404:
                    raise
            else:
                return found
        page = 0
        while True:
            answer = self.get("/api/v1/agents", page=page, size=100)
            for agent in answer["data"]:
                if agent["name"] == ref:
                    named: dict[str, Any] = agent
                    return named
            page += 1
            if page >= answer["pages"]:
                raise ApiError(404, "AGENT_NOT_FOUND", f"No agent with id or name {ref!r}.", [])

    def chat_events(self, agent_id: str, body: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """A streamed chat turn's events as ``(type, data)``, until it completes or fails.

        A turn that waits for an approval keeps its stream open: the events after the
        answer come on the same stream.
        """
        timeout = httpx.Timeout(TIMEOUT.connect, read=None)  # a person may take a while
        try:
            with self._client.stream(
                "POST",
                f"/api/v1/agents/{quote(agent_id, safe='')}/chat",
                json={**body, "stream": True},
                headers={"Accept": EVENT_STREAM},
                timeout=timeout,
            ) as response:
                if response.status_code >= 400:
                    response.read()
                    raise _error(response)
                for message in sse_messages(response.iter_lines()):
                    if "event" not in message:
                        continue
                    try:
                        data = json.loads(message.get("data", "{}"))
                    except ValueError:
                        continue
                    yield message["event"], data
                    if message["event"] in ("run.completed", "error"):
                        return
        except httpx.TransportError as exc:
            raise Unreachable(f"lost the chat stream: {exc}") from None


@contextmanager
def connected(url: str | None, api_key: str | None) -> Iterator[Api]:
    """The server, with any refusal or unreachable server ending the command (exit 1)."""
    api = Api(resolve_target(url, api_key))
    try:
        yield api
    except (ApiError, Unreachable) as exc:
        fail(failure_line(exc))
    finally:
        api.close()


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False))


def table(columns: list[str], rows: list[list[Any]]) -> Table:
    made = Table(show_edge=False, pad_edge=False)
    for column in columns:
        made.add_column(column, overflow="fold")
    for row in rows:
        made.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
    return made


def print_record(record: dict[str, Any], fields: list[str]) -> None:
    """``field: value`` lines, values that are not text as compact JSON."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for name in fields:
        if name not in record:
            continue
        value = record[name]
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        grid.add_row(name, Text(shown))
    out.print(grid)


def json_value(text: str) -> Any:
    """``text`` as JSON when it is JSON, else the text itself (``--set k=v``, ``kv set``)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def assignments(pairs: list[str], option: str) -> dict[str, Any]:
    """``key=value`` pairs (values as :func:`json_value`); a usage error for a bad one."""
    found: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"{option}: expected key=value (got {pair!r})", EXIT_USAGE)
        found[key] = json_value(value)
    return found
