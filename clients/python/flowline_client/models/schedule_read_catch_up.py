from enum import StrEnum


class ScheduleReadCatchUp(StrEnum):
    ALL = "all"
    LAST = "last"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
