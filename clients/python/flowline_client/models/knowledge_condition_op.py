from enum import StrEnum


class KnowledgeConditionOp(StrEnum):
    CONTAINS = "contains"
    EQ = "eq"
    GT = "gt"
    IN = "in"
    LT = "lt"
    NE = "ne"

    def __str__(self) -> str:
        return str(self.value)
