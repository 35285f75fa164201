from enum import StrEnum


class LlmFormatReadView(StrEnum):
    FULL = "full"
    MODEL = "model"

    def __str__(self) -> str:
        return str(self.value)
