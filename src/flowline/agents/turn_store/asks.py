"""What a turn asks of people, and what a turn that waits for them answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flowline.llm.provider import ToolCall


@dataclass(frozen=True, slots=True)
class Asked:
    call: ToolCall
    question: str
    options: list[str] | None


@dataclass(slots=True)
class Waiting:
    """A turn that stopped to wait for people: what it asked."""

    run_id: str
    thread_id: str
    approvals: list[dict[str, Any]]
    questions: list[dict[str, Any]]
