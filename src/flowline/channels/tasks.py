"""The engine task kinds of the channels domain, registered where the runtime is built
(``process.build_runtime``): a message's provider call, an inbound message's routing, an
agent turn's answer sent back, and a delivery status that came before its send's commit."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from flowline.channels.agent_turns import REPLY_TASK, reply
from flowline.channels.inbound import ROUTE_TASK, route, route_many
from flowline.channels.sending import SEND_TASK, deliver, deliver_many
from flowline.channels.statuses import STATUS_TASK, apply_late
from flowline.engine.live import BatchHandler, Handler

HANDLERS: Mapping[str, Handler] = MappingProxyType(
    {SEND_TASK: deliver, ROUTE_TASK: route, REPLY_TASK: reply, STATUS_TASK: apply_late}
)
BATCH_HANDLERS: Mapping[str, BatchHandler] = MappingProxyType(
    {SEND_TASK: deliver_many, ROUTE_TASK: route_many}
)
"""Of those, the kinds whose tasks claimed together run together: routings in one
transaction, sends' provider calls at once and their results in one transaction."""
