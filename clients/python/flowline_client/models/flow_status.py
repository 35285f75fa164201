from enum import StrEnum


class FlowStatus(StrEnum):
    ACTIVE = "active"
    DRAFT = "draft"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
