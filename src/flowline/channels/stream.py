"""Following a channel live: its stored events after a number, then new ones as they commit.

As ``runs/stream.py`` does, the stream subscribes before its first read and sends
only what it reads from ``channel_events``, so lost or repeated notifications change
nothing. A channel's events are numbered under its row lock, so they commit in
order and "after n" never skips one. It looks again every few seconds untold, and
ends when the channel is deleted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from flowline.channels.context import stream_channel
from flowline.channels.repository import ChannelRepository
from flowline.channels.schemas import ChannelEventRead
from flowline.db.session import Database
from flowline.events.bus import Bus, Lagged

BATCH = 100
LOOK_AGAIN_SECONDS = 5.0


async def follow_channel(
    db: Database, bus: Bus, org_id: str, channel_id: str, after_seq: int
) -> AsyncIterator[ChannelEventRead]:
    """The channel's events numbered above ``after_seq``, then new ones."""
    last = after_seq
    async with bus.subscribe(stream_channel(channel_id)) as subscription:
        while True:
            async with db.session() as session:
                repo = ChannelRepository(session, org_id)
                events = await repo.events_after(channel_id, last, BATCH)
                gone = not events and await repo.get(channel_id) is None
            if gone:
                return
            for event in events:
                yield ChannelEventRead.model_validate(event)
                last = event.seq
            if len(events) == BATCH:
                continue
            try:
                await asyncio.wait_for(anext(subscription), LOOK_AGAIN_SECONDS)
            except (Lagged, TimeoutError):
                pass
            except StopAsyncIteration:
                return
