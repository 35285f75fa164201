"""Run kinds that other domains bring to the engine: agent chat turns (``kind = 'agent'``).

The engine drives flow runs itself; a run of another kind is driven by the
domain that owns it (its tasks go to ``Runtime.handlers``, see ``process.py``). Where the
engine must act on such a run (start one as the child of a waiting step, or
cancel one) it calls the kind registered here, so that it never writes the
other domain's tables and never imports it: the dependency points from that
domain to the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from flowline.db.models import Run
    from flowline.engine.nodes.base import ChildTurn
    from flowline.runtime import Runtime


class RunKind(Protocol):
    """What the engine asks of a run kind it does not drive."""

    async def start_child(
        self,
        tx: AsyncSession,
        runtime: Runtime,
        parent: Run,
        node_id: str,
        step_id: str,
        child: ChildTurn,
    ) -> str:
        """Create the child run in ``tx`` (the engine's transaction, which holds the parent's
        lock) and queue its work; answer its id. When it ends, its last transaction must
        answer the waiting step (``children.notify_parent`` or ``children.ended_task``).
        Raise a ``FlowlineError`` when it cannot start: the step fails with it."""
        ...

    async def cancelled(self, tx: AsyncSession, run: Run) -> None:
        """The run was just cancelled (lock held): free what it held in the kind's domain."""
        ...


RUN_KINDS: dict[str, RunKind] = {}
"""Registered at import by the owning domain (``agents/flow_turns.py`` for ``agent``)."""


def register(name: str, kind: RunKind) -> None:
    RUN_KINDS[name] = kind
