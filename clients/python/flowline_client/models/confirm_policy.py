from enum import StrEnum


class ConfirmPolicy(StrEnum):
    ALWAYS = "always"
    NEVER = "never"
    WRITES = "writes"

    def __str__(self) -> str:
        return str(self.value)
