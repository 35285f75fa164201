"""``subflow`` and ``foreach``: runs of other flows."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import ChildRun, Name, NodeConfig, NodeType, Outcome, StepFailed

MAX_ITEMS = 10_000


class SubflowConfig(NodeConfig):
    flow_id: Name = Field(description="The flow to run: its id, or its name.")
    input: Any = Field(default=None, description="The child run's input (templates allowed).")


class ForeachConfig(NodeConfig):
    items: Any = Field(description="A list, or a template giving one.")
    flow_id: Name = Field(description="The flow to run per item: its id, or its name.")
    concurrency: int = Field(default=1, ge=1, le=100, description="Child runs at a time.")


def _child_failed(data: dict[str, Any]) -> StepFailed:
    error = data.get("child_error") or {}
    return StepFailed(
        "SUBFLOW_FAILED",
        f"Child run {data.get('child_run_id')} ended {data.get('status')}: "
        f"{error.get('message', 'no message')}",
        retryable=False,
        details={"child_run_id": data.get("child_run_id"), "error": error},
    )


async def run_subflow(ctx: NodeContext, config: SubflowConfig) -> Outcome:
    child_input = ctx.render(config.input)
    ctx.step.input = {"flow_id": config.flow_id, "input": child_input}
    waiting = Outcome.wait()
    waiting.children.append(ChildRun(flow_id=config.flow_id, input=child_input))
    return waiting


async def subflow_ended(ctx: NodeContext, config: SubflowConfig, data: dict[str, Any]) -> Outcome:
    if data.get("status") != "succeeded":
        raise _child_failed(data)
    return Outcome(output=data.get("output"))


async def run_foreach(ctx: NodeContext, config: ForeachConfig) -> Outcome:
    items = ctx.render(config.items)
    if not isinstance(items, list):
        raise StepFailed(
            "VALIDATION_ERROR", f"`items` is {type(items).__name__}, not a list", retryable=False
        )
    if len(items) > MAX_ITEMS:
        raise StepFailed(
            "VALIDATION_ERROR",
            f"`items` has {len(items)} items; at most {MAX_ITEMS}",
            retryable=False,
        )
    ctx.step.input = {"flow_id": config.flow_id, "items": items}
    if not items:
        return Outcome(output=[])
    first = min(config.concurrency, len(items))
    state = {"outputs": [None] * len(items), "started": first, "done": 0}
    waiting = Outcome.wait(output=state)
    waiting.children.extend(
        ChildRun(flow_id=config.flow_id, input=items[i], index=i, item=items[i])
        for i in range(first)
    )
    return waiting


async def foreach_item_ended(
    ctx: NodeContext, config: ForeachConfig, data: dict[str, Any]
) -> Outcome:
    """One child ended: keep its output, start the next item, or finish in order."""
    if data.get("status") != "succeeded":
        raise _child_failed(data)
    state = dict(ctx.step.output or {})
    outputs = list(state["outputs"])
    outputs[int(data["index"])] = data.get("output")
    done = state["done"] + 1
    items = (ctx.step.input or {}).get("items", [])
    if done == len(items):
        return Outcome(output=outputs)
    started = state["started"]
    waiting = Outcome.wait(output={"outputs": outputs, "started": started, "done": done})
    if started < len(items):
        waiting.children.append(
            ChildRun(
                flow_id=config.flow_id, input=items[started], index=started, item=items[started]
            )
        )
        waiting.output["started"] = started + 1
    return waiting


SUBFLOW = NodeType(
    "subflow",
    SubflowConfig,
    ("next", "error"),
    "Runs another flow and waits for its output.",
    execute=run_subflow,
    on_resume=subflow_ended,
)
FOREACH = NodeType(
    "foreach",
    ForeachConfig,
    ("next", "error"),
    "Runs a flow per item, `concurrency` at a time; collects the outputs in order.",
    execute=run_foreach,
    on_resume=foreach_item_ended,
)
