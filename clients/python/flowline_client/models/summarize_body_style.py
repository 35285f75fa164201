from enum import StrEnum


class SummarizeBodyStyle(StrEnum):
    BULLETS = "bullets"
    PARAGRAPH = "paragraph"

    def __str__(self) -> str:
        return str(self.value)
