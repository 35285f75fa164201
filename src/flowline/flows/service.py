"""Flows: definitions kept as immutable numbered versions, checked on every save.

A definition that has problems is still saved, as a ``draft`` (an editor saves
half-built flows), and its problems are listed with it; only a definition
without problems may be ``active`` or ``inactive``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import Flow, FlowVersion
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.engine.graph import (
    Edge,
    FlowDefinition,
    Node,
    Problem,
    error_path,
    validate_definition,
)
from flowline.engine.nodes import NODE_TYPES
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.flows.references import reference_problems
from flowline.flows.repository import FlowRepository, FlowVersionRepository
from flowline.flows.schemas import (
    DefinitionReport,
    FlowCreate,
    FlowPatch,
    FlowReplace,
    FlowStatus,
    NodeCreate,
    NodeReplace,
    NodeTypeRead,
)
from flowline.ids import new_id
from flowline.users.service import check_version


@dataclass(frozen=True, slots=True)
class CreatorRef:
    id: str
    name: str


def _creator(user_id: str | None, names: dict[str, str]) -> CreatorRef | None:
    if user_id is None or user_id not in names:
        return None
    return CreatorRef(user_id, names[user_id])


@dataclass(frozen=True, slots=True)
class FlowView:
    """A flow as the API shows it: the row, who made it, and (singly) its definition."""

    id: str
    name: str
    description: str
    status: str
    version: int
    current_version_id: str | None
    created_at: datetime
    updated_at: datetime
    created_by: CreatorRef | None
    last_executed_at: datetime | None
    execution_count: int
    definition: FlowDefinition | None = None
    problems: Sequence[Problem] = ()

    @classmethod
    def of(
        cls,
        flow: Flow,
        names: dict[str, str],
        definition: FlowDefinition | None = None,
        problems: Sequence[Problem] = (),
    ) -> FlowView:
        return cls(
            id=flow.id,
            name=flow.name,
            description=flow.description,
            status=flow.status,
            version=flow.version,
            current_version_id=flow.current_version_id,
            created_at=flow.created_at,
            updated_at=flow.updated_at,
            created_by=_creator(flow.created_by_id, names),
            last_executed_at=flow.last_executed_at,
            execution_count=flow.execution_count,
            definition=definition,
            problems=problems,
        )


@dataclass(frozen=True, slots=True)
class VersionView:
    id: str
    flow_id: str
    number: int
    created_at: datetime
    created_by: CreatorRef | None
    definition: FlowDefinition

    @classmethod
    def of(cls, version: FlowVersion, names: dict[str, str]) -> VersionView:
        return cls(
            id=version.id,
            flow_id=version.flow_id,
            number=version.number,
            created_at=version.created_at,
            created_by=_creator(version.created_by_id, names),
            definition=FlowDefinition.model_validate(version.definition),
        )


def _not_found(flow_id: str) -> NotFound:
    return NotFound(f"Flow {flow_id} not found.", code="FLOW_NOT_FOUND")


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"A flow named '{name}' already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


async def _flow(repo: FlowRepository, flow_id: str, *, lock: bool = False) -> Flow:
    flow = await (repo.get_for_update(flow_id) if lock else repo.get(flow_id))
    if flow is None:
        raise _not_found(flow_id)
    return flow


async def _flush_named(session: AsyncSession, name: str) -> None:
    """Flush, turning a concurrent writer's duplicate name into a 409."""
    try:
        await session.flush()
    except IntegrityError:
        raise _name_taken(name) from None


async def check(session: AsyncSession, org_id: str, definition: FlowDefinition) -> list[Problem]:
    """The definition's problems against the node types this server knows, and what its
    nodes name that the organisation does not have (an agent)."""
    problems = validate_definition(definition, NODE_TYPES)
    return problems + await reference_problems(session, org_id, definition)


async def check_definition(
    session: AsyncSession, principal: Principal, definition: FlowDefinition
) -> DefinitionReport:
    problems = await check(session, principal.org_id, definition)
    return DefinitionReport(valid=not problems, problems=problems)


def _settle(requested: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
    """The status to store: a definition with problems can only be a draft."""
    if not problems or requested == FlowStatus.DRAFT:
        return FlowStatus(requested).value, problems
    note = Problem(
        field="status",
        problem=(
            f"saved as 'draft', not '{requested}': the definition has problems; "
            "fix them, then set the status"
        ),
    )
    return FlowStatus.DRAFT.value, [*problems, note]


async def _current(session: AsyncSession, flow: Flow) -> FlowDefinition:
    versions = FlowVersionRepository(session, flow.org_id)
    version = await versions.get(flow.current_version_id or "")
    if version is None:  # every flow is created with its first version
        raise _not_found(flow.id)
    return FlowDefinition.model_validate(version.definition)


async def _save(
    session: AsyncSession, principal: Principal, flow: Flow, definition: FlowDefinition
) -> None:
    """Store the definition as the flow's next version and make it current."""
    number = flow.version + 1 if flow.current_version_id else 1
    version = FlowVersionRepository(session, principal.org_id).add(
        FlowVersion(
            id=new_id("fver"),
            flow_id=flow.id,
            number=number,
            definition=definition.stored(),
            created_by_id=principal.user_id,
            created_at=utcnow(),
        )
    )
    flow.version = number
    flow.current_version_id = version.id
    flow.updated_at = version.created_at
    await session.flush()


async def _view(
    repo: FlowRepository, flow: Flow, definition: FlowDefinition, problems: Sequence[Problem]
) -> FlowView:
    names = await repo.user_names([flow.created_by_id])
    return FlowView.of(flow, names, definition, problems)


async def list_flows(
    session: AsyncSession,
    principal: Principal,
    page: PageRequest,
    status: FlowStatus | None = None,
    text: str | None = None,
) -> Page[FlowView]:
    """The organisation's flows, newest first, without their definitions."""
    repo = FlowRepository(session, principal.org_id)
    result = await repo.paginate(repo.search(status, text), page)
    names = await repo.user_names(f.created_by_id for f in result.items)
    views = [FlowView.of(f, names) for f in result.items]
    return Page(items=views, total=result.total, page=result.page, size=result.size)


async def get_flow(session: AsyncSession, principal: Principal, flow_id: str) -> FlowView:
    repo = FlowRepository(session, principal.org_id)
    flow = await _flow(repo, flow_id)
    definition = await _current(session, flow)
    return await _view(repo, flow, definition, await check(session, flow.org_id, definition))


async def create_flow(session: AsyncSession, principal: Principal, data: FlowCreate) -> FlowView:
    """A new flow and its version 1; with problems it is saved as a draft."""
    repo = FlowRepository(session, principal.org_id)
    if await repo.name_taken(data.name):
        raise _name_taken(data.name)
    status, problems = _settle(data.status, await check(session, principal.org_id, data.definition))
    now = utcnow()
    flow = repo.add(
        Flow(
            id=new_id("flow"),
            name=data.name,
            description=data.description,
            status=status,
            version=1,
            created_by_id=principal.user_id,
            execution_count=0,
            created_at=now,
            updated_at=now,
        )
    )
    await _flush_named(session, data.name)
    await _save(session, principal, flow, data.definition)
    return await _view(repo, flow, data.definition, problems)


async def _flow_to_change(
    repo: FlowRepository, flow_id: str, if_match: int | None, expected: int | None
) -> Flow:
    flow = await _flow(repo, flow_id, lock=True)
    check_version(flow.version, if_match, "The flow")
    check_version(flow.version, expected, "The flow")
    return flow


async def _rename(repo: FlowRepository, flow: Flow, name: str) -> None:
    if name != flow.name:
        if await repo.name_taken(name, besides=flow.id):
            raise _name_taken(name)
        flow.name = name


async def replace_flow(
    session: AsyncSession,
    principal: Principal,
    flow_id: str,
    data: FlowReplace,
    if_match: int | None,
) -> FlowView:
    """Replace name, description, status and definition (a new version)."""
    repo = FlowRepository(session, principal.org_id)
    flow = await _flow_to_change(repo, flow_id, if_match, data.expected_version)
    await _rename(repo, flow, data.name)
    flow.description = data.description
    flow.status, problems = _settle(
        data.status, await check(session, principal.org_id, data.definition)
    )
    await _flush_named(session, flow.name)
    await _save(session, principal, flow, data.definition)
    return await _view(repo, flow, data.definition, problems)


async def patch_flow(
    session: AsyncSession,
    principal: Principal,
    flow_id: str,
    data: FlowPatch,
    if_match: int | None,
) -> FlowView:
    """Change the fields given; a new ``definition`` makes a new version."""
    if not data.model_fields_set - {"expected_version"}:
        raise ValidationFailed(
            "give at least one of name, description, status, definition", field="body"
        )
    repo = FlowRepository(session, principal.org_id)
    flow = await _flow_to_change(repo, flow_id, if_match, data.expected_version)
    if data.name is not None:
        await _rename(repo, flow, data.name)
    if data.description is not None:
        flow.description = data.description
    definition = data.definition or await _current(session, flow)
    flow.status, problems = _settle(
        data.status or flow.status, await check(session, flow.org_id, definition)
    )
    flow.updated_at = utcnow()
    await _flush_named(session, flow.name)
    if data.definition is not None:
        await _save(session, principal, flow, data.definition)
    return await _view(repo, flow, definition, problems)


async def delete_flow(
    session: AsyncSession, principal: Principal, flow_id: str, if_match: int | None
) -> None:
    """Delete the flow; its versions stay for the runs that used them."""
    repo = FlowRepository(session, principal.org_id)
    flow = await _flow_to_change(repo, flow_id, if_match, None)
    flow.deleted_at = utcnow()
    flow.hook_token = None
    await session.flush()


async def list_versions(
    session: AsyncSession, principal: Principal, flow_id: str, page: PageRequest
) -> Page[VersionView]:
    """The flow's versions, newest first."""
    repo = FlowRepository(session, principal.org_id)
    await _flow(repo, flow_id)
    versions = FlowVersionRepository(session, principal.org_id)
    result = await versions.paginate(
        versions.of_flow(flow_id), page, order_by=FlowVersion.number.desc()
    )
    names = await repo.user_names(v.created_by_id for v in result.items)
    views = [VersionView.of(v, names) for v in result.items]
    return Page(items=views, total=result.total, page=result.page, size=result.size)


async def get_version(
    session: AsyncSession, principal: Principal, flow_id: str, number: int
) -> VersionView:
    repo = FlowRepository(session, principal.org_id)
    await _flow(repo, flow_id)
    version = await FlowVersionRepository(session, principal.org_id).numbered(flow_id, number)
    if version is None:
        raise NotFound(f"Flow {flow_id} has no version {number}.", code="FLOW_VERSION_NOT_FOUND")
    return VersionView.of(version, await repo.user_names([version.created_by_id]))


@functools.cache
def _node_types() -> tuple[NodeTypeRead, ...]:
    """Built once: the registry is fixed at import, and generating the JSON Schemas of
    every config model costs tens of milliseconds, on a route every editor page calls."""
    return tuple(
        NodeTypeRead(
            name=t.name,
            description=t.description,
            outcomes=list(t.outcomes),
            pauses=t.pauses,
            config_schema=t.config.model_json_schema(),
        )
        for t in NODE_TYPES.values()
    )


def list_node_types(page: PageRequest) -> Page[NodeTypeRead]:
    """Every node type with the JSON Schema of its config, in a fixed order."""
    types = _node_types()
    items = list(types[page.offset : page.offset + page.size])
    return Page(items=items, total=len(types), page=page.page, size=page.size)


# Nodes: each change makes a new version of the whole definition.


def _node_not_found(flow_id: str, node_id: str) -> NotFound:
    return NotFound(f"Flow {flow_id} has no node '{node_id}'.", code="NODE_NOT_FOUND")


def _reshape(nodes: list[Node], edges: list[Edge], old: FlowDefinition) -> FlowDefinition:
    """The changed definition, held to the same shape rules as a saved one."""
    raw = {
        "nodes": [n.model_dump(mode="json", exclude_none=True) for n in nodes],
        "edges": [e.model_dump(mode="json", exclude_none=True) for e in edges],
        "conditions": [c.model_dump(mode="json") for c in old.conditions],
    }
    try:
        return FlowDefinition.model_validate(raw)
    except ValidationError as exc:
        details = [
            {"field": f"definition{error_path(e['loc'])}", "problem": e["msg"]}
            for e in exc.errors()
        ]
        raise ValidationFailed("The changed definition is too large.", details=details) from None


async def _edit(
    session: AsyncSession,
    principal: Principal,
    flow_id: str,
    if_match: int | None,
    expected: int | None,
    change: Callable[[FlowDefinition], FlowDefinition],
) -> FlowView:
    repo = FlowRepository(session, principal.org_id)
    flow = await _flow_to_change(repo, flow_id, if_match, expected)
    definition = change(await _current(session, flow))
    flow.status, problems = _settle(flow.status, await check(session, flow.org_id, definition))
    await _save(session, principal, flow, definition)
    return await _view(repo, flow, definition, problems)


async def list_nodes(
    session: AsyncSession, principal: Principal, flow_id: str, page: PageRequest
) -> Page[Node]:
    """The current definition's nodes, in definition order."""
    flow = await _flow(FlowRepository(session, principal.org_id), flow_id)
    nodes = (await _current(session, flow)).nodes
    items = nodes[page.offset : page.offset + page.size]
    return Page(items=items, total=len(nodes), page=page.page, size=page.size)


async def add_node(
    session: AsyncSession,
    principal: Principal,
    flow_id: str,
    data: NodeCreate,
    if_match: int | None,
) -> FlowView:
    """Add a node (and edges with it); its id must be new in the flow (else 409)."""
    node = Node(id=data.id, position=data.position, data=data.data)

    def change(old: FlowDefinition) -> FlowDefinition:
        if any(n.id == node.id for n in old.nodes):
            raise Conflict(
                f"The flow already has a node '{node.id}'.",
                details=[{"field": "id", "problem": "already used in this flow"}],
            )
        taken = {e.id for e in old.edges}
        for j, edge in enumerate(data.edges):
            if edge.id in taken:
                raise Conflict(
                    f"The flow already has an edge '{edge.id}'.",
                    details=[{"field": f"edges[{j}].id", "problem": "already used in this flow"}],
                )
            taken.add(edge.id)
        return _reshape([*old.nodes, node], [*old.edges, *data.edges], old)

    return await _edit(session, principal, flow_id, if_match, data.expected_version, change)


async def replace_node(
    session: AsyncSession,
    principal: Principal,
    flow_id: str,
    node_id: str,
    data: NodeReplace,
    if_match: int | None,
) -> FlowView:
    """Replace the node's position and data; its id and edges stay."""
    if data.id is not None and data.id != node_id:
        # The body names another node than the path: the request is well formed, the
        # node's identity is in the way (ids cannot change). No schema can compare a
        # body field with the path.
        raise Conflict(
            f"The body's id {data.id!r} is not the node {node_id!r} of the path; "
            "a node's id cannot change.",
            code="NODE_ID_MISMATCH",
            details=[{"field": "id", "problem": "must be the node id of the path"}],
        )
    node = Node(id=node_id, position=data.position, data=data.data)

    def change(old: FlowDefinition) -> FlowDefinition:
        if not any(n.id == node_id for n in old.nodes):
            raise _node_not_found(flow_id, node_id)
        nodes = [node if n.id == node_id else n for n in old.nodes]
        return _reshape(nodes, old.edges, old)

    return await _edit(session, principal, flow_id, if_match, data.expected_version, change)


async def delete_node(
    session: AsyncSession, principal: Principal, flow_id: str, node_id: str, if_match: int | None
) -> FlowView:
    """Remove the node and every edge that leads to or from it."""

    def change(old: FlowDefinition) -> FlowDefinition:
        if not any(n.id == node_id for n in old.nodes):
            raise _node_not_found(flow_id, node_id)
        nodes = [n for n in old.nodes if n.id != node_id]
        edges = [e for e in old.edges if node_id not in (e.source, e.target)]
        return _reshape(nodes, edges, old)

    return await _edit(session, principal, flow_id, if_match, None, change)
