"""``flowline phone CHANNEL --as +31612345678``: be a person on a sandbox channel.

Each line typed (or piped) is a message from that person
(``POST channels/{id}/sandbox/messages``); what the channel sends them comes
from its event stream (``GET channels/{id}/stream``) and is printed as
``bot: …``, with numbered answer buttons. Typing a button's number presses it.
With stdin not a terminal, the person's own lines are printed too (``you: …``),
so the transcript reads whole. At the end of input the command stays until the
channel has been quiet for ``--linger`` seconds, so late answers are shown.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from typing import Annotated, Any

import typer

from flowline.cli.console import EXIT_FAILED, EXIT_USAGE, fail
from flowline.cli.remote import (
    ApiError,
    ApiKeyOption,
    Event,
    Remote,
    Target,
    Unreachable,
    UrlOption,
    failure_line,
    resolve_target,
)

app = typer.Typer(add_completion=False)


def same_address(a: str, b: str) -> bool:
    """Whether two spellings name one person (phones compared by their digits)."""
    digits_a, digits_b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if min(len(digits_a), len(digits_b)) >= 6 and "@" not in a + b:
        return digits_a == digits_b
    return a.strip().lower() == b.strip().lower()


def message_lines(body: dict[str, Any], type_: str) -> list[str]:
    """How a message the channel sends reads in a terminal."""
    if type_ == "template":
        return [f"[template {body.get('template')} ({body.get('language')})]"]
    if type_ == "media":
        caption = f" {body['caption']}" if body.get("caption") else ""
        return [f"[{body.get('media_type') or 'media'} {body.get('url') or ''}]{caption}"]
    lines = [str(body.get("text") or f"[{type_}]")]
    for number, button in enumerate(body.get("buttons") or [], start=1):
        lines.append(f"  [{number}] {button.get('title')}")
    return lines


class Conversation:
    """The person's side: who they are on the channel, and the buttons last offered."""

    def __init__(self, address: str, echo_mine: bool) -> None:
        self.address = address
        self.echo_mine = echo_mine
        self.contact_id: str | None = None
        self.buttons: list[dict[str, Any]] = []
        self.last_activity = time.monotonic()
        self._others: set[str] = set()
        self._lock = threading.Lock()

    def is_me(self, remote: Remote, contact_id: str) -> bool:
        with self._lock:
            if self.contact_id is not None:
                return contact_id == self.contact_id
            if contact_id in self._others:
                return False
        contact = remote.contact(contact_id)
        mine = contact is not None and same_address(str(contact["address"]), self.address)
        with self._lock:
            if mine:
                self.contact_id = contact_id
            else:
                self._others.add(contact_id)
        return mine

    def show(self, remote: Remote, event: Event) -> None:
        message = event.data.get("message")
        if not isinstance(message, dict):
            return
        if not self.is_me(remote, str(message.get("contact_id"))):
            return
        self.last_activity = time.monotonic()
        body = message.get("body") or {}
        if event.type == "message.queued":
            lines = message_lines(body, str(message.get("type")))
            self.buttons = list(body.get("buttons") or [])
            _say("bot: " + lines[0], *lines[1:])
        elif event.type == "message.received" and self.echo_mine:
            _say(f"you: {body.get('text', '')}")
        elif event.type == "message.failed":
            error = message.get("error") or {}
            _say(f"! not delivered: {error.get('message', 'failed')}")
        elif event.type in ("contact.opted_out", "contact.opted_in"):
            _say(f"({event.type.removeprefix('contact.').replace('_', ' ')})")

    def outgoing(self, line: str) -> dict[str, Any]:
        """A typed line as the person's message: a button's number presses that button."""
        body: dict[str, Any] = {"from": self.address, "text": line}
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            button = self.buttons[int(line) - 1]
            body.update(text=str(button.get("title")), button_id=str(button.get("id")))
        return body


def _say(*lines: str) -> None:
    for line in lines:
        typer.echo(line)
    sys.stdout.flush()


def _listen(target: Target, channel_id: str, after: int, person: Conversation) -> None:
    with Remote(target) as remote:
        try:
            for event in remote.follow_channel(channel_id, after):
                person.show(remote, event)
        except (ApiError, Unreachable) as exc:
            typer.echo(f"error: {failure_line(exc)}", err=True)


@app.command()
def phone(
    channel: Annotated[str, typer.Argument(help="A sandbox channel: its id or its name.")],
    address: Annotated[
        str, typer.Option("--as", help="Who you are on the channel (e.g. +31612345678).")
    ],
    name: Annotated[str | None, typer.Option(help="Your name, as the channel sees it.")] = None,
    linger: Annotated[
        float,
        typer.Option(min=0, max=600, help="At the end of input, wait this long for answers."),
    ] = 2.0,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Chat in the terminal as a person on a sandbox channel."""
    target = resolve_target(url, api_key)
    person = Conversation(address.strip(), echo_mine=not sys.stdin.isatty())
    with Remote(target) as remote:
        try:
            found = remote.find_channel(channel)
            if found is None:
                fail(f"no channel {channel!r} (by id or name)")
            if found["kind"] != "sandbox":
                fail(
                    f"{found['name']} is a {found['kind']} channel; only sandbox channels can be "
                    "played from the terminal",
                    EXIT_USAGE,
                )
            after = remote.channel_event_count(found["id"])
            listener = threading.Thread(
                target=_listen, args=(target, found["id"], after, person), daemon=True
            )
            listener.start()
            typer.echo(
                f"On {found['name']} as {person.address}: type a message, Ctrl-D to end.",
                err=True,
            )
            for raw in sys.stdin:
                line = raw.strip()
                if not line:
                    continue
                body = person.outgoing(line)
                if name:
                    body["name"] = name
                stored = remote.say(found["id"], body)
                if stored is not None and person.contact_id is None:
                    person.contact_id = str(stored["contact_id"])
                person.last_activity = time.monotonic()
        except ApiError as exc:
            fail(failure_line(exc), EXIT_FAILED)
        except Unreachable as exc:
            fail(str(exc), EXIT_FAILED)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
    while time.monotonic() - person.last_activity < linger:
        time.sleep(0.05)
