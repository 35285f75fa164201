from enum import StrEnum


class AvailableToolSource(StrEnum):
    BUILTIN = "builtin"
    PARENT = "parent"

    def __str__(self) -> str:
        return str(self.value)
