from enum import StrEnum


class SettingsReadScope(StrEnum):
    ORGANIZATION = "organization"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
