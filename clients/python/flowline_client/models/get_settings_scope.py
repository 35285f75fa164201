from enum import StrEnum


class GetSettingsScope(StrEnum):
    ORGANIZATION = "organization"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
