from enum import StrEnum


class LlmConfigUpdateModeType0(StrEnum):
    BYOK = "byok"
    PLATFORM = "platform"

    def __str__(self) -> str:
        return str(self.value)
