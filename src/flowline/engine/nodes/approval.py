"""``approval``: asks a person or a group, and waits for the answer.

``execute`` writes the pending ``approvals`` row in the engine's transaction
(so the question exists exactly when the step is waiting) and parks the step
until ``timeout_seconds``. The answer comes through ``approvals/service.py``,
which queues it with ``signals.resume_step``; the default ``on_resume`` takes
its outcome and output. ``on_timer`` handles the time-out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flowline.channels.approval_notices import notify
from flowline.db.models import Approval
from flowline.engine import approvals
from flowline.engine.nodes.base import (
    JsonSchema,
    Name,
    NodeConfig,
    NodeType,
    Outcome,
    StepFailed,
    Text,
)
from flowline.engine.redact import SecretMask
from flowline.errors import FlowlineError
from flowline.ids import new_id

if TYPE_CHECKING:
    from flowline.engine.context import NodeContext

MAX_TITLE = 500


class NotifyTarget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel_id: Name = Field(description="A channel (templates allowed).")
    to: Text = Field(description="The approver's address on it (templates allowed).")


class ApprovalConfig(NodeConfig):
    title: Text
    description: Text | None = Field(default=None, description="More for the approver to read.")
    assignees: list[Name] = Field(default_factory=list, max_length=100, description="User ids.")
    group: Name | None = Field(default=None, description="A group id (or the group's name).")
    payload: Any = Field(default=None, description="Shown to the approver, who may edit it.")
    payload_schema: JsonSchema | None = Field(
        default=None, description="Edited `arguments` must match this JSON Schema."
    )
    on_timeout: Literal["expired", "approved", "denied"] = Field(
        default="expired", description="The outcome once `timeout_seconds` pass unanswered."
    )
    notify: list[NotifyTarget] = Field(
        default_factory=list,
        max_length=20,
        description=(
            "People to ask where they are: each gets the request on the channel, with Approve "
            "and Deny buttons where the kind has them, else a reply code (`YES 4821`). Their "
            "contact must be linked to an approver (`metadata.user_id`) for the answer to count."
        ),
    )

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not self.assignees and self.group is None:
            raise ValueError("name `assignees` or a `group`")
        if self.payload_schema is not None and (
            problem := approvals.schema_problem(self.payload_schema)
        ):
            raise ValueError(f"`payload_schema` is not a usable JSON Schema: {problem}")
        return self


async def ask_where_people_are(
    ctx: NodeContext, approval: Approval, targets: list[NotifyTarget], field: str
) -> None:
    """Send the approval's request to each rendered target on its channel (the step fails
    with the send's error when one cannot go out)."""
    if not targets:
        return
    rendered = [
        (_text(ctx, t.channel_id, f"{field}.channel_id"), _text(ctx, t.to, f"{field}.to"))
        for t in targets
    ]
    try:
        await notify(ctx.db, ctx.runtime, approval, rendered)
    except FlowlineError as exc:
        raise StepFailed(exc.error_code, exc.message, retryable=False) from None


def _text(ctx: NodeContext, template: str, field: str, limit: int | None = None) -> str:
    value = ctx.render(template)
    text = value if isinstance(value, str) else str(value)
    if not text.strip():
        raise StepFailed("APPROVAL_INVALID", f"`{field}` rendered empty.", retryable=False)
    return text[:limit] if limit else text


async def _assignees(ctx: NodeContext, config: ApprovalConfig) -> list[str]:
    """The rendered user ids; every one must be a user of the organisation."""
    ids = list(dict.fromkeys(_text(ctx, a, "assignees") for a in config.assignees))
    unknown = set(ids) - await approvals.known_users(ctx.db, ctx.run.org_id, ids)
    if unknown:
        raise StepFailed(
            "APPROVAL_ASSIGNEE_NOT_FOUND",
            f"Not users of this organisation: {', '.join(sorted(unknown)[:10])}.",
            retryable=False,
        )
    return ids


async def _group(ctx: NodeContext, config: ApprovalConfig) -> str | None:
    if config.group is None:
        return None
    ref = _text(ctx, config.group, "group")
    group_id = await approvals.resolve_group(ctx.db, ctx.run.org_id, ref)
    if group_id is None:
        raise StepFailed(
            "APPROVAL_GROUP_NOT_FOUND", f"No group {ref!r} in this organisation.", retryable=False
        )
    return group_id


async def execute(ctx: NodeContext, config: ApprovalConfig) -> Outcome:
    """Write the pending approval, announce it, and wait (until the time-out, if any)."""
    # The row is stored and shown: values that came from secrets are masked, as in steps.
    secrets = ctx.values.get("secrets")
    mask = SecretMask(secrets.values()) if isinstance(secrets, dict) and secrets else None

    def shown(value: Any) -> Any:
        return value if mask is None else mask.data(value)

    expires_at = None
    if config.timeout_seconds is not None:
        expires_at = ctx.now + timedelta(seconds=config.timeout_seconds)
    approval = await approvals.create(
        ctx.db,
        Approval(
            id=new_id("apr"),
            org_id=ctx.run.org_id,
            kind="flow",
            run_id=ctx.run.id,
            step_id=ctx.step.id,
            node_id=ctx.node.id,
            flow_id=ctx.run.flow_id,
            title=shown(_text(ctx, config.title, "title", MAX_TITLE)),
            description=None
            if config.description is None
            else shown(str(ctx.render(config.description))),
            assignees=await _assignees(ctx, config),
            group_id=await _group(ctx, config),
            payload=shown(ctx.render(config.payload)),
            payload_schema=config.payload_schema,
            status="pending",
            on_timeout=config.on_timeout,
            expires_at=expires_at,
            created_at=ctx.now,
        ),
    )
    approvals.requested_event(ctx.db, ctx.run, approval)
    await ask_where_people_are(ctx, approval, config.notify, "notify")
    return Outcome.wait(
        output={"approval_id": approval.id, "status": "pending"}, wake_at=expires_at
    )


async def on_timer(ctx: NodeContext, config: ApprovalConfig) -> Outcome | None:
    """The time-out passed: expire the approval unless an answer got there first."""
    approval = await approvals.expire_step(ctx.db, ctx.run.org_id, ctx.step.id, ctx.now)
    if approval is None:
        return None
    approvals.resolved_event(ctx.db, ctx.run, approval, approval.on_timeout)
    return Outcome(
        label=approval.on_timeout,
        output=approvals.decision_output(approval, approval.on_timeout, None),
    )


NODE = NodeType(
    name="approval",
    config=ApprovalConfig,
    outcomes=("approved", "denied", "expired"),
    description="Asks `assignees` or a `group` to approve `payload`; waits for the decision.",
    pauses=True,
    execute=execute,
    on_timer=on_timer,
)
