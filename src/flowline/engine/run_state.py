"""What the executor keeps while it works on one run, and its pure helpers.

``RunState`` is the locked run as the templates and the engine's decisions see
it; ``Work`` is one thing to do in the current transaction.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flowline.db.models import Run, Step
from flowline.engine.context import NodeContext
from flowline.engine.definitions import CompiledFlow, CompiledNode
from flowline.engine.graph import Edge
from flowline.engine.nodes.base import StepFailed
from flowline.engine.queue import Lease
from flowline.engine.redact import SecretMask
from flowline.engine.templates import RunInfo, StepState, build_context, is_true
from flowline.errors import ExpressionError


@dataclass(slots=True)
class Work:
    """Something to do in the current transaction."""

    node_id: str
    kind: str = "node"
    attempt: int = 1
    step: Step | None = None
    data: dict[str, Any] | None = None


@dataclass(slots=True)
class Prepared:
    """A step with effects recorded as running, its effect still to run."""

    lease: Lease
    node: CompiledNode
    step_id: str
    ctx: NodeContext
    state: RunState | None = None
    """The run as the commit that recorded the step left it: the commit of its result
    takes it up again instead of reading the run and its steps back (``resume_state``)."""


@dataclass(slots=True)
class Failure:
    error: StepFailed


@dataclass(slots=True)
class RunState:
    """A locked run and what its templates see, kept current through a chain."""

    run: Run
    flow: CompiledFlow
    steps: dict[str, StepState]
    rows: dict[str, Step] = field(default_factory=dict)
    """Every step of the run, by id, as loaded and as changed in this transaction."""
    tasks: list[tuple[str, str]] = field(default_factory=list)
    """``(kind, node_id)`` of the run's other tasks (the run's lock keeps them current)."""
    last_output: Any = None
    secrets: dict[str, str] = field(default_factory=dict)
    mask: SecretMask | None = None
    enqueued: int = 0
    """Tasks added in this transaction (the workers are told)."""
    runnable: int = 0
    """Of those, tasks that run now (not timers or parked joins): the run goes on."""
    moved: bool = False
    """A step finished or parked in this transaction (joins may look again)."""
    ended: bool = False
    carry: bool = False
    """The worker running this transaction takes the first node with effects it reaches
    itself, once it commits (``Executor._carry``)."""
    carried: list[Work] = field(default_factory=list)
    """The node with effects kept by ``_carry``, its task written by ``_take_carried``."""

    def again(self, tasks: list[tuple[str, str]]) -> RunState:
        """This state for a new transaction on the same run (its rows attached to it by
        the caller): what one transaction counts starts afresh."""
        fresh = RunState(self.run, self.flow, self.steps, self.rows, tasks, self.last_output)
        fresh.secrets, fresh.mask = self.secrets, self.mask
        return fresh

    def values(self) -> dict[str, Any]:
        run = self.run
        scope = run.scope or {}
        extra: dict[str, Any] = {}
        if "index" in scope:
            extra = {"item": scope.get("item"), "index": scope["index"]}
        return build_context(
            input=run.input,
            steps=self.steps,
            vars=run.vars,
            secrets=self.secrets,
            run=RunInfo(
                id=run.id,
                flow_id=run.flow_id or "",
                started_at=run.started_at or run.created_at,
                trigger=run.trigger,
            ),
            **extra,
        )

    def masked(self, value: Any) -> Any:
        return value if self.mask is None else self.mask.data(value)

    def open_steps(self) -> list[Step]:
        return [s for s in self.rows.values() if s.status in ("running", "waiting")]

    def successors(self, node_id: str, label: str) -> list[Work]:
        """The work after ``node_id`` left by its ``label`` edges whose conditions hold."""
        edges = [e for e in self.flow.outgoing[node_id] if e.label == label]
        if not edges:
            return []
        values: Mapping[str, Any] | None = None
        nexts = []
        for edge in edges:
            expression = edge_condition(self.flow, edge)
            if expression is not None:
                if values is None:
                    values = self.values()
                if not is_true(expression, values, node_id=node_id):
                    continue
            nexts.append(Work(edge.target))
        return nexts

    def join_blocked(self, node_id: str, pending: list[Work]) -> bool:
        """Whether a branch that can still reach this ``join: all`` node is live."""
        ancestors = self.flow.ancestors[node_id]
        if any(w.node_id in ancestors for w in pending):
            return True
        if any(kind != "join" and task_node in ancestors for kind, task_node in self.tasks):
            return True
        return any(s.node_id in ancestors for s in self.open_steps())


def edge_condition(flow: CompiledFlow, edge: Edge) -> str | None:
    if edge.condition is not None:
        return edge.condition
    if edge.flow_condition_id is not None:
        return flow.conditions.get(edge.flow_condition_id)
    return None


def backoff(retry: Any, attempt: int) -> float:
    """Exponential backoff with full jitter: ``initial · 2^(attempt-1)``, capped."""
    ceiling = min(retry.max_seconds, retry.initial_seconds * (2 ** (attempt - 1)))
    return round(random.uniform(0, ceiling) if retry.jitter else ceiling, 3)


def expression_failure(exc: ExpressionError) -> StepFailed:
    return StepFailed(
        "EXPRESSION_ERROR",
        exc.message,
        retryable=False,
        details={"expression": exc.expression[:200], "problem": exc.reason},
    )


def no_retry(exc: StepFailed) -> StepFailed:
    exc.retryable = False
    return exc
