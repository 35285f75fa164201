from enum import StrEnum


class MarkerReadType(StrEnum):
    APPROVAL = "approval"
    QUESTION = "question"
    SUMMARY = "summary"
    TURN = "turn"

    def __str__(self) -> str:
        return str(self.value)
