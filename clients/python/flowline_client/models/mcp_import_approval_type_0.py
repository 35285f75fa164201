from enum import StrEnum


class McpImportApprovalType0(StrEnum):
    ALWAYS = "always"
    MUTATING = "mutating"
    NEVER = "never"

    def __str__(self) -> str:
        return str(self.value)
