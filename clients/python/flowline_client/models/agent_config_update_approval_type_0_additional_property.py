from enum import StrEnum


class AgentConfigUpdateApprovalType0AdditionalProperty(StrEnum):
    ALWAYS = "always"
    MUTATING = "mutating"
    NEVER = "never"

    def __str__(self) -> str:
        return str(self.value)
