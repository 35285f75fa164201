"""What a ``wait_for_message`` node's ``match`` sees: the message and contact it is asked
about, and its run's ``input``, ``vars``, ``steps`` and ``run`` as the run's other
expressions see them (``engine/templates.py``).

Secrets are left out: a match runs in the routing task, outside the run, and a person's
message must not be able to probe them through an expression's answer.
"""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.engine import repository as engine_repo
from flowline.engine.templates import RunInfo, build_context, is_true
from flowline.errors import ExpressionError

log = structlog.get_logger("flowline.channels")


async def match_values(
    session: AsyncSession, org_id: str, run_id: str, payload: dict[str, Any]
) -> dict[str, Any]:
    """The waiting run's template values with ``message`` and ``contact`` added."""
    run = await engine_repo.get_run(session, org_id, run_id)
    if run is None:
        return dict(payload)
    steps: dict[str, dict[str, Any]] = {}
    for step in await engine_repo.steps_of_run(session, org_id, run_id):
        succeeded = step.status == "succeeded"
        earlier = steps.get(step.node_id, {}).get("output")
        steps[step.node_id] = {
            "output": step.output if succeeded else earlier,
            "status": step.status,
            "error": step.error,
        }
    values = build_context(
        input=run.input,
        steps=steps,
        vars=run.vars,
        run=RunInfo(
            id=run.id,
            flow_id=run.flow_id or "",
            started_at=run.started_at or run.created_at,
            trigger=run.trigger,
        ),
    )
    return {**values, **payload}


async def matches(
    session: AsyncSession,
    org_id: str,
    run_id: str,
    node_id: str,
    expression: str,
    payload: dict[str, Any],
) -> bool:
    """Whether the wait's ``match`` holds; an expression that fails does not match."""
    values = await match_values(session, org_id, run_id, payload)
    try:
        return is_true(expression, values, node_id=node_id)
    except ExpressionError as exc:
        log.info("wait_match_failed", node_id=node_id, problem=exc.reason)
        return False
