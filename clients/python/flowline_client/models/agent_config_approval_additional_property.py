from enum import StrEnum


class AgentConfigApprovalAdditionalProperty(StrEnum):
    ALWAYS = "always"
    MUTATING = "mutating"
    NEVER = "never"

    def __str__(self) -> str:
        return str(self.value)
