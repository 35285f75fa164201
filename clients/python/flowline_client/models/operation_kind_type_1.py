from enum import StrEnum


class OperationKindType1(StrEnum):
    AGENT = "agent"
    FLOW = "flow"

    def __str__(self) -> str:
        return str(self.value)
