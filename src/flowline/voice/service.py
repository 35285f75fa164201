"""Vapi's server-URL messages: ``status-update`` (the call's live state),
``transcript`` (final lines appended), ``end-of-call-report`` (summary, whole
transcript, cost; lands in the caller's conversation and may start a flow). Other
message types are acknowledged and ignored.

The webhook is authenticated by the ``X-Vapi-Secret`` header: its SHA-256 names the
organisation (``voice_configs``); an unknown or missing secret is 401.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.conversations import service as conversations
from flowline.conversations.schemas import MessageCreate
from flowline.db.models import Call, VoiceConfig
from flowline.db.types import utcnow
from flowline.engine.start import FlowNotRunnable, start_run
from flowline.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from flowline.events.bus import Bus
from flowline.ids import new_id
from flowline.voice.repository import CallRepository, VoiceConfigRepository, config_by_secret_hash
from flowline.voice.schemas import VoiceConfigSet

HANDLED = ("status-update", "transcript", "end-of-call-report")
MAX_LINES = 2000


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def set_config(
    session: AsyncSession, principal: Principal, data: VoiceConfigSet
) -> VoiceConfig:
    repo = VoiceConfigRepository(session, principal.org_id)
    row = await repo.current()
    if row is None:
        now = utcnow()
        row = VoiceConfig(org_id=principal.org_id, created_at=now, updated_at=now)
        session.add(row)
    row.secret_hash, row.flow_id, row.updated_at = digest(data.secret), data.flow_id, utcnow()
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict(
            "That secret is another organisation's; choose another.",
            details=[{"field": "secret", "problem": "already used"}],
        ) from None
    return row


async def organisation_of(session: AsyncSession, secret: str | None) -> VoiceConfig:
    if not secret:
        raise Unauthorized("X-Vapi-Secret is missing.", code="INVALID_SIGNATURE")
    found = await config_by_secret_hash(session, digest(secret))
    if found is None or not hmac.compare_digest(found.secret_hash, digest(secret)):
        raise Unauthorized("X-Vapi-Secret is not known.", code="INVALID_SIGNATURE")
    return found


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _call_fields(message: dict[str, Any]) -> tuple[str, str | None]:
    call = _dict(message.get("call"))
    call_id = call.get("id")
    if not isinstance(call_id, str) or not 1 <= len(call_id) <= 200:
        raise ValidationFailed("is required: the Vapi call's id", field="message.call.id")
    customer = _dict(call.get("customer") or message.get("customer"))
    phone = customer.get("number")
    return call_id, str(phone)[:40] if phone else None


async def _call(repo: CallRepository, vapi_id: str, phone: str | None) -> Call:
    call = await repo.by_vapi_id(vapi_id, lock=True)
    if call is None:
        now = utcnow()
        call = repo.add(
            Call(
                id=new_id("call"),
                vapi_call_id=vapi_id,
                phone=phone,
                status="queued",
                transcript=[],
                created_at=now,
                updated_at=now,
            )
        )
        await session_flush(repo)
    elif phone and not call.phone:
        call.phone = phone
    return call


async def session_flush(repo: CallRepository) -> None:
    await repo.session.flush()


async def receive(
    session: AsyncSession, bus: Bus, config: VoiceConfig, body: Any
) -> tuple[str, Call | None]:
    """Apply one webhook message; the type handled and the call."""
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ValidationFailed("must be an object with a type", field="message")
    kind = message["type"]
    if kind not in HANDLED:
        return kind, None
    vapi_id, phone = _call_fields(message)
    repo = CallRepository(session, config.org_id)
    call = await _call(repo, vapi_id, phone)
    if kind == "status-update":
        call.status = str(message.get("status") or call.status)[:32]
        call.ended_reason = message.get("endedReason") or call.ended_reason
    elif kind == "transcript":
        _transcript_line(call, message)
    else:
        await _end_of_call(session, bus, config, repo, call, message)
    call.updated_at = utcnow()
    await session.flush()
    return kind, call


def _transcript_line(call: Call, message: dict[str, Any]) -> None:
    """Final lines only (partial ones are superseded by the final)."""
    if message.get("transcriptType", "final") != "final" or len(call.transcript) >= MAX_LINES:
        return
    line = {
        "role": str(message.get("role") or "user"),
        "text": str(message.get("transcript") or ""),
    }
    call.transcript = [*call.transcript, line]
    if call.status in ("queued", "ringing"):
        call.status = "in-progress"


def _report_lines(message: dict[str, Any]) -> list[dict[str, Any]]:
    artifact = _dict(message.get("artifact"))
    lines = []
    for each in (artifact.get("messages") or message.get("messages") or [])[:MAX_LINES]:
        if isinstance(each, dict) and each.get("role") in ("user", "bot", "assistant"):
            role = "assistant" if each["role"] == "bot" else each["role"]
            lines.append({"role": role, "text": str(each.get("message") or "")})
    return lines


async def _end_of_call(
    session: AsyncSession,
    bus: Bus,
    config: VoiceConfig,
    repo: CallRepository,
    call: Call,
    message: dict[str, Any],
) -> None:
    """The report, once: a duplicate (Vapi may send one) changes nothing more."""
    if call.status == "ended" and call.ended_at is not None and call.summary is not None:
        return
    analysis = _dict(message.get("analysis"))
    call.summary = str(message.get("summary") or analysis.get("summary") or "")
    call.ended_reason = message.get("endedReason") or call.ended_reason
    cost = message.get("cost")
    call.cost = float(cost) if isinstance(cost, int | float) else call.cost
    call.transcript = _report_lines(message) or call.transcript
    call.status, call.ended_at = "ended", utcnow()
    await _land(session, repo, call)
    if config.flow_id is not None:
        await _start_flow(session, bus, config, call)


async def _land(session: AsyncSession, repo: CallRepository, call: Call) -> None:
    """The report as a system message of the caller's conversation (a new one for an
    unknown number)."""
    principal = Principal(org_id=call.org_id, user_id="", role=Role.MEMBER)
    conversation_id = await repo.contact_conversation(call.phone) if call.phone else None
    if conversation_id is None:
        made = conversations.new_conversation(
            None, principal, f"Call with {call.phone or 'unknown'}"
        )
        made.created_by_id = None
        made.org_id = call.org_id
        session.add(made)
        await session.flush()
        conversation_id = made.id
    lines = "\n".join(f"{line['role']}: {line['text']}" for line in call.transcript)
    text = f"Call {call.vapi_call_id} ended ({call.ended_reason or 'ended'}).\n\n"
    text += f"Summary: {call.summary or '(none)'}\n\nTranscript:\n{lines or '(none)'}"
    note = MessageCreate(role="system", content=text[:200_000])
    # A chat turn holding the conversation refuses it (409); the call keeps the report.
    with contextlib.suppress(Conflict):
        await conversations.add_message(session, principal, conversation_id, note)
    call.conversation_id = conversation_id


async def _start_flow(session: AsyncSession, bus: Bus, config: VoiceConfig, call: Call) -> None:
    payload = {
        "id": call.id,
        "vapi_call_id": call.vapi_call_id,
        "phone": call.phone,
        "summary": call.summary,
        "ended_reason": call.ended_reason,
        "transcript": call.transcript,
        "conversation_id": call.conversation_id,
    }
    try:
        started = await start_run(
            session,
            bus,
            org_id=config.org_id,
            flow_id=str(config.flow_id),
            input={"call": payload},
            trigger="vapi",
            idempotency_key=f"vapi-call:{call.id}",
        )
    except (FlowNotRunnable, NotFound):
        return
    call.run_id = started.run.id


async def get_call(session: AsyncSession, principal: Principal, vapi_call_id: str) -> Call:
    call = await CallRepository(session, principal.org_id).by_vapi_id(vapi_call_id)
    if call is None:
        raise NotFound(f"Call {vapi_call_id} not found.", code="CALL_NOT_FOUND")
    return call


async def by_phone(session: AsyncSession, principal: Principal, phone: str) -> Call:
    call = await CallRepository(session, principal.org_id).active_by_phone(phone)
    if call is None:
        raise NotFound(f"No active call with {phone}.", code="CALL_NOT_FOUND")
    return call
