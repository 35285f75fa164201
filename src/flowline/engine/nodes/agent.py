"""``agent``: one turn of an agent on a prompt, run as a child run of the step.

The step waits (holding no worker) while the turn runs; the turn is an agent
run like a chat's, started through the run kind the agents domain registers
(``engine/run_kinds.py``). Its tool approvals pause it, and so the flow. When
it ends, its last transaction queues the step's ``resume``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import ChildTurn, Name, NodeConfig, NodeType, Outcome, StepFailed

MAX_PROMPT = 100_000
MAX_THREAD_KEY = 200


class AgentConfig(NodeConfig):
    agent_id: Name = Field(
        description="The agent: its id, or its name (1 to 200 characters; no templates)."
    )
    prompt: str = Field(
        min_length=1,
        max_length=MAX_PROMPT,
        description=(
            "The user message (a template, 1 to 100,000 characters); it must render to "
            "non-empty text."
        ),
    )
    thread: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_THREAD_KEY,
        description=(
            "A key (a template rendering to 1 to 200 characters): every turn with the same key "
            "continues the same conversation with this agent, in this run or any other. "
            "Without it each turn starts a new conversation."
        ),
    )


def _text(ctx: NodeContext, template: str, field: str, limit: int) -> str:
    value = ctx.render(template)
    text = value if isinstance(value, str) else str(value) if value is not None else ""
    if not text.strip():
        raise StepFailed("VALIDATION_ERROR", f"`{field}` rendered empty", retryable=False)
    if len(text) > limit:
        raise StepFailed(
            "VALIDATION_ERROR",
            f"`{field}` rendered {len(text)} characters; at most {limit}",
            retryable=False,
        )
    return text


async def run_agent(ctx: NodeContext, config: AgentConfig) -> Outcome:
    prompt = _text(ctx, config.prompt, "prompt", MAX_PROMPT)
    thread = _text(ctx, config.thread, "thread", MAX_THREAD_KEY) if config.thread else None
    ctx.step.input = {"agent_id": config.agent_id, "prompt": prompt, "thread": thread}
    waiting = Outcome.wait()
    waiting.children.append(ChildTurn(agent=config.agent_id, prompt=prompt, thread=thread))
    return waiting


async def turn_ended(ctx: NodeContext, config: AgentConfig, data: dict[str, Any]) -> Outcome:
    """The turn ended: its answer, or its error (``error`` outcome)."""
    if data.get("status") == "succeeded":
        return Outcome(output=data.get("output"))
    error = data.get("child_error") or {}
    code = str(error.get("error") or error.get("code") or "AGENT_TURN_FAILED")
    if data.get("status") == "cancelled":
        code = "CANCELLED"
    message = str(error.get("message") or f"The agent's turn ended {data.get('status')}.")
    raise StepFailed(
        code,
        message,
        retryable=False,
        details={"run_id": data.get("child_run_id"), "status": data.get("status")},
    )


NODE = NodeType(
    "agent",
    AgentConfig,
    ("next", "error"),
    "Runs one turn of an agent on a prompt, as a child run; output: the answer `text`, "
    "`thread_id`, the turn's `run_id`, `usage`, `cost`.",
    execute=run_agent,
    on_resume=turn_ended,
)
