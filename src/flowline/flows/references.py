"""What a definition names outside itself (an agent), checked against the organisation.

A node type whose config names another domain's record registers a check here,
from that domain (``agents/flow_turns.py`` for ``agent``), so that flows import
none of them. A check is handed the nodes of its type and answers problems
naming each node and field, like the definition's own (``engine/graph.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.engine.graph import FlowDefinition, Problem

Named = tuple[int, str, dict[str, Any]]
"""A node of the type: its index in ``definition.nodes``, its id and its config."""
Check = Callable[[AsyncSession, str, Sequence[Named]], Awaitable[list[Problem]]]

REFERENCE_CHECKS: dict[str, Check] = {}


def register(node_type: str, check: Check) -> None:
    REFERENCE_CHECKS[node_type] = check


async def reference_problems(
    session: AsyncSession, org_id: str, definition: FlowDefinition
) -> list[Problem]:
    """Each thing the definition's nodes name that the organisation does not have."""
    by_type: dict[str, list[Named]] = {}
    for i, node in enumerate(definition.nodes):
        if node.data.node_type in REFERENCE_CHECKS:
            by_type.setdefault(node.data.node_type, []).append((i, node.id, node.data.config))
    problems: list[Problem] = []
    for node_type, named in by_type.items():
        problems += await REFERENCE_CHECKS[node_type](session, org_id, named)
    return problems
