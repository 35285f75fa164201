from enum import StrEnum


class ToolReadKind(StrEnum):
    AGENT = "agent"
    BUILTIN = "builtin"
    FLOW = "flow"
    HTTP = "http"
    MCP = "mcp"

    def __str__(self) -> str:
        return str(self.value)
