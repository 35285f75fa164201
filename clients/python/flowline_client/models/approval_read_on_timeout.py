from enum import StrEnum


class ApprovalReadOnTimeout(StrEnum):
    APPROVED = "approved"
    DENIED = "denied"
    EXPIRED = "expired"

    def __str__(self) -> str:
        return str(self.value)
