"""What a node handler is handed: the run, the step, and the run's template values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flowline.engine import templates

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from flowline.db.models.run import Run, Step
    from flowline.engine.graph import Node
    from flowline.runtime import Runtime


@dataclass(slots=True)
class NodeContext:
    """One attempt of one node.

    ``session`` is the engine's open transaction for nodes without outside
    effects (their writes commit with the step); it is ``None`` for nodes with
    ``effects``, which must not hold a transaction while they wait on the world.
    """

    runtime: Runtime
    session: AsyncSession | None
    run: Run
    step: Step
    node: Node
    values: Mapping[str, Any]
    """The template context: ``input``, ``steps``, ``vars``, ``secrets``, ``run``, …"""
    idempotency_key: str
    """``{run_id}:{node_id}:{attempt_group}``: the same for every attempt of the step."""
    now: datetime
    effect: dict[str, Any] | None = None
    """For a node with effects resumed by ``Outcome.run_effect``: what it was handed."""

    @property
    def db(self) -> AsyncSession:
        """The open transaction (only for nodes without ``effects``)."""
        if self.session is None:
            raise RuntimeError(f"node {self.node.id!r} has effects and no transaction")
        return self.session

    def render(self, template: Any) -> Any:
        return templates.render(template, self.values, node_id=self.node.id)

    def evaluate(self, expression: str) -> Any:
        return templates.evaluate(expression, self.values, node_id=self.node.id)

    def is_true(self, expression: str) -> bool:
        return templates.is_true(expression, self.values, node_id=self.node.id)
