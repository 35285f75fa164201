from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Header, Query

from flowline.api.deps import CurrentPrincipal, RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.models import Call
from flowline.voice import service
from flowline.voice.schemas import (
    CallRead,
    TranscriptLine,
    VoiceConfigRead,
    VoiceConfigSet,
    WebhookAnswer,
)

webhook_router = make_router("/api/vapi", "Voice")
calls_router = make_router("/api/calls", "Voice")
config_router = make_router("/api/v1/voice", "Voice")
Admin = Annotated[Principal, require("admin")]


def call_read(call: Call) -> CallRead:
    return CallRead(
        id=call.id,
        vapi_call_id=call.vapi_call_id,
        phone=call.phone,
        status=call.status,
        transcript=[TranscriptLine.model_validate(line) for line in call.transcript],
        summary=call.summary,
        ended_reason=call.ended_reason,
        cost=call.cost,
        conversation_id=call.conversation_id,
        run_id=call.run_id,
        ended_at=call.ended_at,
        created_at=call.created_at,
        updated_at=call.updated_at,
    )


@config_router.put(
    "/config",
    summary="Set the Vapi webhook secret and end-of-call flow",
    description=(
        "The secret Vapi sends as `X-Vapi-Secret` to `POST /api/vapi/webhook` (stored as its "
        "SHA-256; another organisation's is 409) and the flow each end-of-call report starts. "
        "Needs `admin`."
    ),
)
async def set_config(
    body: VoiceConfigSet, session: SessionDep, principal: Admin
) -> Envelope[VoiceConfigRead]:
    row = await service.set_config(session, principal, body)
    return envelope(VoiceConfigRead(configured=True, flow_id=row.flow_id))


@webhook_router.post(
    "/webhook",
    summary="Vapi webhook receiver",
    description=(
        'Vapi\'s server-URL messages `{"message": {"type", "call": {"id", '
        '"customer": {"number"}}, …}}`: `status-update` (the call\'s `status`, '
        "`endedReason`), `transcript` (final lines appended; partial ones ignored), "
        "`end-of-call-report` (`summary` or `analysis.summary`, `artifact.messages`, `cost`, "
        "`endedReason`: the report lands as a system message in the conversation of the "
        "organisation's contact with that number, or a new conversation, and starts the "
        "configured flow once). Other types are acknowledged. Authenticated by `X-Vapi-Secret` "
        "(401 `INVALID_SIGNATURE` when missing or unknown); a message without `call.id` is 422."
    ),
    openapi_extra={"security": []},
)
async def webhook(
    session: SessionDep,
    runtime: RuntimeDep,
    body: Annotated[dict[str, Any], Body()],
    x_vapi_secret: Annotated[str | None, Header(alias="X-Vapi-Secret", max_length=500)] = None,
) -> Envelope[WebhookAnswer]:
    config = await service.organisation_of(session, x_vapi_secret)
    kind, call = await service.receive(session, runtime.bus, config, body)
    data = {"status": call.status} if call is not None else {}
    return envelope(WebhookAnswer(received=kind, call_id=call.id if call else None, data=data))


@calls_router.get(
    "/lookup/by-phone",
    summary="Look up the active call of a phone number",
    description="The newest call with that number that has not ended; 404 `CALL_NOT_FOUND`.",
)
async def by_phone(
    session: SessionDep,
    principal: CurrentPrincipal,
    phone: Annotated[str, Query(min_length=3, max_length=40, description="E.164, `+1555…`.")],
) -> Envelope[CallRead]:
    return envelope(call_read(await service.by_phone(session, principal, phone)))


@calls_router.get(
    "/{vapi_call_id}",
    summary="Get a call's live state",
    description="Status, transcript so far, and once ended its summary and where it landed.",
)
async def get_call(
    vapi_call_id: str, session: SessionDep, principal: CurrentPrincipal
) -> Envelope[CallRead]:
    return envelope(call_read(await service.get_call(session, principal, vapi_call_id)))
