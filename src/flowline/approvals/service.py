"""Answering approvals: who may, the one answer that wins, and what the run gets.

Every change takes the run's row lock first and the approval's second (the
engine's order), then moves the row with a conditional update from
``pending``: of any number of concurrent answers exactly one changes anything,
the rest get ``409``. The answer reaches the waiting step through
``signals.resume_step`` in the same transaction, so it commits with the
decision or not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.approvals.repository import ApprovalRepository, PendingFilter
from flowline.approvals.schemas import (
    ApprovalRespond,
    BulkRespond,
    BulkRespondRead,
    BulkResult,
    CleanupRead,
    DashboardSummary,
    StatusCounts,
    ToolStats,
)
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.db.models import Approval, Run
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.engine import approvals as engine_approvals
from flowline.engine import repository as engine_repo
from flowline.engine.signals import resume_step, wake_turn
from flowline.engine.transitions import RUN_TERMINAL, lock_run
from flowline.errors import Conflict, FlowlineError, Forbidden, NotFound, ValidationFailed
from flowline.events.bus import Bus
from flowline.events.log import notify_appended

CANCELLED_CODE = "APPROVAL_CANCELLED"
MAX_SWEEP = 200
"""Approvals one ``cleanup-expired`` call expires at most (call again for more)."""
_OUTCOMES = {"approve": "approved", "deny": "denied"}


def _not_found(approval_id: str) -> NotFound:
    return NotFound(f"Approval {approval_id} not found.", code="APPROVAL_NOT_FOUND")


def _closed(approval: Approval) -> Conflict:
    return Conflict(
        f"Approval {approval.id} is {approval.status}; it can no longer be answered.",
        code="CONFLICT",
    )


def plausible_id(value: str, max_length: int = 40) -> bool:
    """Whether ``value`` could name a row; other strings (NUL, which PostgreSQL
    cannot even compare, control characters, overlong) are simply not found."""
    return 1 <= len(value) <= max_length and value.isprintable()


async def _approval(repo: ApprovalRepository, approval_id: str) -> Approval:
    approval = await repo.get(approval_id) if plausible_id(approval_id) else None
    if approval is None:
        raise _not_found(approval_id)
    return approval


async def may_answer(session: AsyncSession, principal: Principal, approval: Approval) -> bool:
    """Admins and owners answer anything; others only as assignee or group member."""
    if principal.role in (Role.OWNER, Role.ADMIN):
        return True
    if principal.user_id in approval.assignees:
        return True
    if approval.group_id is None:
        return False
    return await ApprovalRepository(session, principal.org_id).in_group(
        approval.group_id, principal.user_id
    )


async def _check_may_answer(
    session: AsyncSession, principal: Principal, approval: Approval
) -> None:
    if not await may_answer(session, principal, approval):
        raise Forbidden("Only the approval's assignees, its group's members or admins may answer.")


def _check_open(approval: Approval, now: datetime) -> None:
    if approval.status != "pending":
        raise _closed(approval)
    if approval.expires_at is not None and approval.expires_at <= now:
        raise Conflict(f"Approval {approval.id} timed out at {approval.expires_at.isoformat()}.")


def _check_arguments(approval: Approval, arguments: Any) -> None:
    if arguments is None or approval.payload_schema is None:
        return
    problems = engine_approvals.payload_problems(approval.payload_schema, arguments, "arguments")
    if problems:
        fields = ", ".join(dict.fromkeys(p["field"] for p in problems))
        raise ValidationFailed(
            f"The arguments do not match the approval's payload_schema: {fields}.",
            details=problems,
        )


async def _lock(
    session: AsyncSession, principal: Principal, approval: Approval
) -> tuple[Run | None, Approval]:
    """The run's lock, then the approval's, in that order; the row read afresh."""
    run = None
    if approval.run_id is not None:
        run = await lock_run(session, principal.org_id, approval.run_id)
    locked = await ApprovalRepository(session, principal.org_id).get_for_update(approval.id)
    if locked is None:
        raise _not_found(approval.id)
    return run, locked


async def _step_waiting(session: AsyncSession, run: Run | None, approval: Approval) -> bool:
    """Whether the approval's step still waits for it (other branches may be running)."""
    if run is None or approval.step_id is None or run.status in RUN_TERMINAL:
        return False
    step = await engine_repo.step(session, run.org_id, approval.step_id)
    return step is not None and step.status == "waiting"


async def _resume(
    session: AsyncSession, bus: Bus, run: Run, approval: Approval, data: dict[str, Any]
) -> None:
    assert approval.step_id is not None
    assert approval.node_id is not None
    await resume_step(
        session,
        bus,
        org_id=run.org_id,
        run_id=run.id,
        step_id=approval.step_id,
        node_id=approval.node_id,
        data=data,
    )


async def list_pending(
    session: AsyncSession, principal: Principal, wanted: PendingFilter, page: PageRequest
) -> Page[Approval]:
    repo = ApprovalRepository(session, principal.org_id)
    return await repo.paginate(repo.pending(wanted), page)


async def list_decided(
    session: AsyncSession,
    principal: Principal,
    wanted: PendingFilter,
    status: str | None,
    page: PageRequest,
) -> Page[Approval]:
    repo = ApprovalRepository(session, principal.org_id)
    # The statement orders by decision time; the id (newest first) breaks ties.
    return await repo.paginate(repo.decided(wanted, status), page)


async def get_approval(session: AsyncSession, principal: Principal, approval_id: str) -> Approval:
    return await _approval(ApprovalRepository(session, principal.org_id), approval_id)


async def respond(
    session: AsyncSession,
    bus: Bus,
    principal: Principal,
    approval_id: str,
    answer: ApprovalRespond,
) -> Approval:
    """Approve or deny; the waiting step takes the matching outcome.

    403 for someone who may not answer, 422 for ``arguments`` that break the
    ``payload_schema``, 409 once the approval was answered, cancelled or timed out.
    """
    repo = ApprovalRepository(session, principal.org_id)
    approval = await _approval(repo, approval_id)
    await _check_may_answer(session, principal, approval)
    _check_arguments(approval, answer.arguments)
    now = utcnow()
    _check_open(approval, now)  # a cheap refusal before taking any lock

    run, approval = await _lock(session, principal, approval)
    _check_open(approval, now)
    if approval.kind == "flow" and not await _step_waiting(session, run, approval):
        raise Conflict(f"The run of approval {approval.id} is no longer waiting for it.")
    status = _OUTCOMES[answer.decision]
    values: dict[str, Any] = {
        "status": status,
        "comment": answer.comment,
        "decided_by_id": principal.user_id,
        "decided_at": now,
    }
    if answer.arguments is not None:
        values["arguments"] = answer.arguments
    decided = await repo.decide(approval.id, values)
    if decided is None:  # another answer got there first
        raise _closed(approval)
    if run is not None:
        engine_approvals.resolved_event(session, run, decided, status)
        if decided.kind == "tool":
            await wake_turn(session, bus, org_id=run.org_id, run_id=run.id)
        elif decided.step_id is not None:
            name = await engine_approvals.user_name(session, run.org_id, principal.user_id)
            decided_by = {"id": principal.user_id, "name": name}
            output = engine_approvals.decision_output(decided, status, decided_by)
            await _resume(session, bus, run, decided, {"outcome": status, "output": output})
        await notify_appended(bus, session, run)
    return decided


async def cancel(session: AsyncSession, bus: Bus, principal: Principal, approval_id: str) -> None:
    """Withdraw the question: the waiting step fails with ``APPROVAL_CANCELLED``."""
    repo = ApprovalRepository(session, principal.org_id)
    approval = await _approval(repo, approval_id)
    await _check_may_answer(session, principal, approval)
    if approval.status != "pending":
        raise _closed(approval)
    run, approval = await _lock(session, principal, approval)
    now = utcnow()
    cancelled = await repo.decide(
        approval.id, {"status": "cancelled", "decided_by_id": principal.user_id, "decided_at": now}
    )
    if cancelled is None:
        raise _closed(approval)
    if run is not None:
        engine_approvals.resolved_event(session, run, cancelled, None)
        if cancelled.kind == "tool" and run.status == "waiting":
            await wake_turn(session, bus, org_id=run.org_id, run_id=run.id)
        elif await _step_waiting(session, run, cancelled):
            error = {
                "code": CANCELLED_CODE,
                "message": f"Approval {cancelled.id} was cancelled by {principal.user_id}.",
            }
            await _resume(session, bus, run, cancelled, {"error": error})
        await notify_appended(bus, session, run)


async def approve_run(
    session: AsyncSession, bus: Bus, principal: Principal, run_id: str, answer: ApprovalRespond
) -> Approval:
    """Answer the run's one pending approval (409 when it has none or several)."""
    run = (
        await engine_repo.get_run(session, principal.org_id, run_id)
        if plausible_id(run_id)
        else None
    )
    if run is None:
        raise NotFound(f"Run {run_id} not found.", code="RUN_NOT_FOUND")
    pending = await ApprovalRepository(session, principal.org_id).pending_of_run(run.id)
    if not pending:
        raise Conflict(f"Run {run_id} has no pending approval.")
    if len(pending) > 1:
        raise Conflict(
            f"Run {run_id} has several pending approvals; answer one with "
            "POST /api/v1/approvals/{id}/respond."
        )
    return await respond(session, bus, principal, pending[0].id, answer)


async def bulk_respond(
    session: AsyncSession, bus: Bus, principal: Principal, body: BulkRespond
) -> BulkRespondRead:
    """Answer each approval as ``respond`` would, each on its own; per-id results.

    Each answer runs in a savepoint, so a refused one changes nothing while the
    others stand. Runs are locked in id order, so two bulk calls cannot deadlock.
    """
    repo = ApprovalRepository(session, principal.org_id)
    run_of: dict[str, str] = {}
    for approval_id in body.ids:
        approval = await repo.get(approval_id)
        if approval is not None:
            run_of[approval_id] = approval.run_id or ""
    order = sorted(body.ids, key=lambda i: (run_of.get(i, ""), i))
    answer = ApprovalRespond(decision=body.decision, comment=body.comment)
    results: dict[str, BulkResult] = {}
    for approval_id in order:
        try:
            async with session.begin_nested():
                decided = await respond(session, bus, principal, approval_id, answer)
        except FlowlineError as exc:
            results[approval_id] = BulkResult(
                id=approval_id,
                ok=False,
                status_code=exc.status,
                status=None,
                error=exc.error_code,
                message=exc.message,
            )
        else:
            results[approval_id] = BulkResult(
                id=approval_id, ok=True, status_code=200, status=decided.status
            )
    ordered = [results[i] for i in body.ids]
    succeeded = sum(r.ok for r in ordered)
    return BulkRespondRead(results=ordered, succeeded=succeeded, failed=len(ordered) - succeeded)


def _counts(raw: dict[str, int]) -> StatusCounts:
    return StatusCounts.model_validate(raw)


def _rate(counts: StatusCounts) -> float | None:
    decided = counts.approved + counts.denied
    return None if decided == 0 else round(counts.approved / decided, 4)


async def tool_stats(session: AsyncSession, principal: Principal, tool_id: str) -> ToolStats:
    """Counts for one agent tool's approvals; 404 for a tool never asked about here."""
    repo = ApprovalRepository(session, principal.org_id)
    raw = await repo.counts(tool_id=tool_id) if plausible_id(tool_id, 200) else {}
    if not raw:
        raise NotFound(f"No approvals for tool {tool_id}.", code="TOOL_NOT_FOUND")
    counts = _counts(raw)
    return ToolStats(
        tool_id=tool_id,
        total=sum(raw.values()),
        by_status=counts,
        approval_rate=_rate(counts),
        mean_decision_seconds=await repo.mean_decision_seconds(tool_id=tool_id),
    )


async def dashboard(session: AsyncSession, principal: Principal) -> DashboardSummary:
    repo = ApprovalRepository(session, principal.org_id)
    raw = await repo.counts()
    counts = _counts(raw)
    return DashboardSummary(
        pending=counts.pending,
        overdue=await repo.overdue_count(utcnow()),
        total=sum(raw.values()),
        by_status=counts,
        oldest_pending_at=await repo.oldest_pending(),
        approval_rate=_rate(counts),
        mean_decision_seconds=await repo.mean_decision_seconds(),
    )


async def cleanup_expired(session: AsyncSession, bus: Bus, principal: Principal) -> CleanupRead:
    """Expire pending approvals past ``expires_at`` whose timer has not fired yet.

    Each waiting step takes its node's ``on_timeout`` outcome, as the timer
    would have; a timer that fires later finds nothing pending and does nothing.
    """
    repo = ApprovalRepository(session, principal.org_id)
    now = utcnow()
    expired: list[str] = []
    locked: dict[str, Run | None] = {}
    touched: list[Run] = []
    for approval_id, run_id in await repo.overdue(now, MAX_SWEEP):  # in run id order
        run = None
        if run_id is not None:
            if run_id not in locked:
                locked[run_id] = await lock_run(session, principal.org_id, run_id)
            run = locked[run_id]
        approval = await repo.expire_due(approval_id, now)
        if approval is None:
            continue
        expired.append(approval.id)
        if run is None:
            continue
        engine_approvals.resolved_event(session, run, approval, approval.on_timeout)
        if await _step_waiting(session, run, approval):
            output = engine_approvals.decision_output(approval, approval.on_timeout, None)
            await _resume(
                session, bus, run, approval, {"outcome": approval.on_timeout, "output": output}
            )
        if run not in touched:
            touched.append(run)
    for run in touched:
        await notify_appended(bus, session, run)
    return CleanupRead(expired=len(expired), approval_ids=expired)
