"""Flow definitions: their shape (Pydantic models) and their checks (pure).

The shape is what a request must have to be read at all (422 otherwise). The
checks find what would stop the flow from running (a missing node, a loop that
never pauses, a bad node config); ``validate_definition`` reports every one of
them at once, so an editor can show them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from flowline.db.types import check_storable_json
from flowline.engine.nodes.base import NodeType

NODE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
MAX_NODES = 1000
MAX_EDGES = 5000
MAX_CONDITIONS = 1000
MAX_DEFINITION_BYTES = 1024 * 1024

MAX_IDENT = 200
Ident = Annotated[str, Field(min_length=1, max_length=MAX_IDENT)]
_LABEL_SENT = {
    "anyOf": [{"type": "string", "minLength": 1, "maxLength": MAX_IDENT}, {"type": "null"}]
}
"""An edge's label as a body may send it: ``null`` is read as ``next``. Answers always
hold a string; the schema is the same both ways, so that generated clients get one
``Edge`` model (not an input and an output one with the same title)."""


class Position(BaseModel):
    """Where an editor draws the node; kept as sent, never used to run."""

    model_config = ConfigDict(extra="allow")

    # int first, so that 100 stays 100 and is not rewritten as 100.0
    x: int | float
    y: int | float


class NodeData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    node_type: Ident = Field(description="One of `GET /api/v1/node-types`.")
    config: dict[str, Any] = Field(
        default_factory=dict, description="Settings of the node type, checked against its model."
    )


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Ident = Field(description="Unique in the flow; `^[A-Za-z_][A-Za-z0-9_-]{0,63}$`.")
    position: Position | None = None
    data: NodeData


class Edge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Ident
    source: Ident = Field(description="The node this edge leaves.")
    target: Ident = Field(description="The node it leads to.")
    label: Annotated[Ident, WithJsonSchema(_LABEL_SENT)] = Field(
        default="next",
        description="Fires when the source ends with this outcome; `null` stands for `next`.",
    )
    condition: str | None = Field(
        default=None, max_length=10_000, description="Fires only if this expression is true."
    )
    flow_condition_id: Ident | None = Field(
        default=None, description="Fires only if this entry of `conditions` is true."
    )

    @field_validator("label", mode="before")
    @classmethod
    def _label(cls, value: Any) -> Any:
        return "next" if value is None else value


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Ident
    expression: str = Field(min_length=1, max_length=10_000)


class FlowDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nodes: list[Node] = Field(default_factory=list, max_length=MAX_NODES)
    edges: list[Edge] = Field(default_factory=list, max_length=MAX_EDGES)
    conditions: list[Condition] = Field(default_factory=list, max_length=MAX_CONDITIONS)

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if isinstance(value, dict):
            check_storable_json(value, MAX_DEFINITION_BYTES)
        return value

    def stored(self) -> dict[str, Any]:
        """The definition as saved: defaults filled in, absent options left out."""
        return self.model_dump(mode="json", exclude_none=True)


class Problem(BaseModel):
    """Something that stops a definition from running, and where it is."""

    field: str = Field(description="Path to the fault, e.g. `definition.edges[0].target`.")
    problem: str
    node_id: str | None = Field(default=None, description="The node at fault, if one is.")
    edge_id: str | None = Field(default=None, description="The edge at fault, if one is.")


def error_path(loc: Iterable[int | str]) -> str:
    """``('nodes', 2, 'id')`` as ``.nodes[2].id``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _config_problems(base: str, node: Node, node_type: NodeType, problems: list[Problem]) -> None:
    try:
        node_type.config.model_validate(node.data.config)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(
                Problem(
                    field=f"{base}.data.config{error_path(error['loc'])}",
                    problem=str(error["msg"]).removeprefix("Value error, "),
                    node_id=node.id,
                )
            )


def _node_problems(
    nodes: list[Node], node_types: Mapping[str, NodeType], problems: list[Problem]
) -> dict[str, int]:
    """Check each node alone; answer the index of each id's first node."""
    first: dict[str, int] = {}
    starts = 0
    for i, node in enumerate(nodes):
        base = f"definition.nodes[{i}]"
        if not NODE_ID.fullmatch(node.id):
            problems.append(
                Problem(
                    field=f"{base}.id",
                    problem="must start with a letter or _, then up to 63 letters, digits, _ or -",
                    node_id=node.id,
                )
            )
        if node.id in first:
            problems.append(
                Problem(
                    field=f"{base}.id",
                    problem=f"duplicate node id (also definition.nodes[{first[node.id]}])",
                    node_id=node.id,
                )
            )
        else:
            first[node.id] = i
        node_type = node_types.get(node.data.node_type)
        if node_type is None:
            problems.append(
                Problem(
                    field=f"{base}.data.node_type",
                    problem=f"unknown node type '{node.data.node_type}'",
                    node_id=node.id,
                )
            )
            continue
        if node_type.name == "start":
            starts += 1
            if starts > 1:
                problems.append(
                    Problem(
                        field=f"{base}.data.node_type",
                        problem="a second start node; a flow has exactly one",
                        node_id=node.id,
                    )
                )
        _config_problems(base, node, node_type, problems)
    if starts == 0:
        problems.append(Problem(field="definition.nodes", problem="needs exactly one start node"))
    return first


def _edge_problems(
    definition: FlowDefinition, first: Mapping[str, int], problems: list[Problem]
) -> list[Edge]:
    """Check each edge; answer those joining two existing nodes."""
    condition_ids: set[str] = set()
    for k, condition in enumerate(definition.conditions):
        if condition.id in condition_ids:
            problems.append(
                Problem(field=f"definition.conditions[{k}].id", problem="duplicate condition id")
            )
        condition_ids.add(condition.id)
    seen: set[str] = set()
    joined = []
    for j, edge in enumerate(definition.edges):
        base = f"definition.edges[{j}]"

        def report(part: str, problem: str, *, edge: Edge = edge, base: str = base) -> None:
            problems.append(Problem(field=f"{base}.{part}", problem=problem, edge_id=edge.id))

        if edge.id in seen:
            report("id", "duplicate edge id")
        seen.add(edge.id)
        for end in ("source", "target"):
            node_id = getattr(edge, end)
            if node_id not in first:
                report(end, f"no node '{node_id}' in this flow")
        if edge.flow_condition_id is not None:
            if edge.flow_condition_id not in condition_ids:
                report("flow_condition_id", f"no condition '{edge.flow_condition_id}'")
            if edge.condition is not None:
                report("condition", "give `condition` or `flow_condition_id`, not both")
        if edge.source in first and edge.target in first:
            joined.append(edge)
    return joined


def _successors(nodes: Iterable[str], edges: Iterable[Edge]) -> dict[str, list[str]]:
    succ: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for edge in edges:
        if edge.target not in succ[edge.source]:
            succ[edge.source].append(edge.target)
    return succ


def _reachable(start: str, succ: Mapping[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in succ[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def endless_loops(
    order: list[str], succ: Mapping[str, list[str]], pausing: set[str]
) -> list[list[str]]:
    """Groups of nodes that can go round forever without passing a pausing node.

    The strongly connected components (Tarjan, without recursion) of the graph
    left once the pausing nodes are taken out, keeping those with a cycle.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)

    for root in order:
        if root in index or root in pausing:
            continue
        visit(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt in pausing:
                    continue
                if nxt not in index:
                    visit(nxt)
                    work.append((nxt, iter(succ[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in succ[node]:
                        loops.append(group)
    return loops


def validate_definition(
    definition: FlowDefinition, node_types: Mapping[str, NodeType]
) -> list[Problem]:
    """Every problem of the definition, in the order of its nodes, edges, then graph."""
    problems: list[Problem] = []
    first = _node_problems(definition.nodes, node_types, problems)
    edges = _edge_problems(definition, first, problems)
    order = list(first)
    succ = _successors(order, edges)
    nodes = definition.nodes
    starts = [n.id for n in nodes if n.data.node_type == "start"]
    if len(starts) == 1:
        reached = _reachable(starts[0], succ)
        for node_id in order:
            if node_id not in reached:
                problems.append(
                    Problem(
                        field=f"definition.nodes[{first[node_id]}]",
                        problem="not reachable from the start node",
                        node_id=node_id,
                    )
                )
    pausing = {
        node_id
        for node_id, i in first.items()
        if (t := node_types.get(nodes[i].data.node_type)) is not None and t.pauses
    }
    for group in endless_loops(order, succ, pausing):
        members = sorted(group, key=first.__getitem__)
        problems.append(
            Problem(
                field=f"definition.nodes[{first[members[0]]}]",
                problem=(
                    f"on a loop ({', '.join(members)}) with no delay, approval or "
                    "wait_for_message node to pause it"
                ),
                node_id=members[0],
            )
        )
    return problems
