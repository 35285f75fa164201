from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Body, Depends, Query, Response

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.approvals import service
from flowline.approvals.repository import PendingFilter
from flowline.approvals.schemas import (
    PRINTABLE,
    ApprovalRead,
    ApprovalRespond,
    BulkRespond,
    BulkRespondRead,
    CleanupRead,
    DashboardSummary,
    RunApprove,
    ToolStats,
)
from flowline.auth.principal import Principal

router = make_router("/api/v1/approvals", "Approvals")
run_approve_router = make_router("/api/v1/runs", "Runs")
"""``POST /runs/{run_id}/approve`` lives with approvals; the runs area lists it."""

ApprovalsRead = Annotated[Principal, require("runs:read")]
ApprovalsWrite = Annotated[Principal, require("runs:write")]
IdQuery = Annotated[str | None, Query(min_length=1, max_length=40, pattern=PRINTABLE)]
AssigneeQuery = Annotated[
    str | None,
    Query(
        min_length=1, max_length=40, pattern=PRINTABLE, description="A user id; `me` for yourself."
    ),
]
GroupQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=40, pattern=PRINTABLE, description="Only this group's."),
]


async def _wanted(
    principal: ApprovalsRead,
    assignee: AssigneeQuery = None,
    group: GroupQuery = None,
    flow_id: IdQuery = None,
    run_id: IdQuery = None,
) -> PendingFilter:
    """The list filters the pending list and the history share."""
    if assignee == "me":
        assignee = principal.user_id
    return PendingFilter(assignee=assignee, group_id=group, flow_id=flow_id, run_id=run_id)


Wanted = Annotated[PendingFilter, Depends(_wanted)]

_WHO = (
    "Only an organisation owner or admin, a user listed in `assignees`, or a member of the "
    "approval's group may answer (403 otherwise)."
)


@router.get(
    "/pending",
    summary="List pending approvals",
    description=(
        "Approvals still waiting for an answer, newest first. `assignee` keeps those a user "
        "may answer (listed, or through the group); `group`, `flow_id` and `run_id` narrow "
        "further."
    ),
)
async def list_pending(
    session: SessionDep,
    principal: ApprovalsRead,
    page: PageParams,
    wanted: Wanted,
) -> PageEnvelope[ApprovalRead]:
    result = await service.list_pending(session, principal, wanted, page)
    return page_envelope(result, ApprovalRead.model_validate)


@router.get(
    "/history",
    summary="List answered and closed approvals",
    description=(
        "Approvals no longer pending (approved, denied, expired or cancelled), latest "
        "decision first. `status` keeps one of those; `assignee`, `group`, `flow_id` and "
        "`run_id` narrow as for `pending`."
    ),
)
async def list_history(
    session: SessionDep,
    principal: ApprovalsRead,
    page: PageParams,
    wanted: Wanted,
    status: Annotated[
        Literal["approved", "denied", "expired", "cancelled"] | None,
        Query(description="Only approvals that ended this way."),
    ] = None,
) -> PageEnvelope[ApprovalRead]:
    result = await service.list_decided(session, principal, wanted, status, page)
    return page_envelope(result, ApprovalRead.model_validate)


@router.get(
    "/dashboard/summary",
    summary="Approvals at a glance",
    description=(
        "Counts by status, how many pending ones are past their time-out, the oldest "
        "pending one, the approval rate and the mean time to a decision."
    ),
)
async def dashboard(session: SessionDep, principal: ApprovalsRead) -> Envelope[DashboardSummary]:
    return envelope(await service.dashboard(session, principal))


@router.get(
    "/tools/{tool_id}/stats",
    summary="Approval statistics of an agent tool",
    description=(
        "Counts by status, approval rate and mean decision time of the approvals that gated "
        "calls of this tool. 404 when the tool has never asked for one here."
    ),
)
async def tool_stats(
    tool_id: str, session: SessionDep, principal: ApprovalsRead
) -> Envelope[ToolStats]:
    return envelope(await service.tool_stats(session, principal, tool_id))


@router.post(
    "/bulk-respond",
    summary="Approve or deny several approvals",
    description=(
        "Answers each id as `respond` would, each on its own: refused ones change nothing, "
        "the others stand. The answer lists, per id in the order given, `ok` and the "
        f"`status_code` answering it alone would have had. {_WHO}"
    ),
)
async def bulk_respond(
    body: BulkRespond, session: SessionDep, principal: ApprovalsWrite, runtime: RuntimeDep
) -> Envelope[BulkRespondRead]:
    return envelope(await service.bulk_respond(session, runtime.bus, principal, body))


@router.post(
    "/cleanup-expired",
    summary="Expire approvals past their time-out",
    description=(
        "Expires pending approvals whose `expires_at` has passed but whose timer has not "
        "fired yet; each waiting step takes its `on_timeout` outcome. At most 200 a call."
    ),
)
async def cleanup_expired(
    session: SessionDep, principal: ApprovalsWrite, runtime: RuntimeDep
) -> Envelope[CleanupRead]:
    return envelope(await service.cleanup_expired(session, runtime.bus, principal))


@router.get(
    "/{approval_id}",
    summary="Get an approval",
    description="Any status, with the payload, the decision and who made it.",
)
async def get_approval(
    approval_id: str, session: SessionDep, principal: ApprovalsRead
) -> Envelope[ApprovalRead]:
    approval = await service.get_approval(session, principal, approval_id)
    return envelope(ApprovalRead.model_validate(approval))


@router.post(
    "/{approval_id}/respond",
    summary="Approve or deny",
    description=(
        "`decision` is `approve` or `deny`. `arguments` replaces the payload (checked "
        "against the approval's `payload_schema`: 422 naming the fields). Exactly one "
        "answer wins: once answered, cancelled or past `expires_at`, the answer is 409. "
        f"{_WHO}"
    ),
)
async def respond(
    approval_id: str,
    body: ApprovalRespond,
    session: SessionDep,
    principal: ApprovalsWrite,
    runtime: RuntimeDep,
) -> Envelope[ApprovalRead]:
    approval = await service.respond(session, runtime.bus, principal, approval_id, body)
    return envelope(ApprovalRead.model_validate(approval))


@router.delete(
    "/{approval_id}",
    status_code=204,
    summary="Cancel an approval",
    description=(
        "Withdraws the question: the waiting step fails with `APPROVAL_CANCELLED` (the run "
        f"takes the node's `error` edge, or fails). 409 once it is no longer pending. {_WHO}"
    ),
)
async def cancel_approval(
    approval_id: str, session: SessionDep, principal: ApprovalsWrite, runtime: RuntimeDep
) -> Response:
    await service.cancel(session, runtime.bus, principal, approval_id)
    return Response(status_code=204)


@run_approve_router.post(
    "/{run_id}/approve",
    summary="Answer a run's pending approval",
    description=(
        "Approves (or, with `decision: deny`, denies) the run's single pending approval, "
        "as `POST /approvals/{id}/respond` would. 409 when the run has no pending approval "
        f"or several. The body is optional. {_WHO}"
    ),
)
async def approve_run(
    run_id: str,
    session: SessionDep,
    principal: ApprovalsWrite,
    runtime: RuntimeDep,
    body: Annotated[RunApprove | None, Body()] = None,
) -> Envelope[ApprovalRead]:
    answer = body or RunApprove()
    approval = await service.approve_run(session, runtime.bus, principal, run_id, answer)
    return envelope(ApprovalRead.model_validate(approval))
