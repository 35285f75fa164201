from enum import StrEnum


class ArtifactCreateType(StrEnum):
    DOCUMENT = "document"
    EMAIL_DRAFT = "email_draft"
    MEETING = "meeting"
    TABLE = "table"
    TASK = "task"

    def __str__(self) -> str:
        return str(self.value)
