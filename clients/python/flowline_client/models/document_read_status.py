from enum import StrEnum


class DocumentReadStatus(StrEnum):
    FAILED = "failed"
    INDEXING = "indexing"
    QUEUED = "queued"
    READY = "ready"

    def __str__(self) -> str:
        return str(self.value)
