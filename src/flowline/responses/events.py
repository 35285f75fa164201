"""A chat turn's events, told as OpenAI's Responses API tells a response.

:class:`Telling` reads the turn's events in order (live from its driver, or
stored in its run's log: the same events with the same numbers) and answers
the Responses events they make, numbered from 0 (``sequence_number``), and the
response object they add up to. It is a pure function of the events it is fed,
so a stream resumed from the stored log (``starting_after=N``) numbers every
event as the live stream did.

How a turn maps onto a response:

- the model's text: a ``message`` item with one ``output_text`` part
  (``output_item.added``, ``content_part.added``, ``output_text.delta`` …,
  ``output_text.done``, ``content_part.done``, ``output_item.done``); a tool call
  closes it, and text after the call opens the next message item;
- a tool the agent calls on the server: an ``mcp_call`` item (``server_label``
  ``flowline``, ``name``, ``arguments``, and once it returned ``output`` and
  ``status: completed``): the client shows it, nothing for it to run;
- a call waiting for a person's approval: an ``mcp_approval_request`` item whose
  ``id`` is the approval's id (answer it with ``POST /api/v1/approvals/{id}/respond``);
  the response is then ``incomplete`` (``response.incomplete``), with
  ``incomplete_details.approvals`` (and ``questions`` for ``ask_user``), and goes on
  with the turn once answered;
- the turn's end: ``response.completed`` with ``usage``, or an ``error`` event and
  ``response.failed`` (``status`` ``cancelled`` for a cancelled turn).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import orjson

from flowline.agents.openai_errors import openai_error

SERVER_LABEL = "flowline"
RUN_STATUS = {
    "queued": "in_progress",
    "running": "in_progress",
    "waiting": "incomplete",
    "succeeded": "completed",
    "failed": "failed",
    "cancelled": "cancelled",
}
"""A response's ``status`` for its turn's run's."""


@dataclass(frozen=True, slots=True)
class Head:
    """What a response is before its turn says anything."""

    id: str
    run_id: str
    created_at: int
    """Unix seconds."""
    model: str
    """The agent's id."""
    instructions: str | None = None
    previous_response_id: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    store: bool = True


def usage_of(input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + output_tokens,
    }


def _json(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


class Telling:
    """The Responses events and the response one turn's events make (see the module)."""

    def __init__(self, head: Head) -> None:
        self.head = head
        self.seq = -1
        self.output: list[dict[str, Any]] = []
        self.status = "in_progress"
        self.usage: dict[str, Any] | None = None
        self.error: dict[str, Any] | None = None
        self.ended = False
        """The turn has ended: completed, failed or cancelled (incomplete is not an end)."""
        self._message: int | None = None
        self._calls: dict[str, int] = {}
        self._approvals: dict[str, dict[str, Any]] = {}
        self._questions: dict[str, dict[str, Any]] = {}
        self._approval_of: dict[str, str] = {}
        self._tag = head.run_id.removeprefix("run_")

    # ------------------------------------------------------------ the response

    def response(self) -> dict[str, Any]:
        head = self.head
        details = None
        if self.status == "incomplete":
            details = {
                "reason": "approval_required" if self._approvals else "question_asked",
                "approvals": list(self._approvals.values()),
                "questions": list(self._questions.values()),
            }
        return {
            "id": head.id,
            "object": "response",
            "created_at": head.created_at,
            "status": self.status,
            "model": head.model,
            "output": copy.deepcopy(self.output),
            "instructions": head.instructions,
            "previous_response_id": head.previous_response_id,
            "metadata": dict(head.metadata),
            "store": head.store,
            "usage": self.usage,
            "error": self.error,
            "incomplete_details": details,
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": [],
            "temperature": None,
            "top_p": None,
            "text": {"format": {"type": "text"}},
            "truncation": "disabled",
            "background": False,
        }

    # ------------------------------------------------------------ the events

    def opening(self) -> list[dict[str, Any]]:
        """``response.created`` and ``response.in_progress``: before the turn's events."""
        return [
            self._event("response.created", response=self.response()),
            self._event("response.in_progress", response=self.response()),
        ]

    def feed(self, type_: str, seq: int, data: dict[str, Any]) -> list[dict[str, Any]]:
        """The Responses events of the turn's event number ``seq``, of type ``type_``."""
        if self.ended:
            return []
        if type_ == "message.delta":
            return self._text(seq, str(data.get("text") or ""))
        if type_ == "message.completed":
            if self._message is not None:
                return self._close_message()
            text = str((data.get("message") or {}).get("content") or "")
            return [*self._text(seq, text), *self._close_message()] if text else []
        if type_ == "tool_call.started":
            return [*self._close_message(), *self._call_started(data)]
        if type_ == "tool_call.completed":
            return [*self._close_message(), *self._call_completed(data)]
        if type_ == "approval.requested":
            return [*self._close_message(), *self._approval(data)]
        if type_ == "question.asked":
            self._questions[str(data.get("tool_call_id"))] = {
                "question_id": data.get("question_id"),
                "question": data.get("question"),
                "options": data.get("options"),
            }
            return self._close_message()
        if type_ == "run.waiting":
            closed = self._close_message()
            self.status = "incomplete"
            return [*closed, self._event("response.incomplete", response=self.response())]
        if type_ == "run.resumed":  # a person answered: the turn goes on
            self.status = "in_progress"
            return []
        if type_ == "run.completed":
            closed = self._close_message()
            usage = (data.get("metadata") or {}).get("usage") or {}
            self.usage = usage_of(
                int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)
            )
            self.status, self.ended = "completed", True
            return [*closed, self._event("response.completed", response=self.response())]
        if type_ == "error":
            return self._failed(str(data.get("error") or "ERROR"), str(data.get("message") or ""))
        if type_ == "run.cancelled":
            return self._failed("CANCELLED", "The turn was cancelled.")
        if type_ == "run.failed":
            error = data.get("error") or {}
            return self._failed(
                str(error.get("error") or "FAILED"), str(error.get("message") or "failed")
            )
        return []

    def _event(self, type_: str, **fields: Any) -> dict[str, Any]:
        self.seq += 1
        return {"type": type_, "sequence_number": self.seq, **fields}

    def _item_event(self, type_: str, index: int) -> dict[str, Any]:
        return self._event(type_, output_index=index, item=copy.deepcopy(self.output[index]))

    def _text(self, seq: int, text: str) -> list[dict[str, Any]]:
        if not text:
            return []
        events = []
        if self._message is None:
            self._message = len(self.output)
            self.output.append(
                {
                    "id": f"msg_{self._tag}_{seq}",
                    "type": "message",
                    "role": "assistant",
                    "status": "in_progress",
                    "content": [],
                }
            )
            events.append(self._item_event("response.output_item.added", self._message))
            part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            self.output[self._message]["content"].append(part)
            events.append(self._part_event("response.content_part.added"))
        item = self.output[self._message]
        item["content"][0]["text"] += text
        events.append(
            self._event(
                "response.output_text.delta",
                item_id=item["id"],
                output_index=self._message,
                content_index=0,
                delta=text,
                logprobs=[],
            )
        )
        return events

    def _part_event(self, type_: str) -> dict[str, Any]:
        assert self._message is not None
        item = self.output[self._message]
        return self._event(
            type_,
            item_id=item["id"],
            output_index=self._message,
            content_index=0,
            part=copy.deepcopy(item["content"][0]),
        )

    def _close_message(self) -> list[dict[str, Any]]:
        index = self._message
        if index is None:
            return []
        item = self.output[index]
        done = self._event(
            "response.output_text.done",
            item_id=item["id"],
            output_index=index,
            content_index=0,
            text=item["content"][0]["text"],
            logprobs=[],
        )
        part = self._part_event("response.content_part.done")
        item["status"] = "completed"
        self._message = None
        return [done, part, self._item_event("response.output_item.done", index)]

    def _call_item(self, data: dict[str, Any], arguments: Any) -> int:
        call_id = str(data.get("id"))
        self.output.append(
            {
                "id": f"mcp_{self._tag}_{call_id}",
                "type": "mcp_call",
                "server_label": SERVER_LABEL,
                "name": data.get("tool"),
                "arguments": _json(arguments),
                "output": None,
                "error": None,
                "status": "in_progress",
                "approval_request_id": self._approval_of.get(call_id),
            }
        )
        self._calls[call_id] = len(self.output) - 1
        return len(self.output) - 1

    def _call_started(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        index = self._call_item(data, data.get("arguments") or {})
        return [self._item_event("response.output_item.added", index)]

    def _call_completed(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        call_id = str(data.get("id"))
        asked = self._approvals.pop(call_id, None)
        self._questions.pop(call_id, None)
        events = []
        index = self._calls.pop(call_id, None)
        if index is None:  # answered by a person (a denial, an answer): it never started
            index = self._call_item(data, (asked or {}).get("arguments") or {})
            self._calls.pop(call_id)
            events.append(self._item_event("response.output_item.added", index))
        item = self.output[index]
        item["output"] = _json(data.get("result"))
        item["status"] = "completed"
        events.append(self._item_event("response.output_item.done", index))
        return events

    def _approval(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        call_id = str(data.get("tool_call_id"))
        approval_id = str(data.get("approval_id"))
        arguments = data.get("arguments") or {}
        self._approvals[call_id] = {
            "approval_id": approval_id,
            "tool": data.get("tool"),
            "arguments": arguments,
        }
        self._approval_of[call_id] = approval_id
        self.output.append(
            {
                "id": approval_id,
                "type": "mcp_approval_request",
                "server_label": SERVER_LABEL,
                "name": data.get("tool"),
                "arguments": _json(arguments),
            }
        )
        index = len(self.output) - 1
        return [
            self._item_event("response.output_item.added", index),
            self._item_event("response.output_item.done", index),
        ]

    def _failed(self, code: str, message: str) -> list[dict[str, Any]]:
        closed = self._close_message()
        told = openai_error(code, message)
        self.error = {"code": told["code"], "message": told["message"]}
        self.status = "cancelled" if code == "CANCELLED" else "failed"
        self.ended = True
        error = self._event("error", code=told["code"], message=message, param=told["param"])
        return [*closed, error, self._event("response.failed", response=self.response())]
