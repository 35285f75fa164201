from enum import StrEnum


class AgentConfigReadApprovalAdditionalProperty(StrEnum):
    ALWAYS = "always"
    MUTATING = "mutating"
    NEVER = "never"

    def __str__(self) -> str:
        return str(self.value)
