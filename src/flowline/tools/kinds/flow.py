"""``flow``: a call starts a run of a flow with the arguments as its input, and waits.

The flow is named by id or by name (a name keeps working when the flow is
replaced by another of that name). The call's ``Idempotency-Key`` is the run's
``idempotency_key``, so a call made again (a resumed turn) finds the first run
instead of starting a second. The result is ``{run_id, status, output}`` once
the run succeeded; a failed or cancelled run, or one still going after
``timeout_seconds``, is a failure told to the model with the run's id.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import Flow
from flowline.engine import repository as engine_repo
from flowline.engine.definitions import load_definition
from flowline.engine.input_schema import input_problems
from flowline.engine.start import Started, start_run
from flowline.engine.waiting import MAX_WAIT_SECONDS, start_and_wait
from flowline.errors import MissingReference
from flowline.tools.kinds.base import ToolContext, ToolDef, ToolFailed, ToolKind, ToolPolicy

DEFAULT_TIMEOUT_SECONDS = 60.0
MAX_RUN_KEY = 255
"""The longest ``idempotency_key`` a run keeps."""


class FlowToolConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    flow: str = Field(min_length=1, max_length=200, description="The flow's id or name.")
    timeout_seconds: float = Field(
        default=DEFAULT_TIMEOUT_SECONDS,
        gt=0,
        le=MAX_WAIT_SECONDS,
        description="How long a call waits for the run to end.",
    )


async def find_flow(session: AsyncSession, org_id: str, ref: str) -> Flow | None:
    """The flow with this id, else the one with this name."""
    flow = await engine_repo.runnable_flow(session, org_id, ref)
    return flow or await engine_repo.flow_named(session, org_id, ref)


async def input_schema(session: AsyncSession, flow: Flow) -> dict[str, Any] | None:
    """The start node's ``input_schema`` of the flow's current version, if it has one."""
    if flow.current_version_id is None:
        return None
    definition = await load_definition(session, flow.org_id, flow.current_version_id)
    schema = getattr(definition.nodes[definition.start_id].config, "input_schema", None)
    return schema if isinstance(schema, dict) else None


class FlowKind(ToolKind):
    name: ClassVar[str] = "flow"
    config_model: ClassVar[type[BaseModel]] = FlowToolConfig
    default_policy: ClassVar[ToolPolicy] = "never"
    # A flow's own http_request nodes ask for confirmation as their config says.

    def describe(self, config: BaseModel) -> str:
        return f"Runs the flow {cast(FlowToolConfig, config).flow!r} and returns its output."

    async def prepare(
        self, session: AsyncSession, org_id: str, agent_id: str, config: BaseModel
    ) -> dict[str, Any] | None:
        ref = cast(FlowToolConfig, config).flow
        flow = await find_flow(session, org_id, ref)
        if flow is None:
            raise MissingReference(f"No flow {ref!r} (by id or name).", field="config.flow")
        return await input_schema(session, flow)

    async def run(
        self, ctx: ToolContext, tool: ToolDef, arguments: dict[str, Any], idempotency_key: str
    ) -> Any:
        config = cast(FlowToolConfig, tool.config)
        org_id = ctx.principal.org_id

        async def start(session: AsyncSession) -> Started:
            flow = await find_flow(session, org_id, config.flow)
            if flow is None:
                raise ToolFailed(f"no flow {config.flow!r}")
            schema = await input_schema(session, flow)
            problems = input_problems(schema, arguments) if schema is not None else []
            if problems:
                raise ToolFailed(
                    "the arguments do not match the flow's input_schema",
                    data={"problems": problems},
                )
            return await start_run(
                session,
                ctx.runtime.bus,
                org_id=org_id,
                flow_id=flow.id,
                input=arguments,
                trigger="agent",
                created_by_id=ctx.principal.user_id,
                idempotency_key=idempotency_key[:MAX_RUN_KEY],
                flow=flow,
            )

        started, run = await start_and_wait(ctx.runtime, start, config.timeout_seconds)
        run_id = started.run.id
        if run is None:
            raise ToolFailed(f"the run {run_id} is gone", data={"run_id": run_id})
        facts = {"run_id": run.id, "status": run.status}
        if run.status == "succeeded":
            return {**facts, "output": run.output}
        if run.status in ("failed", "cancelled"):
            reason = (run.error or {}).get("message") or run.status
            data = {**facts, "error": run.error}
            raise ToolFailed(f"the run {run.id} {run.status}: {reason}", data=data)
        raise ToolFailed(
            f"the run {run.id} has not ended after {config.timeout_seconds:g} s", data=facts
        )


KIND = FlowKind()
