"""The rows one model call of a chat turn leaves: its step and message, and the
:class:`~flowline.usage.spending.ModelCall` its usage is recorded as.

Built as plain values, for the transaction that records the call (a tool round's, or the
turn's last).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flowline.ids import new_id
from flowline.llm.provider import ChatResponse
from flowline.usage.spending import ModelCall

if TYPE_CHECKING:
    from flowline.agents.chat import Turn


@dataclass(frozen=True, slots=True)
class TurnCall:
    """One model call of a turn, as its step and assistant message show it."""

    turn: Turn
    number: int
    """Its place among the turn's model calls, from 1 (its step is ``llm:<number>``)."""
    answer: ChatResponse
    cost: float
    duration_ms: int
    started_at: datetime

    @property
    def node_id(self) -> str:
        return f"llm:{self.number}"

    def tool_calls(self) -> list[dict[str, Any]]:
        return [
            {"id": c.id, "name": c.name, "arguments": c.arguments} for c in self.answer.tool_calls
        ]

    def message(self) -> dict[str, Any]:
        """The assistant message's values (``ConversationMessage``), without id and number."""
        usage = self.answer.usage
        return {
            "turn_id": self.turn.id,
            "role": "assistant",
            "content": self.answer.text,
            "tool_calls": self.tool_calls() or None,
            "model": self.turn.model,
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "cost": self.cost,
            "duration_ms": self.duration_ms,
        }

    def step_input(self) -> dict[str, Any]:
        return {"model": self.turn.model, "tools": len(self.turn.config.tools)}

    def step_output(self) -> dict[str, Any]:
        usage = self.answer.usage
        return {
            "text": self.answer.text,
            "tool_calls": self.tool_calls(),
            "usage": {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens},
            "cost": self.cost,
            "duration_ms": self.duration_ms,
            "finish_reason": self.answer.finish_reason,
        }

    def step(self, now: datetime) -> dict[str, Any]:
        """The step's row, succeeded at ``now``."""
        return {
            "id": new_id("stp"),
            "org_id": self.turn.principal.org_id,
            "run_id": self.turn.id,
            "node_id": self.node_id,
            "node_type": "llm",
            "attempt": 1,
            "attempt_group": 1,
            "status": "succeeded",
            "outcome": None,
            "input": self.step_input(),
            "output": self.step_output(),
            "error": None,
            "started_at": self.started_at,
            "finished_at": now,
        }

    @property
    def record(self) -> ModelCall:
        """The call as its usage is recorded (``usage.spending.record``)."""
        turn, usage = self.turn, self.answer.usage
        return ModelCall(
            org_id=turn.principal.org_id,
            model=turn.model,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            cost=self.cost,
            user_id=turn.principal.user_id or None,
            agent_id=turn.agent_id,
            turn_id=turn.id,
        )
