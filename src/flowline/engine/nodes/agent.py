"""``agent``: runs an agent on a prompt."""

from __future__ import annotations

from flowline.engine.nodes.base import Name, NodeConfig, NodeType, Text


class AgentConfig(NodeConfig):
    agent_id: Name
    prompt: Text


NODE = NodeType("agent", AgentConfig, ("next", "error"), "Runs an agent and returns its answer.")
