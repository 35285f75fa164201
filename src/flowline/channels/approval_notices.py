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
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.approvals import service as approvals
from flowline.approvals.repository import ApprovalRepository
from flowline.approvals.schemas import ApprovalRespond
from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.channels import context as chan
from flowline.channels.repository import ChannelRepository, NoticeRepository
from flowline.channels.sending import Outgoing, send, text_to
from flowline.db.models import Approval, ApprovalNotice, Channel, ChannelMessage, Contact
from flowline.errors import Conflict, FlowlineError, Forbidden, NotFound
from flowline.ids import new_id
from flowline.runtime import Runtime

BUTTON = re.compile(r"^apr:(?P<id>[A-Za-z0-9_]{1,40}):(?P<decision>approve|deny)$")
REPLY = re.compile(r"^\s*(?P<word>YES|NO|Y|N|APPROVE|DENY)\s+(?P<code>\d{4})\s*$", re.IGNORECASE)
MAX_TEXT = 1000


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
        text = request_text(approval)
        if chan.provider_of(channel.kind).supports_buttons:
            buttons = [
                {"id": button_id(approval.id, "approve"), "title": "Approve"},
                {"id": button_id(approval.id, "deny"), "title": "Deny"},
            ]
            outgoing = Outgoing(to, "interactive", {"text": text, "buttons": buttons})
        else:
            reply = f"\n\nReply YES {code} to approve or NO {code} to deny."
            outgoing = Outgoing(to, "text", {"text": text + reply})
        message = await send(session, runtime, approval.org_id, channel.id, outgoing)
        session.add(
            ApprovalNotice(
                id=new_id("apn"),
                org_id=approval.org_id,
                approval_id=approval.id,
                channel_id=channel.id,
                contact_id=message.contact_id,
                code=code,
            )
        )
    await session.flush()


def _parsed(body: dict[str, Any]) -> tuple[str | None, str | None, str] | None:
    """``(approval id, reply code, decision)`` of a message that looks like an answer."""
    button = body.get("button_id")
    if isinstance(button, str) and (found := BUTTON.match(button)):
        return found["id"], None, found["decision"]
    text = body.get("text")
    if isinstance(text, str) and (found := REPLY.match(text)):
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
    parsed = _parsed(message.body or {})
    if parsed is None:
        return False
    approval_id, code, decision = parsed
    notices = NoticeRepository(session, channel.org_id)
    notice = await notices.asked(contact.id, approval_id, code)
    if notice is None:
        return False  # not an answer to anything asked of this person: routed as usual
    user = await notices.linked_user(contact)
    approver = (
        None
        if user is None
        else Principal(org_id=user.org_id, user_id=user.id, role=Role(user.role), via="channel")
    )
    outcome: str
    if approver is None:
        outcome = "refused"
        reply = "This address is not linked to a user who may answer approvals."
    else:
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
            outcome, reply = "refused", "You may not answer this approval."
        except (Conflict, NotFound):
            current = await ApprovalRepository(session, channel.org_id).get(notice.approval_id)
            status = current.status if current is not None else "gone"
            outcome, reply = "already_decided", f"Already decided: the approval is {status}."
        else:
            outcome, reply = decided.status, f"Thanks: {decided.status}."
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
