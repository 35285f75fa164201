"""Agent turns as the engine's run kind ``agent``: a flow's ``agent`` step, and cancels.

A flow's ``agent`` step starts a turn as its child run, in the engine's
transaction, the way a chat does (``chat.open_turn``: the same checks, rows and
events), except that no process holds the turn's task: a worker claims it and
drives it (``resume.take_turn``), so the flow's step waits holding nothing. The
turn's end answers the step in its own last transaction (``turn_store/end.py``
when it succeeds or fails; ``children.notify_parent`` when it is cancelled).
Its approvals pause it, and therefore the flow, across restarts.

A keyed thread (``thread`` in the node's config) is one conversation per
organisation, agent and key: its id is derived from the three, so the first
turn creates it and later ones, from any run, continue it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.chat import Opening, open_turn
from flowline.agents.repository import AgentRepository, run_owner
from flowline.agents.schemas import MessageIn
from flowline.agents.service import not_found as agent_not_found
from flowline.agents.turn_store.end import ParentStep
from flowline.agents.turn_store.end import cancelled as turn_cancelled
from flowline.agents.turn_store.sql import ThreadBusy, ThreadGone
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.conversations.service import busy
from flowline.conversations.service import not_found as conversation_not_found
from flowline.db.models import Run
from flowline.engine import queue
from flowline.engine.graph import Problem
from flowline.engine.nodes.base import ChildTurn
from flowline.engine.run_kinds import register
from flowline.flows.references import Named
from flowline.flows.references import register as register_check
from flowline.ids import derived_id, new_id

if TYPE_CHECKING:
    from flowline.runtime import Runtime


def keyed_conversation_id(org_id: str, agent_id: str, key: str) -> str:
    """The conversation a flow's ``thread`` key names."""
    return derived_id("cnv", org_id, agent_id, key)


class AgentTurns:
    """The engine's run kind ``agent``."""

    async def start_child(
        self,
        tx: AsyncSession,
        runtime: Runtime,
        parent: Run,
        node_id: str,
        step_id: str,
        child: ChildTurn,
    ) -> str:
        org_id = parent.org_id
        agent_id = await AgentRepository(tx, org_id).id_of(child.agent)
        if agent_id is None:
            raise agent_not_found(child.agent)
        user_id, role = await run_owner(tx, org_id, parent)
        principal = Principal(
            org_id=org_id, user_id=user_id or "", role=cast(Role, role or "member")
        )
        conversation_id = (
            keyed_conversation_id(org_id, agent_id, child.thread)
            if child.thread is not None
            else None
        )
        opening = Opening(
            principal,
            agent_id,
            conversation_id,
            [MessageIn(role="user", content=child.prompt)],
            conversation_id or new_id("cnv"),
            keyed=True,
            parent=ParentStep(parent.id, node_id, step_id),
        )
        conn = await tx.connection()
        try:
            await conn.run_sync(lambda sync: open_turn(sync, runtime, opening))
        except (ThreadBusy, sa.exc.IntegrityError):
            # Another run's turn holds the keyed conversation (or made it just now).
            raise busy(opening.conversation_id) from None
        except ThreadGone:
            raise conversation_not_found(opening.conversation_id) from None
        await queue.announce(runtime.bus, tx)
        return opening.run_id

    async def cancelled(self, tx: AsyncSession, run: Run) -> None:
        """A cancelled turn frees its conversation and withdraws its questions."""
        await turn_cancelled(tx, run)


async def agents_named(session: AsyncSession, org_id: str, named: Sequence[Named]) -> list[Problem]:
    """A flow's ``agent`` nodes that name no agent of the organisation (by id or name)."""
    refs = {
        i: config["agent_id"]
        for i, _, config in named
        if isinstance(config.get("agent_id"), str) and config["agent_id"]
    }
    known = await AgentRepository(session, org_id).ids_of(list(set(refs.values())))
    return [
        Problem(
            field=f"definition.nodes[{i}].data.config.agent_id",
            problem=f"no agent {ref!r} (by id or name) in this organisation",
            node_id=node_id,
        )
        for i, node_id, _ in named
        if (ref := refs.get(i)) is not None and ref not in known
    ]


register("agent", AgentTurns())
register_check("agent", agents_named)
