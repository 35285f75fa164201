from enum import StrEnum


class ScheduleUpdateCatchUpType0(StrEnum):
    ALL = "all"
    LAST = "last"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
