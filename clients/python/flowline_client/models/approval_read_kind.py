from enum import StrEnum


class ApprovalReadKind(StrEnum):
    FLOW = "flow"
    TOOL = "tool"

    def __str__(self) -> str:
        return str(self.value)
