from enum import StrEnum


class PatchSettingsPatchNotificationsType1DigestType1(StrEnum):
    DAILY = "daily"
    OFF = "off"
    WEEKLY = "weekly"

    def __str__(self) -> str:
        return str(self.value)
