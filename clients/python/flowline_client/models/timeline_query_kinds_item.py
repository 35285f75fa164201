from enum import StrEnum


class TimelineQueryKindsItem(StrEnum):
    APPROVAL = "approval"
    ARTIFACT = "artifact"
    CONVERSATION = "conversation"
    EMAIL = "email"
    MESSAGE = "message"
    RUN = "run"

    def __str__(self) -> str:
        return str(self.value)
