from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.types import MAX_INT32
from flowline.engine.graph import Node
from flowline.flows import service
from flowline.flows.schemas import (
    MAX_NAME_LENGTH,
    DefinitionCheck,
    DefinitionReport,
    FlowCreate,
    FlowPatch,
    FlowRead,
    FlowReplace,
    FlowStatus,
    FlowSummary,
    FlowVersionRead,
    NodeCreate,
    NodeReplace,
    NodeTypeRead,
)

router = make_router("/api/v1/flows", "Flows")
node_types_router = make_router("/api/v1/node-types", "Flows")
FlowsRead = Annotated[Principal, require("flows:read")]
FlowsWrite = Annotated[Principal, require("flows:write")]
VersionNumber = Annotated[int, Path(ge=1, le=MAX_INT32, description="1 for the first version.")]

_SAVED = (
    "Every save of a definition makes a new numbered version. A definition with problems is "
    "saved as a `draft` and its problems are listed in `problems`; a bad *shape* (a field of "
    "the wrong type, a missing `name`) answers 422 and saves nothing."
)
_GUARD = "With `If-Match` or `expected_version`, only when the flow is at that version (else 409)."


@node_types_router.get(
    "",
    summary="List node types",
    description="Every `node_type` a definition may use, its outcomes and its config schema.",
)
async def list_node_types(principal: FlowsRead, page: PageParams) -> PageEnvelope[NodeTypeRead]:
    return page_envelope(service.list_node_types(page), NodeTypeRead.model_validate)


@router.get(
    "",
    summary="List flows",
    description="The organisation's flows, newest first, without their definitions.",
)
async def list_flows(
    session: SessionDep,
    principal: FlowsRead,
    page: PageParams,
    status: Annotated[FlowStatus | None, Query(description="Only flows with this status.")] = None,
    q: Annotated[
        str | None,
        Query(max_length=MAX_NAME_LENGTH, description="Only names containing this, any case."),
    ] = None,
) -> PageEnvelope[FlowSummary]:
    result = await service.list_flows(session, principal, page, status, q)
    return page_envelope(result, FlowSummary.model_validate)


@router.post(
    "",
    status_code=201,
    summary="Create a flow",
    description=(
        f"{_SAVED} The name must be unique among the organisation's flows (409). The body "
        'may be wrapped as `{"flow": {...}}`.'
    ),
    openapi_extra=IDEMPOTENT,
)
async def create_flow(
    body: Annotated[FlowCreate, unwrap("flow")], session: SessionDep, principal: FlowsWrite
) -> Envelope[FlowRead]:
    return envelope(FlowRead.model_validate(await service.create_flow(session, principal, body)))


@router.post(
    "/validate",
    summary="Check a definition",
    description="Lists every problem of a definition without saving anything.",
)
async def validate_definition(
    body: DefinitionCheck, session: SessionDep, principal: FlowsRead
) -> Envelope[DefinitionReport]:
    return envelope(await service.check_definition(session, principal, body.definition))


@router.get("/{flow_id}", summary="Get a flow", description="With its current definition.")
async def get_flow(flow_id: str, session: SessionDep, principal: FlowsRead) -> Envelope[FlowRead]:
    return envelope(FlowRead.model_validate(await service.get_flow(session, principal, flow_id)))


@router.put(
    "/{flow_id}",
    summary="Replace a flow",
    description=f"Replaces name, description, status and definition. {_SAVED} {_GUARD}",
)
async def replace_flow(
    flow_id: str,
    body: Annotated[FlowReplace, unwrap("flow")],
    session: SessionDep,
    principal: FlowsWrite,
    if_match: IfMatch,
) -> Envelope[FlowRead]:
    flow = await service.replace_flow(session, principal, flow_id, body, if_match)
    return envelope(FlowRead.model_validate(flow))


@router.patch(
    "/{flow_id}",
    summary="Change a flow",
    description=(
        "Changes the fields given. Only a new `definition` makes a new version; renaming or "
        f"changing the status does not. {_GUARD}"
    ),
)
async def patch_flow(
    flow_id: str,
    body: Annotated[FlowPatch, unwrap("flow")],
    session: SessionDep,
    principal: FlowsWrite,
    if_match: IfMatch,
) -> Envelope[FlowRead]:
    flow = await service.patch_flow(session, principal, flow_id, body, if_match)
    return envelope(FlowRead.model_validate(flow))


@router.delete(
    "/{flow_id}",
    status_code=204,
    summary="Delete a flow",
    description=(
        "Its name becomes free; its versions are kept for the runs that used them. "
        "With `If-Match`, only when the flow is at that version (else 409)."
    ),
)
async def delete_flow(
    flow_id: str, session: SessionDep, principal: FlowsWrite, if_match: IfMatch
) -> Response:
    await service.delete_flow(session, principal, flow_id, if_match)
    return Response(status_code=204)


@router.get(
    "/{flow_id}/versions",
    summary="List a flow's versions",
    description="Every saved definition, newest first. Versions never change.",
)
async def list_versions(
    flow_id: str, session: SessionDep, principal: FlowsRead, page: PageParams
) -> PageEnvelope[FlowVersionRead]:
    result = await service.list_versions(session, principal, flow_id, page)
    return page_envelope(result, FlowVersionRead.model_validate)


@router.get("/{flow_id}/versions/{number}", summary="Get one version of a flow")
async def get_version(
    flow_id: str, number: VersionNumber, session: SessionDep, principal: FlowsRead
) -> Envelope[FlowVersionRead]:
    version = await service.get_version(session, principal, flow_id, number)
    return envelope(FlowVersionRead.model_validate(version))


@router.get(
    "/{flow_id}/nodes",
    summary="List a flow's nodes",
    description="The nodes of the current definition, in definition order.",
)
async def list_nodes(
    flow_id: str, session: SessionDep, principal: FlowsRead, page: PageParams
) -> PageEnvelope[Node]:
    result = await service.list_nodes(session, principal, flow_id, page)
    return page_envelope(result, Node.model_validate)


@router.post(
    "/{flow_id}/nodes",
    status_code=201,
    summary="Add a node",
    description=(
        "Adds the node, and `edges` with it, as a new version; answers the flow. A node id "
        f"already in the flow answers 409. {_GUARD}"
    ),
)
async def add_node(
    flow_id: str,
    body: Annotated[NodeCreate, unwrap("node")],
    session: SessionDep,
    principal: FlowsWrite,
    if_match: IfMatch,
) -> Envelope[FlowRead]:
    flow = await service.add_node(session, principal, flow_id, body, if_match)
    return envelope(FlowRead.model_validate(flow))


@router.put(
    "/{flow_id}/nodes/{node_id}",
    summary="Replace a node",
    description=(
        "Replaces the node's `position` and `data` as a new version; its id and edges stay. "
        f"Answers the flow. {_GUARD}"
    ),
)
async def replace_node(
    flow_id: str,
    node_id: str,
    body: Annotated[NodeReplace, unwrap("node")],
    session: SessionDep,
    principal: FlowsWrite,
    if_match: IfMatch,
) -> Envelope[FlowRead]:
    flow = await service.replace_node(session, principal, flow_id, node_id, body, if_match)
    return envelope(FlowRead.model_validate(flow))


@router.delete(
    "/{flow_id}/nodes/{node_id}",
    summary="Remove a node",
    description=(
        "Removes the node and every edge to or from it, as a new version, and answers the "
        "flow (its status and problems may change). With `If-Match`, only when the flow is "
        "at that version (else 409)."
    ),
)
async def delete_node(
    flow_id: str, node_id: str, session: SessionDep, principal: FlowsWrite, if_match: IfMatch
) -> Envelope[FlowRead]:
    flow = await service.delete_node(session, principal, flow_id, node_id, if_match)
    return envelope(FlowRead.model_validate(flow))
