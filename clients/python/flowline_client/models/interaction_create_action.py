from enum import StrEnum


class InteractionCreateAction(StrEnum):
    COPIED = "copied"
    DISMISSED = "dismissed"
    DOWNLOADED = "downloaded"
    EDITED = "edited"
    FEEDBACK = "feedback"
    SENT = "sent"
    SHARED = "shared"
    VIEWED = "viewed"

    def __str__(self) -> str:
        return str(self.value)
