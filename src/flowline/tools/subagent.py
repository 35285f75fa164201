"""Running one turn of a sub-agent: for ``agent`` tools and ``subagents/{id}/run``.

A turn of the sub-agent in a conversation of its own, with the task as the
user's message, through the chat loop (``agents.chat``). The conversation's
``metadata`` records ``parent_run_id``, the parent's turn that delegated it
(``null`` when a person ran the sub-agent directly). Importing this module hands
:func:`run_subagent_turn` to the ``agent`` tool kind.
"""

from __future__ import annotations

from flowline.agents.chat import TurnRunner, begin_turn
from flowline.agents.schemas import ChatResult, MessageIn
from flowline.agents.turn_log import EventLog
from flowline.agents.turn_store import Waiting
from flowline.auth.principal import Principal
from flowline.conversations.repository import ConversationRepository
from flowline.runtime import Runtime
from flowline.tools.kinds.agent import KIND as AGENT_KIND


async def run_subagent(
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    task: str,
    parent_run_id: str | None,
) -> ChatResult | Waiting:
    """One whole turn of the sub-agent on ``task``; its answer and the turn's record (or
    what it waits for, when one of its own tool calls needs a person)."""
    turn = await begin_turn(runtime, principal, agent_id, None, [MessageIn(content=task)])
    async with runtime.db.session(write=True) as session:
        conversation = await ConversationRepository(session, principal.org_id).get(
            turn.conversation_id
        )
        if conversation is not None:
            conversation.meta = {**(conversation.meta or {}), "parent_run_id": parent_run_id}
    log = EventLog.of(turn)
    return await TurnRunner(runtime, turn, log, streaming=False).run()


async def run_subagent_turn(
    runtime: Runtime,
    principal: Principal,
    agent_id: str,
    task: str,
    parent_run_id: str | None,
) -> str:
    """The sub-agent's answer to ``task`` (what its parent's tool call returns)."""
    result = await run_subagent(runtime, principal, agent_id, task, parent_run_id)
    if isinstance(result, Waiting):
        return (
            f"The sub-agent is waiting for a person (run {result.run_id}); "
            "its answer is not known yet."
        )
    return result.message.content


AGENT_KIND.use(run_subagent_turn)
