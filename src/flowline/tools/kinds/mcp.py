"""``mcp``: one tool of an MCP server the organisation registered (``/mcp-servers``).

The call goes through the official ``mcp`` SDK's client over Streamable HTTP,
its HTTP under the outbound rules (``mcp_servers/client.py``): network policy,
the server's credential sent only to the hosts it is bound to. The server's
``allowed_tools`` are checked at definition and again at every call (a tool
taken off the list stops working at once).

Approval: the kind's default is ``mutating``, and a call mutates unless the
server marked the tool read-only (``readOnlyHint``, kept as ``read_only`` when
the tool was imported); ``always`` and ``never`` apply as for any tool.

The result the model sees: ``{content: [text, ...], structured?}``; a result the
server flags ``isError`` is the call's error, with its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.errors import Conflict, MissingReference
from flowline.mcp_servers import client
from flowline.mcp_servers.repository import McpServerRepository, allows
from flowline.secrets import service as secrets
from flowline.tools.kinds.base import ToolContext, ToolDef, ToolFailed, ToolKind, ToolPolicy

if TYPE_CHECKING:
    import mcp_types

MAX_RESULT_CHARS = 100_000


class McpToolConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    server: str = Field(min_length=1, max_length=64, description="The MCP server's name or id.")
    tool: str = Field(min_length=1, max_length=128, description="The tool's name on the server.")
    read_only: bool = Field(
        default=False,
        description="The server marks the tool read-only: `mutating` then never asks.",
    )


def _content(result: mcp_types.CallToolResult) -> list[Any]:
    import mcp_types  # loaded with the first MCP call, not at start-up

    parts: list[Any] = []
    for item in result.content:
        if isinstance(item, mcp_types.TextContent):
            parts.append(item.text[:MAX_RESULT_CHARS])
        else:
            parts.append({"type": item.type, "note": "not text; not shown"})
    return parts


class McpKind(ToolKind):
    name: ClassVar[str] = "mcp"
    config_model: ClassVar[type[BaseModel]] = McpToolConfig
    default_policy: ClassVar[ToolPolicy] = "mutating"

    def describe(self, config: BaseModel) -> str:
        mcp = cast(McpToolConfig, config)
        return f"Calls {mcp.tool} on the MCP server {mcp.server}."

    async def prepare(
        self, session: AsyncSession, org_id: str, agent_id: str, config: BaseModel
    ) -> dict[str, Any] | None:
        mcp = cast(McpToolConfig, config)
        server = await McpServerRepository(session, org_id).by_ref(mcp.server)
        if server is None:
            raise MissingReference(f"No MCP server named {mcp.server!r}.", field="config.server")
        if not allows(server, mcp.tool):
            problem = f"{mcp.tool!r} is not among the allowed tools of {server.name!r}."
            raise Conflict(
                problem,
                code="MCP_TOOL_NOT_ALLOWED",
                details=[{"field": "config.tool", "problem": problem}],
            )
        return None

    def mutates(self, tool: ToolDef, arguments: dict[str, Any]) -> bool:
        return not cast(McpToolConfig, tool.config).read_only

    def preview(self, tool: ToolDef, arguments: dict[str, Any]) -> dict[str, Any]:
        mcp = cast(McpToolConfig, tool.config)
        return {"mcp_server": mcp.server, "tool": mcp.tool, "arguments": arguments}

    async def run(
        self, ctx: ToolContext, tool: ToolDef, arguments: dict[str, Any], idempotency_key: str
    ) -> Any:
        mcp = cast(McpToolConfig, tool.config)
        org_id = ctx.principal.org_id
        async with ctx.runtime.db.session() as session:
            server = await McpServerRepository(session, org_id).by_ref(mcp.server)
            if server is None:
                raise ToolFailed(f"the MCP server {mcp.server!r} no longer exists")
            if not allows(server, mcp.tool):
                raise ToolFailed(f"{mcp.tool!r} is no longer allowed on {server.name!r}")
            credential = None
            if server.credential is not None:
                box = ctx.runtime.secret_box
                credential = await secrets.credential(session, org_id, server.credential, box)
                if credential is None:
                    raise ToolFailed(f"no secret named {server.credential!r} to send")
            session.expunge(server)
        result = await client.call_tool(ctx.runtime, server, credential, mcp.tool, arguments)
        shown: dict[str, Any] = {"content": _content(result)}
        if result.structured_content is not None:
            shown["structured"] = result.structured_content
        if result.is_error:
            text = " ".join(p for p in shown["content"] if isinstance(p, str))
            raise ToolFailed(text[:2000] or f"{mcp.tool} failed", data=shown)
        return shown


KIND = McpKind()
