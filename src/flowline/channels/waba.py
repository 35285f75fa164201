"""``POST agents/{id}/waba`` (seed 004): a WhatsApp template sent through the agent's channel.

An agent's WhatsApp channel is the ``whatsapp`` channel whose ``on_message`` names the
agent: the number the agent answers on is the one it writes from (the oldest active one
if several do). The template goes out through the one durable send (202, queued, the
provider called by the engine) and, like every send, is written into the contact's
conversation (as the agent's message), so that the agent's next turn with that person sees
what it sent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.agents.service import not_found as agent_not_found
from flowline.auth.principal import Principal
from flowline.channels import context as chan
from flowline.channels.repository import ChannelRepository, ContactRepository
from flowline.channels.schemas import WabaSend
from flowline.channels.sending import Outgoing, send
from flowline.db.models import Channel, ChannelMessage
from flowline.db.types import utcnow
from flowline.errors import NotFound
from flowline.runtime import Runtime


class NoWhatsAppConnection(NotFound):
    code = "WHATSAPP_CONNECTION_NOT_FOUND"


async def whatsapp_of_agent(session: AsyncSession, org_id: str, agent_id: str) -> Channel:
    """The agent's WhatsApp channel, or 404 ``WHATSAPP_CONNECTION_NOT_FOUND``."""
    repo = ChannelRepository(session, org_id)
    if not await repo.agent_exists(agent_id):
        raise agent_not_found(agent_id)
    mine = [
        c
        for c in await repo.of_kind("whatsapp")
        if (c.on_message or {}).get("agent_id") == agent_id
    ]
    if not mine:
        raise NoWhatsAppConnection(
            "No WhatsApp connection found for this agent: give a whatsapp channel "
            f'on_message {{"agent_id": "{agent_id}"}}.'
        )
    active = [c for c in mine if c.status == "active"]
    return (active or mine)[0]


async def send_waba(
    session: AsyncSession, runtime: Runtime, principal: Principal, agent_id: str, body: WabaSend
) -> ChannelMessage:
    """Queue the template on the agent's channel (``send`` writes it into the contact's
    conversation); name the contact."""
    channel = await whatsapp_of_agent(session, principal.org_id, agent_id)
    # Checked here too, so that a bad number is named by this body's field.
    to = chan.normalise(
        chan.provider_of(channel.kind),
        channel.config,
        body.recipient_phone_number,
        "recipient_phone_number",
    )
    content: dict[str, Any] = {
        "template": body.template_name,
        "language": body.language,
        "components": body.parameters,
    }
    message = await send(
        session,
        runtime,
        principal.org_id,
        channel.id,
        Outgoing(to, "template", content),
    )
    contact = await ContactRepository(session, principal.org_id).lock(message.contact_id)
    assert contact is not None
    if body.customer_name and body.customer_name.strip() != contact.name:
        contact.name = body.customer_name.strip()
        contact.version += 1
        contact.updated_at = utcnow()
    await session.flush()
    return message
