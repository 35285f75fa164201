"""``flowline chat AGENT``: a streamed conversation with an agent in the terminal.

Each line typed (or read from stdin) is a message; the answer streams in as it
is written, tool calls and their results shown inline. A call that needs an
approval, or a question the agent asks, is put to you on the spot and the turn
goes on, on the same stream, once you answer:

- an approval: ``y`` approves, ``n [reason]`` denies, ``e key=value …`` approves
  with those arguments changed (values as JSON, else text);
- a question: the line you type is the answer.

An empty line or end of input ends the conversation. With ``--json`` every
event is printed as one JSON line (``{"type", "data"}``) for scripts; prompts
always go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.text import Text

from flowline.cli.api import Api, JsonOption, assignments, connected
from flowline.cli.console import EXIT_FAILED, err, out
from flowline.cli.remote import ApiKeyOption, UrlOption

app = typer.Typer(add_completion=False)


def _read(prompt: str) -> str | None:
    """One line of input, ``None`` at its end; the prompt on stderr at a terminal."""
    if sys.stdin.isatty():
        err.print(Text(prompt, style="bold"), end="")
    line = sys.stdin.readline()
    return None if not line else line.rstrip("\r\n")


def _messages(given: list[str]) -> Iterator[str]:
    if given:
        yield from given
        return
    while (line := _read("you> ")) is not None and line.strip():
        yield line


class Conversation:
    """One terminal conversation: shows a turn's events, answers what it asks."""

    def __init__(self, api: Api, agent_id: str, thread_id: str | None, as_json: bool) -> None:
        self.api = api
        self.agent_id = agent_id
        self.thread_id = thread_id
        self.as_json = as_json
        self.failed = False
        self._mid_line = False

    def turn(self, text: str) -> None:
        body: dict[str, Any] = {"messages": text}
        if self.thread_id:
            body["thread_id"] = self.thread_id
        for kind, data in self.api.chat_events(self.agent_id, body):
            if kind == "run.started":
                self.thread_id = data.get("thread_id") or self.thread_id
            self.show(kind, data)
            if kind == "approval.requested":
                self.decide(data)
            elif kind == "question.asked":
                self.answer(data)
            elif kind == "error":
                self.failed = True
        self._end_line()

    def show(self, kind: str, data: dict[str, Any]) -> None:
        if self.as_json:
            typer.echo(json.dumps({"type": kind, "data": data}, ensure_ascii=False))
            return
        if kind == "message.delta":
            out.print(Text(str(data.get("text", ""))), end="", soft_wrap=True)
            self._mid_line = True
            return
        self._end_line()
        if kind == "tool_call.started":
            arguments = json.dumps(data.get("arguments"), ensure_ascii=False)
            out.print(Text(f"  → {data.get('tool')} {arguments}", style="cyan"), soft_wrap=True)
        elif kind == "tool_call.completed":
            result = json.dumps(data.get("result"), ensure_ascii=False)
            out.print(Text(f"  ← {data.get('tool')}: {result}", style="dim"), soft_wrap=True)
        elif kind == "approval.requested":
            arguments = json.dumps(data.get("arguments"), ensure_ascii=False)
            line = f"  ? {data.get('tool')} {arguments} needs approval ({data.get('approval_id')})"
            out.print(Text(line, style="magenta"), soft_wrap=True)
        elif kind == "question.asked":
            options = data.get("options") or []
            asked = str(data.get("question", ""))
            if options:
                asked += f" [{' / '.join(str(o) for o in options)}]"
            out.print(Text(f"  ? {asked}", style="magenta"), soft_wrap=True)
        elif kind == "error":
            out.print(Text(f"error: {data.get('message', data.get('error'))}", style="bold red"))

    def _end_line(self) -> None:
        if self._mid_line:
            out.print()
            self._mid_line = False

    def decide(self, data: dict[str, Any]) -> None:
        approval_id = str(data.get("approval_id"))
        while True:
            line = _read("approve? [y]es / [n]o [reason] / [e]dit key=value … > ")
            if line is None:
                err.print("no answer: the call waits (flowline approvals approve|deny)")
                return
            word, _, rest = line.strip().partition(" ")
            body: dict[str, Any]
            if word in ("y", "yes"):
                body = {"decision": "approve"}
            elif word in ("n", "no"):
                body = {"decision": "deny", **({"comment": rest.strip()} if rest.strip() else {})}
            elif word in ("e", "edit") and rest.strip():
                arguments = data.get("arguments")
                base = dict(arguments) if isinstance(arguments, dict) else {}
                edits = assignments(rest.split(), "edit")
                body = {"decision": "approve", "arguments": {**base, **edits}}
            else:
                err.print("answer y, n [reason] or e key=value …")
                continue
            self.api.post(f"/api/v1/approvals/{approval_id}/respond", body)
            return

    def answer(self, data: dict[str, Any]) -> None:
        line = _read("answer> ")
        if line is None or not line.strip():
            err.print("no answer: the question waits (POST /api/v1/questions/{id}/respond)")
            return
        self.api.post(f"/api/v1/questions/{data.get('question_id')}/respond", {"answer": line})


@app.command()
def chat(
    agent: Annotated[str, typer.Argument(help="The agent's id or name.")],
    thread: Annotated[
        str | None, typer.Option(help="Go on with this conversation (its id).")
    ] = None,
    message: Annotated[
        list[str] | None,
        typer.Option(
            "--message", "-m", help="Send this instead of reading lines (repeatable, in order)."
        ),
    ] = None,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Chat with AGENT: each line a message, the answers streamed as they come."""
    with connected(url, api_key) as api:
        found = api.find_agent(agent)
        if not as_json:
            err.print(f"chatting with {found['name']} ({found['id']}); an empty line ends")
        conversation = Conversation(api, found["id"], thread, as_json)
        for text in _messages(message or []):
            conversation.turn(text)
        if conversation.thread_id and not as_json:
            err.print(f"thread {conversation.thread_id}")
    if conversation.failed:
        raise typer.Exit(EXIT_FAILED)
