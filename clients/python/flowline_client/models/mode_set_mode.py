from enum import StrEnum


class ModeSetMode(StrEnum):
    BYOK = "byok"
    PLATFORM = "platform"

    def __str__(self) -> str:
        return str(self.value)
