"""Flow versions compiled for running: parsed once per process, by version id.

Versions never change after they are written, so what is compiled from one
(the node configs checked against their models, edges by source, the
ancestors of join nodes) is kept for as long as the process lives, up to a
bound.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.engine import repository as repo
from flowline.engine.graph import Edge, FlowDefinition, Node
from flowline.engine.nodes import NODE_TYPES, NodeType
from flowline.errors import NotFound

CACHE_SIZE = 512


@dataclass(frozen=True, slots=True)
class CompiledNode:
    node: Node
    type: NodeType
    config: Any
    """The node's config, parsed by its type's model."""

    @property
    def id(self) -> str:
        return self.node.id


@dataclass(frozen=True, slots=True)
class CompiledFlow:
    version_id: str
    flow_id: str
    nodes: Mapping[str, CompiledNode]
    start_id: str
    outgoing: Mapping[str, tuple[Edge, ...]]
    incoming: Mapping[str, tuple[Edge, ...]]
    conditions: Mapping[str, str]
    ancestors: Mapping[str, frozenset[str]]
    """For each ``join: all`` node: every node from which it can be reached."""
    uses_secrets: bool

    @property
    def has_joins(self) -> bool:
        return bool(self.ancestors)


_cache: OrderedDict[str, CompiledFlow] = OrderedDict()


def compile_definition(version_id: str, flow_id: str, stored: dict[str, Any]) -> CompiledFlow:
    """Parse a stored definition; nodes whose config does not parse are not runnable."""
    definition = FlowDefinition.model_validate(stored)
    nodes: dict[str, CompiledNode] = {}
    for node in definition.nodes:
        node_type = NODE_TYPES[node.data.node_type]
        nodes[node.id] = CompiledNode(
            node, node_type, node_type.config.model_validate(node.data.config)
        )
    outgoing: dict[str, list[Edge]] = {node_id: [] for node_id in nodes}
    incoming: dict[str, list[Edge]] = {node_id: [] for node_id in nodes}
    for edge in definition.edges:
        outgoing[edge.source].append(edge)
        incoming[edge.target].append(edge)
    start_id = next(n.id for n in nodes.values() if n.type.name == "start")
    ancestors = {
        node_id: _ancestors(node_id, incoming)
        for node_id, compiled in nodes.items()
        if getattr(compiled.config, "join", "any") == "all" and len(incoming[node_id]) > 1
    }
    return CompiledFlow(
        version_id=version_id,
        flow_id=flow_id,
        nodes=nodes,
        start_id=start_id,
        outgoing={k: tuple(v) for k, v in outgoing.items()},
        incoming={k: tuple(v) for k, v in incoming.items()},
        conditions={c.id: c.expression for c in definition.conditions},
        ancestors=ancestors,
        uses_secrets=b"secrets" in orjson.dumps(stored),
    )


def _ancestors(node_id: str, incoming: Mapping[str, list[Edge]]) -> frozenset[str]:
    seen: set[str] = set()
    todo = [node_id]
    while todo:
        for edge in incoming[todo.pop()]:
            if edge.source not in seen:
                seen.add(edge.source)
                todo.append(edge.source)
    seen.discard(node_id)
    return frozenset(seen)


async def load_definition(session: AsyncSession, org_id: str, version_id: str) -> CompiledFlow:
    cached = _cache.get(version_id)
    if cached is not None:
        _cache.move_to_end(version_id)
        return cached
    version = await repo.flow_version(session, org_id, version_id)
    if version is None:
        raise NotFound(f"Flow version {version_id} not found.", code="FLOW_NOT_FOUND")
    compiled = compile_definition(version.id, version.flow_id, version.definition)
    _cache[version_id] = compiled
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return compiled
