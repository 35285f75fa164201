from enum import StrEnum


class LlmFormatView(StrEnum):
    FULL = "full"
    MODEL = "model"

    def __str__(self) -> str:
        return str(self.value)
