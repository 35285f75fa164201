from enum import StrEnum


class RecallBodyMode(StrEnum):
    HYBRID = "hybrid"
    KEYWORD = "keyword"
    VECTOR = "vector"

    def __str__(self) -> str:
        return str(self.value)
