"""The node types a definition may use, by ``node_type``.

Adding one is a module here and a line in ``_ALL``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from flowline.engine.nodes import (
    agent,
    approval,
    condition,
    delay,
    end,
    http_request,
    kv,
    llm,
    respond,
    send,
    start,
    subflow,
    switch,
    wait_for_message,
)
from flowline.engine.nodes import set as set_node
from flowline.engine.nodes.base import NodeConfig, NodeType

__all__ = ["NODE_TYPES", "NodeConfig", "NodeType"]

_ALL = (
    start.NODE,
    end.NODE,
    http_request.NODE,
    condition.NODE,
    switch.NODE,
    set_node.NODE,
    kv.GET,
    kv.SET,
    kv.DELETE,
    delay.NODE,
    approval.NODE,
    wait_for_message.NODE,
    send.TEXT,
    send.TEMPLATE,
    llm.NODE,
    agent.NODE,
    subflow.SUBFLOW,
    subflow.FOREACH,
    respond.NODE,
)

NODE_TYPES: Mapping[str, NodeType] = MappingProxyType({t.name: t for t in _ALL})
