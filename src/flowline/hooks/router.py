from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Query, Request, Response

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, ErrorBody, envelope
from flowline.api.responses import JSONResponse
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.engine.transitions import RUN_TERMINAL
from flowline.hooks import service
from flowline.hooks.schemas import MAX_WAIT_SECONDS, HookAccepted, HookCreated, HookFinished

router = make_router("/api/v1/hooks", "Hooks")
flow_hooks_router = make_router("/api/v1/flows", "Flows")
FlowsWrite = Annotated[Principal, require("flows:write")]

_BODY: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "description": (
            "JSON becomes the run input as sent; other UTF-8 text becomes "
            '`{"body": text, "content_type": type}`; an empty body is `{}`.'
        ),
        "content": {
            "application/json": {"schema": {}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/{token}",
    status_code=202,
    response_model=Envelope[HookAccepted],
    summary="Start a run through a flow's hook",
    description=(
        "Public: the token in the path is the credential, no API key is needed. Starts a run "
        "of the token's flow with trigger `webhook` and the request body as input, and "
        "answers 202 with the run id. `Idempotency-Key` makes a repeat answer the same run. "
        "With `wait_seconds` (0 to 300) the answer waits for the run: if it ends in time, "
        "200 with its status, `output` and `error` (a failed run is still a 200: the hook "
        "call itself worked); otherwise 202 as usual. When the run reaches a `respond` node "
        "first, the answer is that node's status, headers and body, at once, while the run "
        "goes on. A flow with a `respond` node waits 30 s when `wait_seconds` is not given. "
        "An unknown or removed token answers 404; an inactive or draft flow 409; a body "
        "that is neither JSON nor UTF-8 text 415."
    ),
    responses={
        200: {
            "model": Envelope[HookFinished],
            "description": (
                "The run ended in time; or, when it reached a `respond` node, that node's "
                "answer (any status it names, its headers and body)."
            ),
        },
        415: {"model": ErrorBody, "description": "Unsupported Media Type"},
    },
    openapi_extra=_BODY,
)
async def call_hook(
    token: str,
    request: Request,
    runtime: RuntimeDep,
    wait_seconds: Annotated[
        int | None,
        Query(
            ge=0,
            le=MAX_WAIT_SECONDS,
            description=(
                "Wait up to this long (0 to 300 s) for the run to end or reach a `respond` "
                "node (0: answer at once). Default: 30 when the flow has a `respond` node, "
                "else 0."
            ),
        ),
    ] = None,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="A repeat with the same key (per flow) answers the first run.",
            json_schema_extra={"pattern": service.KEY_PATTERN.pattern},
        ),
    ] = None,
) -> Any:
    key = service.check_key(idempotency_key)
    body = await request.body()
    # Committed before any waiting, so that a worker can take the run at once.
    async with runtime.db.session(write=True) as session:
        triggered = await service.trigger(
            session,
            runtime,
            token,
            service.hook_input(body, request.headers.get("content-type")),
            key,
            wait_seconds,
        )
    run, answer, wait_seconds = triggered.run, triggered.answer, triggered.wait_seconds
    if answer is None and wait_seconds and (run.status not in RUN_TERMINAL or triggered.responds):
        waited, answer = await service.wait_for_answer(
            runtime, run.org_id, run.id, wait_seconds, responds=triggered.responds
        )
        if waited is not None:
            run = waited
    if answer is not None:
        return Response(
            answer.body,
            status_code=answer.status,
            headers=answer.headers,
            media_type=answer.media_type,
        )
    if wait_seconds and run.status in RUN_TERMINAL:
        finished = HookFinished(
            run_id=run.id,
            status=run.status,
            output=run.output if run.status == "succeeded" else None,
            error=run.error,
        )
        return JSONResponse(envelope(finished).model_dump(mode="json"), status_code=200)
    return envelope(HookAccepted(run_id=run.id, status=run.status))


@flow_hooks_router.post(
    "/{flow_id}/hook",
    status_code=201,
    summary="Create or rotate a flow's hook",
    description=(
        "Gives the flow a new hook token and answers it with the path to POST to. The token "
        "is shown this once (only its hash is stored); an earlier token stops working at once."
    ),
)
async def create_hook(
    flow_id: str, session: SessionDep, principal: FlowsWrite
) -> Envelope[HookCreated]:
    hook = await service.create_hook(session, principal, flow_id)
    return envelope(HookCreated(flow_id=hook.flow_id, token=hook.token, path=hook.path))


@flow_hooks_router.delete(
    "/{flow_id}/hook",
    status_code=204,
    summary="Remove a flow's hook",
    description="Its URL answers 404 from now on. 404 when the flow has no hook.",
)
async def delete_hook(flow_id: str, session: SessionDep, principal: FlowsWrite) -> Response:
    await service.delete_hook(session, principal, flow_id)
    return Response(status_code=204)
