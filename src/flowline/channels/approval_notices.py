"""Approvals where people are: an approval's request sent on channels, and answered there.

An ``approval`` node may name ``notify: [{"channel_id", "to"}]``. Each target
gets the request through the one durable send: with *Approve* / *Deny* answer
buttons on kinds that have them (WhatsApp interactive buttons, Slack blocks,
Telegram's inline keyboard, the sandbox), else as text with a reply code
(``YES 4821`` / ``NO 4821``, four digits drawn per target). An
``approval_notices`` row remembers whom it was sent to and the code.

An inbound message that answers a notice (a button whose id is
``apr:<approval id>:<approve|deny>``, or ``YES``/``NO`` and the code) is taken
before any other routing. Its provider's signature was checked on the way in;
the sender must be the contact the notice went to, and that contact must be
linked to a user (``metadata.user_id``, set with ``PATCH contacts/{id}``) who
may answer the approval (an assignee, a member of its group, or an admin). The
answer then goes through the approvals service as that user, so one answer
wins; anyone answering later is told, on their channel, that it was already
decided.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.approvals import service as approvals
from flowline.approvals.repository import ApprovalRepository
from flowline.approvals.schemas import ApprovalRespond
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.channels import context as chan
from flowline.channels.repository import (
    ChannelRepository,
    ContactRepository,
    NoticeRepository,
    notice_for_link,
)
from flowline.channels.sending import Outgoing, send, text_to
from flowline.db.models import Approval, ApprovalNotice, Channel, ChannelMessage, Contact
from flowline.db.types import utcnow
from flowline.errors import Conflict, FlowlineError, Forbidden, NotFound
from flowline.ids import new_id
from flowline.runtime import Runtime

BUTTON = re.compile(r"^apr:(?P<id>[A-Za-z0-9_]{1,40}):(?P<decision>approve|deny)$")
REPLY = re.compile(r"^\s*(?P<word>YES|NO|Y|N|APPROVE|DENY)\s+(?P<code>\d{4})\s*$", re.IGNORECASE)
MAX_TEXT = 1000


DECISIONS = ("approve", "deny")
LINK_PATH = "/api/v1/approval-links/{token}"
LINK_DAYS = 7
"""How long a link lasts when the approval itself has no time-out."""


def link_token(runtime: Runtime, notice_id: str, decision: str, expires: datetime) -> str:
    """A link's token: the notice, the decision and the expiry, sealed with the instance's
    secret key (Fernet: authenticated, so it cannot be altered or made up)."""
    payload = {"n": notice_id, "d": decision, "e": int(expires.timestamp())}
    return runtime.secret_box.encrypt(orjson.dumps(payload).decode())


def link_url(runtime: Runtime, notice_id: str, decision: str, expires: datetime | None) -> str:
    until = expires or utcnow() + timedelta(days=LINK_DAYS)
    path = LINK_PATH.format(token=link_token(runtime, notice_id, decision, until))
    base = runtime.settings.public_url
    return f"{base.rstrip('/')}{path}" if base else path


class LinkRefused(FlowlineError):
    status = 401
    code = "INVALID_LINK"


@dataclass(frozen=True, slots=True)
class LinkAnswer:
    approval: Approval
    decision: str
    outcome: str
    """``approved``/``denied`` (this answer decided), ``already_decided`` or ``refused``."""
    message: str


def _opened(runtime: Runtime, token: str) -> tuple[str, str]:
    """The notice id and decision a token carries; 401 ``INVALID_LINK`` when it is not one
    of ours, was altered, or has expired."""
    try:
        payload = orjson.loads(runtime.secret_box.decrypt(token))
        notice_id, decision, expires = str(payload["n"]), str(payload["d"]), int(payload["e"])
    except (ValueError, KeyError, TypeError, orjson.JSONDecodeError):
        raise LinkRefused("This approval link is not valid.") from None
    if decision not in DECISIONS:
        raise LinkRefused("This approval link is not valid.")
    if expires < utcnow().timestamp():
        raise LinkRefused("This approval link has expired.", code="LINK_EXPIRED")
    return notice_id, decision


async def link_notice(
    session: AsyncSession, runtime: Runtime, token: str
) -> tuple[ApprovalNotice, Approval, str]:
    """What a link asks (its notice, approval and decision), without deciding anything."""
    notice_id, decision = _opened(runtime, token)
    notice = await notice_for_link(session, notice_id)
    approval = (
        await ApprovalRepository(session, notice.org_id).get(notice.approval_id)
        if notice is not None
        else None
    )
    if notice is None or approval is None:
        raise LinkRefused("This approval no longer exists.", code="LINK_GONE")
    return notice, approval, decision


async def answer_link(session: AsyncSession, runtime: Runtime, token: str) -> LinkAnswer:
    """Decide as the link's contact's linked user: the same checks as a reply."""
    notice, approval, decision = await link_notice(session, runtime, token)
    contact = await ContactRepository(session, notice.org_id).get(notice.contact_id)
    assert contact is not None  # a notice goes with its contact (cascade)
    outcome, message = await _decide(session, runtime, contact, notice, decision)
    return LinkAnswer(approval, decision, outcome, message)


def button_id(approval_id: str, decision: str) -> str:
    return f"apr:{approval_id}:{decision}"


def request_text(approval: Approval) -> str:
    text = f"Approval needed: {approval.title}"
    if approval.description:
        text += f"\n{approval.description}"
    return text[:MAX_TEXT]


async def notify(
    session: AsyncSession, runtime: Runtime, approval: Approval, targets: list[tuple[str, str]]
) -> None:
    """Send the approval's request to each ``(channel_id, to)``, in the caller's transaction.

    Raises the send's ``FlowlineError`` (unknown channel, bad address, opted out…)."""
    for channel_id, to in targets:
        channel = await ChannelRepository(session, approval.org_id).get(channel_id)
        if channel is None:
            raise chan.channel_not_found(channel_id)
        code = f"{secrets.randbelow(10_000):04d}"
        notice_id = new_id("apn")
        text = request_text(approval)
        if chan.provider_of(channel.kind).supports_buttons:
            buttons = [
                {"id": button_id(approval.id, "approve"), "title": "Approve"},
                {"id": button_id(approval.id, "deny"), "title": "Deny"},
            ]
            outgoing = Outgoing(to, "interactive", {"text": text, "buttons": buttons})
        else:
            links = {d: link_url(runtime, notice_id, d, approval.expires_at) for d in DECISIONS}
            reply = (
                f"\n\nReply YES {code} to approve or NO {code} to deny, or open a link:"
                f"\nApprove: {links['approve']}\nDeny: {links['deny']}"
            )
            outgoing = Outgoing(to, "text", {"text": text + reply})
        message = await send(session, runtime, approval.org_id, channel.id, outgoing)
        session.add(
            ApprovalNotice(
                id=notice_id,
                org_id=approval.org_id,
                approval_id=approval.id,
                channel_id=channel.id,
                contact_id=message.contact_id,
                code=code,
            )
        )
    await session.flush()


def parsed_answer(body: dict[str, Any]) -> tuple[str | None, str | None, str] | None:
    """``(approval id, reply code, decision)`` of a message that looks like an answer."""
    button = body.get("button_id")
    if isinstance(button, str) and (found := BUTTON.match(button)):
        return found["id"], None, found["decision"]
    text = body.get("text")
    # The first line only: an email reply quotes the request below the answer.
    first = (
        next((line for line in text.splitlines() if line.strip()), "")
        if isinstance(text, str)
        else ""
    )
    if found := REPLY.match(first):
        word = found["word"].upper()
        return None, found["code"], "approve" if word in ("YES", "Y", "APPROVE") else "deny"
    return None


async def answer(
    session: AsyncSession,
    runtime: Runtime,
    channel: Channel,
    contact: Contact,
    message: ChannelMessage,
) -> bool:
    """Take an inbound answer to an approval's request; ``False`` when it is none."""
    parsed = parsed_answer(message.body or {})
    if parsed is None:
        return False
    approval_id, code, decision = parsed
    notices = NoticeRepository(session, channel.org_id)
    notice = await notices.asked(contact.id, approval_id, code)
    if notice is None:
        return False  # not an answer to anything asked of this person: routed as usual
    outcome, reply = await _decide(session, runtime, contact, notice, decision)
    await chan.routed(
        session,
        runtime,
        channel,
        message,
        to="approval",
        approval_id=notice.approval_id,
        decision=decision,
        outcome=outcome,
    )
    # The answer stands whether or not the person can be told (opted out meanwhile…).
    with contextlib.suppress(FlowlineError):
        await text_to(session, runtime, contact, reply)
    return True


async def _decide(
    session: AsyncSession,
    runtime: Runtime,
    contact: Contact,
    notice: ApprovalNotice,
    decision: str,
) -> tuple[str, str]:
    """Answer the notice's approval as the contact's linked user, through the approvals
    service: ``(outcome, what the person is told)``."""
    user = await NoticeRepository(session, contact.org_id).linked_user(contact)
    if user is None:
        return "refused", "This address is not linked to a user who may answer approvals."
    approver = Principal(org_id=user.org_id, user_id=user.id, role=Role(user.role), via="channel")
    try:
        async with session.begin_nested():
            decided = await approvals.respond(
                session,
                runtime.bus,
                approver,
                notice.approval_id,
                ApprovalRespond.model_validate({"decision": decision}),
            )
    except Forbidden:
        return "refused", "You may not answer this approval."
    except (Conflict, NotFound):
        current = await ApprovalRepository(session, contact.org_id).get(notice.approval_id)
        status = current.status if current is not None else "gone"
        return "already_decided", f"Already decided: the approval is {status}."
    return decided.status, f"Thanks: {decided.status}."
