from enum import StrEnum


class ListHistoryStatus(StrEnum):
    APPROVED = "approved"
    CANCELLED = "cancelled"
    DENIED = "denied"
    EXPIRED = "expired"

    def __str__(self) -> str:
        return str(self.value)
