"""The tool kinds, by name. Adding a kind is one module and one line here."""

from __future__ import annotations

from collections.abc import Mapping

from flowline.tools.kinds import agent, builtin, flow, http, mcp
from flowline.tools.kinds.base import ToolKind

KINDS: Mapping[str, ToolKind] = {
    kind.name: kind for kind in (builtin.KIND, http.KIND, flow.KIND, agent.KIND, mcp.KIND)
}
