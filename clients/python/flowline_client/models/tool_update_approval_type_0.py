from enum import StrEnum


class ToolUpdateApprovalType0(StrEnum):
    ALWAYS = "always"
    MUTATING = "mutating"
    NEVER = "never"

    def __str__(self) -> str:
        return str(self.value)
